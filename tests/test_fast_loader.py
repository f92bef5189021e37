"""The fast YAML paths must give exactly what the reference loader gives: the pure-Python one
(libyaml's events in Python) and the compiled one (``_yamlc``, libyaml's C events), on
hand-written cases, the seeds and the shared corpus, the hostile-input regressions, and
hypothesis's mutated records (the hostile suite's strategy)."""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlelint.engine import RuleSet, check_loaded
from articlelint.loading import Document, LoadError, loader, yamltree
from articlelint.loading.yamltree import _Origin, parse_yaml, parse_yaml_reference

from .conftest import CORPUS, FAST_YAML_PATHS, ROOT
from .invariants import tree_shape
from .test_hostile_properties import mutated_records

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
    "[" * 64 + "]" * 64,
    "[" * 65 + "]" * 65,
    "- 1\n- 2\n",
    "just text\n",
    "",
    "# only a comment\n",
    'a: |\n  block\nb: >\n  folded\nc: "q"\n',
    "<<: {a: 1}\n=: 2\n",
    "a: 123456789012345678901234567890\nb: 0x1F\nc: 0o17\nd: -.5\n",
    "a: " + "9" * 5000 + "\nb: -0\nc: +12\nd: 0\ne: 00\nf: 0b101\ng: 1:2:3\n",
    "a:\n- x\n-\n- y: \n",
    "a: yes\nb: On\nc: OFF\nd: y\ne: N\nf: TRUE\ng: Null\nh: ~\ni: .NaN\nj: -.Inf\n",
    "a: 2001-12-14t21:59:43.10-05:00\nb: 2001-12-14 21:59:43.10\nc: 2002-1-1 1:00:00 Z\n",
    "a: 1.5e+3\nb: 1e+3\nc: 1.\nd: .5\ne: 1_0.0_1\nf: 190:20:30.15\ng: 12:30\n",
    "title: The 2022 report\nexcerpt: 1st of many\nn: nan\nm: 0o7\nq: 0x\nr: +\ns: -\n",
    "a: x\n  continued\n\n  after a blank line\nb: 'single\n  folded'\n",
    "é: ünïcödé ✓\n\u2028x: 1\n",
    "a: 1\r\nb:\r\n  - 2\r\n",
    "a: 1\n...\n",
    "---\na: 1\n",
    "- a\n- b: [1, {c: d}]\n  e: f\n",
    "{a: 1, b: [x, y], c: {d: e}}",
    "a: 'it''s'\nb: \"tab\\there\"\n",
    # libyaml 0.2.5 accepts these, the libyaml of PyYAML's wheels does not (fuzzing found it)
    "- - - [?]]\n",
    "a: [ ? ]]\n",
    "- [a, ?]]\n",
    "a: [?]\nb: [x, '?']\n",
]


FAST_PATHS = FAST_YAML_PATHS
needs_compiled = pytest.mark.skipif(
    yamltree._yamlc is None, reason="the compiled loader is not built here"
)


def _outcome(parse: Callable[..., Any], text: str, **args: int) -> object:
    try:
        return tree_shape(parse(text, **args))
    except Exception as exc:
        return (type(exc), str(exc), getattr(exc, "span", None))


@pytest.mark.parametrize("text", CASES)
def test_fast_path_matches_reference(text: str, fast_path: str) -> None:
    for args in ({}, {"offset": 4, "line": 1}, {"offset": 1, "line": 0, "column": 1}):
        assert _outcome(parse_yaml, text, **args) == _outcome(parse_yaml_reference, text, **args)


@needs_compiled
def test_the_compiled_path_builds_what_the_event_path_builds() -> None:
    """Not only the same result after a fallback: the same tree built by both fast paths.
    The compiled one leaves to the reference loader whatever the other does, and also a flow
    collection holding a `?` (where libyaml versions disagree)."""
    for text in CASES:
        events = yamltree._parse_events(text, _Origin(3, 1, 0, text))
        compiled = yamltree._parse_compiled(text, _Origin(3, 1, 0, text))
        if compiled is None:
            assert events is None or "?" in text, text
        else:
            assert tree_shape(compiled) == tree_shape(events), text
    handled = [t for t in CASES if yamltree._parse_compiled(t, _Origin(0, 0, 0, t)) is not None]
    assert len(handled) >= 20  # the fast path takes the usual records itself


def _files() -> list[Path]:
    files = sorted(p for p in (ROOT / "seeds").rglob("*") if p.is_file())
    regressions = ROOT / "tests" / "regressions"
    files += sorted(p for p in regressions.iterdir() if p.suffix != ".expected")
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.is_file())
    return files


def _load_with(monkeypatch: pytest.MonkeyPatch, parse: Any, data: bytes, path: str) -> Any:
    with monkeypatch.context() as patch:
        patch.setattr(yamltree, "parse_yaml", parse)  # the loader imports it per call
        return loader.load_bytes(data, path)


def test_fast_paths_match_reference_on_seeds_regressions_and_corpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus absent")
    ruleset = RuleSet()
    for path in _files():
        data = path.read_bytes()
        reference = _load_with(monkeypatch, parse_yaml_reference, data, str(path))
        want = check_loaded(reference, ruleset).diagnostics
        for name, fast in FAST_PATHS.items():
            with monkeypatch.context() as patch:
                patch.setattr(yamltree, "_parse_fast", fast)
                got = loader.load_bytes(data, str(path))
            assert type(got) is type(reference), (name, path)
            if isinstance(got, Document):
                assert tree_shape(got) == tree_shape(reference), (name, path)
            else:
                assert isinstance(got, LoadError)
                assert got == reference, (name, path)
            assert check_loaded(got, ruleset).diagnostics == want, (name, path)


@given(mutated_records())
def test_fast_paths_match_reference_on_mutated_records(text: str) -> None:
    """The hostile suite's inputs (mutated lines, odd line breaks, BOMs, truncations)."""
    body = text.split("\n", 1)[1] if text.startswith("---\n") else text
    body = body.split("\n---", 1)[0]
    want = _outcome(parse_yaml_reference, body, offset=4, line=1)
    for fast in FAST_PATHS.values():
        try:
            tree = fast(body, _Origin(4, 1, 0, body))
        except Exception as exc:  # the reference must then fail the same way
            got: object = (type(exc), str(exc), getattr(exc, "span", None))
        else:
            got = want if tree is None else tree_shape(tree)  # None: the reference takes over
        assert got == want


# ---------------------------------------------------------------- the compiled resolver

#: Characters PyYAML's implicit resolvers look at, and some they do not.
_RESOLVER_ALPHABET = "0123456789_-+.:eEbBoxXaAfFTtZz \tinfINFnaNlLuUsSyYrR~<=!&*\né"


def _both_resolvers(text: str) -> tuple[str, str]:
    compiled = yamltree._yamlc.resolve(text)
    return (compiled if compiled is not None else yamltree._resolve_plain(text)), (
        yamltree._resolve_plain(text)
    )


@needs_compiled
@pytest.mark.parametrize(
    "text",
    [
        "", "~", "null", "NULL", "nULL", "yes", "Yes", "yES", "on", "ON", "oN", "off", "n", "y",
        "0", "-0", "+0", "00", "08", "07", "0b", "0b2", "0b1_0", "0x", "0x_", "0xfF", "0o7",
        "1_000", "_1", "1:20", "1:60", "1:5:9", "-1:00", "190:20:30", "1.5", "1.", ".5", ".",
        "-.", "1e3", "1.0e3", "1.0e+3", "1.0E-3", "1_0.0_1", "1:20.5", ".inf", "-.Inf",
        "+.INF", ".nan", ".NaN", "-.nan", "<<", "<", "=", "==", "2022-06-22", "2022-6-22",
        "2022-06-22T08:27:00Z", "2022-06-22t08:27:00", "2022-06-22 8:27:00.5 +5",
        "2022-06-22  08:27:00 -05:00", "2022-06-22T08:27:00+0530", "2022-06-22T08:27",
        "2022-06-22T08:27:00Z ", "2022-06-22T08:27:00 Z", "true\n", "1\n", "!", "&", "*",
    ],
)  # fmt: skip
def test_compiled_resolver_is_pyyamls(text: str) -> None:
    compiled, python = _both_resolvers(text)
    assert compiled == python


@needs_compiled
@given(st.text(alphabet=_RESOLVER_ALPHABET, max_size=30))
def test_compiled_resolver_is_pyyamls_on_any_text(text: str) -> None:
    compiled, python = _both_resolvers(text)
    assert compiled == python


@needs_compiled
@given(
    st.from_regex(
        r"[-+]?[0-9]{1,4}([-:_.][0-9]{1,3}){0,4}([Tt ][0-9]{1,2}(:[0-9]{1,2}){0,3})?"
        r"(\.[0-9]*)?( ?(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?",
        fullmatch=True,
    )
)
def test_compiled_resolver_is_pyyamls_on_number_and_date_shapes(text: str) -> None:
    compiled, python = _both_resolvers(text)
    assert compiled == python


def test_compiled_path_is_built_where_ci_installs_libyaml() -> None:
    """CI installs libyaml's headers (.ci/run, which then sets ARTICLELINT_REQUIRE_COMPILED),
    so there the compiled path must be the one that runs: a build that quietly fell back to
    pure Python would pass everything else."""
    if not os.environ.get("ARTICLELINT_REQUIRE_COMPILED"):
        pytest.skip("only checked where .ci/run installed libyaml-dev and a C compiler")
    if os.environ.get("ARTICLELINT_PURE_PYTHON", "") not in ("", "0"):
        assert yamltree._yamlc is None
        assert yamltree.loading_path().startswith("pure Python")
    else:
        assert yamltree._yamlc is not None
        assert yamltree.loading_path().startswith("compiled")


def test_loading_path_names_the_path_that_runs() -> None:
    text = yamltree.loading_path()
    if yamltree._yamlc is None:
        assert text.startswith("pure Python")
    else:
        version = ".".join(map(str, yamltree._yamlc.libyaml_version()))
        assert text == f"compiled (articlelint's C tree builder on libyaml {version})"
    assert set(text) <= set(string.printable)


def test_a_module_built_from_another_source_is_not_used() -> None:
    """A checkout whose `_yamlc.c` changed after `pip install -e .` must not run the old
    module: its SOURCE_CRC (set by setup.py) differs from the source beside it."""
    import types
    import zlib

    source = Path(yamltree.__file__).with_name("_yamlc.c").read_bytes()
    current = types.SimpleNamespace(SOURCE_CRC=zlib.crc32(source) & 0x7FFFFFFF)
    older = types.SimpleNamespace(SOURCE_CRC=(current.SOURCE_CRC + 1) & 0x7FFFFFFF)
    assert yamltree._yamlc_is_stale(current) is False
    assert yamltree._yamlc_is_stale(older) is True
    assert yamltree._yamlc_is_stale(types.SimpleNamespace()) is True  # built without the CRC
    if yamltree._yamlc is not None:
        assert yamltree._yamlc_is_stale(yamltree._yamlc) is False
