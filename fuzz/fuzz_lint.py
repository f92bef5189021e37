"""Coverage-guided fuzz target (atheris/libFuzzer) for the loader and the engine.

The first byte picks the file name (front matter ``.md``/``.txt`` or bare ``.yaml``), the
rest is the file. Every input must give a result that keeps the invariants of
tests/invariants.py: no exception, no internal error (AL000), positions inside the file,
field paths that exist, exit code 0 or 1. A slow input (``-timeout``) counts as a crash.
Where the compiled loader (``_yamlc``) is built, the run goes through it (the default path)
and every input is also loaded through the pure-Python fast path: both must give the same
document or load error.

Short run (what CI does)::

    python fuzz/fuzz_lint.py -max_total_time=50 -timeout=10 fuzz/work fuzz/seeds

Longer runs: raise ``-max_total_time`` (e.g. 3600) and add ``-jobs=2 -workers=2``. A crash
writes ``crash-<sha1>``; turn it into a file in tests/regressions/ with its ``.expected``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import atheris  # noqa: E402

with atheris.instrument_imports(include=["articlelint", "yaml"]):
    from articlelint import lint_text
    from articlelint.loading import Document, LoadError, load_bytes, load_text, yamltree

from tests.invariants import FIXED_CLOCK, check_lint_result, result_key, tree_shape  # noqa: E402

NAMES = ("fuzz.md", "fuzz.yaml", "fuzz.txt", "fuzz.yml")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    path = NAMES[data[0] % len(NAMES)]
    body = data[1:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        loaded = load_bytes(body, path)
        assert isinstance(loaded, LoadError), "invalid UTF-8 was loaded"
        assert loaded.code == "AL001", loaded
        return
    _same_on_both_fast_paths(text, path)
    result = lint_text(text, path, FIXED_CLOCK)
    check_lint_result(result, text, path)
    if data[0] & 0x80:  # now and then, check that a second run gives the same output
        again = lint_text(text, path, FIXED_CLOCK)
        assert result_key(again) == result_key(result), "not deterministic"


def _shape(loaded: object) -> object:
    return tree_shape(loaded) if isinstance(loaded, Document) else loaded


def _same_on_both_fast_paths(text: str, path: str) -> None:
    if yamltree._yamlc is None:
        return
    compiled = _shape(load_text(text, path))
    yamltree._parse_fast = yamltree._parse_events
    try:
        events = _shape(load_text(text, path))
    finally:
        yamltree._parse_fast = yamltree._parse_compiled
    assert compiled == events, "the compiled and pure-Python loaders differ"


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
