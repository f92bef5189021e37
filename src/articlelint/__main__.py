"""``python -m articlelint`` and the ``articlelint`` command (:func:`run`)."""

from __future__ import annotations

import gc


def run() -> int:
    """Run the command line with ``sys.argv``; the exit status.

    Start-up (the modules, the rule registry, the configuration) makes only objects that
    live until exit, yet they are enough to trigger some thirty collections of the
    cyclic garbage collector, which find nothing: about 3 ms of a 50 ms one-file run. So
    start-up runs with the collector off; the CLI freezes what it built and turns the
    collector back on before it reads any record (and at once for the long-running
    language server)."""
    gc.disable()
    try:
        from articlelint.cli import main

        return main()
    finally:
        gc.enable()


if __name__ == "__main__":
    raise SystemExit(run())
