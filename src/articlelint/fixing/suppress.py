"""``--add-suppressions``: a ``# articlelint: ignore[...]`` comment for every current finding,
written into the files, changing nothing else (adopting the linter on a legacy folder).

A front-end feature that writes files, on top of the engine: it takes a finished
:class:`~articlelint.engine.results.LintResult` and places the comments with the same
scanner that finds them (:mod:`articlelint.engine.suppressions`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from articlelint.diagnostics import Diagnostic, Edit
from articlelint.engine._pool import (
    PARALLEL_MIN_FILES,
    chunk_size,
    fewer_collections,
    job_count,
    start_method,
)
from articlelint.engine.results import LintResult, Suppression
from articlelint.engine.suppressions import (
    MARKER,
    UNSUPPRESSIBLE,
    UNUSED_CODE,
    Positions,
    ScalarSpans,
    parse_suppressions,
    scan,
)
from articlelint.loading import Document, load_text
from articlelint.loading.loader import LINE_BREAK

__all__ = ["AddResult", "add_suppressions", "suppressed_text", "suppressible"]

#: Findings that mean the file did not load (a :class:`LoadError`): no comment silences them.
_LOAD_ERROR_CODES = frozenset({"AL001", "AL002", "AL003"})


class AddResult(NamedTuple):
    """What :func:`add_suppressions` did: comments written (new or merged into an existing
    one), files changed, and findings that cannot be suppressed (the file does not load:
    ``AL001``-``AL003``)."""

    added: int
    files: int
    skipped: int
    #: ``path: reason`` for each file left unchanged because it could not be written safely
    #: (a symlink out of the checked tree, an I/O error).
    problems: tuple[str, ...] = ()


def suppressible(diagnostics: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """The findings a comment can silence, by path: not ``AL000`` (a crash of articlelint
    itself) nor ``AL901`` (a suppression that silences nothing is removed, not silenced)."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code not in UNSUPPRESSIBLE and diagnostic.code != UNUSED_CODE:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
    return by_path


def add_suppressions(result: LintResult, *, jobs: int | None = None) -> AddResult:
    """Write ``# articlelint: ignore[...]`` for every finding of ``result``.

    Each finding gets a comment at the end of its line, merged into the ``# articlelint:``
    comment already there (names of rules that do not exist are dropped from it, so the
    comment works); where a comment cannot go (the line is inside a multi-line value, or is
    a fence) the file gets an ``ignore-file`` comment after the opening fence instead (or
    in the one it has). Nothing else in the file changes (line endings included); a file
    whose YAML would read differently is left alone. Writes are atomic (a temporary file
    renamed over the original).

    It costs less than the lint that found the findings: files are not loaded again, their
    YAML is only parsed to events, once to place the comments and once to check the result
    says the same (:func:`suppressed_text`); in ``jobs`` processes (default: one per core)
    when there are many files, and written several at a time.
    """
    from concurrent.futures import ThreadPoolExecutor

    items = list(suppressible(result.diagnostics).items())
    added = files = skipped = 0
    problems: list[str] = []
    # What lint_paths does, for the same reason: many short-lived objects, no cycles.
    # (The worker processes start before the writer threads: forking a process with
    # threads is unsafe.)
    with (
        fewer_collections(),
        _Planner(items, jobs) as plans,
        ThreadPoolExecutor(_WRITERS) as writers,
    ):
        writes = []
        for path, outcome, findings in plans:
            if outcome is None:
                skipped += findings
                continue
            new_text, count = outcome
            if count:
                writes.append((path, count, writers.submit(_atomic_write, path, new_text)))
        for path, count, write in writes:
            try:
                write.result()
            except OSError as exc:  # UnsafeWrite included: the file is left as it was
                problems.append(
                    f"{path}: not written: {exc.strerror}" if exc.strerror else f"{path}: {exc}"
                )
                continue
            added += count
            files += 1
    return AddResult(added, files, skipped, tuple(problems))


#: Files written at once: each write ends with an ``fsync``, which waits for the disk
#: without holding the GIL, and the file system commits concurrent ones together.
_WRITERS = 8

_Plan = tuple[str, "tuple[str, int] | None", int]


def _plan(path: str, diagnostics: Sequence[Diagnostic]) -> _Plan:
    """``(path, (new text, comments) or None when it cannot be suppressed, findings)``."""
    outcome = None
    # A file that did not load is not even read (it may be a symlink out of the tree).
    if not _unloadable(diagnostics) and os.path.isfile(path):
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            pass
        else:
            outcome = suppressed_text(text, path, diagnostics)
    return path, outcome, len(diagnostics)


def _plan_chunk(chunk: list[tuple[str, list[Diagnostic]]]) -> list[_Plan]:
    return [_plan(path, diagnostics) for path, diagnostics in chunk]


class _Planner:
    """The plans for ``items``, in order: in worker processes when there are enough files
    (as the engine checks files), else in this one."""

    def __init__(self, items: list[tuple[str, list[Diagnostic]]], jobs: int | None) -> None:
        self.items = items
        self.pool: Any = None
        self.jobs = jobs = job_count(jobs)
        if jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
            import multiprocessing

            context = multiprocessing.get_context(start_method())
            try:
                self.pool = context.Pool(jobs)
            except OSError:  # no processes or semaphores in this sandbox: plan here
                self.pool = None

    def __enter__(self) -> Iterator[_Plan]:
        return self._plans()

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def _plans(self) -> Iterator[_Plan]:
        items = self.items
        if self.pool is None:
            for path, diagnostics in items:
                yield _plan(path, diagnostics)
            return
        size = chunk_size(len(items), self.jobs)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        for plans in self.pool.imap(_plan_chunk, chunks):
            yield from plans


def _unloadable(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether the findings say the file did not load (a :class:`LoadError`'s finding: it
    has no front matter to comment in; a symlink out of the checked tree is one too)."""
    return any(
        d.code in _LOAD_ERROR_CODES or (d.code == "AL103" and d.field is None) for d in diagnostics
    )


def suppressed_text(
    text: str, path: str, diagnostics: Sequence[Diagnostic]
) -> tuple[str, int] | None:
    """``text`` with comments that silence ``diagnostics`` (the findings of that file, as
    linted), and how many comments were written or changed; ``None`` when the file does
    not load (then nothing can be suppressed)."""
    if _unloadable(diagnostics):
        return None
    existing: list[Suppression] = []
    if MARKER in text:
        loaded = load_text(text, path)
        if not isinstance(loaded, Document):
            return None
        existing = parse_suppressions(loaded)
    region = _yaml_region(text, path)
    if region is None:
        return None
    scanned = scan(text, region)
    if scanned is None:
        return None
    said, spans = scanned
    new_text, count = _with_suppressions(text, region, spans, existing, diagnostics, False)
    if count and not _reads_the_same(new_text, path, said):
        # A comment landed where YAML reads it as part of a value (what the scalar spans
        # are there to rule out): fall back to one `ignore-file` comment for the file.
        new_text, count = _with_suppressions(text, region, spans, existing, diagnostics, True)
        if count and not _reads_the_same(new_text, path, said):
            return None
    return new_text, count


def _yaml_region(text: str, path: str) -> tuple[int, int] | None:
    """Character offsets of the YAML text: between the fences (the closing one found as the
    loader finds it), or the whole of a ``.yaml``/``.yml`` file after its BOM."""
    from articlelint.loading.loader import (
        _FENCE_LINE,
        _OPEN_FENCE,
        YAML_SUFFIXES,
        _closing_fence,
    )

    start = 1 if text.startswith("\ufeff") else 0
    if os.path.splitext(path)[1].lower() in YAML_SUFFIXES:
        return start, len(text)
    first = LINE_BREAK.search(text, start)
    if first is None or not _OPEN_FENCE.fullmatch(text, start, first.start()):
        return None
    body = first.end()
    fence = _FENCE_LINE.match(text, body) or _closing_fence(text, body)
    return None if fence is None else (body, fence.start(1))


def _reads_the_same(new_text: str, path: str, said: list[Any]) -> bool:
    """Whether ``new_text``'s YAML says exactly what the original said (the same events:
    comments are not events, so the same data, for any YAML reader)."""
    region = _yaml_region(new_text, path)
    scanned = None if region is None else scan(new_text, region)
    return scanned is not None and scanned[0] == said


def _with_suppressions(
    text: str,
    region: tuple[int, int],
    spans: ScalarSpans,
    existing: Sequence[Suppression],
    diagnostics: Iterable[Diagnostic],
    whole_file: bool,
) -> tuple[str, int]:
    """The text with the comments, and how many were added or changed (``whole_file``:
    one ``ignore-file`` comment for every finding)."""
    positions = Positions(text)
    yaml_start, yaml_end = region
    first_line = positions.line_of(yaml_start)
    last_line = positions.line_of(max(yaml_end - 1, yaml_start))

    per_line: dict[int, list[str]] = {}
    file_codes: list[str] = []
    for diagnostic in diagnostics:
        line = diagnostic.line
        ok = not whole_file and first_line <= line <= last_line and line > 0
        if ok:
            end = positions.line_end(line)
            covering = spans.covering(end)
            ok = covering is None or covering[0] == end
        target = per_line.setdefault(line, []) if ok else file_codes
        if diagnostic.code not in target:
            target.append(diagnostic.code)

    edits: list[Edit] = []
    for line, codes in per_line.items():
        current = next((s for s in existing if s.line == line and not s.file_level), None)
        if current is not None:
            edit = _merged(current, codes, "ignore")
            if edit is not None:
                edits.append(edit)
        else:
            body = text[positions.starts[line - 1] : positions.line_end(line)]
            at = positions.starts[line - 1] + len(body.rstrip(" \t"))
            gap = "  " if body.strip() else ""
            edits.append(Edit(at, at, f"{gap}# articlelint: ignore[{', '.join(codes)}]"))
    if file_codes:
        current = next((s for s in existing if s.file_level), None)
        if current is not None:
            edit = _merged(current, file_codes, "ignore-file")
            if edit is not None:
                edits.append(edit)
        else:
            brk = LINE_BREAK.search(text)
            newline = brk.group() if brk else "\n"
            directive = f"# articlelint: ignore-file[{', '.join(file_codes)}]{newline}"
            edits.append(Edit(yaml_start, yaml_start, directive))
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text, len(edits)


def _merged(current: Suppression, codes: Sequence[str], kind: str) -> Edit | None:
    """The edit that makes the comment ``current`` also silence ``codes``: the entries it
    has that name a rule are kept as written, those that name none are dropped (a comment
    with an unknown name silences nothing), ``codes`` it lacks are added. ``None`` when it
    already silences them (a bare ``ignore``)."""
    if current.problem is None and not current.codes:
        return None  # a bare `ignore`: silences every rule already
    from articlelint.rules import registry

    reg = registry()
    kept: list[str] = []
    covered: set[str] = set()
    for entry in current.written:
        rule = reg.get(entry)
        if rule is not None and rule.code not in covered:
            kept.append(entry)
            covered.add(rule.code)
    entries = [*kept, *(code for code in codes if code not in covered)]
    return Edit(
        current.span.start, current.span.end, f"# articlelint: {kind}[{', '.join(entries)}]"
    )


def _atomic_write(path: str, text: str) -> None:
    """Replace ``path``'s content (UTF-8, exactly ``text``) via a renamed temporary file;
    never through a symlink that leads out of the checked tree (:func:`replace_file`)."""
    from articlelint._fs import replace_file

    replace_file(path, text.encode("utf-8"))
