"""``articlelint report --compare OLD.json NEW.json``: new and fixed findings between two
saved runs, paired on file, rule, field and message (a moved line is the same finding),
then on file, rule and field; exact Markdown and text output; bad input is a usage error."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from articlelint.cli import main
from articlelint.reporting.compare import compare
from tests.conftest import VALID, replace_line


def finding(path: str, line: int, code: str = "AL202", **extra: Any) -> dict[str, Any]:
    d = {
        "code": code,
        "name": "insecure-url",
        "severity": "warning",
        "message": "URL uses insecure `http://`; use `https://` if the site serves it",
        "path": path,
        "line": line,
        "column": 9,
        "end_line": line,
        "end_column": 20,
        "field": "webUrl",
        "fix": None,
    }
    d.update(extra)
    return d


def save(path: Path, diagnostics: list[dict[str, Any]]) -> str:
    path.write_text(
        json.dumps({"version": "0.1.0", "files_checked": 3, "diagnostics": diagnostics}),
        encoding="utf-8",
    )
    return str(path)


def report(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["report", *args], stdout=out)
    return code, out.getvalue()


def test_a_moved_finding_is_unchanged_and_a_changed_value_still_pairs() -> None:
    old = [finding("a.md", 7), finding("b.md", 7), finding("c.md", 4, message="old value")]
    new = [finding("a.md", 9), finding("c.md", 4, message="new value"), finding("d.md", 3)]
    c = compare(old, new)
    assert [(d["path"], d["line"]) for d in c.new] == [("d.md", 3)]
    assert [(d["path"], d["line"]) for d in c.fixed] == [("b.md", 7)]
    assert (c.unchanged, c.old_total, c.new_total) == (2, 3, 3)


def test_findings_are_counted_as_multisets() -> None:
    two = [finding("a.md", 7), finding("a.md", 7)]
    c = compare(two, two[:1])
    assert (len(c.new), len(c.fixed), c.unchanged) == (0, 1, 1)
    c = compare(two[:1], two)
    assert (len(c.new), len(c.fixed), c.unchanged) == (1, 0, 1)
    # Another rule or field in the same file is not the same finding.
    c = compare([finding("a.md", 7)], [finding("a.md", 7, code="AL201")])
    assert (len(c.new), len(c.fixed)) == (1, 1)


def test_markdown_for_a_pull_request(tmp_path: Path) -> None:
    old = save(tmp_path / "old.json", [finding("a.md", 7), finding("b.md", 7)])
    odd = finding("x|y.md", 3, code="AL601", field="title", message="a `b` | c\nd")
    new = save(tmp_path / "new.json", [finding("a.md", 8), odd])
    assert report("--compare", old, new) == (
        0,
        "### articlelint: 1 new finding, 1 fixed\n"
        "\n"
        f"Compared `{old}` (2 findings) with `{new}` (2 findings): 1 new, 1 fixed, "
        "1 unchanged.\n"
        "\n"
        "**New** (1)\n"
        "\n"
        "| Severity | Rule | Where | Message |\n"
        "|---|---|---|---|\n"
        "| warning | AL601 insecure-url | `x\\|y.md:3:9` `title` | a `b` \\| c d |\n"
        "\n"
        "**Fixed** (1)\n"
        "\n"
        "| Severity | Rule | Where | Message |\n"
        "|---|---|---|---|\n"
        "| warning | AL202 insecure-url | `b.md:7:9` `webUrl` | URL uses insecure `http://`; "
        "use `https://` if the site serves it |\n",
    )


def test_no_change(tmp_path: Path) -> None:
    old = save(tmp_path / "old.json", [finding("a.md", 7)])
    assert report("--compare", old, old)[1] == (
        "### articlelint: no new findings, none fixed (1 unchanged)\n"
        "\n"
        f"Compared `{old}` (1 finding) with `{old}` (1 finding): 0 new, 0 fixed, 1 unchanged.\n"
    )


def test_long_lists_say_how_many_more(tmp_path: Path) -> None:
    old = save(tmp_path / "old.json", [])
    new = save(tmp_path / "new.json", [finding(f"r{n}.md", 7) for n in range(4)])
    out = report("--compare", old, new, "--limit", "2")[1]
    assert "`r1.md:7:9`" in out
    assert "`r2.md:7:9`" not in out
    assert out.endswith("\n…and 2 more new findings (`--limit 0` lists them all).\n")
    assert "`r3.md:7:9`" in report("--compare", old, new, "--limit", "0")[1]
    assert report("--compare", old, new, "--format", "text", "--limit", "1")[1] == (
        "+ r0.md:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
        "[webUrl]\n"
        "  …and 3 more new findings (--limit 0 lists all)\n"
        f"{old} -> {new}: 4 new, 0 fixed, 0 unchanged.\n"
    )


def test_text_format(tmp_path: Path) -> None:
    old = save(tmp_path / "old.json", [finding("b.md", 7)])
    new = save(tmp_path / "new.json", [finding("a.md", 2, field=None)])
    assert report("--compare", old, new, "--format", "text")[1] == (
        "+ a.md:2:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it\n"
        "- b.md:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
        "[webUrl]\n"
        f"{old} -> {new}: 1 new, 1 fixed, 0 unchanged.\n"
    )


def test_two_real_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    http = 'webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"'
    before = replace_line(VALID, http.replace("http", "https", 1), http)
    Path("a.md").write_text(before, encoding="utf-8")
    assert main(["--no-cache", "--format", "json", "--output", "old.json", "a.md"]) == 0
    # A line added above the insecure URL moves it (the same finding); `yes` is new.
    after = replace_line(before, "category: news", "category: news\n# reviewed")
    Path("a.md").write_text(replace_line(after, "published: true", "published: yes"), "utf-8")
    assert main(["--no-cache", "--format", "json", "--output", "new.json", "a.md"]) == 1
    out = report("--compare", "old.json", "new.json", "--format", "text")[1]
    assert [line.split()[:3] for line in out.splitlines()[:-1]] == [["+", "a.md:12:12:", "AL404"]]
    assert out.splitlines()[-1] == "old.json -> new.json: 1 new, 0 fixed, 1 unchanged."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "{",
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ("[]", "not the output of `articlelint --format json` (no `diagnostics` list)"),
        (
            '{"diagnostics": [{"path": "a.md"}]}',
            "diagnostics[0] is not a finding (path, code, message, line, column)",
        ),
    ],
)
def test_a_file_that_is_not_a_json_run_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    good = save(tmp_path / "good.json", [])
    assert report("--compare", good, str(bad)) == (2, "")
    assert capsys.readouterr().err == f"articlelint: error: report --compare: {bad}: {problem}\n"


def test_report_needs_compare(capsys: pytest.CaptureFixture[str]) -> None:
    assert report() == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: report: give --compare OLD.json NEW.json (to check a folder "
        "named `report`, write `./report`)\n"
    )
