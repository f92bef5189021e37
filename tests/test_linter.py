"""The one way in (``Linter``): files, text with a version, mappings with an id, reports
finished together; the per-record summaries a result carries; the aliases of moved
modules."""

from __future__ import annotations

import datetime as dt
import importlib
import pickle
import sys
from pathlib import Path

import pytest

import articlelint
from articlelint import Config, Linter, lint_paths, lint_record, lint_text
from articlelint.engine import FileReport, LintResult, RecordSummary
from tests.conftest import SEED, SEEDS, VALID, findings, replace_line

WEB = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
UNPUBLISHED = replace_line(VALID, "published: true", "published: false")


def test_the_linter_is_public_and_the_wrappers_go_through_it() -> None:
    assert articlelint.Linter is Linter
    linter = Linter(Config(ignore=["AL6"]))
    assert linter.config == Config(ignore=["AL6"])
    assert lint_paths([SEEDS], Config(ignore=["AL6"])) == linter.lint_paths([SEEDS])
    assert lint_text(UNPUBLISHED, "a.md") == linter.lint_text(UNPUBLISHED, "a.md")
    data = {"title": "t", "type": "article", "published": False}
    assert lint_record(data, path="r-1") == linter.lint_record(data, "r-1")


def test_check_path_is_what_a_run_reports_for_that_file() -> None:
    linter = Linter()
    report = linter.check_path(SEED)
    assert isinstance(report, FileReport)
    assert report.path == str(SEED)
    assert findings(report.diagnostics) == [
        ("AL401", 11, 12, "published"),
        ("AL601", 60, 14, "related[2].excerpt"),
    ]
    assert report.lines[11] == "published: false"
    assert linter.finish([report]) == linter.lint_paths([str(SEED)])
    missing = linter.check_path(SEEDS / "nothing-here.md")
    assert [(d.code, d.line) for d in missing.diagnostics] == [("AL001", 1)]
    assert missing.record is None


def test_check_text_keeps_the_documents_version() -> None:
    linter = Linter()
    first = linter.check_text(UNPUBLISHED, "_news/a.md", version=7)
    assert (first.path, first.version) == ("_news/a.md", 7)
    assert findings(first.diagnostics) == [("AL401", 11, 12, "published")]
    fixed = linter.check_text(VALID, "_news/a.md", version=8)
    assert (fixed.version, fixed.diagnostics) == (8, [])
    unnamed = linter.check_text(VALID)
    assert (unnamed.path, unnamed.version) == ("<string>.md", None)
    bare = linter.check_text("title: x\n", "story.yaml")
    assert ("AL101", 1, 1, "publishedDateTime") in findings(bare.diagnostics)
    broken = linter.check_text("no front matter\n", "b.md", version=1)
    assert ([d.code for d in broken.diagnostics], broken.version) == (["AL002"], 1)


def test_reports_checked_apart_are_finished_together() -> None:
    """Cross-record rules and suppressions run when reports are finished: two texts
    checked one at a time (an editor's open documents) still see each other's URL."""
    linter = Linter(Config(select=["AL509", "AL901", "AL401"]))
    suppressed = replace_line(UNPUBLISHED, WEB, WEB + "  # articlelint: ignore[AL509]")
    reports = [linter.check_text(VALID, "a.md"), linter.check_text(suppressed, "b.md")]
    result = linter.finish(reports)
    assert [(d.path, d.code, d.line, d.column, d.field) for d in result.diagnostics] == [
        ("a.md", "AL509", 7, 9, "webUrl"),
        ("b.md", "AL401", 11, 12, "published"),
    ]
    assert result.diagnostics[0].message == (
        "the same `webUrl` is also in `b.md` (line 7); keep one record per story and delete "
        "or merge the others"
    )
    assert (result.files_checked, result.paths) == (2, ["a.md", "b.md"])
    # Reports pickle (batches checked in other processes finish the same way).
    assert linter.finish(pickle.loads(pickle.dumps(reports))) == result


def test_one_record_finished_at_a_time_is_what_finish_gives_it() -> None:
    """A front-end that keeps reports (the language server) takes the cross-record
    findings once and finishes each record with its own suppression comments: the same
    diagnostics as finishing them all together."""
    linter = Linter(Config(select=["AL509", "AL901", "AL401"]))
    suppressed = replace_line(UNPUBLISHED, WEB, WEB + "  # articlelint: ignore[AL509]")
    reports = [linter.check_text(VALID, "a.md"), linter.check_text(suppressed, "b.md")]
    cross = linter.cross_record(reports)
    # Before suppressions: both copies of the URL.
    assert [(d.path, d.code, d.line) for d in cross] == [("a.md", "AL509", 7), ("b.md", "AL509", 7)]
    one_at_a_time = [
        d
        for report in reports
        for d in linter.findings(report, [c for c in cross if c.path == report.path])
    ]
    assert one_at_a_time == linter.finish(reports).diagnostics
    # A comment that silences nothing is AL901 here too.
    unused = replace_line(VALID, WEB, WEB + "  # articlelint: ignore[AL401]")
    report = linter.check_text(unused, "c.md")
    assert [(d.code, d.line) for d in linter.findings(report)] == [("AL901", 7)]


def test_a_text_over_the_size_limit_is_not_parsed() -> None:
    linter = Linter(Config(max_file_size=100))
    report = linter.check_text("---\ntitle: " + "x" * 200 + "\n---\n", "big.md", version=3)
    assert [(d.code, d.line, d.message) for d in report.diagnostics] == [
        (
            "AL001",
            1,
            "the text is larger than the 100-byte limit; raise `max-file-size` to check it",
        )
    ]
    assert report.version == 3


def test_mappings_with_ids_in_batches() -> None:
    linter = Linter(Config(select=["AL201", "AL401", "AL509", "AL103"]))
    record = {
        "title": "t",
        "type": "article",
        "webUrl": "https://example.org/a",
        "published": False,
    }
    reports = linter.check_records(
        [("row-1", record), ("row-2", {**record, "webUrl": "htp://x"}), ("row-3", ["a list"])]
    )
    assert [r.path for r in reports] == ["row-1", "row-2", "row-3"]
    assert reports[0] == linter.check_record(record, "row-1")
    result = linter.finish(reports)
    assert [(d.path, d.code, d.line, d.field) for d in result.diagnostics] == [
        ("row-1", "AL401", 0, "published"),
        ("row-2", "AL201", 0, "webUrl"),
        ("row-2", "AL401", 0, "published"),
        ("row-3", "AL103", 0, None),
    ]
    assert list(result.records) == ["row-1", "row-2"]  # row-3 is no record
    assert linter.check_record(record).path == "<record>"


# ---------------------------------------------------------------- record summaries


def test_every_loaded_record_has_a_summary_by_path() -> None:
    result = lint_paths([SEEDS])
    broken = SEEDS / "broken"
    assert sorted(set(result.paths) - set(result.records)) == [
        str(broken / "no-front-matter.md"),
        str(broken / "not-utf8.md"),
        str(broken / "yaml-syntax-error.md"),
    ]
    assert list(result.records) == [p for p in result.paths if p in result.records]
    records = {Path(path).relative_to(SEEDS).as_posix(): s for path, s in result.records.items()}
    assert records["000_8ac51e9a64c34fd8.txt"] == RecordSummary(
        "article", "siliconrepublic.com", "2022-06-22T08:27:00Z", False, True
    )
    assert records["broken/bad-dates.md"] == RecordSummary(
        "article", "siliconrepublic.com", "2022-06-22 08:27", True, False
    )
    assert records["broken/published-flags.md"].published is None  # `published: "false"`
    assert records["broken/unknown-kind.md"] == RecordSummary(
        "podcast", "lowcodeweekly.fm", None, None, False
    )
    assert records["valid/_learning/answers/what-is-power-apps.md"] == RecordSummary(
        "answer", None, None, None, False
    )
    assert records["valid/2019-08-19-power-apps-release-wave-video.md"] == RecordSummary(
        "video", "microsoft.com", "2019-08-19T21:00:10Z", True, False
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, RecordSummary(None, None, None, None, False)),
        (
            {"type": "video", "provider": {"domain": "youtube.com"}, "published": True},
            RecordSummary("video", "youtube.com", None, True, False),
        ),
        ({"heat": -1}, RecordSummary(None, None, None, None, True)),
        ({"heat": -1.0, "published": False}, RecordSummary(None, None, None, False, True)),
        ({"heat": True}, RecordSummary(None, None, None, None, False)),  # not a number
        ({"heat": "-1"}, RecordSummary(None, None, None, None, False)),
        ({"removed": True}, RecordSummary(None, None, None, None, True)),
        ({"removed": "true"}, RecordSummary(None, None, None, None, False)),
        ({"type": 3, "provider": "zdnet.com"}, RecordSummary(None, None, None, None, False)),
        ({"provider": {"domain": ["a"]}}, RecordSummary(None, None, None, None, False)),
        ({"published": "false"}, RecordSummary(None, None, None, None, False)),
        (
            {"publishedDateTime": dt.datetime(2022, 6, 22, 8, 27, tzinfo=dt.timezone.utc)},
            RecordSummary(None, None, "2022-06-22T08:27:00+00:00", None, False),
        ),
        (
            {"publishedDateTime": dt.date(2022, 6, 22)},
            RecordSummary(None, None, "2022-06-22", None, False),
        ),
        ({"publishedDateTime": 20220622}, RecordSummary(None, None, None, None, False)),
    ],
)
def test_a_summary_takes_fields_of_the_expected_type_only(
    data: dict[str, object], expected: RecordSummary
) -> None:
    assert RecordSummary.of(data) == expected
    assert lint_record(data, path="r").records == {"r": expected}


def test_a_summary_is_of_the_record_as_written() -> None:
    text = replace_line(
        VALID, "publishedDateTime: 2022-06-22T08:27:00Z", "publishedDateTime: 2022-06-22 08:27"
    )
    assert lint_text(text, "a.md").records == {
        "a.md": RecordSummary("article", "siliconrepublic.com", "2022-06-22 08:27", True, False)
    }
    assert lint_text("no front matter\n", "b.md").records == {}


def test_results_compare_their_records_but_do_not_show_them() -> None:
    summary = RecordSummary("article", None, None, True, False)
    assert LintResult([], 1, records={"a.md": summary}) != LintResult([], 1)
    assert LintResult([], 1, records={"a.md": summary}) == LintResult(
        [], 1, records={"a.md": summary}
    )
    assert "records" not in repr(LintResult([], 1, records={"a.md": summary}))


# ---------------------------------------------------------------- aliases of moved modules


@pytest.mark.parametrize(
    ("alias", "names"),
    [
        ("articlelint.cache", {"ResultCache": "articlelint.engine.cache", "_FORMAT": None}),
        (
            "articlelint.suppressions",
            {
                "parse_suppressions": "articlelint.engine.suppressions",
                "add_suppressions": "articlelint.fixing.suppress",
                "Suppression": "articlelint.engine.results",
                "_removal_range": None,
            },
        ),
    ],
)
def test_moved_modules_keep_an_alias_that_warns(
    monkeypatch: pytest.MonkeyPatch, alias: str, names: dict[str, str | None]
) -> None:
    monkeypatch.delitem(sys.modules, alias, raising=False)
    with pytest.warns(DeprecationWarning, match=f"{alias} is now articlelint"):
        module = importlib.import_module(alias)
    for name, home in names.items():
        value = getattr(module, name)
        if home is not None:
            assert value is getattr(importlib.import_module(home), name)
    with pytest.raises(AttributeError):
        _ = module.no_such_name


def test_the_engine_and_fixing_packages_export_the_names_they_did() -> None:
    import articlelint.engine as engine
    import articlelint.fixing as fixing

    for name in [
        "ActiveRule",
        "FileReport",
        "JEKYLL_RECORDS",
        "LintResult",
        "PARALLEL_MIN_FILES",
        "RuleSet",
        "check_loaded",
        "discover",
        "lint_paths",
        "lint_record",
        "lint_text",
    ]:
        assert getattr(engine, name) is not None, name
    for name in ["apply_edits", "changed_fields", "fix_paths", "fix_text", "select_fixes"]:
        assert callable(getattr(fixing, name)), name
    assert fixing.MAX_ROUNDS == 10
    assert sorted(dir(engine)) == sorted(engine.__all__)


def test_would_check_is_what_walking_the_folder_checks(tmp_path: Path) -> None:
    from articlelint.engine.discovery import discover, would_check

    site = tmp_path / "site"
    names = ["_config.yml", "README.md", "_news/a.md", "_data/x.yml", "_drafts/b.md"]
    names += [".github/c.md", "node_modules/_x/d.md", "_learning/videos/e.md", "notes.txt"]
    for name in names:
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    config = Config()
    walked = {Path(p).relative_to(site).as_posix() for p in discover([str(site)], config)}
    assert walked == {"_news/a.md", "_drafts/b.md", "_learning/videos/e.md"}
    candidates = [p for p in site.rglob("*") if p.is_file()]
    assert {
        p.relative_to(site).as_posix() for p in candidates if would_check(str(p), config, str(site))
    } == walked
    # A file not yet on disk (an editor's new document) in a collection folder.
    assert would_check(str(site / "_news" / "new.md"), config, str(site))
    # Without a folder: as a file named on the command line (only include/exclude decide).
    assert would_check(str(site / "README.md"), config)
    assert not would_check(str(site / "README.md"), Config(exclude=["README.md"]))
