"""A few thousand records for the pipeline tests, the same for every backend: the
benchmark's JSON Lines records (bench/pipelines.py, 10 % with a defect), plus records that
exercise the cross-record rules across partitions (the same story twice, a collection and
the records its items name), and what the serial `lint_records` finds in them."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from bench.pipelines import json_lines, record_id

from articlelint import lint_records
from articlelint.pipelines import Finding

COUNT = 2000


@cache
def rows() -> tuple[list[str], list[str], list[str | None]]:
    """``(ids, JSON lines, paths)``: a path only for the collection and its items."""
    lines = list(json_lines(COUNT, seed=16))
    twin = json.loads(lines[3])
    twin["title"] = "The same story, scraped twice"
    lines.append(json.dumps(twin))
    collection = {
        "type": "collection",
        "title": "Getting started",
        "items": ["videos/intro", "videos/missing"],
    }
    video = json.loads(lines[0]) | {"type": "video", "originalUrl": json.loads(lines[0])["webUrl"]}
    del video["webUrl"]
    lines.insert(0, json.dumps(collection))
    lines.append(json.dumps(video))
    ids = [record_id(line) for line in lines]
    paths: list[str | None] = [None] * len(lines)
    paths[0] = "/site/_learning/collections/start.md"
    paths[-1] = "/site/_learning/videos/intro.md"
    return ids, lines, paths


@cache
def serial() -> list[Finding]:
    ids, lines, paths = rows()
    found = sorted(lint_records(lines, ids=ids, paths=paths))
    codes = {f.code for f in found}
    assert {"AL008", "AL509", "AL511", "AL202", "AL302"} <= codes, codes
    return found


def table_rows() -> tuple[list[str], list[dict[str, Any]]]:
    """Records that a typed table can hold (a column has one type): those that parse, less
    the two defects that change a column's type (`quality: "70"`, `published: "yes"`)."""
    ids, lines, _ = rows()
    kept_ids, records = [], []
    for rid, line in zip(ids, lines, strict=True):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("quality", 0) == "70" or record.get("published") == "yes":
            continue
        if record.get("type") in ("collection", "video"):
            continue  # another shape of record: a table of articles
        kept_ids.append(rid)
        records.append(record)
    return kept_ids, records


def serial_of_table() -> list[Finding]:
    ids, records = table_rows()
    return sorted(lint_records(records, ids=ids))
