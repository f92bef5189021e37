"""`articlelint server` as a command: the extra it needs, shutdown and exit, and a CLI
start-up that never pays for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest

from tests.conftest import VALID

pytest.importorskip("pygls", reason="the server extra is not installed")

#: `python -P -m` (3.11+): the working directory is not put on the import path.
SERVER = [
    sys.executable,
    *(["-P"] if sys.version_info >= (3, 11) else []),
    "-m",
    "articlelint",
    "server",
]
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


def read_message(stream: IO[bytes]) -> dict[str, Any]:
    length = 0
    while (header := stream.readline()) not in (b"\r\n", b""):
        if header.lower().startswith(b"content-length:"):
            length = int(header.split(b":")[1])
    message: dict[str, Any] = json.loads(stream.read(length))
    return message


def test_modules_planted_in_the_workspace_are_never_imported(tmp_path: Path) -> None:
    """The server moves into the workspace folder; an import it makes later (difflib, for
    a code action) must not find a module planted there, even when the import path holds
    the working directory (`''`, as for `python -c`)."""
    planted = tmp_path / "site"
    (planted / "_news").mkdir(parents=True)
    marker = tmp_path / "PLANTED-CODE-RAN"
    (planted / "difflib.py").write_text(f"open({str(marker)!r}, 'w').close()\n", "utf-8")
    record = planted / "_news" / "a.md"
    text = VALID.replace("published: true", "published: no")
    record.write_text(text, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import sys\nfrom articlelint.cli import main\nsys.exit(main(['server']))\n"
    assert (
        "difflib"
        not in subprocess.run(
            [sys.executable, "-c", "import sys, articlelint.server.app; print(*sys.modules)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )  # not imported at start: the import below happens in the folder
    server = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert server.stdin is not None
    assert server.stdout is not None

    def send(message: dict[str, Any]) -> None:
        assert server.stdin is not None
        server.stdin.write(lsp_message(json.dumps({"jsonrpc": "2.0", **message})))
        server.stdin.flush()

    def answer(wanted: int) -> dict[str, Any]:
        assert server.stdout is not None
        while (message := read_message(server.stdout)).get("id") != wanted:
            pass
        return message

    try:
        folder = [{"uri": planted.as_uri(), "name": "site"}]
        send(
            {
                "id": 1,
                "method": "initialize",
                "params": {"capabilities": {}, "workspaceFolders": folder},
            }
        )
        answer(1)
        send({"method": "initialized", "params": {}})
        document = {"uri": record.as_uri(), "languageId": "markdown", "version": 1, "text": text}
        send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        where = {"start": {"line": 10, "character": 11}, "end": {"line": 10, "character": 13}}
        params = {
            "textDocument": {"uri": record.as_uri()},
            "range": where,
            "context": {"diagnostics": []},
        }
        send({"id": 2, "method": "textDocument/codeAction", "params": params})
        titles = [action["title"] for action in answer(2)["result"]]
        assert titles[0] == "Write `false` (AL404)"
        send({"id": 3, "method": "shutdown"})
        answer(3)
        send({"method": "exit"})
        assert server.wait(timeout=PATIENCE) == 0
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate()
    assert not marker.exists()
