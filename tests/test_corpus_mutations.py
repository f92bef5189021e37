"""Mutation run over the shared corpus: every real record, randomly (but reproducibly)
broken — a line deleted, a key duplicated, quotes swapped, a tab inserted, the file cut —
linted in one run: no crash, no internal error, no file missing, positions in range.

Skipped where ../shared/corpus is absent.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from articlelint import Diagnostic, lint_paths
from tests.conftest import CORPUS
from tests.invariants import check_diagnostic_positions

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")

SEED = 20261126


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        edit = rng.randrange(7)
        if edit == 0:
            del lines[i]
        elif edit == 1:  # duplicate a key line (or any line)
            lines.insert(i, lines[i])
        elif edit == 2:
            swapped = lines[i].replace('"', "\0").replace("'", '"').replace("\0", "'")
            lines[i] = swapped
        elif edit == 3:
            at = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif edit == 4:
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        elif edit == 5:
            lines[i] = " " * rng.randint(1, 4) + lines[i]
        else:
            lines[i], lines[-1 - i] = lines[-1 - i], lines[i]
        if not lines:
            lines = [""]
    mutated = "\n".join(lines)
    if rng.random() < 0.2:  # cut the file anywhere
        mutated = mutated[: rng.randint(0, len(mutated))]
    if rng.random() < 0.1:
        mutated = mutated.replace("\n", "\r\n")
    return mutated


def test_every_corpus_file_mutated_in_one_run(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    sources = sorted(CORPUS.rglob("*.md"))
    written: dict[str, str] = {}
    for index, source in enumerate(sources):
        text = _mutate(source.read_text(encoding="utf-8"), rng)
        target = tmp_path / f"{index:05d}-{source.name}"
        target.write_text(text, encoding="utf-8", newline="")
        written[str(target)] = text
    result = lint_paths([tmp_path])
    assert result.files == sorted(written)  # zero missing files
    assert result.internal_errors == 0, [d.message for d in result.diagnostics if d.code == "AL000"]
    assert result.exit_code in (0, 1)
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    for path, diagnostics in by_path.items():
        check_diagnostic_positions(diagnostics, written[path])
    # The mutations really broke things, in many ways.
    codes = {d.code for d in result.diagnostics}
    assert {"AL002", "AL003", "AL004", "AL101"} <= codes
