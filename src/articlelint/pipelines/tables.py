"""Rows of a table (pandas, Arrow, Spark) as records: which columns are the record, its
id and its path, and their values as plain data (see
:func:`articlelint.loading.records.plain_value`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from articlelint.loading.records import plain_value

__all__ = ["frame_rows", "holds_json", "pylist_rows", "record_columns"]


def record_columns(
    columns: Sequence[str], id_column: str | None, path_column: str | None
) -> list[str]:
    """The columns that make the record: all but the id and path columns."""
    missing = [c for c in (id_column, path_column) if c is not None and c not in columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the table (its columns: {list(columns)})")
    return [c for c in columns if c not in (id_column, path_column)]


def holds_json(columns: Sequence[str], text_columns: Sequence[str]) -> bool:
    """Whether a table's records are JSON texts: its only record column is a text column
    (a record of this format has more fields than one)."""
    return len(columns) == 1 and columns[0] in text_columns


def frame_rows(
    frame: Any,
    id_column: str | None,
    path_column: str | None,
    as_json: bool = False,
    integers: Sequence[str] = (),
) -> Iterator[tuple[str, str | None, Any]]:
    """``(record_id, path, record)`` for each row of a pandas DataFrame.

    ``integers``: the columns declared as integers, whose values pandas turns into floats
    in a partition with a null (``70`` -> ``70.0``): they are integers again."""
    columns = record_columns(list(frame.columns), id_column, path_column)
    if integers:
        import pandas as pd

        frame = frame.copy()
        for column in integers:
            if column in columns:
                values = [_integer(v) for v in frame[column].tolist()]
                frame[column] = pd.Series(values, index=frame.index, dtype=object)
    ids = frame[id_column].tolist() if id_column is not None else frame.index.tolist()
    paths = frame[path_column].tolist() if path_column is not None else None
    if as_json:
        records: Sequence[Any] = frame[columns[0]].tolist()
    else:
        records = [plain_value(r) for r in frame[columns].to_dict("records")]
    for index, record in enumerate(records):
        path = _text(paths[index]) if paths is not None else None
        yield str(ids[index]), path, record


def pylist_rows(
    rows: Sequence[dict[str, Any]],
    id_column: str,
    path_column: str | None,
    as_json: bool = False,
) -> Iterator[tuple[str, str | None, Any]]:
    """``(record_id, path, record)`` for rows given as dicts (``RecordBatch.to_pylist``)."""
    if not rows:
        return
    columns = record_columns(list(rows[0]), id_column, path_column)
    for row in rows:
        path = _text(row[path_column]) if path_column is not None else None
        if as_json:
            record: Any = row[columns[0]]
        else:
            record = plain_value({c: row[c] for c in columns})
        yield str(row[id_column]), path, record


def _integer(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(value: Any) -> str | None:
    """A path cell as text; a null (``None``, ``NaN``, ``pd.NA``) is no path."""
    if plain_value({"v": value}) == {}:
        return None
    return str(value)
