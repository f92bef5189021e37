"""``--statistics``: how many findings each rule has, most frequent first."""

from __future__ import annotations

import json
from collections import Counter

from articlelint.engine.results import LintResult

__all__ = ["render_statistics", "statistics"]


def statistics(result: LintResult) -> list[tuple[str, str, str, int]]:
    """``(code, name, severity, count)`` per rule with findings, most frequent first."""
    counts = Counter((d.code, d.name, d.severity.value) for d in result.diagnostics)
    return sorted(
        ((code, name, sev, n) for (code, name, sev), n in counts.items()),
        key=lambda row: (-row[3], row[0]),
    )


def render_statistics(result: LintResult, *, as_json: bool = False) -> str:
    rows = statistics(result)
    if as_json:
        data = [{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in rows]
        return json.dumps(data, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row[3])) for row in rows)
    code_width = max(len(row[0]) for row in rows)
    name_width = max(len(row[1]) for row in rows)
    return "".join(
        f"{k:>{width}}  {c:<{code_width}}  {n:<{name_width}}  {s}\n" for c, n, s, k in rows
    )
