"""`articlelint server` as a command: the extra it needs, shutdown and exit, and a CLI
start-up that never pays for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID

pytest.importorskip("pygls", reason="the server extra is not installed")

SERVER = [sys.executable, "-m", "articlelint", "server"]
PATIENCE = 30


# ---------------------------------------------------------------------- lifecycle


def lsp_message(payload: str) -> bytes:
    body = payload.encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


INITIALIZE = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
SHUTDOWN = '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
EXIT = '{"jsonrpc":"2.0","method":"exit"}'


@pytest.mark.parametrize(
    ("messages", "status"),
    [([INITIALIZE, SHUTDOWN, EXIT], 0), ([INITIALIZE, EXIT], 1), ([INITIALIZE], 1)],
    ids=["shutdown-then-exit", "exit-without-shutdown", "stdin-closed"],
)
def test_shutdown_and_exit_are_honoured(tmp_path: Path, messages: list[str], status: int) -> None:
    run = subprocess.run(
        SERVER,
        input=b"".join(lsp_message(m) for m in messages),
        capture_output=True,
        cwd=tmp_path,
        timeout=PATIENCE,
        check=False,
    )
    assert run.returncode == status, run.stderr.decode()
    assert b'"id": 1' in run.stdout
    assert b'"capabilities"' in run.stdout
    if SHUTDOWN in messages:
        assert b'"id": 2, "jsonrpc": "2.0", "result": null' in run.stdout
    assert b"Traceback" not in run.stderr


def test_without_the_extra_the_command_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['pygls'] = None  # as if it were not installed\n"
        "from articlelint.cli import main\n"
        "sys.exit(main(['server']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith(
        "articlelint: error: `articlelint server` needs the language-server extra (pygls and "
        "lsprotocol); install it with: python -m pip install 'articlelint[server]'"
    )


def test_the_cli_start_up_imports_nothing_of_the_server(tmp_path: Path) -> None:
    from tests.test_startup import clean_env

    (tmp_path / "a.md").write_text(VALID, encoding="utf-8")
    code = (
        "import sys\n"
        "from articlelint.cli import main\n"
        "status = main(['--no-cache', 'a.md'])\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'cattrs', 'attrs') or m.startswith('articlelint.server')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-S", "-c", code],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines()[-1] == "0 []"
    help_text = subprocess.run(
        [sys.executable, "-m", "articlelint", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "`articlelint server` runs the language server" in " ".join(help_text.split())
