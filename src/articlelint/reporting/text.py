"""``--format text`` (the default) and ``--format concise``.

``text``: each finding as ``path:line:col: CODE message [field]``, grouped by file, followed
by the offending source line with a caret under the column, then a summary. Colour only when
the caller says so (the CLI: a terminal, and ``NO_COLOR`` unset). ``concise``: one line per
finding and nothing else, for editors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine import LintResult

__all__ = ["ConciseReporter", "TextReporter", "fixable_note", "read_lines", "summary_line"]

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


def summary_line(result: LintResult) -> str:
    counts = result.summary
    total = sum(counts.values())
    files = _plural(result.files_checked, "file")
    if total == 0:
        return f"All checks passed: {files} checked, no problems."
    with_problems = len({d.path for d in result.diagnostics})
    parts = ", ".join(
        _plural(counts[key], key) for key in ("error", "warning", "info") if counts[key]
    )
    found = f"Found {_plural(total, 'problem')} ({parts}) in {with_problems} of {files}."
    return found + fixable_note(result)


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


class TextReporter:
    """Findings grouped by file, each with its source line and a caret, then a summary."""

    def __init__(
        self, *, color: bool = False, source: Callable[[str], list[str] | None] = read_lines
    ) -> None:
        self.color = color
        self.source = source

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def render(self, result: LintResult) -> str:
        out: list[str] = []
        current: str | None = None
        known: dict[int, str] = {}
        lines: list[str] | None = None
        read = False
        for d in result.diagnostics:
            if d.path != current:
                if current is not None:
                    out.append("")
                current = d.path
                # The lines kept when the file was checked; the file is read only for a
                # line that was not kept (cross-file findings, files that did not load).
                known = result.source_lines.get(d.path, {})
                lines, read = None, False
            text = known.get(d.line)
            if text is None and d.line > 0:
                if not read:
                    lines, read = self.source(d.path), True
                if lines is not None and d.line <= len(lines):
                    text = lines[d.line - 1]
            out.append(self._head(d))
            out.extend(self._snippet(d, text))
        if result.diagnostics:
            out.append("")
        out.append(self._paint(_BOLD, summary_line(result)))
        return "\n".join(out) + "\n"

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
