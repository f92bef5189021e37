"""Output formats: text (source line + caret, colour rules), concise, sarif, github, junit,
--statistics, --output, progress."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from articlelint import lint_paths
from articlelint.cli import main
from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine import LintResult
from articlelint.reporting import FORMATS, get_reporter
from articlelint.reporting.github import GithubReporter
from articlelint.reporting.text import FULL_PER_RULE, PLACES_SHOWN, TextReporter, group_key
from tests.conftest import ROOT, VALID, own_web_url, replace_line

SARIF_SCHEMA = ROOT.parent / "shared" / "specs" / "sarif-schema-2.1.0.json"
HTTPS = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
#: AL202 (warning) at 7:9, AL103 (error) at 8:7, AL401 (info) at 11:12.
BAD = replace_line(
    replace_line(
        replace_line(VALID, "published: true", "published: false"),
        HTTPS,
        HTTPS.replace("https", "http"),
    ),
    "type: article",
    "type: [blog]",
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
    assert list(FORMATS) == ["text", "concise", "json", "sarif", "github", "junit", "html"]
    with pytest.raises(ValueError, match="unknown format 'xml'; choose one of text, concise"):
        get_reporter("xml")


#: The text report of `files` with --no-group: one block per finding, as before grouping.
UNGROUPED = (
    "a.md:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
    "[webUrl]\n"
    "  |\n"
    '7 | webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"\n'
    "  |         " + "^" * 62 + "\n"
    "a.md:8:7: AL103 `type` should be text, found a list [type]\n"
    "  |\n"
    "8 | type: [blog]\n"
    "  |       ^^^^^^\n"
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


def test_text_groups_by_file_with_source_line_and_caret(files: list[str]) -> None:
    code, out = run(*files)
    assert code == 1
    # The two `published: false` are one problem: shown once, with its other place.
    assert out == (
        "a.md:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
        "[webUrl]\n"
        "  |\n"
        '7 | webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"\n'
        "  |         " + "^" * 62 + "\n"
        "a.md:8:7: AL103 `type` should be text, found a list [type]\n"
        "  |\n"
        "8 | type: [blog]\n"
        "  |       ^^^^^^\n"
        "a.md:11:12: AL401 record has `published: false`, so the story will not be shown; "
        "set `published: true` when it is ready, or remove the record [published]\n"
        "   |\n"
        "11 | published: false\n"
        "   |            ^^^^^\n"
        "   = this problem is in 2 places (2 files); also at:\n"
        "     b.md:11:12 [published]\n"
        "\n"
        "Found 4 problems (1 error, 1 warning, 2 info) in 2 of 3 files; shown as 3 distinct "
        "problems (--no-group shows each finding). 1 fixable with --unsafe-fixes.\n"
    )
    assert run("--no-group", *files) == (1, UNGROUPED)
    # Nothing repeated: nothing changes, and the summary does not mention grouping.
    assert run("a.md")[1] == UNGROUPED.split("\nb.md")[0] + "\n" + (
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 of 1 file. 1 fixable with "
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
        "a.md:8:7: AL103",
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
    assert failure.get("type") == "AL103 wrong-type"
    assert failure.get("message") == "AL103 `type` should be text, found a list"
    assert failure.text == "a.md:8:7: AL103 `type` should be text, found a list [type]"


def test_statistics_most_frequent_first(files: list[str]) -> None:
    code, out = run("--statistics", *files)
    assert code == 1
    assert out == (
        "2  AL401  unpublished-record  info\n"
        "1  AL103  wrong-type          error\n"
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


# --- Grouping repeated problems in the text report -------------------------------------

ENTITY = "URL has the HTML entity `&#038;` at character 41; write `&` instead"
IMAGE = '"https://example.com/i.jpg?fit=1812%2C858&#038;ssl=1"'


def found(
    path: str,
    line: int,
    text: str,
    value: str,
    field: str,
    code: str = "AL203",
    message: str = ENTITY,
    severity: Severity = Severity.ERROR,
) -> tuple[Diagnostic, str]:
    """A finding on ``value`` (which ``text``, line ``line`` of ``path``, contains)."""
    column = text.index(value) + 1
    end = column + len(value)
    return Diagnostic(code, "x", severity, message, path, line, column, line, end, field), text


def result_of(*findings: tuple[Diagnostic, str]) -> LintResult:
    """A result whose source lines are those of ``findings`` (no file is ever read)."""
    lines: dict[str, dict[int, str]] = {}
    for d, text in findings:
        lines.setdefault(d.path, {})[d.line] = text
    diagnostics = sorted((d for d, _ in findings), key=Diagnostic.sort_key)
    return LintResult(diagnostics, len(lines), paths=sorted(lines), source_lines=lines)


def text_report(result: LintResult, **options: bool) -> str:
    def no_file(path: str) -> list[str] | None:
        raise AssertionError(f"read {path}")

    return TextReporter(source=no_file, **options).render(result)


def copies(count: int) -> list[tuple[Diagnostic, str]]:
    """One bad image URL: in r0's own images, then in `related` of r1... (``count`` in all)."""
    first = found("r0.md", 21, f"  - url: {IMAGE}", IMAGE, "images[0].url")
    return [first] + [
        found(f"r{i}.md", 30 + i, f"      - url: {IMAGE}", IMAGE, f"related[{i}].images[0].url")
        for i in range(1, count)
    ]


def test_a_repeated_problem_is_shown_once_with_a_bounded_list_of_its_places() -> None:
    assert PLACES_SHOWN == 5
    out = text_report(result_of(*copies(10)))
    assert out == (
        f"r0.md:21:10: AL203 {ENTITY} [images[0].url]\n"
        "   |\n"
        f"21 |   - url: {IMAGE}\n"
        "   |          " + "^" * len(IMAGE) + "\n"
        "   = this problem is in 10 places (10 files); also at:\n"
        "     r1.md:31:14 [related[1].images[0].url]\n"
        "     r2.md:32:14 [related[2].images[0].url]\n"
        "     r3.md:33:14 [related[3].images[0].url]\n"
        "     r4.md:34:14 [related[4].images[0].url]\n"
        "     r5.md:35:14 [related[5].images[0].url]\n"
        "     and 4 more (--no-group shows each finding)\n"
        "\n"
        "Found 10 problems (10 errors) in 10 of 10 files; shown as 1 distinct problem "
        "(--no-group shows each finding).\n"
    )
    # One more place than the bound: listed, rather than "and 1 more".
    lines = text_report(result_of(*copies(7))).splitlines()
    assert lines[4:12] == [
        "   = this problem is in 7 places (7 files); also at:",
        "     r1.md:31:14 [related[1].images[0].url]",
        "     r2.md:32:14 [related[2].images[0].url]",
        "     r3.md:33:14 [related[3].images[0].url]",
        "     r4.md:34:14 [related[4].images[0].url]",
        "     r5.md:35:14 [related[5].images[0].url]",
        "     r6.md:36:14 [related[6].images[0].url]",
        "",
    ]
    # --no-group: one block per finding, each with its own snippet.
    ungrouped = text_report(result_of(*copies(10)), group=False)
    assert ungrouped.count("^" * len(IMAGE)) == 10
    assert "this problem" not in ungrouped
    assert ungrouped.endswith("\n\nFound 10 problems (10 errors) in 10 of 10 files.\n")


def test_what_counts_as_the_same_problem() -> None:
    empty_excerpt = found("a.md", 4, 'excerpt: ""', '""', "excerpt", "AL104", "`excerpt` is empty")
    empty_related = found(
        "a.md", 30, '    excerpt: ""', '""', "related[0].excerpt", "AL104", "x is empty"
    )
    empty_url = found("a.md", 31, '    webUrl: ""', '""', "related[0].webUrl", "AL104", "empty")
    assert group_key(*empty_excerpt) == ("AL104", "excerpt", "value", '""')
    # The same value in the same field name, at any index or depth: one problem.
    assert group_key(*empty_related) == group_key(*empty_excerpt)
    assert group_key(*empty_url) == ("AL104", "webUrl", "value", '""')
    # Another rule on the same value is another problem.
    http = found("a.md", 31, '    webUrl: ""', '""', "related[0].webUrl", "AL202", "empty")
    assert group_key(*http) != group_key(*empty_url)
    # No source line, or a span over several lines: the message is the value.
    missing = Diagnostic("AL101", "x", Severity.ERROR, "`title` is missing", "b.md", 2, 1, 35, 1)
    assert group_key(missing, "category: news") == ("AL101", "", "message", "`title` is missing")
    assert group_key(missing._replace(line=0, end_line=0), None)[2:] == (
        "message",
        "`title` is missing",
    )
    # A BOM on line 1 is not part of the value (columns do not count it).
    bom = found("c.md", 1, "\ufeff---", "---", "", "AL002", "broken")
    assert group_key(bom[0]._replace(column=1, end_column=4), bom[1])[3] == "---"

    out = text_report(result_of(empty_excerpt, empty_related, empty_url))
    assert out.splitlines()[:7] == [
        "a.md:4:10: AL104 `excerpt` is empty [excerpt]",
        "  |",
        '4 | excerpt: ""',
        "  |          ^^",
        "  = this problem is in 2 places (1 file); also at:",
        "    a.md:30:14 [related[0].excerpt]",
        "a.md:31:13: AL104 empty [related[0].webUrl]",
    ]


def test_groups_are_ordered_by_first_occurrence_and_files_sections_stay() -> None:
    url = '"http://x.com/a"'
    x1 = found("a.md", 7, f"webUrl: {url}", url, "webUrl", "AL202", "insecure")
    y1 = found("a.md", 11, "published: false", "false", "published", "AL401", "unpublished")
    x2 = found("b.md", 40, f"    webUrl: {url}", url, "related[2].webUrl", "AL202", "insecure")
    y2 = found("c.md", 11, "published: false", "false", "published", "AL401", "unpublished")
    z1 = found("c.md", 12, "heat: -1", "-1", "heat", "AL301", "negative")
    out = text_report(result_of(z1, y2, x2, y1, x1))
    assert out == (
        "a.md:7:9: AL202 insecure [webUrl]\n"
        "  |\n"
        f"7 | webUrl: {url}\n"
        "  |         ^^^^^^^^^^^^^^^^\n"
        "  = this problem is in 2 places (2 files); also at:\n"
        "    b.md:40:13 [related[2].webUrl]\n"
        "a.md:11:12: AL401 unpublished [published]\n"
        "   |\n"
        "11 | published: false\n"
        "   |            ^^^^^\n"
        "   = this problem is in 2 places (2 files); also at:\n"
        "     c.md:11:12 [published]\n"
        "\n"
        "c.md:12:7: AL301 negative [heat]\n"
        "   |\n"
        "12 | heat: -1\n"
        "   |       ^^\n"
        "\n"
        "Found 5 problems (5 errors) in 3 of 3 files; shown as 3 distinct problems "
        "(--no-group shows each finding).\n"
    )


def test_a_rules_long_tail_of_distinct_problems_takes_one_line_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert FULL_PER_RULE == 20
    monkeypatch.setattr("articlelint.reporting.text.FULL_PER_RULE", 2)
    urls = [f'"http://x.com/{i}"' for i in range(5)]
    problems = [
        found(f"r{i}.md", 7, f"webUrl: {url}", url, "webUrl", "AL202", f"insecure {i}")
        for i, url in enumerate(urls)
    ]
    problems.append(
        found("r9.md", 9, f"  webUrl: {urls[3]}", urls[3], "related[0].webUrl", "AL202")
    )
    problems.append(found("r4.md", 8, "heat: -1", "-1", "heat", "AL301", "negative"))
    out = text_report(result_of(*problems))
    assert out == (
        "r0.md:7:9: AL202 insecure 0 [webUrl]\n"
        "  |\n"
        f"7 | webUrl: {urls[0]}\n"
        "  |         ^^^^^^^^^^^^^^^^\n"
        "\n"
        "r1.md:7:9: AL202 insecure 1 [webUrl]\n"
        "  |\n"
        f"7 | webUrl: {urls[1]}\n"
        "  |         ^^^^^^^^^^^^^^^^\n"
        "\n"
        # The rule's third and later distinct problems: one line each, with their count,
        # and no blank line between two files that only have such lines.
        "r2.md:7:9: AL202 insecure 2 [webUrl]\n"
        "r3.md:7:9: AL202 insecure 3 [webUrl] (and 1 more place)\n"
        "\n"
        "r4.md:7:9: AL202 insecure 4 [webUrl]\n"
        # Another rule counts its own.
        "r4.md:8:7: AL301 negative [heat]\n"
        "  |\n"
        "8 | heat: -1\n"
        "  |       ^^\n"
        "\n"
        "Found 7 problems (7 errors) in 6 of 6 files; shown as 6 distinct problems "
        "(--no-group shows each finding).\n"
    )
    assert text_report(result_of(*problems), group=False).count("\n  |\n") == 7


def test_grouped_text_colour(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    coloured = run(*files, stdout=Terminal())[1]
    assert (
        "   \x1b[2m=\x1b[0m this problem is in 2 places (2 files); also at:\n"
        "     \x1b[1mb.md:11:12\x1b[0m [published]\n"
    ) in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert run(*files, stdout=Terminal())[1] == run(*files)[1]


def test_machine_formats_keep_every_finding_that_text_groups(files: list[str]) -> None:
    bad = replace_line(VALID, "published: true", "published: false")
    for i in range(12):
        Path(f"d{i:02}.md").write_text(own_web_url(bad, f"d{i}"), encoding="utf-8")
    names = ["b.md", *(f"d{i:02}.md" for i in range(12))]  # 13 `published: false`
    text = run(*names)[1]
    assert text.count("published: false\n") == 1
    assert text.endswith(
        "Found 13 problems (13 info) in 13 of 13 files; shown as 1 distinct problem "
        "(--no-group shows each finding).\n"
    )
    assert run("--no-group", *names)[1].count("published: false\n") == 13
    places = [(name, 11, 12) for name in names]
    concise = run("--format", "concise", *names)[1].splitlines()
    assert [tuple(line.split(": ")[0].split(":")) for line in concise] == [
        (n, str(line), str(col)) for n, line, col in places
    ]
    diagnostics = json.loads(run("--format", "json", *names)[1])["diagnostics"]
    assert [(d["path"], d["line"], d["column"]) for d in diagnostics] == places
    results = json.loads(run("--format", "sarif", *names)[1])["runs"][0]["results"]
    assert [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ] == places
    suite = ET.fromstring(run("--format", "junit", *names)[1])[0]
    assert [
        (case.get("name"), len(case.findall("failure"))) for case in suite.findall("testcase")
    ] == [(name, 1) for name in names]
    github = run("--format", "github", *names)[1].splitlines()
    assert [line.split(",endLine")[0] for line in github] == [
        f"::notice file={n},line={line},col={col}" for n, line, col in places
    ]


def _real_folder_model() -> LintResult:
    """A result shaped like the issue's 5,000-record folder: 85,775 findings, 92 % of them
    in `related[]` copies (AL306 57,924; AL507 8,783 of 148 values; AL203 1,759 of 45;
    empty related excerpts 1,515), AL401 on 4,350 records, AL102 `images[].title` 1,072,
    and the rest record-level findings of one of a kind. AL306's values are taken as
    nearly all distinct (4,800 related stories), the worst case for the report's length."""
    rng = random.Random(11)
    paths = [f"_news/2023-05-{i:04}-a-story.md" for i in range(5000)]
    made: list[tuple[Diagnostic, str]] = []

    def related(code: str, total: int, distinct: int, leaf: str, value: str) -> None:
        values = [value.format(k) for k in range(distinct)]
        weights = [1 / (k + 1) for k in range(distinct)]  # a few stories copied most
        for chosen in rng.choices(values, weights, k=total):
            index = rng.randint(0, 40)
            made.append(
                found(
                    rng.choice(paths),
                    30 + 14 * index + rng.randint(0, 13),
                    f"    {leaf}: {chosen}",
                    chosen,
                    f"related[{index}].{leaf}",
                    code,
                    f"{code} message",
                )
            )

    related("AL306", 57_924, 4_800, "publishedDateTime", "2021-{0:06}T08:00:00Z")
    related("AL507", 8_783, 148, "title", '"A title copied into many lists {0}"')
    related("AL203", 1_759, 45, "webUrl", '"https://example.com/a?b=1&#038;c={0}"')
    related("AL104", 1_515, 1, "excerpt", '""')
    for code in ("AL202", "AL205", "AL601", "AL606"):
        related(code, 2_233, 223, "webUrl", f'"https://{code}.example.com/{{0}}"')
    for path in rng.sample(paths, 4_350):
        made.append(found(path, 11, "published: false", "false", "published", "AL401"))
    for path in rng.sample(paths, 1_072):
        made.append(found(path, 22, "    title: Photo", "title", "images[0].title", "AL102"))
    for n in range(1_440):
        code = ("AL601", "AL602", "AL606", "AL104")[n % 4]
        made.append(found(rng.choice(paths), 3, f'title: "story {n}"', f'"story {n}"', "title"))
        made[-1] = (made[-1][0]._replace(code=code), made[-1][1])
    assert len(made) == 85_775
    return result_of(*made)


def test_the_text_report_of_a_5000_record_folder_stays_short() -> None:
    result = _real_folder_model()
    out = text_report(result)
    lines = out.splitlines()
    assert len(lines) < 15_000
    distinct = len({group_key(d, result.source_lines[d.path][d.line]) for d in result.diagnostics})
    # Every distinct problem is shown once (one line starting with its place), no more.
    assert sum(1 for line in lines if line.startswith("_news/")) == distinct
    assert lines[-1].startswith(
        f"Found 85775 problems (85775 errors) in 5000 of 5000 files; shown as {distinct} "
        "distinct problems (--no-group shows each finding)."
    )
    print(f"\ntext report of 85,775 findings in 5,000 records: {len(lines)} lines")
