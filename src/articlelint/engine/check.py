"""Checking one record: a loaded document (or its load error), a text, or a mapping in,
a :class:`~articlelint.engine.results.FileReport` out.

Pure: no file is read, no process started, no cache consulted (that is the runner's
job, :mod:`articlelint.engine.runner`). Every active rule runs on the record; each
:class:`~articlelint.rules.base.Problem` (a field path) becomes a
:class:`~articlelint.diagnostics.Diagnostic` (a line and column, from the document's
spans), with the rule's configured severity and its fix intent resolved into offset edits
(:func:`articlelint.yamledit.resolve_fix`). A bug in a rule, the loader or the suppression
parser is an ``AL000`` diagnostic on this record only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from articlelint.diagnostics import Diagnostic, Severity, Span, render_field
from articlelint.engine.results import FileReport, RecordSummary
from articlelint.engine.ruleset import ActiveRule, RuleSet
from articlelint.engine.suppressions import parse_suppressions
from articlelint.loading import Document, LoadError, load_bytes, load_text
from articlelint.loading.records import RecordFile, is_record_file
from articlelint.rules import LocatedFact, Problem, ProjectRule, Record, Rule, registry
from articlelint.yamledit import resolve_fix

__all__ = [
    "RECORD_PATH",
    "TEXT_PATH",
    "check_loaded",
    "check_mapping",
    "crash_summary",
    "diagnostic_for",
    "internal_error",
    "load_data",
    "load_string",
    "loading_crashed",
]

#: ``path`` given to diagnostics of a mapping checked without an id (:func:`check_mapping`).
RECORD_PATH = "<record>"
#: The name of a text checked without one (its suffix: front matter is expected).
TEXT_PATH = "<string>.md"
#: Where a file's internal errors point: its start (line 0 is for records without a file).
_FILE_START = Span(1, 1, 1, 1)


def crash_summary(exc: BaseException) -> str:
    """An exception in one line, cut to 200 characters, for an ``AL000`` message."""
    text = str(exc)
    if len(text) > 200:
        text = text[:200] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def load_data(data: bytes, path: str) -> Document | LoadError | RecordFile:
    """A file's bytes loaded as its suffix says: front matter or YAML
    (:func:`~articlelint.loading.load_bytes`), or records as data (JSON, JSON Lines,
    Parquet: :mod:`articlelint.loading.records`); a loader bug is an ``AL000`` error for
    this file."""
    try:
        if is_record_file(path):
            from articlelint.loading.records import load_record_bytes

            return load_record_bytes(data, path)
        return load_bytes(data, path)
    except Exception as exc:
        return loading_crashed(path, exc)


def load_string(text: str, path: str) -> Document | LoadError | RecordFile:
    """:func:`~articlelint.loading.load_text` (JSON and JSON Lines text: their records), with
    a loader bug (or text that is not a ``str``) turned into an ``AL000`` error for this
    record."""
    try:
        if is_record_file(path):
            from articlelint.loading.records import load_record_text

            return load_record_text(text, path)
        return load_text(text, path)
    except Exception as exc:
        return loading_crashed(path, exc)


def loading_crashed(path: str, exc: BaseException) -> LoadError:
    """The ``AL000`` error of a loader bug (``exc``) on ``path``: the file is reported, the
    run goes on."""
    return LoadError(path, "AL000", f"loading crashed: {crash_summary(exc)}. Please report this.")


def _span_for(problem: Problem, document: Document | None) -> Span:
    if problem.span is not None:
        return problem.span
    if document is None:
        return Span(0, 0, 0, 0)
    return document.locate(problem.field, key=problem.on_key)


def diagnostic_for(
    active: ActiveRule | Rule,
    problem: Problem,
    path: str,
    document: Document | None,
    severity: Severity,
) -> Diagnostic:
    """The diagnostic of ``problem``: located in ``document`` (line 0 without one), its
    fix intent resolved into edits of the document's text."""
    rule = active.rule if isinstance(active, ActiveRule) else active
    span = _span_for(problem, document)
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=problem.message,
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        field=render_field(problem.field),
        fix=resolve_fix(problem.fix, document),
    )


def internal_error(
    rule: Rule, exc: BaseException, path: str, document: Document | None = None
) -> Diagnostic:
    """``AL000`` for a rule that raised ``exc`` while checking ``path``."""
    return _internal(
        f"rule {rule.code} ({rule.name}) crashed: {crash_summary(exc)}; "
        "the other rules still ran. Please report this.",
        path,
        document,
    )


def _internal(message: str, path: str, document: Document | None) -> Diagnostic:
    internal = registry().get("AL000")
    assert internal is not None
    span = _FILE_START if document is not None else None
    return diagnostic_for(internal, Problem(message, span=span), path, None, Severity.ERROR)


def check_loaded(
    loaded: Document | LoadError | RecordFile, ruleset: RuleSet, *, record: Record | None = None
) -> FileReport:
    """Run every active rule on one loaded file (or turn its load error into a diagnostic)."""
    if isinstance(loaded, RecordFile):
        return _check_record_file(loaded, ruleset)
    path = loaded.path
    report = FileReport(path)
    ignored = ruleset.ignored_for(path)
    if isinstance(loaded, LoadError):
        active = ruleset.by_code.get(loaded.code)
        if active is None and loaded.code == "AL000":  # internal errors are always reported
            internal = registry().get("AL000")
            assert internal is not None
            active = ActiveRule(internal, Severity.ERROR, None)
        if active is not None and loaded.code not in ignored:
            diagnostic = diagnostic_for(
                active, Problem(loaded.message, span=loaded.span), path, None, active.severity
            )
            report.diagnostics.append(diagnostic)
            if loaded.text is not None:  # the text decoded: keep the line it points at
                report.lines = _lines_of(loaded.text, {diagnostic.line})
        return report
    if record is None:
        record = Record(loaded.data, path, loaded, site=ruleset.site)
    _run_rules(record, loaded, ruleset, ignored, report)
    try:
        report.suppressions = parse_suppressions(loaded)
    except Exception as exc:  # a bug there must not stop the other files either
        message = f"reading suppression comments crashed: {crash_summary(exc)}. Please report this."
        report.diagnostics.append(_internal(message, path, loaded))
    report.diagnostics.sort(key=Diagnostic.sort_key)
    # The lines findings point at, and those a cross-file finding can point at (its fact's),
    # so that no report (nor a warm run's, from the cache) reads the file again.
    wanted = {d.line for d in report.diagnostics}
    wanted.update(f.span.line for _, f in report.facts if f.span is not None)
    if wanted:
        report.lines = _lines_of(loaded.text, wanted)
    if isinstance(loaded.data, Mapping):
        report.record = RecordSummary.of(loaded.data)
    return report


def check_mapping(
    mapping: Mapping[str, Any],
    ruleset: RuleSet,
    path: str = RECORD_PATH,
    *,
    file: str | None = None,
) -> FileReport:
    """Check a record a pipeline already holds as a mapping (or a ``frontmatter.Post``),
    named ``path`` (its id) in the diagnostics.

    There is no file to read, so diagnostics carry field paths and ``line``/``column`` 0.
    ``file``: where the record lives in its site (``_learning/videos/intro.md``), for the
    rules that read a record's file name and folder (``AL305``, ``undated-folders``,
    collection items); ``None``: the record has no place among files."""
    metadata = getattr(mapping, "metadata", None)
    data: Mapping[str, Any] = metadata if isinstance(metadata, Mapping) else mapping
    if not isinstance(data, Mapping):
        kind = "a list" if isinstance(data, (list, tuple)) else type(data).__name__
        error = LoadError(
            path, "AL103", f"a record must be a mapping of fields, found {kind}", Span(0, 0, 0, 0)
        )
        return check_loaded(error, ruleset)
    report = FileReport(path)
    record = Record(data, file, None, site=ruleset.site)
    _run_rules(record, None, ruleset, ruleset.ignored_for(path), report)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    report.record = RecordSummary.of(data)
    return report


def _check_record_file(loaded: RecordFile, ruleset: RuleSet) -> FileReport:
    """Every record of a JSON, JSON Lines or Parquet file, in one report for the file.

    Positions come from each record's JSON (a Parquet row: line = row number, column 0).
    Fixes carry no edits (articlelint rewrites YAML, not JSON), and JSON has no comments,
    so no suppressions. The records of an array, a JSON Lines file or a table are not files
    of their own (``Record.path`` is ``None``, as for a mapping); a ``.json`` file holding
    one object is its record's file (and the report's record summary is that record's)."""
    path = loaded.path
    report = FileReport(path)
    ignored = ruleset.ignored_for(path)
    try:
        for entry in loaded.entries:
            if isinstance(entry, LoadError):
                report.diagnostics.extend(check_loaded(entry, ruleset).diagnostics)
                continue
            record = Record(
                entry.data, path if loaded.single else None, entry.document, site=ruleset.site
            )
            _run_rules(record, entry.document, ruleset, ignored, report, at=entry.span)
            if loaded.single:
                report.record = RecordSummary.of(entry.data)
    except Exception as exc:  # a bug in the loader: the records read so far are reported
        message = f"loading crashed: {crash_summary(exc)}. Please report this."
        report.diagnostics.append(_internal(message, path, None))
    report.diagnostics.sort(key=Diagnostic.sort_key)
    if report.diagnostics and loaded.text is not None:
        report.lines = _lines_of(loaded.text, {d.line for d in report.diagnostics})
    return report


def _lines_of(text: str, wanted: set[int]) -> dict[int, str]:
    """The lines numbered ``wanted`` (1-based, as the loader counts them) of ``text``."""
    from articlelint.loading import split_lines

    lines = split_lines(text)
    return {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)}


def _run_rules(
    record: Record,
    document: Document | None,
    ruleset: RuleSet,
    ignored: frozenset[str],
    report: FileReport,
    *,
    at: Span | None = None,
) -> None:
    """Run the rules on ``record``. ``at``: the record is one of many in its file (see
    :func:`_check_record_file`); positions come from ``document`` without YAML edits, or
    are ``at`` itself when there is no document."""
    path = report.path
    edited = None if at is not None else document
    for active in ruleset.active:
        rule = active.rule
        if rule.reported_by_loader or rule.code in ignored:
            continue
        try:
            for problem in rule.check(record, active.options):
                if at is not None and problem.span is None:
                    where = document.locate(problem.field, key=problem.on_key) if document else at
                    problem = problem._replace(span=where)
                report.diagnostics.append(
                    diagnostic_for(active, problem, path, edited, active.severity)
                )
            if isinstance(rule, ProjectRule):
                for fact in rule.collect(record, active.options):
                    span = document.locate(fact.field) if document is not None else at
                    report.facts.append((rule.code, LocatedFact(path, fact, span)))
        except Exception as exc:  # a rule's bug must not stop the other rules or files
            report.diagnostics.append(internal_error(rule, exc, path, document))
