"""The corpus snapshot, like ruff's ecosystem check: the per-rule finding counts on the
shared corpus (per top-level folder too) are checked in as tests/snapshots/corpus_counts.json,
so a change to what the rules report is a reviewed change. When they change, the test fails
and prints the table (rule, before, after, delta); to accept the change:

    ARTICLELINT_UPDATE_SNAPSHOT=1 python -m pytest tests/test_corpus_snapshot.py

(or ``python bench/ecosystem.py --update``), and commit the file with the change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from bench.ecosystem import SNAPSHOT, changes, counts, dumps, lint_counts, main, table

from articlelint.diagnostics import Diagnostic, Severity
from tests.conftest import CORPUS, ROOT, VALID, own_web_url, replace_line

UPDATE = "ARTICLELINT_UPDATE_SNAPSHOT"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")
def test_corpus_counts_match_the_snapshot(record_corpus_count: Callable[[int], None]) -> None:
    after = lint_counts(CORPUS)
    record_corpus_count(after["files"]["total"])
    before = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.is_file() else {}
    if os.environ.get(UPDATE) == "1":
        if before != after:
            SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
            SNAPSHOT.write_text(dumps(after), encoding="utf-8")
            print(f"\nrewrote {SNAPSHOT}:\n{table(before, after)}")
        return
    if before != after:
        pytest.fail(
            f"the per-rule counts on {CORPUS} changed; review them:\n\n{table(before, after)}\n"
            f"If the change is intended: {UPDATE}=1 python -m pytest tests/test_corpus_snapshot.py"
            f" (or python bench/ecosystem.py --update), and commit {SNAPSHOT.relative_to(ROOT)}.",
            pytrace=False,
        )


def test_the_checked_in_snapshot_is_in_its_sorted_one_line_per_rule_form() -> None:
    text = SNAPSHOT.read_text(encoding="utf-8")
    data = json.loads(text)
    assert dumps(data) == text
    assert list(data) == ["files", "rules"]
    assert list(data["rules"]) == sorted(data["rules"])
    for row in [data["files"], *data["rules"].values()]:
        *folders, total = row
        assert total == "total"
        assert folders == sorted(folders)
        assert sum(row[f] for f in folders) == row["total"]


def _finding(code: str, path: str) -> Diagnostic:
    return Diagnostic(code, "x", Severity.ERROR, "m", path, 1, 1, 1, 2)


def test_counts_per_rule_and_folder(tmp_path: Path) -> None:
    files = [str(tmp_path / p) for p in ("a/1.md", "a/2.md", "b/x/3.md", "top.md")]
    found = [
        _finding("AL401", files[0]),
        _finding("AL401", files[1]),
        _finding("AL401", files[2]),
        _finding("AL202", files[3]),
    ]
    snapshot = counts(found, files, tmp_path)
    assert snapshot == {
        "files": {".": 1, "a": 2, "b": 1, "total": 4},
        "rules": {
            "AL202": {".": 1, "a": 0, "b": 0, "total": 1},
            "AL401": {".": 0, "a": 2, "b": 1, "total": 3},
        },
    }
    assert dumps(snapshot) == (
        "{\n"
        '  "files": {".": 1, "a": 2, "b": 1, "total": 4},\n'
        '  "rules": {\n'
        '    "AL202": {".": 1, "a": 0, "b": 0, "total": 1},\n'
        '    "AL401": {".": 0, "a": 2, "b": 1, "total": 3}\n'
        "  }\n"
        "}\n"
    )
    assert json.loads(dumps(snapshot)) == snapshot
    assert dumps(counts([], [], tmp_path)) == '{\n  "files": {"total": 0},\n  "rules": {}\n}\n'


def test_the_diff_table_shows_each_changed_rule_with_its_delta_per_folder() -> None:
    before = {
        "files": {"a": 10, "b": 5, "total": 15},
        "rules": {
            "AL306": {"a": 100, "b": 20, "total": 120},
            "AL401": {"a": 7, "b": 0, "total": 7},
            "AL202": {"a": 1, "b": 1, "total": 2},
        },
    }
    after = {
        "files": {"a": 10, "b": 5, "total": 15},
        "rules": {
            "AL401": {"a": 7, "b": 0, "total": 7},
            "AL202": {"a": 1, "b": 3, "total": 4},
            "AL999": {"a": 0, "b": 1, "total": 1},
        },
    }
    assert [code for code, _, _ in changes(before, after)] == ["AL202", "AL306", "AL999"]
    assert table(before, after) == (
        "rule   name                before  after  delta  a delta  b delta\n"
        "AL202  insecure-url             2      4     +2        0       +2\n"
        "AL306  related-date-gap       120      0   -120     -100      -20\n"
        "AL999  (no such rule now)       0      1     +1        0       +1\n"
        "all    (findings)             129     12   -117     -100      -17\n"
    )
    assert table(before, before) == ""
    # A change in the files checked shows first; --all shows unchanged rules too.
    grown = after | {"files": {"a": 11, "b": 5, "total": 16}}
    assert table(before, grown, everything=True).splitlines()[1:5] == [
        "files  (files checked)         15     16     +1       +1        0",
        "AL202  insecure-url             2      4     +2        0       +2",
        "AL306  related-date-gap       120      0   -120     -100      -20",
        "AL401  unpublished-record       7      7      0        0        0",
    ]


def test_ecosystem_script_compares_any_folder_with_its_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "site"
    (folder / "news").mkdir(parents=True)
    (folder / "videos").mkdir()
    (folder / "news" / "a.md").write_text(own_web_url(VALID, "a"), encoding="utf-8")
    unpublished = replace_line(VALID, "published: true", "published: false")
    (folder / "videos" / "b.md").write_text(own_web_url(unpublished, "b"), encoding="utf-8")
    snapshot = tmp_path / "counts.json"
    args = [str(folder), "--snapshot", str(snapshot)]
    assert main(args) == 1  # no snapshot yet: the counts, and a failure
    assert "no snapshot at" in capsys.readouterr().out
    assert main([*args, "--update"]) == 0
    assert json.loads(snapshot.read_text(encoding="utf-8"))["rules"] == {
        "AL401": {"news": 0, "videos": 1, "total": 1}
    }
    capsys.readouterr()
    assert main(args) == 0
    assert capsys.readouterr().out == f"counts match {snapshot}\n"
    (folder / "news" / "c.md").write_text(own_web_url(unpublished, "c"), encoding="utf-8")
    assert main(args) == 1
    assert capsys.readouterr().out == (
        "rule   name                before  after  delta  news delta  videos delta\n"
        "files  (files checked)          2      3     +1          +1             0\n"
        "AL401  unpublished-record       1      2     +1          +1             0\n"
        "all    (findings)               1      2     +1          +1             0\n"
    )
    assert main([str(tmp_path / "missing")]) == 2
