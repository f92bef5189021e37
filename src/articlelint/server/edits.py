"""Minimal text edits between two versions of a document.

The fix-all and suppression actions reuse the library's functions (``fix_text``,
``suppressed_text``), which return the whole new text; an editor should get only what
changed. Lines are matched first (difflib), then each changed line (or run of lines, when
lines were added or removed) is trimmed to the characters that differ, so a fixed URL is
one small edit, never the whole document.
"""

from __future__ import annotations

import difflib
import re

from articlelint.diagnostics import Edit
from articlelint.fixing import apply_edits

__all__ = ["apply_edits", "minimal_edits"]

#: Lines with their ends kept (CRLF, CR, LF), so offsets add up to the text's length.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> list[str]:
    return _LINES.findall(text)


def minimal_edits(old: str, new: str) -> list[Edit]:
    """Non-overlapping edits, in order, that turn ``old`` into ``new`` (code-point
    offsets into ``old``): ``apply_edits(old, minimal_edits(old, new)) == new``."""
    if old == new:
        return []
    a, b = _lines(old), _lines(new)
    starts_a = [0]
    for line in a:
        starts_a.append(starts_a[-1] + len(line))
    starts_b = [0]
    for line in b:
        starts_b.append(starts_b[-1] + len(line))
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:  # as many lines: each line changed on its own
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if a[i] != b[j]:
                    edits.append(_trimmed(old, starts_a[i], starts_a[i + 1], b[j]))
            continue
        start, end = starts_a[i1], starts_a[i2]
        content = new[starts_b[j1] : starts_b[j2]]
        edits.append(_trimmed(old, start, end, content))
    return edits


def _trimmed(old: str, start: int, end: int, content: str) -> Edit:
    """``Edit(start, end, content)`` without the characters it leaves as they are at
    either end."""
    before = old[start:end]
    prefix = 0
    limit = min(len(before), len(content))
    while prefix < limit and before[prefix] == content[prefix]:
        prefix += 1
    suffix = 0
    limit -= prefix
    while suffix < limit and before[-1 - suffix] == content[-1 - suffix]:
        suffix += 1
    # Never start or end between the CR and the LF of a CRLF: LSP has no position there.
    if (
        prefix
        and old[start + prefix - 1] == "\r"
        and old[start + prefix : start + prefix + 1] == "\n"
    ):
        prefix -= 1
    at = end - suffix
    if suffix and old[at - 1 : at] == "\r" and old[at] == "\n":
        suffix -= 1
    return Edit(start + prefix, end - suffix, content[prefix : len(content) - suffix])
