"""Spark: findings of a Spark DataFrame of records, as a Spark DataFrame with a fixed
schema (:data:`FINDINGS_SCHEMA`), Arrow-based (``mapInArrow``).

Records are rows with nested structs, arrays and maps (as ``spark.read.parquet`` or a
schema gives them), or a single text column holding each record as JSON
(``spark.read.text`` on JSON Lines: each record exactly as written, with no schema
inference in between). Each partition is checked where it is; cross-record rules are one
shuffle of their small facts on the group their finish needs
(:meth:`articlelint.rules.ProjectRule.group_key`), which the findings ride along, so the
records are read and checked once and nothing is collected on the driver.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from articlelint.config import Config
from articlelint.pipelines._check import FINDING_COLUMNS, Finding, checker_for
from articlelint.pipelines._extras import require
from articlelint.pipelines.records import check_rows
from articlelint.pipelines.tables import holds_json, pylist_rows, record_columns

__all__ = ["FINDINGS_SCHEMA", "FINDING_COLUMNS", "lint_dataframe"]

#: The findings' schema, as a DDL string (every column text; ``field`` may be null).
FINDINGS_SCHEMA = (
    "record_id string not null, code string not null, name string not null, "
    "severity string not null, field string, message string not null"
)
_COMBINED_SCHEMA = (
    "kind string, record_id string, code string, name string, severity string, "
    "field string, message string, grp string, payload binary"
)
#: The id column added when the caller gives none.
ROW_ID = "__articlelint_row_id"
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Findings per Arrow batch sent back to Spark.
_BATCH = 4096


def lint_dataframe(
    df: Any,
    id_column: str | None = None,
    config: Config | None = None,
    *,
    path_column: str | None = None,
) -> Any:
    """A Spark DataFrame of findings (:data:`FINDINGS_SCHEMA`) for ``df``, a DataFrame with
    a record a row. Lazy, like any DataFrame: nothing runs until an action.

    Every column but ``id_column`` and ``path_column`` is a field of the record (a null is
    an absent field); a DataFrame whose only other column is a string column holds each
    record as JSON text. ``record_id``: the ``id_column``'s value as text; without one,
    Spark's ``monotonically_increasing_id()`` of the row (unique, not consecutive: give an
    id column to know the row)."""
    (functions,) = require("spark", "pyspark.sql.functions")
    require("spark", "pyarrow")
    names = list(df.columns)
    columns = record_columns(names, id_column, path_column)
    text = [f.name for f in df.schema.fields if f.dataType.typeName() == "string"]
    as_json = holds_json(columns, text)
    if id_column is None:
        id_column = ROW_ID
        df = df.withColumn(ROW_ID, functions.monotonically_increasing_id())
    check = functools.partial(_check_batches, id_column, path_column, as_json, config)
    combined = df.mapInArrow(check, _COMBINED_SCHEMA)
    finish = functools.partial(_finish_batches, config)
    return combined.repartition("grp").mapInArrow(finish, FINDINGS_SCHEMA)


def _check_batches(
    id_column: str,
    path_column: str | None,
    as_json: bool,
    config: Config | None,
    batches: Iterable[Any],
) -> Iterator[Any]:
    import pyarrow as pa

    checker = checker_for(config)
    schema = _arrow_schema(pa, combined=True)
    for batch in batches:
        rows = pylist_rows(batch.to_pylist(), id_column, path_column, as_json)
        findings, facts = check_rows(rows, checker)
        out: list[dict[str, Any]] = [
            # A finding's group is its record: the shuffle spreads findings evenly.
            {"kind": "f", **_safe(f).to_dict(), "grp": f.record_id, "payload": None}
            for f in findings
        ]
        out.extend(
            {"kind": "x", "code": f.code, "grp": f"{f.code} {f.group}", "payload": f.payload}
            for f in facts
        )
        if out:
            yield pa.RecordBatch.from_pylist(out, schema=schema)


def _finish_batches(config: Config | None, batches: Iterable[Any]) -> Iterator[Any]:
    """Pass the findings through; finish the facts of each group (all of a group is in
    this partition: the shuffle was on the group)."""
    import pyarrow as pa

    schema = _arrow_schema(pa, combined=False)
    groups: dict[tuple[str, str], list[bytes]] = {}
    out: list[dict[str, Any]] = []
    for batch in batches:
        for row in batch.to_pylist():
            if row["kind"] == "f":
                out.append({c: row[c] for c in FINDING_COLUMNS})
            else:
                groups.setdefault((row["code"], row["grp"]), []).append(row["payload"])
        if len(out) >= _BATCH:
            yield pa.RecordBatch.from_pylist(out, schema=schema)
            out = []
    checker = checker_for(config)
    for (code, _group), payloads in sorted(groups.items()):
        out.extend(_safe(f).to_dict() for f in checker.finish(code, payloads))
        if len(out) >= _BATCH:
            yield pa.RecordBatch.from_pylist(out, schema=schema)
            out = []
    if out:
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _arrow_schema(pa: Any, *, combined: bool) -> Any:
    text = pa.string()
    fields = [
        pa.field("record_id", text, nullable=combined),
        pa.field("code", text, nullable=combined),
        pa.field("name", text, nullable=combined),
        pa.field("severity", text, nullable=combined),
        pa.field("field", text),
        pa.field("message", text, nullable=combined),
    ]
    if combined:
        fields = [pa.field("kind", text), *fields, pa.field("grp", text)]
        fields.append(pa.field("payload", pa.binary()))
    return pa.schema(fields)


def _safe(finding: Finding) -> Finding:
    """Text Arrow can hold: a lone surrogate (possible in a record given as a Python
    mapping) becomes U+FFFD."""
    if not any(v is not None and _SURROGATE.search(v) for v in finding):
        return finding
    record_id, code, name, severity, field, message = finding
    return Finding(
        _clean(record_id),
        code,
        name,
        severity,
        None if field is None else _clean(field),
        _clean(message),
    )


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)
