"""The values that come out of the engine: what checking one record produced
(:class:`FileReport`, with the record's :class:`RecordSummary` and its
:class:`Suppression` comments) and the outcome of a run (:class:`LintResult`).

The bottom of the engine: plain values, imported by everything above (the cache stores
:class:`FileReport` values, reporters render a :class:`LintResult`) and importing nothing
of the engine itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from articlelint._values import Struct
from articlelint.diagnostics import Diagnostic, Severity, Span

if TYPE_CHECKING:
    from articlelint.rules.base import LocatedFact

__all__ = ["FileReport", "LintResult", "RecordSummary", "Suppression"]


class Suppression(NamedTuple):
    """One suppression comment. ``codes`` are canonical codes (``()`` = every rule);
    ``line`` is 1-based; ``span`` covers the directive from ``#`` to its end; ``problem``
    says why a malformed one cannot be used (then it suppresses nothing)."""

    line: int
    file_level: bool
    codes: tuple[str, ...]
    span: Span
    problem: str | None = None
    written: tuple[str, ...] = ()  # the entries as written (for messages and fixes)
    #: Offsets to delete to remove the comment cleanly: with the blanks before it, or the
    #: whole line (and its line break) when the comment is all the line holds.
    removal: tuple[int, int] | None = None


class RecordSummary(NamedTuple):
    """A few facts about one checked record, for reports that list records rather than
    findings (the HTML report): taken from the record's top-level fields as they are, so a
    field that is absent or not of the expected type is ``None``.

    - ``kind``: ``type`` as written (``article``, ``video``, ...);
    - ``provider_domain``: ``provider.domain`` as written;
    - ``published_date_time``: ``publishedDateTime`` as written in the file (a mapping
      given to ``lint_record`` may hold a date or date-time value: its ISO 8601 form);
    - ``published``: the ``published`` flag when it is a boolean;
    - ``withdrawn``: the record carries a withdrawal marker, ``heat: -1`` or
      ``removed: true`` (whatever its ``published`` flag says).
    """

    kind: str | None
    provider_domain: str | None
    published_date_time: str | None
    published: bool | None
    withdrawn: bool

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> RecordSummary:
        """The summary of a record's data (a few lookups: it runs for every record)."""
        kind = data.get("type")
        provider = data.get("provider")
        domain = provider.get("domain") if isinstance(provider, Mapping) else None
        when = data.get("publishedDateTime")
        if isinstance(when, (dt.date, dt.datetime)):
            when = when.isoformat()
        published = data.get("published")
        heat = data.get("heat")
        return cls(
            kind if isinstance(kind, str) else None,
            domain if isinstance(domain, str) else None,
            when if isinstance(when, str) else None,
            published if isinstance(published, bool) else None,
            (heat == -1 and not isinstance(heat, bool)) or data.get("removed") is True,
        )


class FileReport(Struct):
    """What checking one record (a file, a text, a mapping) produced.

    ``facts`` are ``(rule code, fact)`` pairs for the cross-record rules; ``lines`` holds
    the source lines the diagnostics point at (line number -> text, without the line
    break), kept so that reporters need not read the file again (see
    :attr:`LintResult.source_lines`); ``record`` summarises the record (``None``: it did
    not load); ``version`` is the version of a text checked in memory (an editor's
    document version), ``None`` for files.
    """

    __slots__ = ("diagnostics", "facts", "lines", "path", "record", "suppressions", "version")
    _compared = ("path", "diagnostics", "facts", "suppressions", "lines", "record", "version")

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] | None = None,
        facts: list[tuple[str, LocatedFact]] | None = None,
        suppressions: list[Suppression] | None = None,
        lines: dict[int, str] | None = None,
        record: RecordSummary | None = None,
        version: int | None = None,
    ) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.facts: list[tuple[str, LocatedFact]] = [] if facts is None else facts
        self.suppressions: list[Suppression] = [] if suppressions is None else suppressions
        self.lines: dict[int, str] = {} if lines is None else lines
        self.record = record
        self.version = version


class LintResult(Struct):
    """The outcome of a run: every diagnostic, sorted, and how many files were checked.

    ``files`` lists every file the run was given or found, sorted, whether it could be
    checked or not (a file that could not is reported by a diagnostic on its path).
    """

    __slots__ = ("diagnostics", "fail_on", "files_checked", "paths", "records", "source_lines")
    _compared = ("diagnostics", "files_checked", "fail_on", "paths", "source_lines")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        files_checked: int,
        fail_on: Severity = Severity.ERROR,
        paths: list[str] | None = None,
        source_lines: dict[str, dict[int, str]] | None = None,
        records: dict[str, RecordSummary] | None = None,
    ) -> None:
        self.diagnostics = diagnostics
        self.files_checked = files_checked
        self.fail_on = fail_on
        #: The files checked, in order (for reporters that list clean files too, e.g. JUnit).
        self.paths: list[str] = [] if paths is None else paths
        #: path -> line number -> the text of that line, for the lines diagnostics point
        #: at, as the file was when it was checked (reporters show them; a line missing
        #: here can be read from the file).
        self.source_lines: dict[str, dict[int, str]] = {} if source_lines is None else source_lines
        #: path -> the summary of the record there, for every record that loaded (a file
        #: that did not load has none), in the order of ``paths``.
        self.records: dict[str, RecordSummary] = {} if records is None else records

    def __eq__(self, other: object) -> bool:
        # ``records`` is compared too, but not shown by ``repr`` (one summary per file).
        equal = super().__eq__(other)
        if equal is True and isinstance(other, LintResult):
            return self.records == other.records
        return equal

    __hash__ = None

    @property
    def files(self) -> list[str]:
        """Every file the run was given or found, sorted, whether it could be checked or
        not (one that could not is reported by a diagnostic on its path)."""
        return sorted(set(self.paths))

    @property
    def internal_errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.code == "AL000")

    @property
    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for diagnostic in self.diagnostics:
            counts[diagnostic.severity.value] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0: nothing at or above ``fail_on``; 1: something is; 2: articlelint itself failed."""
        if self.internal_errors:
            return 2
        threshold = self.fail_on.rank
        return 1 if any(d.severity.rank >= threshold for d in self.diagnostics) else 0
