"""The one way in: a :class:`Linter`, built once from a configuration, checks records given
as files, as text in memory or as mappings, and finishes reports into a result.

Every front-end goes through it: the CLI and :func:`lint_paths` (files and folders), an
editor's language server (:meth:`Linter.check_text`, with the document's version),
pipelines (:meth:`Linter.check_record` / :meth:`Linter.check_records`, mappings with an
id, in batches), ``--fix`` and ``--add-suppressions`` (:mod:`articlelint.fixing`), and
reporters render the :class:`~articlelint.engine.results.LintResult` it finishes.
:func:`lint_paths`, :func:`lint_text` and :func:`lint_record` are one-call wrappers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO, NamedTuple

from articlelint.config import Config
from articlelint.diagnostics import Diagnostic
from articlelint.engine._pool import fewer_collections
from articlelint.engine.check import (
    RECORD_PATH,
    TEXT_PATH,
    check_loaded,
    check_mapping,
    load_string,
)
from articlelint.engine.project import finish, project_diagnostics
from articlelint.engine.results import FileReport, LintResult
from articlelint.engine.ruleset import RuleSet
from articlelint.engine.runner import (
    RunFiles,
    check_file,
    keep_output,
    run_paths,
    served_output,
)
from articlelint.engine.suppressions import apply_suppressions
from articlelint.loading import Document, LoadError
from articlelint.loading.records import RecordFile

__all__ = ["Linter", "lint_paths", "lint_record", "lint_text"]


class Linter:
    """The rules a configuration turns on, ready to check records.

    Building one resolves the configuration into a rule set (rule selection, severities,
    options, the site profile) once; then each ``check_*`` method checks one record into a
    :class:`~articlelint.engine.results.FileReport`, and :meth:`finish` turns reports into
    a :class:`~articlelint.engine.results.LintResult`: it runs the cross-record rules
    (duplicate URLs, collection items) over all of them and applies suppression comments.
    Reports from separate calls (or processes: reports pickle) can be finished together.
    Nothing raises for bad input; nothing prints.
    """

    __slots__ = ("config", "ruleset")

    def __init__(self, config: Config | None = None) -> None:
        self.ruleset = RuleSet(config)
        self.config: Config = self.ruleset.config

    # -- one record ------------------------------------------------------------------------

    def check_path(self, path: str | os.PathLike[str]) -> FileReport:
        """Read the file ``path`` and check it (no cache, no discovery: a folder or a
        missing file is an ``AL001`` report)."""
        return check_file(os.fspath(path), self.ruleset)

    def check_text(
        self, text: str, name: str | None = None, *, version: int | None = None
    ) -> FileReport:
        """Check a record held in memory (an editor's unsaved document). ``name`` (default
        ``<string>.md``) names it in the diagnostics, and its suffix says whether front
        matter is expected (``.yaml``: no); ``version`` is kept in the report, so that a
        language server can tell which version of the document it describes. A text of
        more than ``max-file-size`` characters is an ``AL001`` report, as such a file is
        (a paste in an editor is as untrusted as a file)."""
        name = name or TEXT_PATH
        limit = self.config.max_file_size
        loaded: Document | LoadError | RecordFile
        if isinstance(text, str) and len(text) > limit:  # characters: at least as many bytes
            loaded = LoadError(
                name,
                "AL001",
                f"the text is larger than the {limit:,}-byte limit; raise `max-file-size` "
                "to check it",
            )
        else:
            loaded = load_string(text, name)
        report = check_loaded(loaded, self.ruleset)
        report.version = version
        return report

    def check_loaded(self, loaded: Document | LoadError | RecordFile) -> FileReport:
        """Check a document already loaded (or report its load error); a file of many
        records (JSON, JSON Lines, Parquet) into one report."""
        return check_loaded(loaded, self.ruleset)

    def check_record(
        self, mapping: Mapping[str, Any], id: str = RECORD_PATH, *, file: str | None = None
    ) -> FileReport:
        """Check a record a pipeline holds as a mapping (or a ``frontmatter.Post``), named
        ``id`` in the diagnostics, which carry field paths and ``line``/``column`` 0.
        ``file``: the record's file in its site, if it has one (see
        :func:`~articlelint.engine.check.check_mapping`)."""
        return check_mapping(mapping, self.ruleset, id, file=file)

    def check_records(self, records: Iterable[tuple[str, Mapping[str, Any]]]) -> list[FileReport]:
        """:meth:`check_record` for a batch of ``(id, mapping)`` pairs, in order."""
        ruleset = self.ruleset
        with fewer_collections():
            return [check_mapping(mapping, ruleset, id) for id, mapping in records]

    # -- many records ------------------------------------------------------------------------

    def finish(self, reports: Iterable[FileReport]) -> LintResult:
        """The result of ``reports`` (in the order given): their diagnostics and the
        cross-record rules', less what suppression comments silence, sorted."""
        return finish(list(reports), self.ruleset)

    def cross_record(self, reports: Iterable[FileReport]) -> list[Diagnostic]:
        """What the cross-record rules report over ``reports`` (duplicate URLs, collection
        items), suppression comments not applied yet: for a front-end that keeps reports
        and finishes one record at a time (see :meth:`findings`)."""
        return project_diagnostics(list(reports), self.ruleset)

    def findings(
        self, report: FileReport, cross_record: Iterable[Diagnostic] = ()
    ) -> list[Diagnostic]:
        """One record's findings as :meth:`finish` gives them: its own and its share of
        ``cross_record`` (from :meth:`cross_record`), less what its suppression comments
        silence (plus ``AL901`` for comments that silence nothing), sorted."""
        found = [*report.diagnostics, *cross_record]
        if report.suppressions:
            found = apply_suppressions(found, {report.path: report.suppressions}, self.ruleset)
        found.sort(key=Diagnostic.sort_key)
        return found

    def lint_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[int, int], None] | None = None,
        stdin: BinaryIO | None = None,
        stdin_filename: str | None = None,
    ) -> LintResult:
        """Check files and directories (walked for records) and finish the run; see
        :func:`lint_paths`."""
        with fewer_collections():
            reports = run_paths(
                paths, self.ruleset, progress=progress, stdin=stdin, stdin_filename=stdin_filename
            )
            return finish(reports, self.ruleset)

    def render_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        render: Callable[[LintResult], str],
        render_key: str,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> RenderedRun:
        """:meth:`lint_paths`, rendered by ``render``, for a front-end that prints a report
        (the CLI): with a cache, a run whose every file is served unchanged from it gives
        the output kept from the same run rendered the same way (``render_key`` says how)
        without decoding a report, so a warm run's cost does not grow with its findings.
        ``result`` is ``None`` then."""
        with fewer_collections():
            seen = RunFiles()
            served = served_output(paths, self.ruleset, render_key, seen)
            if served is not None:
                text, exit_code, internal_errors, files_checked, findings = served
                return RenderedRun(text, exit_code, internal_errors, files_checked, findings, None)
            reports = run_paths(paths, self.ruleset, progress=progress, seen=seen)
            result = finish(reports, self.ruleset)
        run = RenderedRun(
            render(result),
            result.exit_code,
            result.internal_errors,
            result.files_checked,
            len(result.diagnostics),
            result,
        )
        keep_output(seen, render_key, list(run[:5]))
        return run

    def lint_text(self, text: str, name: str | None = None) -> LintResult:
        """:meth:`check_text`, finished: the result of one record given as text."""
        return self.finish([self.check_text(text, name)])

    def lint_record(self, mapping: Mapping[str, Any], id: str = RECORD_PATH) -> LintResult:
        """:meth:`check_record`, finished: the result of one mapping."""
        return self.finish([self.check_record(mapping, id)])


class RenderedRun(NamedTuple):
    """What :meth:`Linter.render_paths` gives: the rendered report and what a front-end
    needs besides (``result``: ``None`` when the output was served from the cache)."""

    text: str
    exit_code: int
    internal_errors: int
    files_checked: int
    findings: int
    result: LintResult | None


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
) -> LintResult:
    """Check files and directories (walked for records). Never raises for bad input.

    ``progress(done, total)`` is called after each file when given. The path ``-`` reads
    one record from ``stdin`` (default: the process's standard input), named
    ``stdin_filename`` (default ``<stdin>``) in diagnostics; that name's suffix says
    whether front matter is expected.

    Files are checked in parallel (``config.jobs`` processes, default one per core) when
    there are enough of them, and served from the result cache when ``config.cache_dir``
    is set (the CLI sets it; see :mod:`articlelint.engine.cache`). Either way the result is
    the same, in the same order."""
    return Linter(config).lint_paths(
        paths, progress=progress, stdin=stdin, stdin_filename=stdin_filename
    )


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> LintResult:
    """Check one record given as text. ``path`` (default ``<string>.md``) names it in the
    diagnostics; its suffix says whether front matter is expected (``.yaml``: no)."""
    return Linter(config).lint_text(text, path)


def lint_record(
    mapping: Mapping[str, Any], config: Config | None = None, *, path: str = RECORD_PATH
) -> LintResult:
    """Check a record a pipeline already holds as a mapping (or a ``frontmatter.Post``).

    There is no file, so diagnostics carry field paths and ``line``/``column`` 0."""
    return Linter(config).lint_record(mapping, path)
