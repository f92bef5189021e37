"""`--fix --unsafe-fixes` over a copy of the whole shared corpus, checked file by file.

Skipped where ../shared/corpus is absent. The oracle is independent of the fix loop: the
original files are linted first, and each fixed file must equal the original with the
fixable findings' edits applied (one round suffices on this corpus, checked below), load
again, differ in data only at those findings' fields, and keep its permission bits.
Files without a fix must be byte-identical.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from articlelint import lint_paths
from articlelint.cli import main
from articlelint.diagnostics import Diagnostic, render_field
from articlelint.fixing import (
    apply_edits,
    changed_fields,
    edits_of,
    is_applicable,
    select_fixes,
)
from articlelint.loading import Document, load_path
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def test_fix_whole_corpus_copy(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    before = {p: p.read_bytes() for p in sorted(copy.rglob("*.md"))}
    modes = {p: p.stat().st_mode for p in before}
    existing = set(copy.rglob("*"))
    fixable: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in lint_paths([copy]).diagnostics:
        if is_applicable(d.fix, unsafe=True):
            fixable[d.path].append(d)
    assert fixable, "the corpus has fixable findings (AL202 at least)"

    out = io.StringIO()
    code = main(["--fix", "--unsafe-fixes", "--format", "json", str(copy)], stdout=out)
    report = json.loads(out.getvalue())
    assert code == (1 if report["summary"]["error"] else 0)  # what remains decides
    assert report["files_checked"] == len(before)
    # What remains has nothing left to fix.
    assert [d for d in report["diagnostics"] if d["fix"] and d["fix"]["edits"]] == []
    assert not [d for d in report["diagnostics"] if d["code"] == "AL202"]

    changed = 0
    for path, original in before.items():
        after = path.read_bytes()
        assert path.stat().st_mode == modes[path], path
        diagnostics = fixable.get(str(path), [])
        if not diagnostics:
            assert after == original, path
            continue
        changed += 1
        chosen = select_fixes(diagnostics, unsafe=True)
        assert chosen == sorted(chosen, key=lambda d: d.fix.edits[0].start)  # type: ignore[union-attr]
        assert len(chosen) == len(diagnostics), f"{path}: overlapping fixes need a 2nd round"
        edits = edits_of(chosen)
        assert after.decode("utf-8") == apply_edits(original.decode("utf-8"), edits), path
        new = load_path(path)
        assert isinstance(new, Document), path
        scratch = tmp_path / "original.md"
        scratch.write_bytes(original)
        old = load_path(scratch)
        assert isinstance(old, Document)
        moved = {render_field(p) for p in changed_fields(old.data, new.data)}
        assert moved, path
        assert moved <= {d.field for d in diagnostics}, path
    assert changed == len(fixable)
    leftovers = [p for p in copy.rglob("*") if p not in existing]
    assert leftovers == []  # no temporary files left behind
