"""The HTML report in a real headless Chromium (tests/browser.py): it loads without a console
message, requests nothing but itself, shows the JSON output's numbers, and its filters,
chart bars, pages and links do what they say. On a small hand-made folder always, and on
the shared corpus when it is there.

Skipped where Playwright or Chromium is missing, unless ``ARTICLELINT_REQUIRE_BROWSER`` is
set (``.ci/run`` sets it, after installing Chromium): then that is a failure.
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from articlelint.cli import main
from tests.browser import chromium_path
from tests.conftest import CORPUS

_REQUIRED = bool(os.environ.get("ARTICLELINT_REQUIRE_BROWSER"))


def _missing() -> str | None:
    try:
        import jinja2  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "no chromium (apt-get install chromium)"
    return None


_WHY = _missing()
if _WHY is not None:
    if _REQUIRED:
        raise RuntimeError(f"ARTICLELINT_REQUIRE_BROWSER is set, but {_WHY}")
    pytest.skip(_WHY, allow_module_level=True)

from tests.browser import launch, load  # noqa: E402
from tests.test_html_report import write_folder  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch() as chromium:
        yield chromium


def cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue()


def reports(folder: Path, out: Path) -> tuple[dict[str, Any], Path]:
    """The JSON output for ``folder``, and its HTML report written to ``out``."""
    code, text = cli("--no-cache", "--format", "json", str(folder))
    assert code in (0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    assert cli("--no-cache", "--format", "html", "--output", str(out), str(folder)) == (code, "")
    return json.loads(text), out


def shown(page: Any, name: str) -> int:
    """A number of the summary, as the page shows it."""
    return int(page.inner_text(f"#n-{name}").replace(",", ""))


def status(page: Any) -> tuple[int, int]:
    """(distinct problems, findings) that the list says pass the filters."""
    data = page.eval_on_selector("#status", "e => [e.dataset.problems, e.dataset.findings]")
    return int(data[0]), int(data[1])


def cards(page: Any) -> list[tuple[str, int]]:
    """(rule, places) of each problem drawn."""
    return [
        (code, int(places))
        for code, places in page.eval_on_selector_all(
            "#list li.problem", "els => els.map(e => [e.dataset.code, e.dataset.places])"
        )
    ]


def assert_clean_load(loaded: Any, report: Path) -> None:
    assert loaded.console == []
    assert loaded.requests == [report.resolve().as_uri()]


def assert_numbers_match(page: Any, result: dict[str, Any]) -> None:
    diagnostics = result["diagnostics"]
    assert shown(page, "records") == result["files_checked"]
    assert shown(page, "findings") == len(diagnostics)
    for severity in ("error", "warning", "info"):
        assert shown(page, severity) == result["summary"][severity]
    assert shown(page, "with-findings") == len({d["path"] for d in diagnostics})
    per_rule = page.eval_on_selector_all(
        "table.rules tbody tr", "rows => rows.map(r => [r.dataset.code, r.cells[2].innerText])"
    )
    assert {code: int(n.replace(",", "")) for code, n in per_rule} == Counter(
        d["code"] for d in diagnostics
    )
    assert status(page)[1] == len(diagnostics)


def test_a_small_folder_in_chromium(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_folder(tmp_path / "records")
    result, report = reports(Path("records"), tmp_path / "out" / "report.html")
    loaded = load(browser, report)
    page = loaded.page
    assert_numbers_match(page, result)
    assert status(page) == (5, 6)
    assert cards(page) == [("AL203", 2), ("AL202", 1), ("AL401", 1), ("AL302", 1), ("AL601", 1)]
    # The first card: its source line with the span marked, its places linked.
    first = page.locator("#list li.problem").first
    # (textContent: cards off screen are not laid out, so they have no innerText.)
    assert first.locator("mark").text_content() == (
        '"https://www.zdnet.com/article/microsoft-to-curtail/?a=1&#038;b=2"'
    )
    links = first.locator("ol.places a")
    assert links.all_text_contents() == ["records/b.md", "records/more news/d.md"]
    targets = links.evaluate_all("els => els.map(a => a.href)")
    assert targets == [
        (tmp_path / "records" / "b.md").as_uri(),
        (tmp_path / "records" / "more news" / "d.md").as_uri(),
    ]

    # Filters: rule, severity, file, fix; each changes what is shown.
    page.select_option("#f-rule", "AL203")
    assert (status(page), cards(page)) == ((1, 2), [("AL203", 2)])
    page.select_option("#f-rule", "")
    page.uncheck("input[name=severity][value=warning]")
    assert cards(page) == [("AL401", 1), ("AL302", 1)]
    page.check("input[name=severity][value=warning]")
    page.fill("#f-file", "more news")
    assert cards(page) == [("AL203", 1), ("AL601", 1)]
    assert "1 place in 1 file (of 2 places in all)" in first_card_text(page)
    page.fill("#f-file", "")
    page.select_option("#f-fix", "1")
    assert cards(page) == [("AL601", 1)]
    page.click("#f-reset")
    assert status(page) == (5, 6)
    # Provider and month come from the records (all five are siliconrepublic.com's).
    page.select_option("#f-provider", "siliconrepublic.com")
    assert status(page) == (5, 6)
    page.select_option("#f-provider", "(none)")
    assert status(page) == (0, 0)
    page.click("#f-reset")
    page.click('#chart-months a[data-value="2021-01"]')
    assert page.input_value("#f-month") == "2021-01"
    assert cards(page) == [("AL302", 1)]
    page.click("#f-reset")

    # A bar of the rules chart lists that rule's problems.
    page.click('#chart-rules a[data-value="AL302"]')
    assert page.input_value("#f-rule") == "AL302"
    assert cards(page) == [("AL302", 1)]
    # "only this file" narrows to one record, and says what it is.
    page.click("#f-reset")
    page.locator("#list li.problem").first.locator("button.only").last.click()
    assert page.input_value("#f-file") == "records/more news/d.md"
    assert cards(page) == [("AL203", 1), ("AL601", 1)]
    assert page.locator("#file-card").is_visible()
    # The rule's documentation, from the rules table, opens inside the card.
    from playwright.sync_api import expect

    doc = page.locator("#list li.problem details.doc").first
    doc.locator("summary").click()
    expect(doc.locator("h4").first).to_have_text("What it does")
    assert loaded.console == []
    assert_clean_load(loaded, report)


def first_card_text(page: Any) -> str:
    text = page.locator("#list li.problem").first.text_content()
    assert text is not None
    return text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_the_shared_corpus_in_chromium(
    browser: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    record_corpus_count: Any,
) -> None:
    monkeypatch.chdir(CORPUS)
    result, report = reports(Path("."), tmp_path / "report.html")
    record_corpus_count(result["files_checked"])
    loaded = load(browser, report)
    page = loaded.page
    assert_numbers_match(page, result)
    diagnostics = result["diagnostics"]
    by_rule = Counter(d["code"] for d in diagnostics)
    # Every rule's filter shows exactly its findings.
    for code, count in by_rule.items():
        page.select_option("#f-rule", code)
        assert status(page)[1] == count, code
        assert {c for c, _ in cards(page)} == {code}
    page.select_option("#f-rule", "")
    # The record facts: every record's findings are under its provider, and its month.
    assert shown(page, "unpublished") == by_rule["AL401"]
    from articlelint import lint_paths
    from articlelint.config import discover_config
    from articlelint.reporting.html import month_of

    records = lint_paths(["."], discover_config(["."])).records
    dated = {path for path, r in records.items() if month_of(r.published_date_time)}
    for select in ("#f-provider", "#f-month"):
        values = page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)")
        assert len(values) > 2
        total = 0
        for value in values[1:]:
            page.select_option(select, value)
            total += status(page)[1]
        page.select_option(select, "")
        undated = [d for d in diagnostics if select == "#f-month" and d["path"] not in dated]
        assert total + len(undated) == len(diagnostics), select
    by_severity = Counter(d["severity"] for d in diagnostics)
    for severity in ("warning", "info"):
        page.uncheck(f"input[name=severity][value={severity}]")
    assert status(page)[1] == by_severity["error"]
    page.click("#f-reset")
    # The list is drawn a page at a time, and says so; every problem can be shown.
    problems, findings = status(page)
    assert findings == len(diagnostics)
    assert len(cards(page)) == min(problems, 100)
    if problems > 100:
        assert page.inner_text("#more-all") == f"Show all {problems:,} problems"
        page.click("#more-page")
        assert len(cards(page)) == min(problems, 200)
        page.click("#more-all")
        page.wait_for_function(
            "() => document.getElementById('status').textContent.endsWith('all shown.')"
        )
        assert len(cards(page)) == problems
        assert sum(places for _, places in cards(page)) == len(diagnostics)
    # A problem in many places lists a few, and all of them on demand.
    top = page.locator("#list li.problem").first
    total = int(top.get_attribute("data-places") or 0)
    if total > 5:
        assert top.locator("ol.places li").count() == 5
        top.locator("button.all-places").click()
        assert top.locator("ol.places li").count() == total
    assert_clean_load(loaded, report)
