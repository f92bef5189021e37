"""``lint_records``: check an iterable of records held as mappings, in a stream.

Each record is checked as it comes (exactly as :func:`articlelint.lint_record` checks it)
and its findings are yielded at once; nothing of it is kept but the small facts that
cross-record rules collect (the record's ``webUrl`` for duplicate links, a collection's
items...). Those are finished at the end, one group at a time (see
:meth:`articlelint.rules.ProjectRule.group_key`); past :data:`SPILL_FACTS` facts they are
kept in a temporary SQLite file rather than in memory, so memory stays flat however many
records go through.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from articlelint.config import Config
from articlelint.pipelines._check import FINDING_COLUMNS, Checker, Fact, Finding

__all__ = [
    "FINDING_COLUMNS",
    "SPILL_FACTS",
    "FactStore",
    "Finding",
    "check_rows",
    "lint_records",
]

#: Facts kept in memory before they go to a temporary SQLite file.
SPILL_FACTS = 50_000


def lint_records(
    records: Iterable[Mapping[str, Any] | str],
    *,
    ids: Iterable[Any] | None = None,
    paths: Iterable[str | None] | None = None,
    config: Config | None = None,
) -> Iterator[Finding]:
    """Check ``records`` (mappings, ``frontmatter.Post`` objects, or JSON texts such as the
    lines of a JSON Lines file) in a stream and yield their findings, each tagged with its
    record's ``record_id``. A JSON text that does not parse is an ``AL008`` finding.

    ``ids``: one id per record (any value; ``record_id`` is ``str(id)``), default the
    0-based position. ``paths``: each record's file in its site (``_learning/videos/x.md``)
    or ``None``, for the rules that read a record's file name and folder (collection items
    are then resolved among the records of the batch, and on disk). ``ids`` and ``paths``
    are read in step with ``records``; one that runs short or long raises ``ValueError``
    when the stream reaches its end.

    A record's own findings come as soon as it is checked, in record order; the findings
    of cross-record rules (the same ``webUrl`` in two records, ...) come after the last
    record. Without ``paths``, a record's findings are exactly those of
    ``lint_record(record, config, path=record_id)``."""
    checker = Checker(config)
    rows = _rows(records, ids, paths)
    with FactStore() as store:
        for row in rows:
            found, facts = check_rows((row,), checker)
            yield from found
            store.extend(facts)
        for code, payloads in store.groups():
            yield from checker.finish(code, payloads)


def check_rows(
    rows: Iterable[tuple[str, str | None, Any]], checker: Checker
) -> tuple[list[Finding], list[Fact]]:
    """The findings and facts of ``(record_id, path, record)`` rows, where a record is a
    mapping or its JSON text (a record that is not valid JSON is an ``AL008`` finding):
    what a Dask or Spark partition runs."""
    findings: list[Finding] = []
    facts: list[Fact] = []
    for record_id, path, value in rows:
        if isinstance(value, str):
            data, error = record_from_json(value)
            if error is not None:
                findings.extend(checker.error(record_id, "AL008", error))
                continue
        else:
            data = value
        found, kept = checker.check(data, record_id, path)
        findings.extend(found)
        facts.extend(kept)
    return findings, facts


def record_from_json(text: str) -> tuple[Any, str | None]:
    """A record given as JSON text: ``(data, None)``, or ``(None, why it is not JSON)``."""
    import json

    try:
        return json.loads(text, parse_constant=_no_constant), None
    except (ValueError, RecursionError):
        pass
    from articlelint.loading.jsontree import JsonTreeError, parse_json

    try:
        return parse_json(text).data, None
    except JsonTreeError as exc:
        where = f" (column {exc.span.column})" if exc.span.line == 1 else ""
        return None, f"not a JSON record: {exc.message}{where}"


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _rows(
    records: Iterable[Any], ids: Iterable[Any] | None, paths: Iterable[str | None] | None
) -> Iterator[tuple[str, str | None, Any]]:
    with_paths: Iterable[tuple[Any, str | None]]
    if paths is None:
        with_paths = zip(records, itertools.repeat(None), strict=False)
    else:
        with_paths = zip(records, paths, strict=True)
    if ids is None:
        for index, (data, path) in enumerate(with_paths):
            yield str(index), path, data
    else:
        for (data, path), record_id in zip(with_paths, ids, strict=True):
            yield str(record_id), path, data


class FactStore:
    """Facts of cross-record rules, given back group by group (each group whole).

    In memory up to :data:`SPILL_FACTS`, then in a temporary SQLite file (deleted on
    :meth:`close`), sorted by SQLite, so a stream of any length needs little memory."""

    def __init__(self, spill: int | None = None) -> None:
        self.spill = SPILL_FACTS if spill is None else spill
        self.memory: list[Fact] = []
        self.database: Any = None
        self.folder: Any = None
        self.count = 0

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extend(self, facts: Iterable[Fact]) -> None:
        self.memory.extend(facts)
        if len(self.memory) >= self.spill:
            self._flush()

    def _flush(self) -> None:
        if self.database is None:
            import sqlite3
            import tempfile

            self.folder = tempfile.TemporaryDirectory(prefix="articlelint-facts-")
            self.database = sqlite3.connect(f"{self.folder.name}/facts.sqlite")
            self.database.execute("PRAGMA journal_mode = OFF")
            self.database.execute("PRAGMA synchronous = OFF")
            self.database.execute(
                "CREATE TABLE facts (seq INTEGER PRIMARY KEY, code TEXT, grp TEXT, payload BLOB)"
            )
        self.database.executemany(
            "INSERT INTO facts (code, grp, payload) VALUES (?, ?, ?)",
            [tuple(fact) for fact in self.memory],
        )
        self.count += len(self.memory)
        self.memory = []

    def groups(self) -> Iterator[tuple[str, list[bytes]]]:
        """``(rule code, payloads of one group)`` for every group, by code then group."""
        if self.database is None:
            ordered: Iterable[Any] = sorted(self.memory, key=lambda f: (f.code, f.group))
            self.memory = []
        else:
            self._flush()
            ordered = self.database.execute(
                "SELECT code, grp, payload FROM facts ORDER BY code, grp, seq"
            )
        for (code, _group), rows in itertools.groupby(ordered, key=lambda f: (f[0], f[1])):
            yield code, [row[2] for row in rows]

    def close(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None
