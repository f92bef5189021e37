"""Suppression comments in the front matter, applied by the engine after the rules ran.

- ``# articlelint: ignore[AL202]`` at the end of a line silences those rules on that line
  (codes or names, comma-separated; a bare ``# articlelint: ignore`` silences every rule);
- ``# articlelint: ignore-file[AL401]`` anywhere in the front matter silences the file.

libyaml drops comments, so they are found here: a ``#`` starts a comment only outside every
scalar token (``yaml.scan`` gives their exact spans, so a ``#`` inside a quoted title or a
URL fragment is never taken for one) and after a blank or at the start of a line.
Suppressions that silence nothing are reported as ``AL901`` (``unused-suppression``).

:func:`add_suppressions` writes suppressions for the current findings (adopting the linter on
a legacy folder), changing nothing else in the files.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from articlelint.diagnostics import Diagnostic, Edit, Fix, Span
from articlelint.loading import Document, load_text
from articlelint.loading.loader import LINE_BREAK

if TYPE_CHECKING:
    from articlelint.engine import LintResult, RuleSet

__all__ = [
    "AddResult",
    "Suppression",
    "add_suppressions",
    "apply_suppressions",
    "parse_suppressions",
]

UNUSED_CODE = "AL901"
#: Never silenced by a bare ``ignore``: a crash of articlelint itself.
_UNSUPPRESSIBLE = frozenset({"AL000"})
_MARKER = "articlelint:"
_DIRECTIVE = re.compile(
    r"#[ \t]*articlelint:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])"
    r"(?:\[(?P<codes>[^\]\r\n]*)\])?"
)
_ANY_DIRECTIVE = re.compile(r"#[ \t]*articlelint:[^\r\n]*")


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


def _front_matter_bounds(document: Document) -> tuple[int, int]:
    """Character offsets of the YAML text (between the fences, or the whole YAML file)."""
    text = document.text
    fence = document.front_matter
    if fence is None:
        return (1 if document.bom else 0), len(text)
    first = LINE_BREAK.search(text)
    start = first.end() if first else len(text)
    # the closing fence line starts after the last line break before the fence's end
    end = start
    for brk in LINE_BREAK.finditer(text, start, fence.end):
        end = brk.end()
    return start, end


class _Spans:
    """Sorted, non-overlapping scalar spans (as the scanner yields them), searched by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def covering(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index][1]:
            return self.spans[index]
        return None


class _Positions:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def span(self, start: int, end: int) -> Span:
        line = self.line_of(start)
        end_line = self.line_of(end)
        return Span(
            line,
            start - self.starts[line - 1] + 1,
            end_line,
            end - self.starts[end_line - 1] + 1,
            start,
            end,
        )

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line < len(self.starts):
            brk = LINE_BREAK.search(self.text, self.starts[line - 1])
            return brk.start() if brk else len(self.text)
        return len(self.text)


def _comments(document: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of each ``# articlelint:`` comment."""
    text = document.text
    start, end = _front_matter_bounds(document)
    found = list(_ANY_DIRECTIVE.finditer(text, start, end))
    if not found:
        return []
    scanned = _scan(text, (start, end))
    spans = scanned[1] if scanned is not None else _Spans([])
    out = []
    for match in found:
        at = match.start()
        if at > start and text[at - 1] not in " \t\r\n\x85\u2028\u2029":
            continue  # `#` glued to a value (a URL fragment) is not a comment
        if spans.covering(at) is not None:
            continue  # inside a quoted or plain scalar
        out.append((at, match.end()))
    return out


def parse_suppressions(document: Document) -> list[Suppression]:
    """The suppression comments of a loaded document (fast when there is none)."""
    if _MARKER not in document.text:
        return []
    from articlelint.rules import registry

    reg = registry()
    positions = _Positions(document.text)
    out: list[Suppression] = []
    for at, stop in _comments(document):
        comment = document.text[at:stop]
        match = _DIRECTIVE.match(comment)
        if match is None:
            span = positions.span(at, stop)
            out.append(
                Suppression(
                    span.line,
                    False,
                    (),
                    span,
                    f"unrecognised directive `{comment.strip()}`; write "
                    "`# articlelint: ignore[CODE]` or `# articlelint: ignore-file[CODE]`",
                )
            )
            continue
        span = positions.span(at, at + match.end())
        file_level = match.group("kind") == "ignore-file"
        raw = match.group("codes")
        written = tuple(p.strip() for p in raw.split(",") if p.strip()) if raw is not None else ()
        codes: list[str] = []
        unknown: list[str] = []
        for entry in written:
            rule = reg.get(entry)
            if rule is None:
                unknown.append(entry)
            elif rule.code not in codes:
                codes.append(rule.code)
        problem = None
        if unknown:
            listed = ", ".join(f"{u!r}{_did_you_mean(u, reg)}" for u in unknown)
            problem = (
                f"unknown rule{'s' if len(unknown) > 1 else ''} {listed} in suppression; "
                "`articlelint rules` lists the codes and names"
            )
        elif raw is not None and not written:
            problem = "empty suppression `[]`; name the rules, or drop the brackets for all"
        removal = _removal_range(document.text, at, at + match.end())
        out.append(
            Suppression(span.line, file_level, tuple(codes), span, problem, written, removal)
        )
    return out


def _did_you_mean(entry: str, reg: Any) -> str:
    """`` (did you mean 'unpublished-record'?)`` for a misspelt rule name or code."""
    import difflib  # only for this message

    candidates = [rule.name for rule in reg] + [rule.code for rule in reg]
    close = difflib.get_close_matches(entry, candidates, n=1)
    if not close and entry.upper() != entry:
        close = difflib.get_close_matches(entry.upper(), candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_BLANKS = " \t"


def _removal_range(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to remove the comment ``text[start:end]`` without leaving blanks."""
    before = start
    while before > 0 and text[before - 1] in _BLANKS:
        before -= 1
    after = end
    while after < len(text) and text[after] in _BLANKS:
        after += 1
    at_line_start = before == 0 or text[before - 1] in "\r\n\x85\u2028\u2029"
    at_line_end = after == len(text) or text[after] in "\r\n\x85\u2028\u2029"
    if not at_line_end:
        return start, end  # something follows on the line: remove the directive only
    if at_line_start:  # the comment is the whole line: remove the line and its break
        if text.startswith("\r\n", after):
            return before, after + 2
        return before, min(after + 1, len(text))
    return before, after


def _covers(suppression: Suppression, code: str) -> bool:
    if suppression.problem is not None:
        return False
    if not suppression.codes:
        return code not in _UNSUPPRESSIBLE
    return code in suppression.codes


def apply_suppressions(
    diagnostics: Sequence[Diagnostic],
    suppressions: Mapping[str, Sequence[Suppression]],
    ruleset: RuleSet,
) -> list[Diagnostic]:
    """``diagnostics`` minus the suppressed ones, plus ``AL901`` for unused suppressions."""
    if not suppressions:
        return list(diagnostics)
    kept: list[Diagnostic] = []
    used: dict[tuple[str, int], set[str]] = {}
    for diagnostic in diagnostics:
        silenced = False
        for index, suppression in enumerate(suppressions.get(diagnostic.path, ())):
            if (suppression.file_level or suppression.line == diagnostic.line) and _covers(
                suppression, diagnostic.code
            ):
                used.setdefault((diagnostic.path, index), set()).add(diagnostic.code)
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    unused_rule = ruleset.by_code.get(UNUSED_CODE)
    if unused_rule is None:
        return kept
    for path, entries in suppressions.items():
        if UNUSED_CODE in ruleset.ignored_for(path):
            continue
        for index, suppression in enumerate(entries):
            reported = _unused(path, suppression, used.get((path, index), set()), ruleset)
            if reported is None:
                continue
            if any(
                (s.file_level or (s.line == reported.line and s.codes)) and _covers(s, UNUSED_CODE)
                for s in entries
            ):
                continue
            kept.append(reported)
    kept.sort(key=Diagnostic.sort_key)
    return kept


def _unused(
    path: str, suppression: Suppression, used: set[str], ruleset: RuleSet
) -> Diagnostic | None:
    span = suppression.span
    kind = "ignore-file" if suppression.file_level else "ignore"
    if suppression.problem is not None:
        message = suppression.problem
        fix = None
    elif not suppression.codes:
        if used:
            return None
        where = "in this file" if suppression.file_level else "on this line"
        message = f"unused suppression: nothing is reported {where}; remove the comment"
        fix = _removal(suppression)
    else:
        unused = [c for c in suppression.codes if c not in used and c != UNUSED_CODE]
        if not unused:
            return None
        disabled = [c for c in unused if c not in ruleset.by_code]
        where = "in this file" if suppression.file_level else "on this line"
        detail = f"no {', '.join(unused)} finding {where}"
        if disabled:
            detail += f" ({', '.join(disabled)} not enabled)"
        remaining = [c for c in suppression.codes if c not in unused]
        if remaining:
            message = f"unused suppression: {detail}; remove {', '.join(unused)} from the comment"
            fix = Fix(
                "safe",
                f"remove {', '.join(unused)} from the suppression",
                (Edit(span.start, span.end, f"# articlelint: {kind}[{', '.join(remaining)}]"),),
            )
        else:
            message = f"unused suppression: {detail}; remove the comment"
            fix = _removal(suppression)
    return Diagnostic(
        code=UNUSED_CODE,
        name=ruleset.by_code[UNUSED_CODE].rule.name,
        severity=ruleset.severity_of(UNUSED_CODE),
        message=message,
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        field=None,
        fix=fix,
    )


def _removal(suppression: Suppression) -> Fix:
    start, end = suppression.removal or (suppression.span.start, suppression.span.end)
    return Fix("safe", "remove the unused suppression", (Edit(start, end, ""),))


# --- adding suppressions --------------------------------------------------------------

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
        if diagnostic.code not in _UNSUPPRESSIBLE and diagnostic.code != UNUSED_CODE:
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

    from articlelint.engine import _fewer_collections

    items = list(suppressible(result.diagnostics).items())
    added = files = skipped = 0
    problems: list[str] = []
    # What lint_paths does, for the same reason: many short-lived objects, no cycles.
    # (The worker processes start before the writer threads: forking a process with
    # threads is unsafe.)
    with (
        _fewer_collections(),
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
        from articlelint.engine import PARALLEL_MIN_FILES

        self.items = items
        self.pool: Any = None
        if jobs is None:
            try:
                jobs = len(os.sched_getaffinity(0))
            except (AttributeError, OSError):  # pragma: no cover - not Linux
                jobs = os.cpu_count() or 1
        self.jobs = jobs
        if jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
            import multiprocessing
            import sys
            import threading

            fork = sys.platform == "linux" and threading.active_count() == 1
            context = multiprocessing.get_context("fork" if fork else "spawn")
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
        size = max(4, min(64, len(items) // (self.jobs * 8) or 1))
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
    if _MARKER in text:
        loaded = load_text(text, path)
        if not isinstance(loaded, Document):
            return None
        existing = parse_suppressions(loaded)
    region = _yaml_region(text, path)
    if region is None:
        return None
    scanned = _scan(text, region)
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


def _scan(text: str, region: tuple[int, int]) -> tuple[list[Any], _Spans] | None:
    """What the YAML of ``text[region]`` says (libyaml's events without their positions:
    comments are not events) and the spans of its scalars in ``text``; ``None`` if it does
    not parse. libyaml's event parser, not the token scanner or a full load: a third of
    the cost of either, and ``--add-suppressions`` needs it twice per file."""
    import yaml

    from articlelint.loading.yamltree import _Loader

    start, end = region
    said: list[Any] = []
    spans: list[tuple[int, int]] = []
    scalar = yaml.ScalarEvent
    loader = _Loader(text[start:end])
    try:
        get = loader.get_event
        while True:
            event = get()
            if event is None:
                break
            kind = type(event)
            if kind is scalar:
                style = event.style
                said.append((event.value, style, event.tag, event.anchor, event.implicit))
                first, last = event.start_mark.index + start, event.end_mark.index + start
                if style in ("|", ">"):
                    # The header line (`|  # comment`) may carry a comment; the body may not.
                    brk = LINE_BREAK.search(text, first, last)
                    first = brk.end() if brk else last
                spans.append((first, last))
            else:
                said.append((kind, getattr(event, "anchor", None), getattr(event, "tag", None)))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return said, _Spans(spans)


def _reads_the_same(new_text: str, path: str, said: list[Any]) -> bool:
    """Whether ``new_text``'s YAML says exactly what the original said (the same events:
    comments are not events, so the same data, for any YAML reader)."""
    region = _yaml_region(new_text, path)
    scanned = None if region is None else _scan(new_text, region)
    return scanned is not None and scanned[0] == said


def _with_suppressions(
    text: str,
    region: tuple[int, int],
    spans: _Spans,
    existing: Sequence[Suppression],
    diagnostics: Iterable[Diagnostic],
    whole_file: bool,
) -> tuple[str, int]:
    """The text with the comments, and how many were added or changed (``whole_file``:
    one ``ignore-file`` comment for every finding)."""
    positions = _Positions(text)
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
