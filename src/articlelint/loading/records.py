"""Files that hold records as data, not as front matter: JSON (one record, or an array of
records), JSON Lines (one record a line) and Parquet (one record a row).

A file becomes a :class:`RecordFile`: its records, one :class:`RecordEntry` each (the data,
a :class:`~articlelint.loading.document.Document` with a position for every value when the
file is text, and where the record is), or a :class:`LoadError` for a record that cannot be
read (a broken JSON Lines line is an ``AL008`` for that line; the other lines are still
read). Entries are produced as they are read (JSON Lines and Parquet: one line or one batch
of rows at a time).

Positions: JSON and JSON Lines findings are at the line and column of the value in the file
(for JSON Lines, the line of the record). Parquet has no text: a finding's ``line`` is the
1-based row number and its ``column`` 0; the field path says where in the row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from articlelint._values import Struct
from articlelint.diagnostics import Span
from articlelint.loading.document import Document, LoadError

__all__ = [
    "JSON_LINES_SUFFIXES",
    "JSON_SUFFIXES",
    "PARQUET_SUFFIXES",
    "RECORD_FILE_SUFFIXES",
    "RecordEntry",
    "RecordFile",
    "is_record_file",
    "load_record_bytes",
    "load_record_text",
    "plain_value",
    "row_span",
]

#: One JSON value: a record (an object) or an array of records.
JSON_SUFFIXES = frozenset({".json"})
#: One record (a JSON object) a line.
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: A table of records, read with pyarrow.
PARQUET_SUFFIXES = frozenset({".parquet"})
RECORD_FILE_SUFFIXES = JSON_SUFFIXES | JSON_LINES_SUFFIXES | PARQUET_SUFFIXES
#: The error code of a record that is not valid JSON.
JSON_ERROR = "AL008"
#: Rows read from a Parquet file at a time.
PARQUET_BATCH_ROWS = 1024


def is_record_file(path: str) -> bool:
    """Whether ``path``'s suffix says it holds records as data (JSON, JSON Lines, Parquet)."""
    return Path(path).suffix.lower() in RECORD_FILE_SUFFIXES


class RecordEntry(NamedTuple):
    """One record of a :class:`RecordFile`.

    ``data`` is what the file holds there (a mapping, unless the file is wrong);
    ``document`` gives every value's position (``None`` for Parquet rows); ``span`` is
    where the record is (its JSON value, or its row: line = row number, column 0)."""

    data: Any
    document: Document | None
    span: Span


class RecordFile(Struct):
    """A file of records. ``single``: a ``.json`` file holding one object, a record that
    is the file (as a Markdown record is), so rules that read the file's name and folder
    apply; the records of an array, a JSON Lines file or a table are not files of their
    own. ``text``: the decoded file (``None`` for Parquet)."""

    __slots__ = ("entries", "path", "single", "text")
    _compared = ("path", "text", "single")

    def __init__(
        self,
        path: str,
        text: str | None,
        entries: Iterator[RecordEntry | LoadError],
        single: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.entries = entries
        self.single = single


def row_span(row: int) -> Span:
    """Where a Parquet row's findings are: line = the 1-based row number, column 0."""
    return Span(row, 0, row, 0)


def load_record_bytes(data: bytes, path: str) -> RecordFile | LoadError:
    """A JSON, JSON Lines or Parquet file's records; JSON must be UTF-8 (a BOM is allowed)."""
    suffix = Path(path).suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _load_parquet(data, path)
    from articlelint.loading.loader import load_bytes_text

    text = load_bytes_text(data, path)
    if isinstance(text, LoadError):
        return text
    return _load_decoded(text, path)  # strict UTF-8 decoding never yields a lone surrogate


def load_record_text(text: str, path: str) -> RecordFile | LoadError:
    """The records of decoded JSON or JSON Lines text (``path``'s suffix says which)."""
    from articlelint.loading.loader import lone_surrogate

    error = lone_surrogate(text, path)
    if error is not None:
        return error
    if Path(path).suffix.lower() in PARQUET_SUFFIXES:
        return LoadError(path, "AL001", "a Parquet file is binary: give its bytes, not text")
    return _load_decoded(text, path)


def _load_decoded(text: str, path: str) -> RecordFile | LoadError:
    from articlelint.loading.jsontree import Positions

    positions = Positions(text)
    start = 1 if positions.bom else 0
    if Path(path).suffix.lower() in JSON_LINES_SUFFIXES:
        return RecordFile(path, text, _json_lines(text, path, start, positions))
    from articlelint.loading.jsontree import JsonTreeError, parse_json

    try:
        tree = parse_json(text, start, None, positions)
    except JsonTreeError as exc:
        return LoadError(path, JSON_ERROR, f"not valid JSON: {exc.message}", exc.span, text)
    if isinstance(tree.data, dict):
        entry = _entry(path, text, positions, tree)
        return RecordFile(path, text, iter([entry]), single=True)
    if isinstance(tree.data, list):
        return RecordFile(path, text, _array(path, text, tree))
    return LoadError(
        path,
        "AL103",
        f"a JSON record file holds an object (one record) or an array of objects, found "
        f"{_kind(tree.data)}",
        tree.nodes[()].value,
        text,
    )


def _entry(path: str, text: str, positions: Any, tree: Any) -> RecordEntry:
    """The record that a whole ``.json`` file is."""
    document = Document(
        path=path,
        text=text,
        data=tree.data,
        nodes=tree.nodes,
        bom=positions.bom,
        duplicate_keys=tree.duplicate_keys,
    )
    return RecordEntry(tree.data, document, tree.nodes[()].value)


def _array(path: str, text: str, tree: Any) -> Iterator[RecordEntry | LoadError]:
    # One pass over the nodes, grouped by item (not one pass per item).
    by_item: dict[int, dict[Any, Any]] = {}
    for node_path, info in tree.nodes.items():
        if node_path:
            by_item.setdefault(node_path[0], {})[node_path[1:]] = info
    duplicates: dict[int, list[Any]] = {}
    for dup in tree.duplicate_keys:
        if len(dup.field) > 1:
            duplicates.setdefault(dup.field[0], []).append(dup._replace(field=dup.field[1:]))
    for index, data in enumerate(tree.data):
        nodes = by_item.pop(index)
        if not isinstance(data, dict):
            yield LoadError(
                path,
                "AL103",
                f"each item of a JSON array of records must be an object (a mapping of "
                f"fields); item {index} is {_kind(data)}",
                nodes[()].value,
                text,
            )
            continue
        document = Document(
            path=path,
            text=text,
            data=data,
            nodes=nodes,
            duplicate_keys=duplicates.get(index, []),
        )
        yield RecordEntry(data, document, nodes[()].value)


def _json_lines(
    text: str, path: str, start: int, positions: Any
) -> Iterator[RecordEntry | LoadError]:
    """One entry per line that is not blank: a record, or why the line is not one."""
    from articlelint.loading.jsontree import JsonTreeError, parse_json

    end = len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        line_end = stop - 1 if stop > start and text[stop - 1] == "\r" else stop
        if text[start:line_end].strip(" \t"):
            try:
                tree = parse_json(text, start, line_end, positions)
            except JsonTreeError as exc:
                yield LoadError(
                    path, JSON_ERROR, f"not a JSON record: {exc.message}", exc.span, text
                )
            else:
                if isinstance(tree.data, dict):
                    yield RecordEntry(
                        tree.data,
                        Document(
                            path=path,
                            text=text,
                            data=tree.data,
                            nodes=tree.nodes,
                            bom=positions.bom and start <= 1,
                            duplicate_keys=tree.duplicate_keys,
                        ),
                        tree.nodes[()].value,
                    )
                else:
                    yield LoadError(
                        path,
                        "AL103",
                        "a JSON Lines record must be an object (a mapping of fields), found "
                        f"{_kind(tree.data)}",
                        tree.nodes[()].value,
                        text,
                    )
        start = stop + 1


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


# --------------------------------------------------------------------------- Parquet


def _load_parquet(data: bytes, path: str) -> RecordFile | LoadError:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return LoadError(
            path,
            "AL001",
            "reading Parquet needs pyarrow, which is not installed: `pip install pyarrow` "
            "(or articlelint's `parquet` extra)",
        )
    try:
        table = pq.ParquetFile(pa.BufferReader(data))
    except Exception as exc:  # pyarrow's errors: ArrowInvalid, OSError, ...
        return LoadError(path, "AL001", f"not a readable Parquet file: {_first_line(exc)}")
    return RecordFile(path, None, _parquet_rows(table, path))


def _parquet_rows(table: Any, path: str) -> Iterator[RecordEntry | LoadError]:
    row = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for item in batch.to_pylist():
                row += 1
                yield RecordEntry(plain_value(item), None, row_span(row))
    except Exception as exc:  # a corrupt row group: the rows before it were checked
        yield LoadError(
            path,
            "AL001",
            f"cannot read the Parquet rows after row {row}: {_first_line(exc)}",
            row_span(row + 1),
        )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def plain_value(value: Any) -> Any:
    """A value read from a table (Parquet, Arrow, pandas, Spark) as the record it stands
    for, made of what JSON or YAML would give:

    * a null field of a mapping is an absent field (a table has every column in every row,
      so it cannot tell the two apart); a null in a list stays;
    * a map (Arrow gives a list of ``(key, value)`` pairs) is a mapping;
    * a timestamp is its RFC 3339 text, with its offset when it has a time zone
      (``2022-06-22T08:27:00+00:00``) and without one when it has none (a local time,
      as the column says), a date is ``2022-06-22``;
    * a decimal is an ``int`` when whole, else a ``float``; NumPy scalars and arrays are
      Python numbers and lists; ``NaN`` (pandas' null) is absent.
    """
    return _plain(value)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            plain = _plain(item)
            if plain is None or (isinstance(plain, float) and math.isnan(plain)):
                continue  # null, or NaN (pandas' null): the field is absent
            out[str(key)] = plain
        return out
    if isinstance(value, (list, tuple)):
        if (
            value
            and isinstance(value, list)
            and all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in value)
        ):
            return _plain(dict(value))  # an Arrow map: [(key, value), ...]
        return [_plain(item) for item in value]
    if isinstance(value, dt.datetime):
        return _datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if type(value).__name__ == "Decimal" and hasattr(value, "to_integral_value"):
        whole = value == value.to_integral_value()
        return int(value) if whole and value.is_finite() else float(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(value).hex()
    if type(value).__name__ == "NAType":  # pandas' pd.NA
        return None
    tolist = getattr(value, "tolist", None)  # NumPy arrays and scalars
    if callable(tolist):
        return _plain(tolist())
    items = getattr(value, "asDict", None)  # a Spark Row
    if callable(items):
        return _plain(items(recursive=False))
    return value


def _datetime_text(value: dt.datetime) -> str | None:
    if value != value:  # pandas' NaT, a null timestamp
        return None
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
