"""``--format html``: what the page holds (numbers equal to the JSON output's, every finding,
problems grouped as the text report groups them, snippets, links relative to the report,
charts and their tables), that it asks for nothing outside itself, that record text cannot
break out of it, and what happens without the ``report`` extra. The page in a real browser:
tests/test_html_browser.py."""

from __future__ import annotations

import io
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jinja2", reason="the report extra is not installed")
pytest.importorskip("markdown_it", reason="the report extra is not installed")

from articlelint.cli import main
from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine import LintResult, RecordSummary
from articlelint.reporting import FORMATS, get_reporter
from articlelint.reporting._charts import nice_ticks
from articlelint.reporting.html import (
    MAX_MONTHS,
    TOP_PROVIDERS,
    HtmlReporter,
    _markdown,
    month_of,
)
from articlelint.reporting.text import group_key
from tests.conftest import VALID, own_web_url, replace_line

HTTPS = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
RELATED = '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"'
ENTITY = '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/?a=1&#038;b=2"'
TITLE = 'title: "Microsoft restricts facial recognition tech"'


def write_folder(root: Path) -> None:
    """A small folder with one problem in two places, a fixable one, a file in a folder
    whose name has a space, and a clean record."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.md").write_text(
        replace_line(
            replace_line(VALID, "published: true", "published: false"),
            HTTPS,
            HTTPS.replace("https", "http"),
        ),
        encoding="utf-8",
    )
    (root / "b.md").write_text(own_web_url(replace_line(VALID, RELATED, ENTITY), "b"), "utf-8")
    (root / "c.md").write_text(own_web_url(VALID, "c"), encoding="utf-8")
    (root / "more news").mkdir(exist_ok=True)
    d = replace_line(replace_line(VALID, RELATED, ENTITY), TITLE, TITLE[:-1] + ' "')
    (root / "more news" / "d.md").write_text(own_web_url(d, "d"), encoding="utf-8")
    e = replace_line(
        VALID, "publishedDateTime: 2022-06-22T08:27:00Z", "publishedDateTime: 2021-01-05T10:00:00"
    )
    (root / "e.md").write_text(own_web_url(e, "e"), encoding="utf-8")


#: What write_folder's records give (path, line, column, code, field), in report order.
FOLDER_FINDINGS = [
    ("a.md", 7, 9, "AL202", "webUrl"),
    ("a.md", 11, 12, "AL401", "published"),
    ("b.md", 30, 13, "AL203", "related[0].webUrl"),
    ("e.md", 5, 20, "AL302", "publishedDateTime"),
    ("more news/d.md", 3, 8, "AL601", "title"),
    ("more news/d.md", 30, 13, "AL203", "related[0].webUrl"),
]


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue()


def page_data(page: str) -> Any:
    """The data the page's script draws the problems from."""
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert match is not None
    return json.loads(match.group(1))


def number(page: str, name: str) -> int:
    """A number of the summary (``id="n-findings"``), as shown (``1,234``)."""
    match = re.search(rf'id="n-{name}">([\d,]+)<', page)
    assert match is not None, name
    return int(match.group(1).replace(",", ""))


def places(data: Any) -> list[tuple[str, int, int, str, str | None]]:
    """Every place of every problem in the page's data: (path, line, column, code, field)."""
    out = []
    for problem in data["problems"]:
        p = problem["p"]
        for k in range(0, len(p), 6):
            field = data["fields"][p[k + 3]] if p[k + 3] >= 0 else None
            out.append((data["files"][p[k]][0], p[k + 1], p[k + 2], problem["c"], field))
    return out


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_folder(tmp_path / "records")
    return tmp_path


def test_html_is_a_format() -> None:
    assert FORMATS["html"] == "articlelint.reporting.html:HtmlReporter"
    assert isinstance(get_reporter("html", output="r.html"), HtmlReporter)


def test_the_page_numbers_equal_the_json_output(folder: Path) -> None:
    code, out = run("--no-cache", "--format", "json", "records")
    assert code == 1
    result = json.loads(out)
    (folder / "out").mkdir()
    assert run("--no-cache", "--format", "html", "--output", "out/report.html", "records") == (
        1,
        "",
    )
    page = (folder / "out" / "report.html").read_text(encoding="utf-8")
    diagnostics = result["diagnostics"]
    assert number(page, "records") == result["files_checked"] == 5
    assert number(page, "findings") == len(diagnostics) == 6
    for severity in ("error", "warning", "info"):
        assert number(page, severity) == result["summary"][severity]
    assert number(page, "with-findings") == len({d["path"] for d in diagnostics}) == 4
    assert number(page, "clean") == 1
    assert number(page, "distinct") == 5
    fixes = Counter(d["fix"]["applicability"] for d in diagnostics if d["fix"])
    assert (number(page, "safe"), number(page, "unsafe")) == (fixes["safe"], fixes["unsafe"])
    # The records' facts, from the engine: publication state, provider, month.
    assert number(page, "unpublished") == Counter(d["code"] for d in diagnostics)["AL401"] == 1
    assert number(page, "withdrawn") == 0
    assert _chart(page, "chart-providers") == [
        ["siliconrepublic.com", "5", "4", "6", "1", "4", "1"]
    ]
    months = _chart(page, "chart-months")
    assert [row[0] for row in months] == [
        *(f"2021-{m:02}" for m in range(1, 13)),
        *(f"2022-{m:02}" for m in range(1, 7)),
    ]
    assert (months[0], months[-1]) == (
        ["2021-01", "1", "1", "1", "0", "0"],
        ["2022-06", "4", "5", "0", "4", "1"],
    )
    assert _chart(page, "chart-clean")[-1] == ["2022-06", "4", "1", "25.0 %"]
    # The rules table: one row per rule with findings, with its count.
    rows = dict(re.findall(r'<tr id="rule-(AL\d+)" data-code="AL\d+" data-count="(\d+)">', page))
    assert {c: int(n) for c, n in rows.items()} == Counter(d["code"] for d in diagnostics)
    # Every finding is in the page's data, at its place.
    expected = [(d["path"], d["line"], d["column"], d["code"], d["field"]) for d in diagnostics]
    assert sorted(places(page_data(page))) == sorted(expected)
    assert sorted((p, line, col, c, f) for p, line, col, c, f in expected) == sorted(
        (f"records/{p}", line, col, c, f) for p, line, col, c, f in FOLDER_FINDINGS
    )


def test_problems_are_grouped_as_in_the_text_report(folder: Path) -> None:
    run("--no-cache", "--format", "html", "--output", "report.html", "records")
    data = page_data((folder / "report.html").read_text(encoding="utf-8"))
    # In order of first occurrence; the entity in two related lists is one problem.
    assert [(p["c"], len(p["p"]) // 6) for p in data["problems"]] == [
        ("AL202", 1),
        ("AL401", 1),
        ("AL203", 2),
        ("AL302", 1),
        ("AL601", 1),
    ]
    entity = data["problems"][2]
    assert entity["s"] == "warning"
    assert entity["m"].startswith("URL has the HTML entity `&#038;` at character 56")
    # The source line, split around the finding's span.
    assert entity["src"] == [
        30,
        "    webUrl: ",
        '"https://www.zdnet.com/article/microsoft-to-curtail/?a=1&#038;b=2"',
        "",
        False,
    ]
    # Each place: file, line, column, field, fix (2: only --unsafe-fixes), other message.
    files = [row[0] for row in data["files"]]
    related = data["fields"].index("related[0].webUrl")
    assert entity["p"] == [
        files.index("records/b.md"), 30, 13, related, 2, -1,
        files.index("records/more news/d.md"), 30, 13, related, 2, -1,
    ]  # fmt: skip
    untrimmed = data["problems"][4]
    assert untrimmed["p"][4] == 1  # fixable with --fix
    assert untrimmed["src"] == [
        3,
        "title: ",
        '"Microsoft restricts facial recognition tech "',
        "",
        False,
    ]


def test_links_are_relative_to_the_report(folder: Path) -> None:
    (folder / "out" / "deeper").mkdir(parents=True)
    run("--no-cache", "--format", "html", "--output", "out/deeper/report.html", "records")
    data = page_data((folder / "out" / "deeper" / "report.html").read_text(encoding="utf-8"))
    hrefs = {row[0]: row[1] for row in data["files"]}
    assert hrefs["records/a.md"] == "../../records/a.md"
    assert hrefs["records/more news/d.md"] == "../../records/more%20news/d.md"
    # Written to standard output: relative to the working directory.
    data = page_data(run("--no-cache", "--format", "html", "records")[1])
    assert {row[0]: row[1] for row in data["files"]}["records/a.md"] == "records/a.md"


def test_the_page_asks_for_nothing_outside_itself(folder: Path) -> None:
    page = run("--no-cache", "--format", "html", "records")[1]
    assert re.search(r"\ssrc=", page) is None  # no script, image or frame from elsewhere
    assert re.findall(r"<link [^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "@import" not in page
    assert re.search(r"url\(", page) is None
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:;" in page
    )
    assert page.count("<script") == 2  # the data, and the script


def test_record_text_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script><!-- <b>"
    text = replace_line(VALID, TITLE, f'title: "{hostile} "')
    (tmp_path / "x.md").write_text(text, encoding="utf-8")
    page = HtmlReporter().render(_lint(tmp_path / "x.md"))
    assert page.count("<script") == 2
    assert "alert(1)</script>" not in page
    data = page_data(page)
    assert "<" not in page[page.index('id="report-data">') : page.index("</script>")]
    assert any(hostile in (p["src"] or [""])[2] for p in data["problems"])


def _lint(*paths: Path) -> LintResult:
    from articlelint import lint_paths

    return lint_paths([str(p) for p in paths], Config())


def test_a_long_line_is_shown_around_the_finding() -> None:
    line = "title: " + "x" * 1000 + " "
    d = Diagnostic("AL601", "untrimmed-text", Severity.WARNING, "m", "a.md", 3, 8, 3, len(line) + 1)
    data = page_data(HtmlReporter().render(_result([(d, line)])))
    [problem] = data["problems"]
    number_, before, marked, after, shortened = problem["src"]
    assert (number_, before, after, shortened) == (3, "title: ", "", True)
    assert marked == "x" * 150 + "…" + "x" * 149 + " "


def _result(
    found: list[tuple[Diagnostic, str]],
    records: dict[str, RecordSummary] | None = None,
    files_checked: int | None = None,
) -> LintResult:
    """A result with these findings and source lines, and the engine's record facts."""
    lines: dict[str, dict[int, str]] = {}
    for d, text in found:
        lines.setdefault(d.path, {})[d.line] = text
    paths = sorted(set(lines) | set(records or {}))
    diagnostics = sorted((d for d, _ in found), key=Diagnostic.sort_key)
    return LintResult(
        diagnostics,
        len(paths) if files_checked is None else files_checked,
        paths=paths,
        source_lines=lines,
        records=records or {},
    )


def _finding(path: str, code: str = "AL202", severity: Severity = Severity.WARNING) -> Any:
    text = 'webUrl: "http://example.com/a"'
    d = Diagnostic(code, "insecure-url", severity, "m", path, 7, 9, 7, 31, "webUrl")
    return d, text


def _chart(page: str, chart: str) -> list[list[str]]:
    """The data table of one chart: its rows, cell by cell."""
    start = page.index(f'id="{chart}"')
    body = page[start : page.index("</figure>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1]) if "<tbody>" in body else []
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_without_record_facts_the_charts_say_no_data() -> None:
    page = HtmlReporter().render(_result([_finding("a.md")]))
    assert "No data: this run recorded no provider domains for its records." in page
    assert page.count("No data: this run recorded no publishedDateTime for its records.") == 2
    assert "unpublished records (no data)" in page
    assert _chart(page, "chart-rules") == [["AL202 insecure-url", "warning", "1"]]


def test_charts_from_the_record_facts() -> None:
    records = {
        "a.md": RecordSummary("article", "zdnet.com", "2022-05-03T10:00:00Z", True, False),
        "b.md": RecordSummary("article", "ZDNet.com", "2022-07-01T10:00:00Z", False, True),
        "c.md": RecordSummary("article", "bbc.co.uk", "2022-07-09T10:00:00Z", False, False),
        "d.md": RecordSummary("course", "bbc.co.uk", None, True, False),
        "e.md": RecordSummary("article", None, "22/06/2022", True, False),
    }
    found = [
        _finding("a.md"),
        _finding("a.md", "AL302", Severity.ERROR),
        _finding("c.md"),
        _finding("e.md", "AL401", Severity.INFO),
    ]
    page = HtmlReporter().render(_result(found, records))
    assert (number(page, "unpublished"), number(page, "withdrawn")) == (2, 1)
    assert 'Kinds: <span class="kind">article 4</span>, <span class="kind">course 1</span>.' in page
    assert _chart(page, "chart-providers") == [
        # domain, records, with findings, findings, errors, warnings, info
        ["zdnet.com", "2", "1", "2", "1", "1", "0"],
        ["bbc.co.uk", "2", "1", "1", "0", "1", "0"],
        ["(no provider domain)", "1", "1", "1", "0", "0", "1"],
    ]
    # Every month from the first to the last, empty ones included.
    assert _chart(page, "chart-months") == [
        ["2022-05", "1", "2", "1", "1", "0"],
        ["2022-06", "0", "0", "0", "0", "0"],
        ["2022-07", "2", "1", "0", "1", "0"],
    ]
    assert _chart(page, "chart-clean") == [
        ["2022-05", "1", "0", "0.0 %"],
        ["2022-06", "0", "0", "no records"],
        ["2022-07", "2", "1", "50.0 %"],
    ]
    assert (
        page.count(
            "2 records without a publishedDateTime that starts with a year and month (undated "
            "kinds such as courses, or a malformed date) are not in this chart."
        )
        == 2
    )
    # The bars lead to the list: a provider, a month, a rule.
    assert 'data-filter="provider" data-value="zdnet.com"' in page
    assert 'data-filter="month" data-value="2022-05"' in page
    assert 'data-filter="rule" data-value="AL302"' in page
    data = page_data(page)
    assert data["providers"] == ["zdnet.com", "bbc.co.uk"]
    assert {row[0]: row[2:] for row in data["files"]} == {
        "a.md": [0, "2022-05", "article", "published"],
        "c.md": [1, "2022-07", "article", "unpublished"],
        "e.md": [-1, "", "article", "published"],
    }


def test_providers_past_the_top_share_one_bar_and_the_table_lists_all() -> None:
    domains = [f"site{n:02}.com" for n in range(TOP_PROVIDERS + 3)]
    records = {
        f"{d}.md": RecordSummary("article", d, "2022-05-03T10:00:00Z", True, False) for d in domains
    }
    found = [_finding(f"{d}.md") for n, d in enumerate(domains) for _ in range(20 - n)]
    page = HtmlReporter().render(_result(found, records))
    rows = _chart(page, "chart-providers")
    assert [row[0] for row in rows] == domains
    start = page.index('id="chart-providers"')
    svg = page[start : page.index("</svg>", start)]
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', svg)
    assert labels == [*domains[:TOP_PROVIDERS], "3 other domains"]
    assert (
        f"The top {TOP_PROVIDERS} domains by findings are drawn one bar each, the 3 others as "
        "one; the data table lists every domain."
    ) in page


def test_a_long_span_of_dates_is_drawn_by_year() -> None:
    records = {
        "a.md": RecordSummary("article", "a.com", "1999-12-31T10:00:00Z", True, False),
        "b.md": RecordSummary("article", "a.com", "2022-07-01T10:00:00Z", True, False),
    }
    page = HtmlReporter().render(_result([_finding("b.md")], records))
    rows = _chart(page, "chart-months")
    assert len(rows) == 2022 - 1999 + 1
    assert rows[0] == ["1999", "1", "0", "0", "0", "0"]
    assert rows[-1] == ["2022", "1", "1", "0", "1", "0"]
    assert f"Drawn by year: the dates span more than {MAX_MONTHS} months." in page
    assert page_data(page)["files"][0][3] == "2022"


def test_the_configuration_used_is_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_folder(tmp_path / "records")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.articlelint]\nignore = ["AL401"]\n[tool.articlelint.severity]\nAL202 = "error"\n',
        encoding="utf-8",
    )
    page = run("--no-cache", "--format", "html", "--extend-select", "AL306", "records")[1]
    assert f"Read from <code>{tmp_path / 'pyproject.toml'}</code>" in page
    settings = re.findall(r"<tr><td><code>([^<]*)</code></td><td><code>([^<]*)</code>", page)
    assert settings == [
        ("extend-select", "[&#34;AL306&#34;]"),
        ("ignore", "[&#34;AL401&#34;]"),
        ("severity", "{&#34;AL202&#34;: &#34;error&#34;}"),
    ]
    assert "AL401" not in page_data(page)["rules"]
    assert re.search(r'Off in this run: .*<code title="unpublished-record">AL401</code>', page)


def test_rule_documentation_is_rendered_with_raw_html_escaped() -> None:
    assert str(_markdown("## What it does\n\nReports `a`.\n\n<script>x</script>\n")) == (
        "<h4>What it does</h4>\n<p>Reports <code>a</code>.</p>\n"
        "<p>&lt;script&gt;x&lt;/script&gt;</p>\n"
    )
    assert str(_markdown("Reports `a` <b>.", inline=True)) == "Reports <code>a</code> &lt;b&gt;."


def test_without_the_report_extra_html_says_what_to_install(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # `import jinja2` fails
    assert run("--no-cache", "--format", "html", "records") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: --format html needs jinja2, which is not installed; install the "
        "`report` extra (`pip install '.[report]'` in a clone of articlelint), or `pip install "
        "Jinja2 markdown-it-py`\n"
    )
    assert run("--no-cache", "--format", "concise", "records")[0] == 1


def test_month_of_reads_the_year_and_month_as_written() -> None:
    assert month_of("2022-06-22T08:27:00Z") == "2022-06"
    assert month_of(" 2022-06") == "2022-06"
    assert month_of("2022-13-01T00:00:00Z") is None
    assert month_of("22/06/2022") is None
    assert month_of(None) is None


def test_nice_ticks() -> None:
    assert nice_ticks(974) == [0, 200, 400, 600, 800, 1000]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(85_775) == [0, 20_000, 40_000, 60_000, 80_000, 100_000]
    assert nice_ticks(0) == [0, 1]


def test_group_key_is_the_text_reports() -> None:
    """(The page groups with the text report's own function, not a copy of it.)"""
    from articlelint.reporting import html

    assert html.group_key is group_key


def test_the_templates_are_package_data() -> None:
    """(So that the wheel ships them: pyproject's package-data covers every file there.)"""
    import fnmatch

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    from tests.conftest import ROOT

    package = ROOT / "src" / "articlelint"
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["articlelint"]
    names = sorted(
        p.relative_to(package).as_posix() for p in (package / "reporting" / "templates").iterdir()
    )
    assert names == [
        "reporting/templates/charts.html.j2",
        "reporting/templates/report.css",
        "reporting/templates/report.html.j2",
        "reporting/templates/report.js",
    ]
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in patterns) for name in names)
