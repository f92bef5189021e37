"""Running many: from paths to one :class:`~articlelint.engine.results.FileReport` per file,
in order. Discovery (:mod:`articlelint.engine.discovery`) finds the files; each is served
from the result cache (:mod:`articlelint.engine.cache`, when ``config.cache_dir`` is set)
or read and checked (:mod:`articlelint.engine.check`), in worker processes when there
are enough of them (:mod:`articlelint.engine._pool`). Either way the reports are the same,
in the same order; :func:`articlelint.engine.project.finish` turns them into a result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from articlelint.config import Config
from articlelint.engine import _pool
from articlelint.engine._pool import GC_THRESHOLDS, PARALLEL_MIN_FILES, chunk_size, job_count
from articlelint.engine.check import check_loaded, crash_summary, load_data, loading_crashed
from articlelint.engine.discovery import STDIN, STDIN_NAME, discover, unfollowed_files
from articlelint.engine.results import FileReport, RecordSummary
from articlelint.engine.ruleset import RuleSet
from articlelint.loading import Document, LoadError
from articlelint.loading.loader import read_file
from articlelint.loading.records import RecordFile

if TYPE_CHECKING:
    from articlelint.engine.cache import ResultCache, Stamp

__all__ = ["check_file", "pack_report", "run_paths", "unpack_report"]


def run_paths(
    paths: Iterable[str | os.PathLike[str]],
    ruleset: RuleSet,
    *,
    progress: Callable[[int, int], None] | None = None,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
    seen: RunFiles | None = None,
) -> list[FileReport]:
    """One report per file given or found under ``paths`` (see :func:`discover`), in
    order: folders that could not be walked first, then the files, then standard input
    (the path ``-``, read from ``stdin``, default the process's, and named
    ``stdin_filename``, default ``<stdin>``). Never raises for bad input.

    ``progress(done, total)`` is called after each file when given. ``seen``, when given,
    is told the files and the cache of the run (for :func:`keep_output`); when
    :func:`served_output` already found them (``seen.prepared``), they are not looked
    for again."""
    if seen is not None and seen.prepared:
        walk_errors, files, cache = seen.walk_errors, seen.files, seen.cache
        if cache is not None:
            cache.read()
    else:
        walk_errors = []
        named = unfollowed_files(paths, ruleset.config, walk_errors)
        files = list(discover(named, ruleset.config, errors=walk_errors))
        cache = _open_cache(ruleset)
    reports = [check_loaded(error, ruleset) for error in walk_errors]
    reports.extend(_check_files([p for p in files if p != STDIN], ruleset, cache, progress))
    if cache is not None:
        cache.save()
    if seen is not None:
        seen.files = files
        seen.cache = cache
        seen.complete = not walk_errors and STDIN not in files and bool(files)
    if STDIN in files:
        loaded = _load_stdin(ruleset.config, stdin, stdin_filename)
        reports.append(check_loaded(loaded, ruleset))
    return reports


class RunFiles:
    """What :func:`run_paths` checks: the files found (in order), the folders that could
    not be walked, the result cache, and whether the files are the whole run (no walk
    error, no stdin). ``prepared``: :func:`served_output` found them for this run."""

    __slots__ = ("cache", "complete", "files", "prepared", "walk_errors")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.walk_errors: list[LoadError] = []
        self.cache: ResultCache | None = None
        self.complete = False
        self.prepared = False


# -- a whole run's rendered output ---------------------------------------------------------
#
# A warm run used to decode every cached report and render every finding again: its cost
# grew with the findings it re-reported. When every file of a run is served from the
# cache, its report is the one the same files, with the same settings, gave last time: a
# front-end that renders (the CLI) keeps the output of a run (`keep_output`) and serves it
# (`served_output`) without reading a record or the cached reports. Kept for the settings
# key, the files in order with the stat stamps their reports were trusted with (as a cache
# hit needs), and how the front-end renders (ResultCache.output, store_output).


def served_output(
    paths: Iterable[str | os.PathLike[str]], ruleset: RuleSet, render_key: str, seen: RunFiles
) -> list[Any] | None:
    """The kept output of this run (``[text, exit code, internal errors, files checked,
    findings]``) if the same files, all unchanged, were rendered by ``render_key`` last
    time; ``None`` otherwise: then run it, with ``seen`` (the files and cache found here)
    given to :func:`run_paths`."""
    if ruleset.config.cache_dir is None:
        return None
    named = unfollowed_files(paths, ruleset.config, seen.walk_errors)
    files = seen.files = list(discover(named, ruleset.config, errors=seen.walk_errors))
    from articlelint.engine.cache import ResultCache

    cache = seen.cache = ResultCache(ruleset.config.cache_dir, ruleset, read=False)
    seen.prepared = True
    if seen.walk_errors or not files or STDIN in files or cache.problem is not None:
        return None
    return cache.output(files, render_key)


def keep_output(seen: RunFiles, render_key: str, kept: list[Any]) -> None:
    """Keep the output of the run ``seen`` describes, rendered by ``render_key``."""
    if seen.cache is not None and seen.complete:
        seen.cache.store_output(seen.files, render_key, kept)


def check_file(path: str, ruleset: RuleSet) -> FileReport:
    """Read one file and check it (no cache): the report a run has for it."""
    report, _stamped, _digest = _check_one(path, None, ruleset, False)
    assert report is not None
    return report


def _open_cache(ruleset: RuleSet) -> ResultCache | None:
    if ruleset.config.cache_dir is None:
        return None
    from articlelint.engine.cache import ResultCache

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
        from articlelint.engine.cache import stamp

        stamped = stamp(path)  # before reading: a later write changes the stamp
    try:
        data = read_file(path, max_size=ruleset.config.max_file_size)
    except Exception as exc:  # a bug (or MemoryError) while reading: this file only
        data = LoadError(
            path, "AL000", f"reading crashed: {crash_summary(exc)}. Please report this."
        )
    if isinstance(data, LoadError):
        return check_loaded(data, ruleset), None, None
    content_digest = None
    if stamping:
        from articlelint.engine.cache import digest

        content_digest = digest(data)
        if known is not None and content_digest == known:
            return None, stamped, content_digest
    return check_loaded(load_data(data, path), ruleset), stamped, content_digest


def _run(
    items: list[tuple[str, bytes | None]], ruleset: RuleSet, stamping: bool
) -> Iterator[_Checked]:
    """Check ``items``, yielding results in order as they come (nothing piles up)."""
    jobs = job_count(ruleset.config.jobs)
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


# Worker-process state, set once per worker by _init_worker (never per file).
_WORKER: tuple[RuleSet, bool] | None = None


def _init_worker(config: Config, stamping: bool) -> None:
    global _WORKER
    import gc

    gc.set_threshold(*GC_THRESHOLDS)  # a worker only checks files (see fewer_collections)
    _WORKER = (RuleSet(config), stamping)


def _check_chunk(chunk: list[tuple[str, bytes | None]]) -> list[tuple[Any, ...]]:
    """A worker's job: check a chunk of files; reports travel packed (cheap to pickle)."""
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

    method = _pool.start_method()
    if method == "fork":
        _build_models()  # once here, not once per worker
    context = multiprocessing.get_context(method)
    size = chunk_size(len(items), jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with context.Pool(jobs, _init_worker, (ruleset.config, stamping)) as pool:
        for chunk, checked in zip(chunks, pool.imap(_check_chunk, chunks), strict=True):
            for (path, _known), (packed, stamped, content_digest) in zip(
                chunk, checked, strict=True
            ):
                report = None if packed is None else unpack_report(packed, path)
                yield report, stamped, content_digest


def _load_stdin(
    config: Config, stdin: BinaryIO | None, stdin_filename: str | None
) -> Document | LoadError | RecordFile:
    """Load the record on standard input (its name's suffix says how: JSON Lines too); a
    loader bug becomes an ``AL000`` error."""
    name = stdin_filename or STDIN_NAME
    try:
        return load_data(_read_stdin(stdin, config.max_file_size), name)
    except _TooLarge:
        return LoadError(
            name,
            "AL001",
            f"input is larger than the {config.max_file_size:,}-byte limit; "
            "raise `max-file-size` to check it",
        )
    except Exception as exc:  # a bug in the loader must not stop the other files
        return loading_crashed(name, exc)


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


# --- reports between processes ------------------------------------------------------------

#: A report as plain tuples: pickling thousands of value objects (named tuples) goes through
#: ``copyreg`` one object at a time, tuples of built-in values are C-speed both ways.
#: ``(diagnostics, facts, suppressions, source lines, record summary)``; the path is the key.
Packed = tuple[
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[Any],
    dict[int, str],
    "tuple[Any, ...] | None",
]


def pack_report(report: FileReport) -> Packed:
    """``report`` as tuples of built-in values (see :func:`unpack_report`)."""
    diagnostics = [
        (
            d.code,
            d.name,
            d.severity.value,
            d.message,
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            d.field,
            d.fix,
        )
        for d in report.diagnostics
    ]
    facts = [
        (code, f.fact.key, f.fact.field, f.fact.value, None if f.span is None else tuple(f.span))
        for code, f in report.facts
    ]
    record = None if report.record is None else tuple(report.record)
    return (diagnostics, facts, list(report.suppressions), dict(report.lines), record)


def unpack_report(packed: Packed, path: str) -> FileReport:
    """The :class:`~articlelint.engine.results.FileReport` that :func:`pack_report`
    packed, for the file spelt ``path`` (the same file may be given differently from one
    run to the next)."""
    from articlelint.diagnostics import Diagnostic, Severity, Span
    from articlelint.rules.base import Fact, LocatedFact

    diagnostics, facts, suppressions, lines, record = packed
    summary = None if record is None else RecordSummary(*record)
    if not (diagnostics or facts or suppressions):
        return FileReport(path, [], [], [], lines, summary)
    severities = {s.value: s for s in Severity}
    return FileReport(
        path,
        [
            Diagnostic(code, name, severities[sev], message, path, *rest)
            for code, name, sev, message, *rest in diagnostics
        ],
        [
            (
                code,
                LocatedFact(path, Fact(key, field, value), None if where is None else Span(*where)),
            )
            for code, key, field, value, where in facts
        ],
        suppressions,
        lines,
        summary,
    )
