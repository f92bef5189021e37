"""``articlelint report --compare OLD.json NEW.json``: the findings a change brought in and
the ones it fixed, between two runs saved with ``--format json`` (for a CI comment).

A finding of the new run is the same as one of the old when it is in the same file, from
the same rule, at the same field path, with the same message (its line may have moved: an
edit above it shifts it); the findings left over are then paired on file, rule and field
alone (the value changed but is still wrong). What is left unpaired in the new run is
new, in the old run fixed. Both runs are counted as multisets: two identical findings in
the old run and one in the new is one fixed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, NamedTuple

__all__ = ["Comparison", "compare", "load_run", "render_markdown", "render_text"]

#: Rows listed per table by default; the rest are counted.
DEFAULT_LIMIT = 50


class Comparison(NamedTuple):
    new: list[dict[str, Any]]
    fixed: list[dict[str, Any]]
    unchanged: int
    old_total: int
    new_total: int


def load_run(path: str) -> list[dict[str, Any]]:
    """The findings of a ``--format json`` run saved at ``path``; :class:`ValueError` (with
    what is wrong) for a file that is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not JSON: {exc}") from None
    diagnostics = data.get("diagnostics") if isinstance(data, dict) else None
    if not isinstance(diagnostics, list):
        raise ValueError(
            f"{path}: not the output of `articlelint --format json` (no `diagnostics` list)"
        )
    for index, d in enumerate(diagnostics):
        if not (
            isinstance(d, dict)
            and isinstance(d.get("path"), str)
            and isinstance(d.get("code"), str)
            and isinstance(d.get("message"), str)
            and isinstance(d.get("line"), int)
            and isinstance(d.get("column"), int)
        ):
            raise ValueError(
                f"{path}: diagnostics[{index}] is not a finding (path, code, message, line, column)"
            )
    return diagnostics


def _pair(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], Hashable],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs findings with equal keys; returns the unpaired of ``old`` and of ``new``."""
    waiting: defaultdict[Hashable, list[int]] = defaultdict(list)
    for index, d in enumerate(old):
        waiting[key(d)].append(index)
    paired: set[int] = set()
    cursor: defaultdict[Hashable, int] = defaultdict(int)
    left_new = []
    for d in new:
        k = key(d)
        position = cursor[k]
        if position < len(waiting.get(k, ())):
            paired.add(waiting[k][position])
            cursor[k] = position + 1
        else:
            left_new.append(d)
    return [d for i, d in enumerate(old) if i not in paired], left_new


def compare(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> Comparison:
    """What ``new`` adds to ``old`` and what it no longer has (see the module's doc)."""
    left_old, left_new = _pair(
        list(old), list(new), lambda d: (d["path"], d["code"], d.get("field"), d["message"])
    )
    left_old, left_new = _pair(left_old, left_new, lambda d: (d["path"], d["code"], d.get("field")))
    return Comparison(
        new=left_new,
        fixed=left_old,
        unchanged=len(new) - len(left_new),
        old_total=len(old),
        new_total=len(new),
    )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def _headline(c: Comparison) -> str:
    if not c.new and not c.fixed:
        return f"no new findings, none fixed ({c.unchanged:,} unchanged)"
    return f"{_plural(len(c.new), 'new finding')}, {len(c.fixed):,} fixed"


def _where(d: dict[str, Any]) -> str:
    return f"{d['path']}:{d['line']}:{d['column']}"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, ``|`` escaped. (Messages put the values
    they quote in code spans, where an HTML escape would show as written.)"""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span that holds ``text`` whatever backticks it contains (``|`` escaped for
    a table)."""
    fence = "`" * (_longest_backticks(text) + 1)
    inner = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{inner}{fence}".replace("|", "\\|")


def _longest_backticks(text: str) -> int:
    longest = current = 0
    for ch in text:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    return longest


def _table(rows: Sequence[dict[str, Any]], limit: int, what: str) -> list[str]:
    shown = rows if limit <= 0 else rows[:limit]
    out = ["| Severity | Rule | Where | Message |", "|---|---|---|---|"]
    for d in shown:
        field = f" {_code(d['field'])}" if d.get("field") else ""
        rule = f"{d['code']} {d.get('name') or ''}".strip()
        out.append(
            f"| {_cell(str(d.get('severity', '')))} | {_cell(rule)} | "
            f"{_code(_where(d))}{field} | {_cell(d['message'])} |"
        )
    if len(shown) < len(rows):
        out += ["", f"…and {len(rows) - len(shown):,} more {what} (`--limit 0` lists them all)."]
    return out


def render_markdown(c: Comparison, old_name: str, new_name: str, *, limit: int) -> str:
    """A comment for a pull request: the counts, then a table of new and of fixed findings
    (``limit`` rows each; 0: all)."""
    out = [
        f"### articlelint: {_headline(c)}",
        "",
        f"Compared {_code(old_name)} ({_plural(c.old_total, 'finding')}) with "
        f"{_code(new_name)} ({_plural(c.new_total, 'finding')}): {len(c.new):,} new, "
        f"{len(c.fixed):,} fixed, {c.unchanged:,} unchanged.",
    ]
    if c.new:
        out += ["", f"**New** ({len(c.new):,})", "", *_table(c.new, limit, "new findings")]
    if c.fixed:
        out += ["", f"**Fixed** ({len(c.fixed):,})", "", *_table(c.fixed, limit, "fixed findings")]
    return "\n".join(out) + "\n"


def render_text(c: Comparison, old_name: str, new_name: str, *, limit: int) -> str:
    """``+ path:line:col: CODE message [field]`` per new finding, ``-`` per fixed one, then
    the counts."""
    out: list[str] = []
    for sign, rows, what in (("+", c.new, "new findings"), ("-", c.fixed, "fixed findings")):
        shown = rows if limit <= 0 else rows[:limit]
        for d in shown:
            field = f" [{d['field']}]" if d.get("field") else ""
            out.append(f"{sign} {_where(d)}: {d['code']} {d['message']}{field}")
        if len(shown) < len(rows):
            out.append(f"  …and {len(rows) - len(shown):,} more {what} (--limit 0 lists all)")
    out.append(
        f"{old_name} -> {new_name}: {len(c.new):,} new, {len(c.fixed):,} fixed, "
        f"{c.unchanged:,} unchanged."
    )
    return "\n".join(out) + "\n"
