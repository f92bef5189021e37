"""Checking records held as data, one at a time, and finishing cross-record rules group by
group: what every pipeline front-end (:func:`~articlelint.pipelines.records.lint_records`,
Dask, Spark) runs, in one process or in many.

This module is the only one of the package that touches the engine: it builds on the
engine's rule set and its per-record step (the same one :func:`articlelint.lint_record`
runs), so a record checked here gives exactly what ``lint_record`` gives.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Span
from articlelint.engine import (
    FileReport,
    RuleSet,
    _internal_error,
    _make,
    _run_rules,
)
from articlelint.loading import LoadError
from articlelint.rules import LocatedFact, Problem, ProjectRule, Record

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
        self.ruleset = RuleSet(config)
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
        ruleset = self.ruleset
        name = path if path is not None else record_id
        metadata = getattr(data, "metadata", None)
        if isinstance(metadata, Mapping):
            data = metadata
        if not isinstance(data, Mapping):
            return self._not_a_record(data, record_id, name), []
        report = FileReport(name)
        record = Record(data, path, None, site=ruleset.site)
        _run_rules(record, None, ruleset, self._ignored(name), report)
        report.diagnostics.sort(key=Diagnostic.sort_key)
        findings = [_finding(record_id, d) for d in report.diagnostics]
        facts = [self._fact(code, record_id, located) for code, located in report.facts]
        return findings, facts

    def _ignored(self, name: str) -> frozenset[str]:
        """The codes ``per-file-ignores`` switches off for ``name`` (as for a file of that
        name). Not kept: the rule set remembers the answer per file, and a stream of
        records has a new name each time (memory must stay flat)."""
        if not self.ruleset.config.per_file_ignores:
            return frozenset()
        codes = self.ruleset.ignored_for(name)
        self.ruleset._ignore_cache.pop(name, None)
        return codes

    def error(self, record_id: str, code: str, message: str) -> list[Finding]:
        """A record that could not be read (``AL008``: a JSON string column's broken
        value), as the engine reports a file that does not load."""
        from articlelint.engine import check_loaded

        error = LoadError(record_id, code, message, Span(0, 0, 0, 0))
        return [_finding(record_id, d) for d in check_loaded(error, self.ruleset).diagnostics]

    def _not_a_record(self, data: Any, record_id: str, name: str) -> list[Finding]:
        """What :func:`articlelint.lint_record` says of a value that is no mapping."""
        from articlelint.engine import check_loaded

        kind = "a list" if isinstance(data, (list, tuple)) else type(data).__name__
        error = LoadError(
            name, "AL103", f"a record must be a mapping of fields, found {kind}", Span(0, 0, 0, 0)
        )
        return [_finding(record_id, d) for d in check_loaded(error, self.ruleset).diagnostics]

    def _fact(self, code: str, record_id: str, located: LocatedFact) -> Fact:
        try:
            group = repr(self.project[code].group_key(located))
        except Exception:  # a plugin's bug: one group is always right
            group = "None"
        return Fact(code, group, pickle.dumps((record_id, located), protocol=4))

    def finish(self, code: str, payloads: Iterable[bytes]) -> list[Finding]:
        """The findings of rule ``code`` over the facts of one group (or of several, or
        all: any union of whole groups gives the union of their findings)."""
        active = self.ruleset.by_code.get(code)
        if active is None or not isinstance(active.rule, ProjectRule):
            return []
        ids: dict[int, str] = {}
        facts: list[LocatedFact] = []
        for payload in payloads:
            record_id, located = pickle.loads(payload)
            ids[id(located)] = record_id
            facts.append(located)
        out: list[Finding] = []
        try:
            for where, problem in active.rule.finish(facts, active.options):
                span = problem.span or where.span or Span(0, 0, 0, 0)
                located_problem = Problem(
                    problem.message,
                    problem.field or where.fact.field,
                    problem.on_key,
                    span,
                    problem.fix,
                )
                if code in self._ignored(where.path):
                    continue
                diagnostic = _make(active, located_problem, where.path, None, active.severity)
                out.append(_finding(ids.get(id(where), where.path), diagnostic))
        except Exception as exc:
            out.append(_finding(PROJECT_ID, _internal_error(active.rule, exc, PROJECT_ID)))
        return out


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
