"""The engine: finds files, loads them, runs the rules, turns field paths into positions,
applies the configuration and collects a :class:`LintResult`.

Data flows one way::

    path -> loading.load_path -> Document | LoadError
         -> rules (Problem with a field path) -> Diagnostic (line, column, severity)
         -> LintResult -> reporting
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from articlelint._fs import checked_tree, escape_reason
from articlelint._values import Struct
from articlelint.config import Config, path_matches, selector_matches
from articlelint.diagnostics import Diagnostic, Severity, Span, render_field
from articlelint.loading import Document, LoadError, load_bytes, load_path, load_text
from articlelint.loading.loader import read_file
from articlelint.loading.records import RecordFile, is_record_file
from articlelint.rules import LocatedFact, Problem, ProjectRule, Record, Rule, registry
from articlelint.suppressions import Suppression, apply_suppressions, parse_suppressions
from articlelint.yamledit import resolve_fix

if TYPE_CHECKING:
    from articlelint.cache import ResultCache, Stamp

__all__ = [
    "PARALLEL_MIN_FILES",
    "ActiveRule",
    "FileReport",
    "LintResult",
    "RuleSet",
    "check_loaded",
    "discover",
    "lint_paths",
    "lint_record",
    "lint_text",
]

#: Directory names never walked into.
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})
#: ``path`` given to diagnostics of :func:`lint_record`.
RECORD_PATH = "<record>"
#: The path argument that means standard input, and its name in diagnostics by default.
STDIN = "-"
STDIN_NAME = "<stdin>"


class ActiveRule(NamedTuple):
    """A rule as configured for this run."""

    rule: Rule
    severity: Severity
    options: Any


class RuleSet:
    """The rules a :class:`Config` turns on, with their severities and options."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        #: The site the records belong to (rules see it as ``Record.site``).
        self.site = self.config.site_profile()
        self.registry = registry()
        self.active: list[ActiveRule] = []
        self.by_code: dict[str, ActiveRule] = {}
        for rule in self.registry:
            if not self._selected(rule, self.config):
                continue
            active = ActiveRule(rule, self._severity(rule), self._options(rule))
            self.active.append(active)
            self.by_code[rule.code] = active
        self._ignore_cache: dict[str, frozenset[str]] = {}

    @staticmethod
    def _selected(rule: Rule, config: Config) -> bool:
        selectors = config.select if config.select is not None else []
        chosen = max(
            (
                selector_matches(s, rule.code, rule.name)
                for s in [*selectors, *config.extend_select]
            ),
            default=0,
        )
        if config.select is None and rule.default_enabled:
            chosen = max(chosen, 1)
        if not rule.default_enabled and chosen <= 1:
            return False  # off-by-default rules need a real selector, not just `ALL`
        ignored = max((selector_matches(s, rule.code, rule.name) for s in config.ignore), default=0)
        return chosen > 0 and chosen > ignored

    def _severity(self, rule: Rule) -> Severity:
        overrides = self.config.severity
        return overrides.get(rule.code) or overrides.get(rule.name) or rule.severity

    def _options(self, rule: Rule) -> Any:
        raw = self.config.options.get(rule.name) or self.config.options.get(rule.code) or {}
        return rule.Options.model_validate(raw)

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes that ``per-file-ignores`` switches off for ``path``."""
        cached = self._ignore_cache.get(path)
        if cached is not None:
            return cached
        codes: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores.items():
            if path_matches(path, (pattern,), self.config.root):
                for active in self.active:
                    if any(
                        selector_matches(s, active.rule.code, active.rule.name) for s in selectors
                    ):
                        codes.add(active.rule.code)
        result = frozenset(codes)
        self._ignore_cache[path] = result
        return result

    def severity_of(self, code: str) -> Severity:
        active = self.by_code.get(code)
        if active is not None:
            return active.severity
        rule = self.registry.get(code)
        return rule.severity if rule else Severity.ERROR


class FileReport(Struct):
    """What checking one file produced.

    ``facts`` are ``(rule code, fact)`` pairs; ``lines`` holds the source lines the
    diagnostics point at (line number -> text, without the line break), kept so that
    reporters need not read the file again (see ``source_lines``).
    """

    __slots__ = ("diagnostics", "facts", "lines", "path", "suppressions")
    _compared = ("path", "diagnostics", "facts", "suppressions", "lines")

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] | None = None,
        facts: list[tuple[str, LocatedFact]] | None = None,
        suppressions: list[Suppression] | None = None,
        lines: dict[int, str] | None = None,
    ) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.facts: list[tuple[str, LocatedFact]] = [] if facts is None else facts
        self.suppressions: list[Suppression] = [] if suppressions is None else suppressions
        self.lines: dict[int, str] = {} if lines is None else lines


class LintResult(Struct):
    """The outcome of a run: every diagnostic, sorted, and how many files were checked.

    ``files`` lists every file the run was given or found, sorted, whether it could be
    checked or not (a file that could not is reported by a diagnostic on its path).
    """

    __slots__ = ("diagnostics", "fail_on", "files_checked", "paths", "source_lines")
    _compared = ("diagnostics", "files_checked", "fail_on", "paths", "source_lines")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        files_checked: int,
        fail_on: Severity = Severity.ERROR,
        paths: list[str] | None = None,
        source_lines: dict[str, dict[int, str]] | None = None,
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


#: Jekyll's folders that hold no records (data, templates, styles, plugins, the built site).
JEKYLL_NON_RECORD_DIRS = ("_data", "_includes", "_layouts", "_sass", "_site", "_plugins")
#: The records of a Jekyll site, as paths relative to its folder (the one holding
#: ``_config.yml``): Markdown files in a collection folder, a folder whose name starts with
#: ``_`` (``_posts``, ``_drafts``, ``_news``, ``_learning/videos``; under any plain folders,
#: as with ``collections_dir``), except :data:`JEKYLL_NON_RECORD_DIRS`. Also the pre-commit
#: hook's ``files`` pattern (``.pre-commit-hooks.yaml``; a test keeps the two equal).
JEKYLL_RECORDS = (
    r"^(?:[^/_.][^/]*/)*"
    r"_(?!(?:" + "|".join(name[1:] for name in JEKYLL_NON_RECORD_DIRS) + r")/)[^/]+/"
    r"(?:[^/.][^/]*/)*[^/]+\.(?:md|markdown)$"
)
#: The files that make a folder a Jekyll site.
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")


def discover(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    errors: list[LoadError] | None = None,
) -> Iterator[str]:
    """Files to check: given files as they are, directories walked (sorted) for
    ``include`` globs, minus ``exclude``. Each file once. Directories that cannot be
    read are appended to ``errors`` (an ``AL001`` each) when it is given.

    In a walked folder that is a Jekyll site (it, or a folder below it, holds
    ``_config.yml``), only the site's records are checked: :data:`JEKYLL_RECORDS`, not its
    README, configuration, data files or pages. A file named explicitly is always checked
    (unless ``exclude`` matches it)."""
    config = config or Config()
    seen: set[str] = set()
    for raw in paths:
        path = os.fspath(raw)
        if path != STDIN and os.path.isdir(path):
            records = _JekyllFilter(path)
            for found in _walk(path, config, errors):
                if found not in seen and records.keeps(found):
                    seen.add(found)
                    yield found
        elif path not in seen and not _excluded(path, config):
            seen.add(path)
            yield path  # missing or unreadable files are reported by the loader


class _JekyllFilter:
    """Which files of a walk under ``top`` are records: all of them, except inside a
    Jekyll site (a folder from ``top`` down that holds a Jekyll configuration), where only
    :data:`JEKYLL_RECORDS` relative to the site's folder are. Each folder is looked at
    once."""

    def __init__(self, top: str) -> None:
        self.top = os.path.abspath(top)
        self.sites: dict[str, str | None] = {}  # folder -> its site's folder, or None
        self.pattern: Any = None

    def site_of(self, folder: str) -> str | None:
        """The innermost site folder that holds ``folder`` (within ``top``), if any."""
        unknown: list[str] = []
        site: str | None = None
        while True:
            if folder in self.sites:
                site = self.sites[folder]
                break
            unknown.append(folder)
            if any(os.path.isfile(os.path.join(folder, name)) for name in JEKYLL_CONFIGS):
                site = folder
                break
            parent = os.path.dirname(folder)
            if folder == self.top or parent == folder:
                break
            folder = parent
        for seen in unknown:
            self.sites[seen] = site
        return site

    def keeps(self, path: str) -> bool:
        absolute = os.path.abspath(path)
        site = self.site_of(os.path.dirname(absolute))
        if site is None:
            return True
        if self.pattern is None:
            import re

            self.pattern = re.compile(JEKYLL_RECORDS)
        relative = os.path.relpath(absolute, site).replace(os.sep, "/")
        return self.pattern.match(relative) is not None


def _excluded(path: str, config: Config) -> bool:
    return path_matches(path, config.exclude, config.root)


def _exclusion(config: Config) -> Callable[[str], bool] | None:
    """:func:`_excluded` for ``config`` with its settings looked up once (``None``: nothing
    is excluded), for the walk, which asks for every entry."""
    exclude = list(config.exclude)
    if not exclude:
        return None
    root = config.root
    return lambda path: path_matches(path, exclude, root)


def _walk(root: str, config: Config, errors: list[LoadError] | None = None) -> Iterator[str]:
    """Depth-first, sorted, iterative (no recursion limit on deep trees). Entries that are
    not directories are yielded (the loader reports a broken link, a FIFO or a socket);
    directories that cannot be listed go to ``errors``.

    Symlinks (see :mod:`articlelint._fs`): a link to a file or a folder outside the checked
    tree is reported in ``errors`` (``AL001``, once) and not followed, unless
    ``config.follow_symlinks``; a link to a folder that contains it (a loop) is reported and
    never followed; other links are followed, and each real directory is walked once."""
    visited: set[tuple[int, int]] = set()
    suffixes = _suffix_globs(config.include)
    include, root_dir = config.include, config.root
    excluded = _exclusion(config)
    follow = config.follow_symlinks
    tree = checked_tree(root, root_dir, folder=True)
    reported = {e.path for e in errors} if errors is not None else set()

    def report(path: str, message: str) -> None:
        if errors is not None and path not in reported:
            reported.add(path)
            errors.append(LoadError(path, "AL001", message))

    real_root = os.path.realpath(root)
    reason = escape_reason(root, tree, real=real_root)
    if reason is not None and not follow:
        report(root, _not_followed(f"the folder {reason}"))
        return
    stack = [(root, real_root)]
    while stack:
        dirpath, real_dir = stack.pop()
        try:
            info = os.stat(dirpath)
            with os.scandir(dirpath) as scan:
                entries = list(scan)
        except (OSError, ValueError) as exc:
            if errors is not None:
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                errors.append(LoadError(dirpath, "AL001", f"cannot read directory: {reason}"))
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:  # two links to one folder: walk it once
            continue
        visited.add(key)
        subdirs: list[tuple[str, str]] = []
        for entry in sorted(entries, key=lambda e: e.name):
            if _is_dir(entry):
                if (
                    entry.name in _SKIP_DIRS
                    or entry.name.startswith(".")
                    or (excluded and excluded(entry.path))
                ):
                    continue
                if not entry.is_symlink():
                    subdirs.append((entry.path, os.path.join(real_dir, entry.name)))
                    continue
                real = os.path.realpath(entry.path)
                if real == real_dir or real_dir.startswith(real.rstrip(os.sep) + os.sep):
                    report(entry.path, _loop(entry.path, real))
                    continue
                reason = escape_reason(entry.path, tree, real=real)
                if reason is not None and not follow:
                    report(entry.path, _not_followed(f"the folder {reason}"))
                    continue
                subdirs.append((entry.path, real))
            elif (
                entry.name.endswith(suffixes)
                if suffixes is not None
                else path_matches(entry.path, include, root_dir, folders=False)
            ) and not (excluded and excluded(entry.path)):
                if entry.is_symlink() and not follow:
                    real = os.path.realpath(entry.path)
                    reason = escape_reason(entry.path, tree, real=real)
                    if reason is not None and os.path.exists(real):
                        report(entry.path, _not_followed(f"the file {reason}"))
                        continue
                yield entry.path
        stack.extend(reversed(subdirs))


def _not_followed(what: str) -> str:
    itself = "the folder itself" if what.startswith("the folder") else "the file itself"
    return (
        f"not followed: {what}; put {itself} in the tree, or pass `--follow-symlinks` if you "
        "trust where it points"
    )


def _loop(path: str, real: str) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = real
    return (
        f"not followed: the folder is a symlink loop (`{target}` is `{real}`, a folder that "
        "contains the link); remove the link, or exclude it"
    )


def _unfollowed_files(
    paths: Iterable[str | os.PathLike[str]], config: Config, errors: list[LoadError]
) -> list[str | os.PathLike[str]]:
    """``paths`` less the named files that a symlink takes out of their checked tree (the
    file itself, or a folder on its path, is a link): those go to ``errors`` (``AL001``)
    unless ``config.follow_symlinks``. Named folders are checked by :func:`_walk`."""
    kept: list[str | os.PathLike[str]] = []
    trees: dict[str, tuple[str, str]] = {}
    for raw in paths:
        path = os.fspath(raw)
        if config.follow_symlinks or path == STDIN or os.path.isdir(path):
            kept.append(raw)
            continue
        parent = os.path.dirname(os.path.abspath(path))
        if parent not in trees:
            trees[parent] = (
                checked_tree(path, config.root, folder=False),
                os.path.realpath(parent),
            )
        tree, real_parent = trees[parent]
        if os.path.islink(path):
            real = os.path.realpath(path)
            if not os.path.exists(real):
                kept.append(raw)  # a broken or looping link: the loader reports it
                continue
        else:
            real = os.path.join(real_parent, os.path.basename(path))
        reason = escape_reason(path, tree, real=real)
        if reason is None or _excluded(path, config):
            kept.append(raw)
        elif not any(e.path == path for e in errors):
            errors.append(LoadError(path, "AL001", _not_followed(f"the file {reason}")))
    return kept


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False


def _load(
    path: str, config: Config, stdin: BinaryIO | None, stdin_filename: str | None
) -> Document | LoadError | RecordFile:
    """Load one path (``-`` is standard input); a loader bug becomes an ``AL000`` error."""
    name = (stdin_filename or STDIN_NAME) if path == STDIN else path
    try:
        if path == STDIN:
            return _load_bytes(_read_stdin(stdin, config.max_file_size), name)
        if is_record_file(path):
            data = read_file(path, max_size=config.max_file_size)
            return data if isinstance(data, LoadError) else _load_bytes(data, path)
        return load_path(path, max_size=config.max_file_size)
    except _TooLarge:
        return LoadError(
            name,
            "AL001",
            f"input is larger than the {config.max_file_size:,}-byte limit; "
            "raise `max-file-size` to check it",
        )
    except Exception as exc:  # a bug in the loader must not stop the other files
        return LoadError(name, "AL000", f"loading crashed: {_summary(exc)}. Please report this.")


def _load_bytes(data: bytes, path: str) -> Document | LoadError | RecordFile:
    """A record file's bytes, loaded as its suffix says: front matter or YAML, or records
    as data (JSON, JSON Lines, Parquet: see :mod:`articlelint.loading.records`)."""
    if is_record_file(path):
        from articlelint.loading.records import load_record_bytes

        return load_record_bytes(data, path)
    return load_bytes(data, path)


def _load_data(data: bytes, path: str) -> Document | LoadError | RecordFile:
    """:func:`_load_bytes`, with a loader bug turned into an ``AL000`` error for this file."""
    try:
        return _load_bytes(data, path)
    except Exception as exc:
        return LoadError(path, "AL000", f"loading crashed: {_summary(exc)}. Please report this.")


class _TooLarge(Exception):
    pass


def _read_stdin(stdin: BinaryIO | None, max_size: int) -> bytes:
    if stdin is None:
        import sys

        stdin = sys.stdin.buffer
    data = stdin.read(max_size + 1)
    if len(data) > max_size:
        raise _TooLarge
    return data


def _summary(exc: BaseException) -> str:
    text = str(exc)
    if len(text) > 200:
        text = text[:200] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _suffix_globs(patterns: Sequence[str]) -> tuple[str, ...] | None:
    """``("*.md", "*.yaml")`` -> ``(".md", ".yaml")``: for such globs, matching the path or
    the file name is the same as the name ending so (the default ``include``); else ``None``."""
    suffixes = []
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if not pattern.startswith("*") or any(c in pattern[1:] for c in "*?[/"):
            return None
        suffixes.append(pattern[1:])
    return tuple(suffixes) if suffixes else None


def _span_for(problem: Problem, document: Document | None) -> Span:
    if problem.span is not None:
        return problem.span
    if document is None:
        return Span(0, 0, 0, 0)
    return document.locate(problem.field, key=problem.on_key)


def _make(
    active: ActiveRule | Rule,
    problem: Problem,
    path: str,
    document: Document | None,
    severity: Severity,
) -> Diagnostic:
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


#: Where a file's internal errors point: its start (line 0 is for records without a file).
_FILE_START = Span(1, 1, 1, 1)


def _internal_error(
    rule: Rule, exc: BaseException, path: str, document: Document | None = None
) -> Diagnostic:
    return _internal(
        f"rule {rule.code} ({rule.name}) crashed: {_summary(exc)}; "
        "the other rules still ran. Please report this.",
        path,
        document,
    )


def _internal(message: str, path: str, document: Document | None) -> Diagnostic:
    internal = registry().get("AL000")
    assert internal is not None
    span = _FILE_START if document is not None else None
    return _make(internal, Problem(message, span=span), path, None, Severity.ERROR)


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
            report.diagnostics.append(
                _make(
                    active, Problem(loaded.message, span=loaded.span), path, None, active.severity
                )
            )
        return report
    if record is None:
        record = Record(loaded.data, path, loaded, site=ruleset.site)
    _run_rules(record, loaded, ruleset, ignored, report)
    try:
        report.suppressions = parse_suppressions(loaded)
    except Exception as exc:  # a bug there must not stop the other files either
        message = f"reading suppression comments crashed: {_summary(exc)}. Please report this."
        report.diagnostics.append(_internal(message, path, loaded))
    report.diagnostics.sort(key=Diagnostic.sort_key)
    if report.diagnostics:
        report.lines = _lines_of(loaded.text, {d.line for d in report.diagnostics})
    return report


def _check_record_file(loaded: RecordFile, ruleset: RuleSet) -> FileReport:
    """Every record of a JSON, JSON Lines or Parquet file, in one report for the file.

    Positions come from each record's JSON (a Parquet row: line = row number, column 0).
    Fixes carry no edits (articlelint rewrites YAML, not JSON), and JSON has no comments,
    so no suppressions. The records of an array, a JSON Lines file or a table are not files
    of their own (``Record.path`` is ``None``, as for :func:`lint_record`); a ``.json`` file
    holding one object is its record's file."""
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
    except Exception as exc:  # a bug in the loader: the records read so far are reported
        message = f"loading crashed: {_summary(exc)}. Please report this."
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
                report.diagnostics.append(_make(active, problem, path, edited, active.severity))
            if isinstance(rule, ProjectRule):
                for fact in rule.collect(record, active.options):
                    span = document.locate(fact.field) if document is not None else at
                    report.facts.append((rule.code, LocatedFact(path, fact, span)))
        except Exception as exc:  # a rule's bug must not stop the other rules or files
            report.diagnostics.append(_internal_error(rule, exc, path, document))


def _finish_project_rules(reports: Sequence[FileReport], ruleset: RuleSet) -> list[Diagnostic]:
    by_rule: dict[str, list[LocatedFact]] = {}
    for report in reports:
        for code, fact in report.facts:
            by_rule.setdefault(code, []).append(fact)
    out: list[Diagnostic] = []
    for code, facts in by_rule.items():
        active = ruleset.by_code[code]
        assert isinstance(active.rule, ProjectRule)
        try:
            for where, problem in active.rule.finish(facts, active.options):
                span = problem.span or where.span or Span(0, 0, 0, 0)
                located = Problem(
                    problem.message,
                    problem.field or where.fact.field,
                    problem.on_key,
                    span,
                    problem.fix,
                )
                if code not in ruleset.ignored_for(where.path):
                    out.append(_make(active, located, where.path, None, active.severity))
        except Exception as exc:
            out.append(_internal_error(active.rule, exc, "<project>"))
    return out


def _collect(reports: list[FileReport], ruleset: RuleSet) -> LintResult:
    diagnostics = [d for report in reports for d in report.diagnostics]
    diagnostics.extend(_finish_project_rules(reports, ruleset))
    suppressions = {r.path: r.suppressions for r in reports if r.suppressions}
    if suppressions:
        diagnostics = apply_suppressions(diagnostics, suppressions, ruleset)
    diagnostics.sort(key=Diagnostic.sort_key)
    return LintResult(
        diagnostics,
        len(reports),
        ruleset.config.fail_on,
        [r.path for r in reports],
        {r.path: r.lines for r in reports if r.lines},
    )


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
    is set (the CLI sets it; see :mod:`articlelint.cache`). Either way the result is the
    same, in the same order."""
    with _fewer_collections():
        ruleset = RuleSet(config)
        walk_errors: list[LoadError] = []
        named = _unfollowed_files(paths, ruleset.config, walk_errors)
        files = list(discover(named, ruleset.config, errors=walk_errors))
        reports = [check_loaded(error, ruleset) for error in walk_errors]
        cache = _open_cache(ruleset)
        reports.extend(_check_files([p for p in files if p != STDIN], ruleset, cache, progress))
        if cache is not None:
            cache.save()
        if STDIN in files:
            loaded = _load(STDIN, ruleset.config, stdin, stdin_filename)
            reports.append(check_loaded(loaded, ruleset))
        return _collect(reports, ruleset)


#: Garbage-collector thresholds while checking (see :func:`_fewer_collections`).
_GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the cyclic garbage collector's thresholds for the duration, then restore them.

    Checking a file makes tens of thousands of short-lived containers (the YAML tree, its
    positions) and no reference cycles. With CPython's default thresholds a document's
    objects reach the oldest generation while the file is being checked, and then full
    collections walk everything the process holds, over and over: about a fifth of a
    serial run over 3,000 large records (37 full collections; none with these thresholds,
    the same speed as no collector at all). Memory is still freed as soon as it is unused:
    reference counting does that, the collector only finds cycles. Like mypy's
    ``gc.set_threshold`` in its main, but scoped to the call."""
    before = gc.get_threshold()
    raised = tuple(max(old, new) for old, new in zip(before, _GC_THRESHOLDS, strict=True))
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:  # unless someone changed them meanwhile
            gc.set_threshold(*before)


#: Fewer files than this to check are checked in this process: a pool costs more than it saves.
PARALLEL_MIN_FILES = 64


def _open_cache(ruleset: RuleSet) -> ResultCache | None:
    if ruleset.config.cache_dir is None:
        return None
    from articlelint.cache import ResultCache

    return ResultCache(ruleset.config.cache_dir, ruleset)


def _check_files(
    files: list[str],
    ruleset: RuleSet,
    cache: ResultCache | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileReport]:
    """One report per file, in order: from the cache, or checked (in parallel if worth it)."""
    results: list[FileReport | None] = [None] * len(files)
    todo: list[int] = []
    for index, path in enumerate(files):
        hit = cache.lookup(path) if cache is not None else None
        if hit is not None:
            results[index] = hit
        else:
            todo.append(index)
    done = len(files) - len(todo)
    if progress is not None and done:
        progress(done, len(files))
    items = [(files[i], cache.known_digest(files[i]) if cache else None) for i in todo]
    for index, (report, stamped, content_digest) in zip(
        todo, _run(items, ruleset, cache is not None), strict=True
    ):
        path = files[index]
        if report is None:  # touched but unchanged: the content digest matched
            assert cache is not None
            assert content_digest is not None
            report = cache.lookup_content(path, content_digest)
            if report is None:  # the entry could not be read back: check the file after all
                report, stamped, content_digest = _check_one(path, None, ruleset, True)
                assert report is not None
        if cache is not None and stamped is not None and content_digest is not None:
            cache.store(path, stamped[0], stamped[1], content_digest, report)
        results[index] = report
        done += 1
        if progress is not None:
            progress(done, len(files))
    return [r for r in results if r is not None]


#: What checking one file gives the parent: the report (``None``: the content matched the
#: known digest), the stat stamp taken before reading and whether it can be trusted, the
#: content digest. The last two only when caching.
_Checked = tuple["FileReport | None", "tuple[Stamp, bool] | None", "bytes | None"]


def _check_one(path: str, known: bytes | None, ruleset: RuleSet, stamping: bool) -> _Checked:
    stamped = None
    if stamping:
        from articlelint.cache import stamp

        stamped = stamp(path)  # before reading: a later write changes the stamp
    try:
        data = read_file(path, max_size=ruleset.config.max_file_size)
    except Exception as exc:  # a bug (or MemoryError) while reading: this file only
        data = LoadError(path, "AL000", f"reading crashed: {_summary(exc)}. Please report this.")
    if isinstance(data, LoadError):
        return check_loaded(data, ruleset), None, None
    content_digest = None
    if stamping:
        from articlelint.cache import digest

        content_digest = digest(data)
        if known is not None and content_digest == known:
            return None, stamped, content_digest
    return check_loaded(_load_data(data, path), ruleset), stamped, content_digest


def _run(
    items: list[tuple[str, bytes | None]], ruleset: RuleSet, stamping: bool
) -> Iterator[_Checked]:
    """Check ``items``, yielding results in order as they come (nothing piles up)."""
    jobs = _jobs(ruleset.config)
    done = 0
    if jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
        try:
            for checked in _run_parallel(items, ruleset, stamping, jobs):
                done += 1
                yield checked
            return
        except OSError:  # no processes or semaphores in this sandbox: finish here
            pass
        # Anything else is a bug in the parallel path: it must show, not turn into slowness.
    for path, known in items[done:]:
        yield _check_one(path, known, ruleset, stamping)


def _jobs(config: Config) -> int:
    if config.jobs is not None:
        return config.jobs
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# Worker-process state, set once per worker by _init_worker (never per file).
_WORKER: tuple[RuleSet, bool] | None = None


def _init_worker(config: Config, stamping: bool) -> None:
    global _WORKER
    gc.set_threshold(*_GC_THRESHOLDS)  # a worker only checks files (see _fewer_collections)
    _WORKER = (RuleSet(config), stamping)


def _check_chunk(chunk: list[tuple[str, bytes | None]]) -> list[tuple[Any, ...]]:
    """A worker's job: check a chunk of files; reports travel packed (cheap to pickle)."""
    from articlelint.cache import pack_report

    assert _WORKER is not None
    ruleset, stamping = _WORKER
    out: list[tuple[Any, ...]] = []
    for path, known in chunk:
        report, stamped, content_digest = _check_one(path, known, ruleset, stamping)
        out.append((None if report is None else pack_report(report), stamped, content_digest))
    return out


def _build_models() -> None:
    """Build the record models' validators (deferred until first use) in this process."""
    from articlelint.models import Article, Video

    for model in (Article, Video):
        if not model.__pydantic_complete__:
            model.model_rebuild(force=True)


def _run_parallel(
    items: list[tuple[str, bytes | None]], ruleset: RuleSet, stamping: bool, jobs: int
) -> Iterator[_Checked]:
    """Check ``items`` in ``jobs`` worker processes, in chunks, keeping the order.

    Workers are forked (cheap: the rules are already imported) when this process has a
    single thread, else spawned; each builds its rule set once and gets whole chunks."""
    import multiprocessing
    import sys
    import threading

    from articlelint.cache import unpack_report

    method = "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"
    if method == "fork":
        _build_models()  # once here, not once per worker
    context = multiprocessing.get_context(method)
    size = max(4, min(64, len(items) // (jobs * 8) or 1))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with context.Pool(jobs, _init_worker, (ruleset.config, stamping)) as pool:
        for chunk, checked in zip(chunks, pool.imap(_check_chunk, chunks), strict=True):
            for (path, _known), (packed, stamped, content_digest) in zip(
                chunk, checked, strict=True
            ):
                report = None if packed is None else unpack_report(packed, path)
                yield report, stamped, content_digest


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> LintResult:
    """Check one record given as text. ``path`` (default ``<string>.md``) names it in the
    diagnostics; its suffix says whether front matter is expected (``.yaml``: no)."""
    ruleset = RuleSet(config)
    name = path or "<string>.md"
    loaded: Document | LoadError | RecordFile
    try:
        if is_record_file(name):
            from articlelint.loading.records import load_record_text

            loaded = load_record_text(text, name)
        else:
            loaded = load_text(text, name)
    except Exception as exc:  # a bug in the loader (or text that is not a str)
        loaded = LoadError(name, "AL000", f"loading crashed: {_summary(exc)}. Please report this.")
    return _collect([check_loaded(loaded, ruleset)], ruleset)


def lint_record(
    mapping: Mapping[str, Any], config: Config | None = None, *, path: str = RECORD_PATH
) -> LintResult:
    """Check a record a pipeline already holds as a mapping (or a ``frontmatter.Post``).

    There is no file, so diagnostics carry field paths and ``line``/``column`` 0."""
    metadata = getattr(mapping, "metadata", None)
    data: Mapping[str, Any] = metadata if isinstance(metadata, Mapping) else mapping
    ruleset = RuleSet(config)
    if not isinstance(data, Mapping):
        kind = "a list" if isinstance(data, (list, tuple)) else type(data).__name__
        error = LoadError(
            path, "AL103", f"a record must be a mapping of fields, found {kind}", Span(0, 0, 0, 0)
        )
        return _collect([check_loaded(error, ruleset)], ruleset)
    report = FileReport(path)
    record = Record(data, None, None, site=ruleset.site)
    _run_rules(record, None, ruleset, ruleset.ignored_for(path), report)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return _collect([report], ruleset)
