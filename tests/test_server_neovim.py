"""A real editor as the client: headless Neovim (its built-in LSP client) starts
`articlelint server`, opens a record, waits for the diagnostics and writes down what the
server sent and where Neovim put each squiggle (tests/editors/neovim_diagnostics.lua)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytest.importorskip("pygls", reason="the server extra is not installed")

NVIM = shutil.which("nvim")
if NVIM is None:
    _WHY = "Neovim is not installed (Debian: apt-get install neovim)"
    if os.environ.get("ARTICLELINT_REQUIRE_NEOVIM"):  # .ci/run: it must run there
        raise RuntimeError(f"ARTICLELINT_REQUIRE_NEOVIM is set, but {_WHY}")
    pytest.skip(_WHY, allow_module_level=True)
SCRIPT = ROOT / "tests" / "editors" / "neovim_diagnostics.lua"
#: `python -P -m` (3.11+): the working directory (the workspace) is not on the import path.
SERVER = [
    sys.executable,
    *(["-P"] if sys.version_info >= (3, 11) else []),
    "-m",
    "articlelint",
    "server",
]


def run_neovim(tmp_path: Path, record: bytes) -> dict[str, object]:
    (tmp_path / "_config.yml").write_text("url: https://news.example.org\n", "utf-8")
    (tmp_path / "_news").mkdir()
    path = tmp_path / "_news" / "a.md"
    path.write_bytes(record)
    out = tmp_path / "out.json"
    home = tmp_path / "home"  # Neovim's own state and logs stay in the test's folder
    env = {
        **os.environ,
        "ARTICLELINT_OUT": str(out),
        "ARTICLELINT_FILE": str(path),
        "ARTICLELINT_ROOT": str(tmp_path),
        "ARTICLELINT_SERVER": json.dumps(SERVER),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE")},
    }
    assert NVIM is not None
    run = subprocess.run(
        [NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, object] = json.loads(out.read_text("utf-8"))
    assert "error" not in result, result
    return result


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_neovim_shows_each_diagnostic_under_its_value(tmp_path: Path, newline: str) -> None:
    from tests.test_server import EMOJI_RECORD

    result = run_neovim(tmp_path, EMOJI_RECORD.replace("\n", newline).encode("utf-8"))
    # What the server sent: UTF-16 ranges (Neovim's encoding), the URL after two emoji.
    assert result["sent"] == [
        {"code": "AL202", "source": "articlelint", "range": [25, 33, 25, 65]},
        {"code": "AL404", "source": "articlelint", "range": [26, 11, 26, 13]},
    ]
    # What Neovim made of them: byte columns in its buffer, exactly around the values.
    assert result["shown"] == [
        {
            "code": "AL202",
            "lnum": 25,
            "col": 37,
            "end_lnum": 25,
            "end_col": 69,
            "text": '"http://www.zdnet.com/article/x"',
        },
        {"code": "AL404", "lnum": 26, "col": 11, "end_lnum": 26, "end_col": 13, "text": "no"},
    ]
