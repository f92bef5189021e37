"""Applying fixes without losing a byte: edits on the text, re-linted until stable, written
atomically (``--fix``, ``--diff``, :func:`fix_text`, :func:`fix_paths`).

A fix is a list of :class:`~articlelint.diagnostics.Edit` (character offsets into the text
the diagnostics were computed on). Edits are spliced into the original text, so every
character outside an edit stays identical: comments, key order, quoting, CRLF line
endings, the trailing newline, the body after the front matter. YAML is never re-dumped.

One round applies the fixes that do not overlap (chosen by position, then rule code, then
field; an overlapping one waits for the next round), re-lints, and repeats until nothing
is left to fix (at most :data:`MAX_ROUNDS`). A round whose result no longer loads, or
whose data changed outside the fixed fields, is rolled back (that would be a bug in a
rule's fix); the fixes that are unsound on their own are dropped and reported, and the
others are applied in the next round.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from articlelint._fs import UnsafeWrite, replace_file
from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Edit, FieldPath, Fix, render_field
from articlelint.engine.linter import Linter
from articlelint.engine.results import LintResult
from articlelint.loading import Document, LoadError, load_text

__all__ = [
    "MAX_ROUNDS",
    "FileFix",
    "FixRun",
    "apply_edits",
    "changed_fields",
    "edits_of",
    "fix_paths",
    "fix_text",
    "is_applicable",
    "select_fixes",
    "unified_diff",
]

#: Fix rounds per file before giving up on reaching a fixed point.
MAX_ROUNDS = 10


def is_applicable(fix: Fix | None, unsafe: bool = False) -> bool:
    """Does ``fix`` have edits, and is it allowed (``safe``, or ``unsafe`` with ``unsafe``)?"""
    return bool(fix and fix.edits and (fix.applicability == "safe" or unsafe))


def _overlaps(a: Edit, b: Edit) -> bool:
    # Two insertions at one point, or an insertion inside a replacement, also conflict:
    # their order would be arbitrary.
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def select_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes are applied together this round: applicable ones, in
    order of first edit, then code, then field; a fix that overlaps an earlier chosen
    one is skipped (the next round sees it again, on the updated text), unless its edits
    are exactly those of a chosen fix (see :func:`edits_of`)."""
    candidates = [d for d in diagnostics if is_applicable(d.fix, unsafe)]
    candidates.sort(key=lambda d: (_fix_of(d).edits[0].start, d.code, d.field or ""))
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    chosen_edits: set[tuple[Edit, ...]] = set()
    for diagnostic in candidates:
        edits = _fix_of(diagnostic).edits
        if edits in chosen_edits:
            # The very same change (one value reached through a YAML alias, reported at
            # each use): it fixes this finding too.
            chosen.append(diagnostic)
            continue
        if any(_overlaps(edit, other) for edit in edits for other in taken):
            continue
        chosen.append(diagnostic)
        chosen_edits.add(edits)
        taken.extend(edits)
    return chosen


def edits_of(chosen: Iterable[Diagnostic]) -> list[Edit]:
    """The edits of the chosen fixes, each once."""
    return list(dict.fromkeys(edit for d in chosen for edit in _fix_of(d).edits))


def _fix_of(diagnostic: Diagnostic) -> Fix:
    assert diagnostic.fix is not None
    return diagnostic.fix


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the (non-overlapping) edits applied; all else byte for byte the same."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    position = 0
    for edit in ordered:
        if not position <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def changed_fields(old: Any, new: Any, prefix: FieldPath = ()) -> Iterator[FieldPath]:
    """Field paths where two loaded records differ: a changed scalar, a key present on one
    side only, a list whose length changed (reported at the list)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in old:
            if key in new:
                yield from changed_fields(old[key], new[key], (*prefix, key))
            else:
                yield (*prefix, key)
        for key in new:
            if key not in old:
                yield (*prefix, key)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            yield prefix
        else:
            for index, (a, b) in enumerate(zip(old, new, strict=True)):
                yield from changed_fields(a, b, (*prefix, index))
    elif not _same(old, new):
        yield prefix


def _related(changed: str | None, fixed: str | None) -> bool:
    """Is the changed field the fixed one, inside it, or one of its ancestors?"""
    if fixed is None or changed is None or changed == fixed:
        return True
    inside = changed.startswith((fixed + ".", fixed + "["))
    return inside or fixed.startswith((changed + ".", changed + "["))


def _accounted_for(document: Document, path: FieldPath, chosen: Sequence[Diagnostic]) -> bool:
    """Is the change at ``path`` explained by a chosen fix: one whose finding names that
    field and whose edit lies on it? A key that did not exist before (a renamed key) only
    needs an edit inside its mapping."""
    probe = path
    while probe not in document.nodes and probe:
        probe = probe[:-1]
    info = document.nodes.get(probe)
    if info is None:
        return False
    spans = [info.value] if info.key is None else [info.key, info.value]
    shown = render_field(path)
    for diagnostic in chosen:
        if probe == path and not _related(shown, diagnostic.field):
            continue
        for edit in _fix_of(diagnostic).edits:
            for span in spans:
                overlap = edit.start < span.end and span.start < edit.end
                if overlap or span.start <= edit.start <= span.end:
                    return True
    return False


@dataclass(slots=True)
class FileFix:
    """What fixing one file did. ``applied`` are the findings that were fixed (as reported
    on the text of the round that fixed them); ``error`` says why the file was left
    unchanged or unwritten."""

    path: str
    original: str
    fixed: str
    applied: list[Diagnostic] = field(default_factory=list)
    rounds: int = 0
    converged: bool = True
    error: str | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass(slots=True)
class _Outcome:
    fix: FileFix
    result: LintResult


def _fix_loop(text: str, path: str, linter: Linter, unsafe: bool) -> _Outcome:
    outcome = FileFix(path, text, text)
    current = text
    loaded = load_text(current, path)
    result = _lint(loaded, linter)
    rejected: set[tuple[str, str | None, str]] = set()
    errors: list[str] = []
    while True:
        offered = [d for d in result.diagnostics if d.fix and _identity(d) not in rejected]
        chosen = select_fixes(offered, unsafe)
        if not chosen:
            break
        if outcome.rounds == MAX_ROUNDS:
            outcome.converged = False
            break
        assert isinstance(loaded, Document)
        candidate = apply_edits(current, edits_of(chosen))
        if candidate == current:
            break
        new_loaded = load_text(candidate, path)
        problem = _round_problem(loaded, new_loaded, chosen)
        if problem is not None:
            # Find the fixes that are unsound on their own, drop them for good, and let
            # the next round apply the others.
            bad = _unsound(current, loaded, chosen, path) or chosen
            rejected.update(_identity(d) for d in bad)
            codes = ", ".join(sorted({d.code for d in bad}))
            reason = _round_problem_of(bad, current, loaded, path) or problem
            errors.append(f"fixes for {codes} were rolled back: {reason} (please report this)")
            continue
        outcome.rounds += 1
        outcome.applied.extend(chosen)
        current, loaded = candidate, new_loaded
        result = _lint(loaded, linter)
    outcome.fixed = current
    outcome.error = "; ".join(errors) or None
    return _Outcome(outcome, result)


def _identity(diagnostic: Diagnostic) -> tuple[str, str | None, str]:
    """A fix's identity across rounds (its offsets move as other fixes land)."""
    return (diagnostic.code, diagnostic.field, _fix_of(diagnostic).message)


def _groups(chosen: Sequence[Diagnostic]) -> list[list[Diagnostic]]:
    """Chosen fixes grouped by identical edits (one change reported at several fields)."""
    groups: dict[tuple[Edit, ...], list[Diagnostic]] = {}
    for diagnostic in chosen:
        groups.setdefault(_fix_of(diagnostic).edits, []).append(diagnostic)
    return list(groups.values())


def _unsound(
    text: str, document: Document, chosen: Sequence[Diagnostic], path: str
) -> list[Diagnostic]:
    """The chosen fixes that break the record when applied alone."""
    return [
        d
        for group in _groups(chosen)
        if _round_problem_of(group, text, document, path) is not None
        for d in group
    ]


def _round_problem_of(
    group: Sequence[Diagnostic], text: str, document: Document, path: str
) -> str | None:
    new = load_text(apply_edits(text, edits_of(group)), path)
    return _round_problem(document, new, group)


def _lint(loaded: Document | LoadError, linter: Linter) -> LintResult:
    """Lint one loaded file as the engine does (suppression comments applied)."""
    return linter.finish([linter.check_loaded(loaded)])


def _round_problem(
    old: Document, new: Document | LoadError, chosen: Sequence[Diagnostic]
) -> str | None:
    """Why a round's result must not be kept, or ``None`` when it is sound."""
    if isinstance(new, LoadError):
        return f"the result no longer loads ({new.code}: {new.message})"
    for path in changed_fields(old.data, new.data):
        if not _accounted_for(old, path, chosen):
            shown = render_field(path) or "the record"
            return f"`{shown}` changed although no fix for it touched it"
    return None


def fix_text(
    text: str, path: str | None = None, unsafe: bool = False, config: Config | None = None
) -> tuple[str, LintResult]:
    """Fix one record given as text: ``(fixed text, lint result of the fixed text)``.

    Safe fixes only unless ``unsafe``. ``path`` names the record in the diagnostics (and
    its suffix says whether front matter is expected, as in :func:`lint_text`). Nothing is
    written anywhere; the text is returned unchanged when nothing can be fixed.
    """
    outcome = _fix_loop(text, path or "<string>.md", Linter(config), unsafe)
    return outcome.fix.fixed, outcome.result


@dataclass(slots=True)
class FixRun:
    """The outcome of :func:`fix_paths`: the lint result after fixing (what remains), and
    per file what was (or, without ``write``, would be) changed."""

    result: LintResult
    files: list[FileFix]

    @property
    def fixed_count(self) -> int:
        return sum(len(f.applied) for f in self.files if f.error is None or f.written)

    @property
    def changed_files(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    def diff(self) -> str:
        """A unified diff of every changed file, paths as given."""
        return "".join(unified_diff(f.original, f.fixed, f.path) for f in self.changed_files)

    def messages(self, *, would: bool = False) -> list[str]:
        """Human-readable lines: problems with files, then the summary of what was fixed."""
        lines = [f"articlelint: {f.path}: {f.error}" for f in self.files if f.error]
        lines.extend(
            f"articlelint: {f.path}: fixes did not settle after {MAX_ROUNDS} rounds"
            for f in self.files
            if not f.converged
        )
        files = [f for f in self.changed_files if would or f.written]
        count = sum(len(f.applied) for f in files)
        if count:
            codes: dict[str, int] = {}
            for f in files:
                for d in f.applied:
                    codes[d.code] = codes.get(d.code, 0) + 1
            detail = ", ".join(f"{code} \u00d7{n}" for code, n in sorted(codes.items()))
            verb = "Would fix" if would else "Fixed"
            noun = "problem" if count == 1 else "problems"
            where = "file" if len(files) == 1 else "files"
            lines.append(f"{verb} {count} {noun} ({detail}) in {len(files)} {where}.")
        elif not lines:
            lines.append("No fixes available." if would else "Nothing to fix.")
        return lines


#: Lines as ``patch`` sees them: ended by LF, CRLF or CR (not by NEL or U+2028, which
#: ``str.splitlines`` would also split on), ends kept; a last line may lack one.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(original: str, fixed: str, path: str) -> str:
    """A unified diff of one file (``patch -p0`` applies it); line endings are kept."""
    a = _LINES.findall(original)
    b = _LINES.findall(fixed)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, path, path):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


class _ChangedOnDisk(Exception):
    pass


def _read(path: str) -> tuple[bytes, os.stat_result]:
    with open(path, "rb") as handle:
        data = handle.read()
        return data, os.fstat(handle.fileno())


def _write_atomic(
    path: str, expected: bytes, before: os.stat_result, text: str, config: Config | None
) -> None:
    """Replace ``path``'s content by ``text`` (UTF-8) atomically (:func:`replace_file`: a
    temporary file in the same directory and :func:`os.replace`, permission bits kept; a
    symlink is written through only when its target is in the checked tree, else
    :class:`UnsafeWrite`). Raises :class:`_ChangedOnDisk` when the file is no longer what
    was read."""

    def unchanged(target: str) -> None:
        now, after = _read(target)
        if now != expected or (after.st_size, after.st_mtime_ns) != (
            before.st_size,
            before.st_mtime_ns,
        ):
            raise _ChangedOnDisk

    replace_file(
        path,
        text.encode("utf-8"),
        config_root=config.root if config is not None else None,
        before_replace=unchanged,
    )


def fix_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    unsafe: bool = False,
    config: Config | None = None,
    write: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> FixRun:
    """Fix files and directories in place (``write=False``: only compute the changes).

    Files are linted first; each file with an applicable fix is read again, fixed with
    :func:`fix_text`'s loop and written atomically unless it changed on disk since that
    read. The returned result lints what is on disk afterwards (or, without ``write``, the
    first lint). Never raises for bad input: I/O problems are reported in ``FileFix.error``.
    ``progress(done, total)`` is passed on to the first lint.
    """
    paths = list(paths)
    linter = Linter(config)
    first = linter.lint_paths(paths, progress=progress)
    candidates = sorted({d.path for d in first.diagnostics if is_applicable(d.fix, unsafe)})
    files: list[FileFix] = []
    for path in candidates:
        try:
            data, before = _read(path)
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            files.append(FileFix(path, "", "", error=f"not fixed: cannot read: {exc}"))
            continue
        outcome = _fix_loop(text, path, linter, unsafe).fix
        files.append(outcome)
        if not (write and outcome.changed):
            continue
        try:
            _write_atomic(path, data, before, outcome.fixed, config)
            outcome.written = True
        except _ChangedOnDisk:
            outcome.error = "not fixed: the file changed on disk while it was being fixed"
        except UnsafeWrite as exc:
            outcome.error = f"not fixed: {str(exc).removeprefix('not written: ')}"
        except OSError as exc:
            outcome.error = f"not fixed: cannot write: {exc.strerror or exc}"
    if any(f.written for f in files):
        return FixRun(linter.lint_paths(paths), files)
    return FixRun(first, files)
