"""The fast YAML path (libyaml events) must give exactly what the reference loader gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from articlelint.engine import RuleSet, check_loaded
from articlelint.loading import Document, LoadError, loader, yamltree
from articlelint.loading.yamltree import parse_yaml, parse_yaml_reference

from .conftest import CORPUS, ROOT

CASES = [
    "a: 1\nb: 'x'\nc:\n  - d\n  - {e: f}\n",
    "published: no\nquality: 010\nheat: 1:20\nx: 1_000\ny: 1e3\nz: ~\nw: null\nv: .inf\n",
    "t: 2022-06-22T08:27:00Z\nd: 2022-06-22\nb: !!binary aGk=\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "? [a]\n: 1\n",
    "a: !custom 1\n",
    "--- a\n--- b\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: [1, 2\n",
    "a:\n  b:\n    c: [[[[1]]]]\n",
    "[" * 70 + "]" * 70,
    "- 1\n- 2\n",
    "just text\n",
    "",
    "# only a comment\n",
    'a: |\n  block\nb: >\n  folded\nc: "q"\n',
    "<<: {a: 1}\n=: 2\n",
    "a: 123456789012345678901234567890\nb: 0x1F\nc: 0o17\nd: -.5\n",
    "a:\n- x\n-\n- y: \n",
]


def _shape(tree: Any) -> object:
    """Everything a loaded tree or document carries (node order included)."""
    return (
        tree.data,
        list(tree.nodes.items()),
        tree.ambiguities,
        tree.duplicate_keys,
        tree.syntax_notes,
    )


@pytest.mark.parametrize("text", CASES)
def test_fast_path_matches_reference(text: str) -> None:
    for args in ({}, {"offset": 4, "line": 1}, {"offset": 1, "line": 0, "column": 1}):
        try:
            expected: object = _shape(parse_yaml_reference(text, **args))
        except Exception as exc:
            expected = (type(exc), str(exc), getattr(exc, "span", None))
        try:
            got: object = _shape(parse_yaml(text, **args))
        except Exception as exc:
            got = (type(exc), str(exc), getattr(exc, "span", None))
        assert got == expected


def _files() -> list[Path]:
    files = sorted(p for p in (ROOT / "seeds").rglob("*") if p.is_file())
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.is_file())
    return files


def test_fast_path_matches_reference_on_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus absent")
    ruleset = RuleSet()
    for path in _files():
        data = path.read_bytes()
        fast = loader.load_bytes(data, str(path))
        with monkeypatch.context() as patch:
            patch.setattr(yamltree, "parse_yaml", parse_yaml_reference)  # imported per call
            reference = loader.load_bytes(data, str(path))
        assert type(fast) is type(reference), path
        if isinstance(fast, Document):
            assert isinstance(reference, Document)
            assert _shape(fast) == _shape(reference), path
        else:
            assert isinstance(fast, LoadError)
            assert fast == reference, path
        got = check_loaded(fast, ruleset).diagnostics
        want = check_loaded(reference, ruleset).diagnostics
        assert got == want, path
