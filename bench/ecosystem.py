"""Per-rule finding counts on a folder of records, against a checked-in snapshot.

Like ruff's ecosystem check: a change to what the rules report shows up as a table of counts
per rule (before, after, delta, and the delta in each top-level folder), so every precision
change is a reviewed change. ``tests/test_corpus_snapshot.py`` runs this on the shared
corpus against ``tests/snapshots/corpus_counts.json``.

    python bench/ecosystem.py                        # ../shared/corpus vs the snapshot
    python bench/ecosystem.py --update               # rewrite the snapshot from this run
    python bench/ecosystem.py ../validation --snapshot /tmp/validation.json --update
    python bench/ecosystem.py ../validation --snapshot /tmp/validation.json   # later

Records are linted with the default configuration (no configuration file, no cache), as a
new user's first run would. Exit status: 0 when the counts match the snapshot, 1 when they
differ (or there is no snapshot yet), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SNAPSHOT = ROOT / "tests" / "snapshots" / "corpus_counts.json"
TOTAL = "total"

__all__ = ["CORPUS", "SNAPSHOT", "changes", "counts", "dumps", "lint_counts", "table"]

Counts = dict[str, Any]


def _folder(path: str, root: Path) -> str:
    """The top-level folder of ``path`` under ``root`` (``.`` for a file directly in it)."""
    try:
        parts = Path(path).resolve().relative_to(root.resolve()).parts
    except ValueError:
        return "."
    return parts[0] if len(parts) > 1 else "."


def counts(diagnostics: Iterable[Any], files: Iterable[str], root: Path) -> Counts:
    """``{"files": {folder: n, ..., "total": n}, "rules": {code: {folder: n, ..., "total":
    n}}}``: files checked and findings per rule, in each top-level folder of ``root``."""
    folder_of: dict[str, str] = {}

    def folder(path: str) -> str:
        if path not in folder_of:
            folder_of[path] = _folder(path, root)
        return folder_of[path]

    files_count = Counter(folder(path) for path in files)
    rules: dict[str, Counter[str]] = {}
    for d in diagnostics:
        rules.setdefault(d.code, Counter())[folder(d.path)] += 1
    folders = sorted({*files_count, *(f for row in rules.values() for f in row)})

    def row(found: Counter[str]) -> dict[str, int]:
        return {f: found[f] for f in folders} | {TOTAL: sum(found.values())}

    return {"files": row(files_count), "rules": {code: row(rules[code]) for code in sorted(rules)}}


def lint_counts(root: Path) -> Counts:
    """:func:`counts` of linting ``root`` with the default configuration."""
    from articlelint import lint_paths

    result = lint_paths([root])
    return counts(result.diagnostics, result.files, root)


def dumps(snapshot: Counts) -> str:
    """The snapshot as JSON with one line per rule: small, sorted, and a diff shows the
    rules that changed."""

    def line(row: dict[str, int]) -> str:
        return json.dumps(row)  # folders sorted, then "total" (as `counts` builds them)

    rules = snapshot["rules"]
    body = ",\n".join(f"    {json.dumps(code)}: {line(rules[code])}" for code in sorted(rules))
    return (
        "{\n"
        f'  "files": {line(snapshot["files"])},\n'
        '  "rules": {' + (f"\n{body}\n  " if body else "") + "}\n"
        "}\n"
    )


def changes(before: Counts, after: Counts) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    """``(code, before row, after row)`` for every rule whose counts differ (``"files"``
    first, for the number of files checked), sorted by code."""
    out = []
    if before.get("files") != after.get("files"):
        out.append(("files", before.get("files", {}), after.get("files", {})))
    old, new = before.get("rules", {}), after.get("rules", {})
    for code in sorted(set(old) | set(new)):
        if old.get(code) != new.get(code):
            out.append((code, old.get(code, {}), new.get(code, {})))
    return out


def _name(code: str) -> str:
    if code == "files":
        return "(files checked)"
    from articlelint.rules import registry

    rule = registry().get(code)
    return rule.name if rule is not None else "(no such rule now)"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def _sum(snapshot: Counts) -> dict[str, int]:
    """Every rule's counts added up, per folder and in total."""
    out: Counter[str] = Counter()
    for row in snapshot.get("rules", {}).values():
        out.update(row)
    return dict(out)


def table(before: Counts, after: Counts, *, everything: bool = False) -> str:
    """The changed rules (or, with ``everything``, all of them) as an aligned table: code,
    name, total before, after and delta, then the delta in each folder; last, all findings."""
    if everything:
        old, new = before.get("rules", {}), after.get("rules", {})
        rows = [("files", before.get("files", {}), after.get("files", {}))]
        rows += [(code, old.get(code, {}), new.get(code, {})) for code in sorted({*old, *new})]
    else:
        rows = changes(before, after)
    if not rows:
        return ""
    rows.append(("all", _sum(before), _sum(after)))
    folders = sorted({f for _, b, a in rows for f in (*b, *a) if f != TOTAL})
    header = ["rule", "name", "before", "after", "delta", *(f"{f} delta" for f in folders)]
    lines = [header]
    for code, b, a in rows:
        total_b, total_a = b.get(TOTAL, 0), a.get(TOTAL, 0)
        lines.append(
            [
                code,
                "(findings)" if code == "all" else _name(code),
                str(total_b),
                str(total_a),
                _signed(total_a - total_b),
                *(_signed(a.get(f, 0) - b.get(f, 0)) for f in folders),
            ]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    text = []
    for row in lines:
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        text.append("  ".join(cells).rstrip())
    return "\n".join(text) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS, help="records to lint")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT, help="the counts to compare")
    parser.add_argument("--update", action="store_true", help="write this run's counts to it")
    parser.add_argument("--all", action="store_true", help="show every rule, not only changes")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"ecosystem: no folder {args.folder}", file=sys.stderr)
        return 2
    after = lint_counts(args.folder)
    try:
        before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    except FileNotFoundError:
        before = None
    changed = before is None or bool(changes(before, after))
    if before is None:
        print(f"no snapshot at {args.snapshot} yet; this run's counts:")
    if changed or args.all:
        sys.stdout.write(table(before or {}, after, everything=args.all or before is None))
    if not changed:
        print(f"counts match {args.snapshot}")
    elif args.update:
        args.snapshot.parent.mkdir(parents=True, exist_ok=True)
        args.snapshot.write_text(dumps(after), encoding="utf-8")
        print(f"wrote {args.snapshot}")
    return 0 if args.update or not changed else 1


if __name__ == "__main__":
    sys.exit(main())
