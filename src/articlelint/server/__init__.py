"""``articlelint server``: a Language Server Protocol server over standard input/output.

Diagnostics as you type, quick fixes, ``--fix`` as one code action, suppression
comments, and each rule's ``--explain`` page on hover; see README "Language server".
It needs the ``server`` extra (pygls and lsprotocol): ``pip install 'articlelint[server]'``.
Nothing is imported here until the command runs, so the CLI's start-up does not change.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["INSTALL_HINT", "main"]

INSTALL_HINT = (
    "`articlelint server` needs the language-server extra (pygls and lsprotocol); "
    "install it with: python -m pip install 'articlelint[server]' "
    "(from a clone: python -m pip install '.[server]')"
)


def main(argv: Sequence[str] = ()) -> int:
    """Run the server until the client says ``exit``; 2 when it cannot run."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="articlelint server",
        description="Run the articlelint language server over standard input and output "
        "(for editors: diagnostics as you type, quick fixes, rule documentation on hover).",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk over standard input and output (the default and only transport; "
        "accepted because some editors pass it)",
    )
    try:
        parser.parse_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError as exc:
        print(f"articlelint: error: {INSTALL_HINT} ({exc})", file=sys.stderr)
        return 2
    from articlelint.server.app import serve

    return serve()
