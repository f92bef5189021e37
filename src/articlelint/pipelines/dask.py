"""Dask: findings of a ``dask.bag.Bag`` or ``dask.dataframe.DataFrame`` of records, as a
lazy collection, on any Dask scheduler (threads, processes, ``distributed``).

Each partition is checked where it is (a task per partition, the rule set built once per
worker process); cross-record rules are a shuffle of their small facts on the group their
finish needs (:meth:`articlelint.rules.ProjectRule.group_key`), then a task per group of
partitions. No record, and no fact, goes through the client.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from articlelint.config import Config
from articlelint.pipelines._check import FINDING_COLUMNS, Finding, checker_for
from articlelint.pipelines._extras import require
from articlelint.pipelines.records import check_rows
from articlelint.pipelines.tables import frame_rows, holds_json, record_columns

__all__ = ["FINDING_COLUMNS", "lint_bag", "lint_dataframe"]

#: The columns of the intermediate table: a finding (``kind`` "f") or a fact ("x").
_COMBINED = ("kind", *FINDING_COLUMNS, "group", "payload")


def lint_bag(bag: Any, config: Config | None = None) -> Any:
    """A ``dask.bag.Bag`` of finding dicts (keys :data:`FINDING_COLUMNS`) for ``bag``.

    Elements are records: a mapping, a JSON text (a line of a JSON Lines file, as
    ``dask.bag.read_text`` gives), or a pair ``(id, record)`` or triple ``(id, record,
    path)`` (``path``: the record's file in its site, see
    :func:`articlelint.lint_records`). A record without an id is named by its place,
    ``"<partition>:<position>"``."""
    db, dask = require("dask", "dask.bag", "dask")
    parts = bag.to_delayed()
    checked = db.from_delayed(
        [dask.delayed(_check_part)(part, index, config) for index, part in enumerate(parts)]
    )
    findings = checked.filter(_is_finding).map(_as_dict)
    facts = checked.filter(_is_fact)
    finished = facts.groupby(
        _group_of, shuffle="tasks", npartitions=max(1, bag.npartitions)
    ).map_partitions(_finish_groups, config)
    return db.concat([findings, finished])


def _check_part(part: Iterable[Any], index: int, config: Config | None) -> list[tuple[Any, ...]]:
    rows = (_bag_row(item, index, position) for position, item in enumerate(part))
    findings, facts = check_rows(rows, checker_for(config))
    return [("f", *f) for f in findings] + [("x", *f) for f in facts]


def _bag_row(item: Any, partition: int, position: int) -> tuple[str, str | None, Any]:
    if isinstance(item, tuple) and len(item) in (2, 3):
        path = item[2] if len(item) == 3 else None
        return str(item[0]), path, item[1]
    return f"{partition}:{position}", None, item


def _is_finding(item: tuple[Any, ...]) -> bool:
    return bool(item[0] == "f")


def _is_fact(item: tuple[Any, ...]) -> bool:
    return bool(item[0] == "x")


def _as_dict(item: tuple[Any, ...]) -> dict[str, Any]:
    return Finding(*item[1:]).to_dict()


def _group_of(item: tuple[Any, ...]) -> tuple[str, str]:
    return item[1], item[2]


def _finish_groups(
    groups: Iterable[tuple[tuple[str, str], list[tuple[Any, ...]]]], config: Config | None
) -> list[dict[str, Any]]:
    checker = checker_for(config)
    out: list[dict[str, Any]] = []
    for (code, _group), items in groups:
        out.extend(f.to_dict() for f in checker.finish(code, [item[3] for item in items]))
    return out


def lint_dataframe(
    ddf: Any,
    id_column: str | None = None,
    config: Config | None = None,
    *,
    path_column: str | None = None,
) -> Any:
    """A ``dask.dataframe.DataFrame`` of findings (columns :data:`FINDING_COLUMNS`) for
    ``ddf``, a DataFrame with a record a row.

    Every column but ``id_column`` and ``path_column`` is a field of the record (nested
    structs and lists as pyarrow or pandas give them; a null is an absent field); a frame
    with a single text column holds each record as JSON text instead. ``record_id``: the
    ``id_column``'s value as text, else the row's index value."""
    (dd, pd) = require("dask", "dask.dataframe", "pandas")
    combined_meta = pd.DataFrame({c: pd.Series(dtype=object) for c in _COMBINED})
    findings_meta = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})
    dtypes = {str(c): dtype for c, dtype in ddf.dtypes.items()}
    columns = record_columns(list(dtypes), id_column, path_column)
    text = [c for c, dtype in dtypes.items() if _is_text(dtype)]
    as_json = holds_json(columns, text)
    integers = [c for c, dtype in dtypes.items() if getattr(dtype, "kind", "") in ("i", "u")]
    combined = ddf.map_partitions(
        _check_frame, id_column, path_column, config, as_json, integers, meta=combined_meta
    )
    findings = combined[combined["kind"] == "f"][list(FINDING_COLUMNS)]
    facts = combined[combined["kind"] == "x"][["code", "group", "payload"]]
    finished = facts.shuffle(on="group").map_partitions(_finish_frame, config, meta=findings_meta)
    return dd.concat([findings, finished])


def _is_text(dtype: Any) -> bool:
    """A column of text: pandas' string dtypes, or ``object`` (how text came before)."""
    return str(dtype) in ("object", "string", "str") or str(dtype).startswith("string")


def _check_frame(
    frame: Any,
    id_column: str | None,
    path_column: str | None,
    config: Config | None,
    as_json: bool,
    integers: list[str],
) -> Any:
    import pandas as pd

    records = frame_rows(frame, id_column, path_column, as_json, integers)
    findings, facts = check_rows(records, checker_for(config))
    rows: list[tuple[Any, ...]] = [("f", *f, None, None) for f in findings]
    rows.extend(("x", None, f.code, None, None, None, None, f.group, f.payload) for f in facts)
    return pd.DataFrame(rows, columns=list(_COMBINED), dtype=object)


def _finish_frame(frame: Any, config: Config | None) -> Any:
    import pandas as pd

    checker = checker_for(config)
    out: list[Finding] = []
    for (code, _group), part in frame.groupby(["code", "group"], sort=True):
        out.extend(checker.finish(code, part["payload"].tolist()))
    return pd.DataFrame(out, columns=list(FINDING_COLUMNS), dtype=object)
