"""`lint_records`: records held as data, checked in a stream, exactly as `lint_record`
checks each one, with cross-record rules finished group by group across the batch."""

from __future__ import annotations

import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

import articlelint
from articlelint import lint_record, lint_records
from articlelint.config import Config
from articlelint.loading import Document, load_path
from articlelint.pipelines import records as records_module
from articlelint.pipelines._check import Checker, Finding
from articlelint.pipelines._extras import MissingExtra
from tests.conftest import CORPUS, SEEDS

ROOT = Path(__file__).resolve().parent.parent


def corpus_records(limit: int = 400) -> list[tuple[str, dict[str, Any]]]:
    """``(path, data)`` of real records: the shared corpus (when present) and the seeds."""
    files = sorted(SEEDS.rglob("*.md"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.rglob("*.md"))[:limit]
    out = []
    for path in files:
        loaded = load_path(path)
        if isinstance(loaded, Document):
            out.append((os.path.relpath(path, ROOT), loaded.data))
    return out


def valid_story() -> dict[str, Any]:
    loaded = load_path(SEEDS / "valid" / "2022-06-21-microsoft-to-curtail-facial-recognition.md")
    assert isinstance(loaded, Document)
    return loaded.data


def per_record(data: list[Any], ids: list[str], config: Config | None = None) -> list[Finding]:
    return [
        Finding(record_id, d.code, d.name, d.severity.value, d.field, d.message)
        for record_id, item in zip(ids, data, strict=True)
        for d in lint_record(item, config, path=record_id).diagnostics
    ]


def test_lint_records_equals_lint_record_per_record() -> None:
    found = corpus_records()
    assert len(found) > 20
    data = [d for _, d in found] + [[1, 2], "not json"]
    ids = [f"r{i}" for i in range(len(data))]
    streamed = list(lint_records(data[:-1], ids=ids[:-1]))
    # lint_record finishes the cross-record rules over its one record (future dates are
    # cross-record in form); lint_records after the last record: compare as multisets.
    own = [f for f in streamed if f.code != "AL509"]
    assert sorted(own) == sorted(per_record(data[:-1], ids[:-1]))
    assert len(own) > 40  # real records have findings to compare (the seeds alone: 49)
    # A record's own findings come in record order, as it is checked.
    first_cross = next(i for i, f in enumerate(streamed) if f.code in ("AL304", "AL509"))
    in_order = [int(f.record_id[1:]) for f in streamed[:first_cross]]
    assert in_order == sorted(in_order)
    # Without ids, each record is named by its position.
    unnamed = list(lint_records([{"title": "x"}, {"title": "y"}]))
    assert [f.record_id for f in unnamed] == ["0"] * (len(unnamed) // 2) + ["1"] * (
        len(unnamed) // 2
    )
    assert [f.code for f in unnamed] == [
        d.code for d in lint_record({"title": "x"}).diagnostics
    ] * 2


def test_a_record_given_as_json_text_is_checked_and_broken_json_is_al008() -> None:
    story = valid_story()
    text = json.dumps(story)
    assert list(lint_records([text])) == list(lint_records([story]))
    [broken] = lint_records(['{"title": "cut short",'], ids=["b1"])
    assert broken == Finding(
        "b1",
        "AL008",
        "json-syntax-error",
        "error",
        None,
        "not a JSON record: the JSON ends where a key in double quotes was expected (column 23)",
    )
    [nan] = lint_records(['{"quality": NaN}'])
    assert nan.message.startswith("not a JSON record: `NaN` is not a JSON value")


def test_duplicate_urls_across_the_batch_name_the_other_records() -> None:
    story = valid_story()
    other = dict(story, webUrl=story["webUrl"].replace("https://", "http://") + "#top")
    found = list(lint_records([story, {"title": "x"}, other], ids=["a", 7, "c"]))
    duplicates = [(f.record_id, f.message) for f in found if f.code == "AL509"]
    assert duplicates == [
        (
            "a",
            "the same `webUrl` is also in `c`; keep one record per story and delete or merge "
            "the others",
        ),
        (
            "c",
            "the same `webUrl` is also in `a`; keep one record per story and delete or merge "
            "the others",
        ),
    ]
    assert found[-2:] == [f for f in found if f.code == "AL509"]  # after the last record


def test_collection_items_resolve_among_the_records_of_the_batch(tmp_path: Path) -> None:
    collection = {
        "type": "collection",
        "title": "Getting started",
        "items": ["videos/how-to-start", "videos/no-such-video"],
    }
    video = load_path(
        SEEDS / "valid/_learning/videos/april-dunnam-how-to-get-started-with-power-apps.md"
    )
    assert isinstance(video, Document)
    paths = [
        str(tmp_path / "_learning/collections/start.md"),
        str(tmp_path / "_learning/videos/how-to-start.md"),
    ]
    found = list(lint_records([collection, video.data], ids=["c", "v"], paths=paths))
    assert [(f.record_id, f.code, f.field) for f in found] == [("c", "AL511", "items[1]")]
    # Without paths, records have no place among files: items are not checked.
    assert list(lint_records([collection, video.data])) == []


def test_ids_and_paths_must_match_the_records() -> None:
    with pytest.raises(ValueError, match="zip"):
        list(lint_records([{"title": "x"}, {"title": "y"}], ids=["only one"]))
    with pytest.raises(ValueError, match="zip"):
        list(lint_records([{"title": "x"}], paths=[None, None]))


def test_facts_spilled_to_disk_give_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corpus_records()
    data = [d for _, d in found] * 2  # every record twice: AL509 everywhere
    ids = [str(i) for i in range(len(data))]
    in_memory = list(lint_records(data, ids=ids))
    monkeypatch.setattr(records_module, "SPILL_FACTS", 7)
    spilled = list(lint_records(data, ids=ids))
    assert spilled == in_memory
    assert sum(f.code == "AL509" for f in spilled) >= len(found)


def test_finishing_group_by_group_equals_finishing_everything() -> None:
    """ProjectRule.group_key: what lets Dask and Spark finish cross-record rules as a
    group-by. On real records (with their paths, so collection items resolve on disk), the
    union of every group's findings is the findings of all facts at once."""
    found = corpus_records(2000)
    data = [d for _, d in found] * 2
    paths = [p for p, _ in found] * 2
    config = Config(
        extend_select=["AL512"], options={"future-date": {"now": "2020-01-01T00:00:00Z"}}
    )
    checker = Checker(config)
    facts = []
    for index, (item, path) in enumerate(zip(data, paths, strict=True)):
        facts.extend(checker.check(item, str(index), path)[1])
    by_code: dict[str, dict[str, list[bytes]]] = {}
    for fact in facts:
        by_code.setdefault(fact.code, {}).setdefault(fact.group, []).append(fact.payload)
    assert set(by_code) >= {"AL304", "AL509", "AL511", "AL512"}
    for code, groups in by_code.items():
        everything = checker.finish(code, [p for payloads in groups.values() for p in payloads])
        grouped = [f for payloads in groups.values() for f in checker.finish(code, payloads)]
        assert sorted(grouped) == sorted(everything), code
        assert everything or code == "AL512"
    assert len(by_code["AL509"]) > 10  # real groups, not one big one


def test_findings_and_facts_travel_between_processes() -> None:
    checker = Checker()
    story = valid_story()
    findings, facts = checker.check(dict(story, quality=-1), "x")
    assert pickle.loads(pickle.dumps(findings)) == findings
    assert findings[0].to_dict() == {
        "record_id": "x",
        "code": findings[0].code,
        "name": findings[0].name,
        "severity": findings[0].severity,
        "field": findings[0].field,
        "message": findings[0].message,
    }
    assert facts
    assert pickle.loads(facts[0].payload)[0] == "x"


def test_the_adapters_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import articlelint.dask
    import articlelint.spark

    for name in ("dask", "dask.bag", "dask.dataframe", "pyspark", "pyspark.sql.functions"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    with pytest.raises(MissingExtra) as error:
        articlelint.dask.lint_bag(object())
    assert str(error.value) == (
        "`articlelint.dask` needs dask, which is not installed: install articlelint's `dask` "
        "extra (in a clone: `pip install '.[dask]'`), or `pip install "
        "'dask[dataframe,distributed]' pyarrow`"
    )
    with pytest.raises(MissingExtra, match=r"needs dask, which is not installed"):
        articlelint.dask.lint_dataframe(object())
    with pytest.raises(MissingExtra) as error:
        articlelint.spark.lint_dataframe(object())
    assert str(error.value).endswith(
        "`pip install '.[spark]'`), or `pip install 'pyspark[sql]' pyarrow`"
    )


def test_lint_records_is_public() -> None:
    assert articlelint.lint_records is lint_records
    assert "lint_records" in articlelint.__all__


def test_per_file_ignores_apply_to_record_names_and_nothing_is_kept_per_record() -> None:
    config = Config(per_file_ignores={"legacy-*": ["AL101"]})
    found = list(
        lint_records([{"title": "x"}] * 3, ids=["legacy-1", "new-1", "legacy-2"], config=config)
    )
    assert sorted({(f.record_id, f.code) for f in found}) == [("new-1", "AL101")]
    checker = Checker(config)
    for index in range(5000):
        checker.check({"title": "x"}, f"r{index}")
    assert len(checker.ruleset._ignore_cache) <= 4096  # a stream of names does not pile up
    assert Checker().ruleset.ignored_for("anything") == frozenset()
