"""Checking records held as data, one at a time, and finishing cross-record rules group by
group: what every pipeline front-end (:func:`~articlelint.pipelines.records.lint_records`,
Dask, Spark) runs, in one process or in many.

Built on the engine's one way in, :class:`~articlelint.engine.linter.Linter`: a record is
checked by :meth:`Linter.check_record` (what :func:`articlelint.lint_record` runs, so the
findings are the same), and a group of facts is finished by :meth:`Linter.finish`.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from typing import Any, NamedTuple

from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Span
from articlelint.engine.linter import Linter
from articlelint.engine.results import FileReport
from articlelint.loading import LoadError
from articlelint.rules import LocatedFact, ProjectRule

__all__ = ["FINDING_COLUMNS", "Checker", "Finding", "checker_for"]


class Finding(NamedTuple):
    """One finding of a record checked as data: the schema every pipeline front-end
    returns (a ``dict`` with these keys, a Dask or Spark DataFrame with these columns).

    ``record_id`` is the record's id as text (``str(id)``), or its 0-based position when
    it has none; ``field`` a path into the record such as ``related[3].webUrl`` (``None``:
    the whole record); ``severity`` is ``error``, ``warning`` or ``info``."""

    record_id: str
    code: str
    name: str
    severity: str
    field: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(FINDING_COLUMNS, self, strict=True))


#: The columns of a findings table, in order.
FINDING_COLUMNS: tuple[str, ...] = Finding._fields
#: ``record_id`` of a finding that belongs to no record (a cross-record rule crashed).
PROJECT_ID = "<project>"


def _finding(record_id: str, diagnostic: Diagnostic) -> Finding:
    return Finding(
        record_id,
        diagnostic.code,
        diagnostic.name,
        diagnostic.severity.value,
        diagnostic.field,
        diagnostic.message,
    )


class Fact(NamedTuple):
    """What a cross-record rule keeps of one record, ready to travel: the rule, the group
    its finish needs it in (text, so a DataFrame can shuffle on it), and the pickled
    ``(record_id, LocatedFact)``."""

    code: str
    group: str
    payload: bytes


class Checker:
    """The rules a :class:`Config` turns on, built once, checking records one by one."""

    def __init__(self, config: Config | None = None) -> None:
        self.linter = Linter(config)
        self.ruleset = self.linter.ruleset
        self.project: dict[str, ProjectRule] = {
            a.rule.code: a.rule for a in self.ruleset.active if isinstance(a.rule, ProjectRule)
        }

    def check(
        self, data: Any, record_id: str, path: str | None = None
    ) -> tuple[list[Finding], list[Fact]]:
        """The findings of one record, and the facts its cross-record rules keep.

        ``path``: the record's file in its site (``_learning/videos/x.md``), for the rules
        that read it (dates in file names, undated folders, collection items); without
        one the record is checked exactly as :func:`articlelint.lint_record` checks it
        (with ``path=record_id``)."""
        name = path if path is not None else record_id
        report = self.linter.check_record(data, name, file=path)
        findings = [_finding(record_id, d) for d in report.diagnostics]
        facts = [self._fact(code, record_id, located) for code, located in report.facts]
        return findings, facts

    def error(self, record_id: str, code: str, message: str) -> list[Finding]:
        """A record that could not be read (``AL008``: a JSON text that does not parse),
        reported as the engine reports a file that does not load."""
        error = LoadError(record_id, code, message, Span(0, 0, 0, 0))
        return [_finding(record_id, d) for d in self.linter.check_loaded(error).diagnostics]

    def _fact(self, code: str, record_id: str, located: LocatedFact) -> Fact:
        try:
            group = repr(self.project[code].group_key(located))
        except Exception:  # a plugin's bug: one group is always right
            group = "None"
        return Fact(code, group, pickle.dumps((record_id, located), protocol=4))

    def finish(self, code: str, payloads: Iterable[bytes]) -> list[Finding]:
        """The findings of rule ``code`` over the facts of one group (or of several, or
        all: any union of whole groups gives the union of their findings)."""
        if code not in self.project:
            return []
        ids: dict[str, str] = {}
        reports: list[FileReport] = []
        for payload in payloads:
            record_id, located = pickle.loads(payload)
            ids.setdefault(located.path, record_id)
            reports.append(FileReport(located.path, facts=[(code, located)]))
        result = self.linter.finish(reports)
        return [_finding(ids.get(d.path, PROJECT_ID), d) for d in result.diagnostics]


#: One checker per configuration in each process (a Dask or Spark worker checks many
#: partitions with the same configuration).
_CHECKERS: dict[bytes, Checker] = {}


def checker_for(config: Config | None) -> Checker:
    """The :class:`Checker` of ``config`` in this process, built on first use."""
    key = pickle.dumps(config, protocol=4)
    checker = _CHECKERS.get(key)
    if checker is None:
        if len(_CHECKERS) > 8:
            _CHECKERS.clear()
        checker = _CHECKERS[key] = Checker(config)
    return checker
