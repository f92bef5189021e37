"""Output formats: text (source line + caret, colour rules), concise, sarif, github, junit,
--statistics, --output, progress."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from articlelint import lint_paths
from articlelint.cli import main
from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine import LintResult
from articlelint.reporting import FORMATS, get_reporter
from articlelint.reporting.github import GithubReporter
from tests.conftest import ROOT, VALID, own_web_url, replace_line

SARIF_SCHEMA = ROOT.parent / "shared" / "specs" / "sarif-schema-2.1.0.json"
HTTPS = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
#: AL202 (warning) at 7:9, AL106 (error) at 8:7, AL401 (info) at 11:12.
BAD = replace_line(
    replace_line(
        replace_line(VALID, "published: true", "published: false"),
        HTTPS,
        HTTPS.replace("https", "http"),
    ),
    "type: article",
    "type: blog",
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    Path("a.md").write_text(BAD, encoding="utf-8")
    Path("b.md").write_text(
        own_web_url(replace_line(VALID, "published: true", "published: false"), "b"),
        encoding="utf-8",
    )
    Path("c.md").write_text(own_web_url(VALID, "c"), encoding="utf-8")
    return ["a.md", "b.md", "c.md"]


def run(*args: str, stdout: io.StringIO | None = None) -> tuple[int, str]:
    out = stdout or io.StringIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue()


def test_every_format_is_registered() -> None:
    assert list(FORMATS) == ["text", "concise", "json", "sarif", "github", "junit"]
    with pytest.raises(ValueError, match="unknown format 'xml'; choose one of text, concise"):
        get_reporter("xml")


def test_text_groups_by_file_with_source_line_and_caret(files: list[str]) -> None:
    code, out = run(*files)
    assert code == 1
    assert out == (
        "a.md:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
        "[webUrl]\n"
        "  |\n"
        '7 | webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"\n'
        "  |         " + "^" * 62 + "\n"
        'a.md:8:7: AL106 `type` is the text "blog"; expected `article` or `video` [type]\n'
        "  |\n"
        "8 | type: blog\n"
        "  |       ^^^^\n"
        "a.md:11:12: AL401 record has `published: false`, so the story will not be shown; "
        "set `published: true` when it is ready, or remove the record [published]\n"
        "   |\n"
        "11 | published: false\n"
        "   |            ^^^^^\n"
        "\n"
        "b.md:11:12: AL401 record has `published: false`, so the story will not be shown; "
        "set `published: true` when it is ready, or remove the record [published]\n"
        "   |\n"
        "11 | published: false\n"
        "   |            ^^^^^\n"
        "\n"
        "Found 4 problems (1 error, 1 warning, 2 info) in 2 of 3 files. 1 fixable with "
        "--unsafe-fixes.\n"
    )


def test_colour_only_on_a_terminal_and_never_with_no_color(
    files: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = run("b.md")[1]
    assert "\x1b[" not in plain
    coloured = run("b.md", stdout=Terminal())[1]
    assert coloured.startswith("\x1b[1mb.md:11:12:\x1b[0m \x1b[1;34mAL401\x1b[0m record has")
    assert "\x1b[1;34m^^^^^\x1b[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("b.md", stdout=Terminal())[1] == plain
    monkeypatch.delenv("NO_COLOR")
    # --output never gets colour either.
    assert run("--output", "report.txt", "b.md", stdout=Terminal()) == (0, "")
    assert Path("report.txt").read_text(encoding="utf-8") == plain


def test_concise_is_one_line_per_finding(files: list[str]) -> None:
    code, out = run("--format", "concise", *files)
    assert code == 1
    assert [
        line.split(": ", 1)[0] + ": " + line.split(": ")[1].split()[0] for line in out.splitlines()
    ] == [
        "a.md:7:9: AL202",
        "a.md:8:7: AL106",
        "a.md:11:12: AL401",
        "b.md:11:12: AL401",
    ]


def test_sarif_validates_against_the_2_1_0_schema(files: list[str]) -> None:
    code, out = run("--format", "sarif", *files)
    assert code == 1
    log = json.loads(out)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    al202 = next(rule for rule in rules if rule["id"] == "AL202")
    assert al202["name"] == "insecure-url"
    assert al202["help"]["text"].startswith("## What it does\nReports a URL that uses `http://`")
    assert al202["defaultConfiguration"] == {"enabled": True, "level": "warning"}
    first = run_["results"][0]
    assert first["ruleId"] == "AL202"
    assert rules[first["ruleIndex"]]["id"] == "AL202"
    assert first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 71},
    }
    assert first["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "webUrl", "kind": "member"}
    ]
    assert [r["level"] for r in run_["results"]] == ["warning", "error", "note", "note"]
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(log)] == []


def test_github_annotations_and_escaping(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = run("b.md")
    assert code == 0
    assert out == (
        "::notice file=b.md,line=11,col=12,endLine=11,endColumn=17,"
        "title=AL401 unpublished-record::record has `published: false`, so the story will "
        "not be shown; set `published: true` when it is ready, or remove the record "
        "[published]\n"
    )
    # An explicit --format wins over GITHUB_ACTIONS.
    assert run("--format", "concise", "b.md")[1].startswith("b.md:11:12: AL401 ")
    odd = Diagnostic(
        "AL106",
        "invalid-choice",
        Severity.ERROR,
        "50% off\r\nnext: a,b",
        "dir,x/a:b.md",
        3,
        4,
        3,
        9,
        "type",
    )
    info = Diagnostic("AL999", "x-y", Severity.INFO, "note", "r.md", 0, 0, 0, 0)
    assert GithubReporter().render(LintResult([odd, info], 2)) == (
        "::error file=dir%2Cx/a%3Ab.md,line=3,col=4,endLine=3,endColumn=9,"
        "title=AL106 invalid-choice::50%25 off%0D%0Anext: a,b [type]\n"
        "::notice file=r.md,title=AL999 x-y::note\n"
    )


def test_junit_one_testcase_per_file_and_a_failure_per_finding(files: list[str]) -> None:
    code, out = run("--format", "junit", *files)
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "4", "0")
    (suite,) = root
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures")) == ("3", "4")
    cases = suite.findall("testcase")
    assert [(c.get("name"), len(c.findall("failure"))) for c in cases] == [
        ("a.md", 3),
        ("b.md", 1),
        ("c.md", 0),
    ]
    failure = cases[0].findall("failure")[1]
    assert failure.get("type") == "AL106 invalid-choice"
    assert (
        failure.get("message") == 'AL106 `type` is the text "blog"; expected `article` or `video`'
    )
    assert failure.text == (
        'a.md:8:7: AL106 `type` is the text "blog"; expected `article` or `video` [type]'
    )


def test_statistics_most_frequent_first(files: list[str]) -> None:
    code, out = run("--statistics", *files)
    assert code == 1
    assert out == (
        "2  AL401  unpublished-record  info\n"
        "1  AL106  invalid-choice      error\n"
        "1  AL202  insecure-url        warning\n"
    )
    code, out = run("--statistics", "--format", "json", *files)
    assert json.loads(out)[0] == {
        "code": "AL401",
        "name": "unpublished-record",
        "severity": "info",
        "count": 2,
    }


def test_output_file(files: list[str]) -> None:
    assert run("--format", "json", "--output", "out.json", *files) == (1, "")
    assert json.loads(Path("out.json").read_text(encoding="utf-8"))["summary"] == {
        "error": 1,
        "warning": 1,
        "info": 2,
    }
    assert run("--output", "missing/dir/out.txt", *files)[0] == 2


def test_progress_only_on_a_terminal_for_long_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for i in range(200):
        Path(f"{i:03}.md").write_text(own_web_url(VALID, str(i)), encoding="utf-8")
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert run(".")[1] == "All checks passed: 200 files checked, no problems.\n"
    progress = terminal.getvalue()
    assert progress.startswith("articlelint: 50/200 files\r")
    assert progress.endswith("\r\x1b[K")
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    run(".")
    assert piped.getvalue() == ""
    # Short runs stay quiet on a terminal too.
    short = Terminal()
    monkeypatch.setattr("sys.stderr", short)
    run("000.md")
    assert short.getvalue() == ""


def test_library_results_render_without_files(files: list[str]) -> None:
    result = lint_paths(["b.md"])
    assert get_reporter("concise").render(result) == (
        "b.md:11:12: AL401 record has `published: false`, so the story will not be shown; "
        "set `published: true` when it is ready, or remove the record [published]\n"
    )
    os.remove("b.md")
    # The source lines were kept when the file was checked: the text reporter needs no file.
    assert get_reporter("text").render(result).splitlines()[1:4] == [
        "   |",
        "11 | published: false",
        "   |            ^^^^^",
    ]
    # A line that was not kept is read from the file; when it cannot be, none is shown.
    bare = LintResult(result.diagnostics, result.files_checked, result.fail_on, result.paths, {})
    assert get_reporter("text").render(bare).splitlines()[1] == ""


def test_text_snippet_never_sends_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "esc.md"
    path.write_text('---\ntitle: "a\x1b[31mred"\n---\n', encoding="utf-8")
    out = io.StringIO()
    main(["--isolated", str(path)], stdout=out)
    assert out.getvalue().splitlines()[1:4] == [
        "  |",
        '2 | title: "a\ufffd[31mred"',
        "  |          ^",
    ]
