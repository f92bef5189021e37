"""`--fix -` and `--diff -`: the fixed record goes to stdout, the report to stderr."""

from __future__ import annotations

import io

import pytest

from articlelint.cli import main
from tests.conftest import VALID, replace_line

UNTRIMMED = replace_line(
    VALID,
    'title: "Microsoft restricts facial recognition tech"',
    'title: " Microsoft restricts facial recognition tech"',
)


def run(monkeypatch: pytest.MonkeyPatch, data: bytes, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = io.StringIO()
    return main([*args, "-"], stdout=out), out.getvalue()


def test_fix_stdin_writes_the_fixed_record(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(monkeypatch, UNTRIMMED.replace("\n", "\r\n").encode(), "--fix")
    assert (code, out) == (0, VALID.replace("\n", "\r\n"))
    assert capsys.readouterr().err == "All checks passed: 1 file checked, no problems.\n"


def test_diff_stdin_prints_the_diff_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(monkeypatch, UNTRIMMED.encode(), "--diff", "--stdin-filename", "a.md")
    assert code == 1
    assert out == (
        "--- a.md\n+++ a.md\n@@ -1,6 +1,6 @@\n ---\n category: news\n"
        '-title: " Microsoft restricts facial recognition tech"\n'
        '+title: "Microsoft restricts facial recognition tech"\n'
        ' excerpt: "Microsoft is retiring some face analysis features."\n'
        " publishedDateTime: 2022-06-22T08:27:00Z\n"
        ' originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"\n'
    )
    assert run(monkeypatch, VALID.encode(), "--diff")[0] == 0


def test_fix_stdin_that_is_not_utf8_is_echoed_and_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b'---\ntitle: "Caf\xe9"\n---\n'
    stdout, stderr = io.BytesIO(), io.StringIO()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(stdout))
    monkeypatch.setattr("sys.stderr", stderr)
    assert main(["--fix", "-"]) == 1
    assert stdout.getvalue() == data
    assert stderr.getvalue().startswith("<stdin>:2:12: AL001 not valid UTF-8")
