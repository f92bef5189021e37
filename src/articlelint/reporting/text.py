"""``--format text`` (the default): ``path:line:col: CODE message [field]`` and a summary."""

from __future__ import annotations

from articlelint.engine import LintResult

__all__ = ["TextReporter", "summary_line"]


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
    return f"Found {_plural(total, 'problem')} ({parts}) in {with_problems} of {files}."


class TextReporter:
    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def render(self, result: LintResult) -> str:
        lines = []
        for d in result.diagnostics:
            where = f" [{d.field}]" if d.field else ""
            lines.append(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}{where}")
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"
