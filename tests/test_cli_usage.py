"""The command line as a new user meets it: pipes, mistyped paths, subcommands and their
--help, the flags ruff users reach for, and the smaller usage errors. End to end through
``main`` (or a real process where the operating system is part of it: pipes)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from articlelint.cli import EXIT_BROKEN_PIPE, main
from articlelint.rules import registry
from tests.conftest import ROOT, SEED, VALID, own_web_url, replace_line

HTTP = 'webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"'
HTTPS = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
TITLE = 'title: "Microsoft restricts facial recognition tech"'
#: One safe fix (AL601 on the title, line 3) and one unsafe one (AL202 on webUrl, line 7).
FIXABLE = replace_line(
    replace_line(VALID, TITLE, 'title: "Microsoft restricts facial recognition tech "'),
    HTTPS,
    HTTP,
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    command = args[0] if args and args[0] in ("rules", "schema") else None
    code = main(list(args) if command else ["--no-cache", *args], stdout=out)
    return code, out.getvalue()


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- pipes --------------------------------------------------------------------------


def closed_pipe_run(*args: str, cwd: Path = ROOT) -> tuple[int, str]:
    """Run ``python -m articlelint ARGS`` with standard output a pipe whose reading end is
    already closed (what `| head -1` leaves once head has its line): (status, stderr)."""
    read, write_end = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "articlelint", *args],
            cwd=cwd,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


@pytest.mark.parametrize(
    "args",
    [("rules",), ("--explain", "AL306"), ("schema",), ("--help",), ("--no-cache", "seeds/")],
    ids=["rules", "explain", "schema", "help", "report"],
)
def test_a_closed_pipe_ends_the_run_quietly(args: tuple[str, ...]) -> None:
    # argparse ignores a failed write of --help itself and exits 0; the rest is ours.
    expected = 0 if args == ("--help",) else EXIT_BROKEN_PIPE
    assert closed_pipe_run(*args) == (expected, "")


def test_a_big_report_into_head_prints_what_head_wants(tmp_path: Path) -> None:
    for i in range(60):
        write(
            tmp_path,
            f"r{i:02}.md",
            own_web_url(replace_line(VALID, "published: true", "published: false"), str(i)),
        )
    proc = subprocess.run(
        f"{sys.executable} -m articlelint --no-cache --format concise . | head -2",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [
        f"./r{i:02}.md:11:12: AL401 record has `published: false`, so the story will not be "
        "shown; set `published: true` when it is ready, or remove the record [published]"
        for i in range(2)
    ]


# --- paths ----------------------------------------------------------------------------


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, "_news/2022-06-22-a.md", VALID)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_mistyped_path_is_a_usage_error_with_a_suggestion(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (("_nwes/",), ("--exit-zero", "_nwes/")):
        assert run(*args) == (2, "")
        assert capsys.readouterr().err == (
            "articlelint: error: _nwes/: no such file or directory (did you mean `_news/`?)\n"
        )
    assert run("_news/2022-06-22-b.md", "_nwes/a.md", "elsewhere")[0] == 2
    assert capsys.readouterr().err == (
        "articlelint: error: _news/2022-06-22-b.md: no such file or directory "
        "(did you mean `_news/2022-06-22-a.md`?)\n"
        "articlelint: error: _nwes/a.md: no such file or directory "
        "(there is no `_nwes`; did you mean `_news`?)\n"
        "articlelint: error: elsewhere: no such file or directory\n"
    )
    # A broken symlink exists: it is a finding (AL001), not a usage error.
    os.symlink("nowhere.md", news / "_news" / "link.md")
    code, out = run("--format", "concise", "_news/link.md")
    assert (code, out) == (
        1,
        "_news/link.md:1:1: AL001 cannot read file: No such file or directory\n",
    )


def test_stdin_filename_without_a_dash_is_a_usage_error(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--stdin-filename", "story.md", "_news") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: --stdin-filename names the record read from standard input, but "
        "no path is `-`; add `-` to read it, or drop --stdin-filename\n"
    )


def test_a_cache_dir_that_is_a_file_is_a_usage_error(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (news / "cache").write_text("", "utf-8")
    assert main(["--cache-dir", "cache", "_news"], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "articlelint: error: --cache-dir cache: is a file, not a directory; name a folder for "
        "the cache (it is created if missing), or pass --no-cache\n"
    )
    (news / "pyproject.toml").write_text('[tool.articlelint]\ncache-dir = "cache"\n', "utf-8")
    assert main(["_news"], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        f"articlelint: error: cache-dir (from {news / 'pyproject.toml'}) {news / 'cache'}: is a "
        "file, not a directory; name a folder for the cache (it is created if missing), or "
        "pass --no-cache\n"
    )


def test_a_config_file_for_other_tools_only_says_so(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (news / "other.toml").write_text("[tool.other]\nline-length = 100\n", "utf-8")
    assert run("--config", "other.toml", "_news") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: other.toml: no [tool.articlelint] table (only [tool.other]); put "
        "articlelint's settings under [tool.articlelint], or at the top level of an "
        "`.articlelint.toml`-style file\n"
    )
    # A pyproject-style file under another name is read like a pyproject.toml.
    (news / "other.toml").write_text("[tool.other]\n[tool.articlelint]\nfail-on = 'x'\n", "utf-8")
    assert run("--config", "other.toml", "_news") == (2, "")
    assert "other.toml: `fail-on`: Input should be 'info', 'warning' or 'error'" in (
        capsys.readouterr().err
    )
    (news / "other.toml").write_text(
        "[tool.other]\n[tool.articlelint]\nignore = ['AL4']\n", "utf-8"
    )
    assert run("--config", "other.toml", "_news")[0] == 0


# --- subcommands ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["rules", "schema", "check"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"], stdout=io.StringIO()) == 0
    help_text = capsys.readouterr().out
    prog = "articlelint" if command == "check" else f"articlelint {command}"
    assert help_text.startswith(f"usage: {prog} [-h]")
    assert '"$schema"' not in help_text  # `schema --help` used to print the schema


def test_schema_takes_no_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "extra"], stdout=io.StringIO()) == 2
    assert "unrecognized arguments: extra" in capsys.readouterr().err


def test_rules_filtered_by_prefix_code_or_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("rules", "AL3")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        "CODE",
        *(rule.code for rule in registry() if rule.code.startswith("AL3")),
    ]
    code, out = run("rules", "unpublished-record", "AL202")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["AL202", "AL401"]
    assert run("rules", "AL9x") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: rules: unknown rule 'AL9x' (did you mean 'AL901'?); "
        "`articlelint rules` lists them\n"
    )


@pytest.mark.parametrize("columns", [100, 60, 40])
def test_rules_fit_the_terminal_width(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    # Nothing is lost: each rule's summary is all there, wrapped.
    text = " ".join(" ".join(line.split()) for line in lines)
    for rule in registry():
        assert " ".join(rule.summary().split()) in text


def test_rules_into_a_pipe_are_whole_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = run("rules")[1]
    assert len(out.splitlines()) == len(registry()) + 1
    assert any(len(line) > 200 for line in out.splitlines())


def test_explain_suggests_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--explain", "unpublised-record") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: --explain: unknown rule 'unpublised-record' (did you mean "
        "'unpublished-record'?); `articlelint rules` lists them\n"
    )


# --- flags from ruff ------------------------------------------------------------------


def test_output_format_is_format(tmp_path: Path) -> None:
    bad = write(tmp_path, "a.md", replace_line(VALID, "type: article", "type: blog"))
    assert run("--output-format", "json", bad) == run("--format", "json", bad)
    assert json.loads(run("--output-format", "json", bad)[1])["diagnostics"][0]["code"] == "AL107"


def test_quiet_prints_findings_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = write(tmp_path, "clean.md", VALID)
    assert run("-q", clean) == (0, "")
    bad = write(
        tmp_path, "bad.md", own_web_url(replace_line(VALID, "type: article", "type: [blog]"), "b")
    )
    code, out = run("--quiet", bad)
    assert code == 1
    assert out == (
        f"{bad}:8:7: AL103 `type` should be text, found a list [type]\n"
        "  |\n"
        "8 | type: [blog]\n"
        "  |       ^^^^^^\n"
    )
    fixable = write(tmp_path, "fix.md", own_web_url(FIXABLE, "f"))
    assert run("-q", "--fix", fixable)[0] == 0  # AL202 (unsafe) remains: a warning
    assert capsys.readouterr().err == ""


def test_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write(tmp_path, "bad.md", replace_line(VALID, "type: article", "type: blog"))
    assert "\x1b[" in run("--color", "always", bad)[1]
    assert "\x1b[" not in run("--color", "never", bad)[1]
    assert "\x1b[" not in run(bad)[1]  # auto: not a terminal here
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" in run("--color", "always", bad)[1]  # asked for explicitly
    assert run("--color", "sometimes", bad)[0] == 2


def test_show_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.md", FIXABLE)
    assert run("--show-fixes", "--format", "concise", path)[0] == 0  # warnings only
    assert capsys.readouterr().err == (
        "Fixable: 1 with --fix, 1 more with --unsafe-fixes:\n"
        f"- {path}:\n"
        "    1 \u00d7 AL202 (insecure-url) with --unsafe-fixes\n"
        "    1 \u00d7 AL601 (untrimmed-text)\n"
    )
    assert run("--diff", "--unsafe-fixes", "--show-fixes", path)[0] == 1
    assert capsys.readouterr().err == (
        f"Would fix 2 problems:\n- {path}:\n"
        "    1 \u00d7 AL202 (insecure-url)\n    1 \u00d7 AL601 (untrimmed-text)\n"
    )
    assert run("--fix", "--show-fixes", "--format", "concise", path)[0] == 0  # AL202: a warning
    assert capsys.readouterr().err == (
        f"Fixed 1 problem:\n- {path}:\n    1 \u00d7 AL601 (untrimmed-text)\n"
    )
    assert run("--fix", "--show-fixes", path)[0] == 0
    assert capsys.readouterr().err == "Nothing to fix.\n"


# --- no paths -------------------------------------------------------------------------


def test_no_paths_checks_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "records/a.md", own_web_url(VALID, "a"))
    write(tmp_path, "records/b.yaml", "title: x\n")
    monkeypatch.chdir(tmp_path)
    code, out = run("--format", "concise", "--select", "AL101")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"./records/b.yaml"}


def test_stdin_filename_alone_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    code, out = run("--format", "concise", "--stdin-filename", "story.md")
    assert code == 0
    assert out.startswith("story.md:11:12: AL401 ")
