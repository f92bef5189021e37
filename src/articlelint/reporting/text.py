"""``--format text`` (the default) and ``--format concise``.

``text``: each finding as ``path:line:col: CODE message [field]``, grouped by file, followed
by the offending source line with a caret under the column, then a summary. Colour only when
the caller says so (the CLI: a terminal, and ``NO_COLOR`` unset). ``concise``: one line per
finding and nothing else, for editors.

A problem repeated in many places (one bad source story copied into every ``related`` list
that cites it) is shown once by ``text``: at its first occurrence, with its snippet, then how
many places have it and the first :data:`PLACES_SHOWN` others (see :func:`group_key`). A rule
with more than :data:`FULL_PER_RULE` distinct problems shows the rest one line each. Every
finding stays in every other format; ``TextReporter(group=False)`` (``--no-group``) shows one
block per finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine.results import LintResult

__all__ = [
    "FULL_PER_RULE",
    "PLACES_SHOWN",
    "ConciseReporter",
    "TextReporter",
    "entries",
    "fixable_note",
    "group_key",
    "read_lines",
    "summary_line",
]

#: Under a repeated problem, how many of its other places are listed (the rest are counted).
PLACES_SHOWN = 5
#: How many distinct problems of one rule are shown in full (snippet, places); the rule's
#: further ones take one line each, so a rule with thousands of them stays readable.
FULL_PER_RULE = 20
#: How to see every finding, named where the report leaves some out.
_SEE_ALL = "--no-group shows each finding"

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;34m",
}
#: Source lines longer than this are not shown (minified or binary-ish files).
_MAX_SNIPPET = 500
#: Control characters (but tab) shown as U+FFFD, so a file cannot drive the terminal.
_CONTROL = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0)], "\ufffd"
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary_line(result: LintResult, *, distinct: int | None = None) -> str:
    """``Found 4 problems (1 error, 3 warnings) in 2 of 3 files.`` and the fixable note;
    with ``distinct`` (fewer than the findings), also how many distinct problems were shown."""
    counts = result.summary
    total = sum(counts.values())
    files = _plural(result.files_checked, "file")
    if total == 0:
        return f"All checks passed: {files} checked, no problems."
    with_problems = len({d.path for d in result.diagnostics})
    parts = ", ".join(
        _plural(counts[key], key) for key in ("error", "warning", "info") if counts[key]
    )
    found = f"Found {_plural(total, 'problem')} ({parts}) in {with_problems} of {files}"
    if distinct is not None and distinct < total:
        found += f"; shown as {_plural(distinct, 'distinct problem')} ({_SEE_ALL})"
    return found + "." + fixable_note(result)


def fixable_note(result: LintResult) -> str:
    """`` 2 fixable with --fix, 1 more with --unsafe-fixes.`` (empty when none is)."""
    safe = unsafe = 0
    for d in result.diagnostics:
        if d.fix is not None and d.fix.edits:
            if d.fix.applicability == "safe":
                safe += 1
            else:
                unsafe += 1
    notes = []
    if safe:
        notes.append(f"{safe} fixable with --fix")
    if unsafe:
        notes.append(f"{unsafe} {'more' if safe else 'fixable'} with --unsafe-fixes")
    return f" {', '.join(notes)}." if notes else ""


def _mark(d: Diagnostic) -> str:
    """``[*] `` before the message of a finding that ``--fix`` fixes."""
    safe = d.fix is not None and d.fix.edits and d.fix.applicability == "safe"
    return "[*] " if safe else ""


def read_lines(path: str) -> list[str] | None:
    """The lines of ``path`` as the loader counts them, or ``None`` if unreadable."""
    from articlelint.loading import split_lines

    try:
        with open(path, "rb") as handle:
            data = handle.read(10 * 1024 * 1024 + 1)
        return split_lines(data.decode("utf-8", errors="replace"))
    except OSError:
        return None


def _head(d: Diagnostic) -> str:
    where = f" [{d.field}]" if d.field else ""
    return f"{d.path}:{d.line}:{d.column}: {d.code} {_mark(d)}{d.message}{where}"


class ConciseReporter:
    """One line per finding: ``path:line:col: CODE message [field]``."""

    def __init__(self, *, color: bool = False) -> None:
        del color

    def render(self, result: LintResult) -> str:
        return "".join(_head(d) + "\n" for d in result.diagnostics)


def _leaf(field: str | None) -> str:
    """The last name in a field path: ``related[3].images[0].url`` -> ``url``."""
    if not field:
        return ""
    return field.rsplit(".", 1)[-1].split("[", 1)[0]


def group_key(d: Diagnostic, text: str | None) -> tuple[str, str, str, str]:
    """What makes findings the same problem in the text report: the rule, the last name in
    the field path (so an empty ``excerpt`` and an empty ``webUrl`` stay apart, while one
    image URL in ``images[0].url`` and ``related[8].images[0].url`` is one problem) and the
    offending value: the source text at the finding's span (``text`` is line ``d.line``),
    or the message where the span is not within one known line."""
    if text is not None and d.line >= 1 and d.column >= 1 and d.end_line == d.line:
        if d.line == 1:
            text = text.removeprefix("\ufeff")
        value = text[d.column - 1 : d.end_column - 1]
        if value:
            return (d.code, _leaf(d.field), "value", value)
    return (d.code, _leaf(d.field), "message", d.message)


_Entry = tuple[Diagnostic, str | None]


def entries(
    result: LintResult, source: Callable[[str], list[str] | None] = read_lines
) -> Iterator[_Entry]:
    """Each finding of ``result``, in order, with the text of its line (``None`` when it
    has none)."""
    current: str | None = None
    known: dict[int, str] = {}
    lines: list[str] | None = None
    read = False
    for d in result.diagnostics:
        if d.path != current:
            current = d.path
            # The lines kept when the file was checked; the file is read only for a
            # line that was not kept (cross-file findings, files that did not load).
            known = result.source_lines.get(d.path, {})
            lines, read = None, False
        text = known.get(d.line)
        if text is None and d.line > 0:
            if not read:
                lines, read = source(d.path), True
            if lines is not None and d.line <= len(lines):
                text = lines[d.line - 1]
        yield d, text


class TextReporter:
    """Findings grouped by file, each with its source line and a caret, then a summary.

    With ``group`` (the default) a problem repeated in several places (same
    :func:`group_key`) is shown once, at its first occurrence, followed by how many places
    have it and the first :data:`PLACES_SHOWN` others; after a rule's first
    :data:`FULL_PER_RULE` distinct problems, each further one is one line.
    """

    def __init__(
        self,
        *,
        color: bool = False,
        source: Callable[[str], list[str] | None] = read_lines,
        group: bool = True,
    ) -> None:
        self.color = color
        self.source = source
        self.group = group

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def _entries(self, result: LintResult) -> Iterable[_Entry]:
        return entries(result, self.source)

    def render(self, result: LintResult) -> str:
        blocks: list[list[_Entry]]
        if self.group:
            by_key: dict[tuple[str, str, str, str], list[_Entry]] = {}
            for entry in self._entries(result):
                by_key.setdefault(group_key(*entry), []).append(entry)
            blocks = list(by_key.values())  # in order of first occurrence
        else:
            blocks = [[entry] for entry in self._entries(result)]
        # One section per file, in order; a blank line between two sections, except
        # between two that hold one-line problems only (a rule's long tail).
        out: list[str] = []
        section: list[str] = []
        compact = previous = True  # this section's and the last one's
        current: str | None = None
        shown: dict[str, int] = {}
        for block in blocks:
            d, text = block[0]
            if d.path != current:
                if section:
                    if out and not (previous and compact):
                        out.append("")
                    out.extend(section)
                    previous, compact, section = compact, True, []
                current = d.path
            shown[d.code] = seen = shown.get(d.code, 0) + 1
            if self.group and seen > FULL_PER_RULE:
                more = len(block) - 1
                note = f" (and {_plural(more, 'more place')})" if more else ""
                section.append(self._head(d) + note)
                continue
            compact = False
            section.append(self._head(d))
            section.extend(self._snippet(d, text))
            if len(block) > 1:
                section.extend(self._places(d, block))
        if section:
            if out and not (previous and compact):
                out.append("")
            out.extend(section)
        if result.diagnostics:
            out.append("")
        distinct = len(blocks) if self.group else None
        out.append(self._paint(_BOLD, summary_line(result, distinct=distinct)))
        return "\n".join(out) + "\n"

    def _places(self, d: Diagnostic, block: Sequence[_Entry]) -> Iterable[str]:
        """How many places have ``block``'s problem, and the first few others."""
        gutter = " " * len(str(d.line))
        files = len({other.path for other, _ in block})
        bar = self._paint(_DIM, "=")
        yield (
            f"{gutter} {bar} this problem is in {len(block)} places "
            f"({_plural(files, 'file')}); also at:"
        )
        others = block[1:]
        listed = others if len(others) <= PLACES_SHOWN + 1 else others[:PLACES_SHOWN]
        for other, _ in listed:
            where = f" [{other.field}]" if other.field else ""
            location = self._paint(_BOLD, f"{other.path}:{other.line}:{other.column}")
            yield f"{gutter}   {location}{where}"
        if len(listed) < len(others):
            yield f"{gutter}   and {len(others) - len(listed)} more ({_SEE_ALL})"

    def _head(self, d: Diagnostic) -> str:
        if not self.color:
            return _head(d)
        where = f" {_DIM}[{d.field}]{_RESET}" if d.field else ""
        location = self._paint(_BOLD, f"{d.path}:{d.line}:{d.column}:")
        code = self._paint(_SEVERITY_COLOR[d.severity], d.code)
        return f"{location} {code} {_mark(d)}{d.message}{where}"

    def _snippet(self, d: Diagnostic, text: str | None) -> Iterable[str]:
        """The source line ``text`` (line ``d.line``) with a caret under the finding."""
        if text is None or d.line < 1:
            return ()
        if len(text) > _MAX_SNIPPET or d.column < 1:
            return ()
        if d.line == 1:
            text = text.removeprefix("\ufeff")
        if not text.isprintable():  # every character _CONTROL replaces is unprintable
            text = text.translate(_CONTROL)
        start = min(d.column - 1, len(text))
        stop = d.end_column - 1 if d.end_line == d.line else len(text)
        width = max(1, min(stop, len(text)) - start)
        # Keep tabs so the caret lines up whatever the tab width.
        before = text[:start]
        pad = (
            "".join("\t" if ch == "\t" else " " for ch in before) if "\t" in before else " " * start
        )
        gutter = " " * len(str(d.line))
        caret = self._paint(_SEVERITY_COLOR[d.severity], "^" * width)
        bar = self._paint(_DIM, "|")
        return (
            f"{gutter} {bar}",
            f"{self._paint(_DIM, str(d.line))} {bar} {text}",
            f"{gutter} {bar} {pad}{caret}",
        )
