"""The loader: fences, decoding, YAML positions, duplicate keys, aliases, tags, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlelint.diagnostics import Span
from articlelint.loading import Document, LoadError, load_bytes, load_path, load_text


def doc(text: str, path: str = "r.md") -> Document:
    loaded = load_text(text, path)
    assert isinstance(loaded, Document), loaded
    return loaded


def error(text: str, path: str = "r.md") -> LoadError:
    loaded = load_text(text, path)
    assert isinstance(loaded, LoadError), loaded
    return loaded


def test_positions_are_one_based_and_count_the_whole_file() -> None:
    d = doc('---\ntitle: "Café ★"\nquality: 70\nprovider:\n  name: ZDNet\n---\nbody\n')
    assert d.data == {"title": "Café ★", "quality": 70, "provider": {"name": "ZDNet"}}
    assert d.nodes[("title",)].key == Span(2, 1, 2, 6, 4, 9)
    assert d.nodes[("title",)].value == Span(2, 8, 2, 16, 11, 19)
    assert d.nodes[("quality",)].value == Span(3, 10, 3, 12, 29, 31)
    assert d.nodes[("provider", "name")].value.line == 5
    assert d.nodes[("provider", "name")].value.column == 9
    assert d.front_matter == Span(
        1, 1, 6, 4, 0, len('---\ntitle: "Café ★"\nquality: 70\nprovider:\n  name: ZDNet\n---')
    )


def test_crlf_positions_match_lf_positions() -> None:
    lf = doc("---\na: 1\nb:\n  - x\n  - y\n---\n")
    crlf = doc("---\r\na: 1\r\nb:\r\n  - x\r\n  - y\r\n---\r\n")
    for path in [("a",), ("b", 0), ("b", 1)]:
        assert (lf.nodes[path].value.line, lf.nodes[path].value.column) == (
            crlf.nodes[path].value.line,
            crlf.nodes[path].value.column,
        )
    # Offsets index the CRLF text itself.
    info = crlf.nodes[("b", 1)]
    assert crlf.text[info.value.start : info.value.end] == "y"
    assert info.value.line == 5


def test_lone_cr_is_a_line_break() -> None:
    d = doc("---\ra: 1\rb: 2\r---\r")
    assert d.nodes[("b",)].value.line == 3


def test_timestamps_stay_raw_text() -> None:
    d = doc("---\nd: 2022-06-22T08:27:00Z\ne: 2022-06-22\nf: 2022-02-30T08:27:00Z\n---\n")
    assert d.data == {"d": "2022-06-22T08:27:00Z", "e": "2022-06-22", "f": "2022-02-30T08:27:00Z"}


def test_yaml_11_scalars() -> None:
    d = doc("---\na: no\nb: 'no'\nc: 010\nd: 1:20\ne: ~\nf: 1.5\n---\n")
    assert d.data == {"a": False, "b": "no", "c": 8, "d": 80, "e": None, "f": 1.5}
    assert [(a.field, a.text, a.yaml11, a.yaml12) for a in d.ambiguities] == [
        (("a",), "no", "bool", "str"),
        (("c",), "010", "int", "int"),
        (("d",), "1:20", "int", "str"),
    ]


def test_huge_integer_is_kept_as_text() -> None:
    digits = "9" * 5000
    assert doc(f"---\na: {digits}\n---\n").data == {"a": digits}


def test_duplicate_keys_keep_both_positions_and_the_last_value() -> None:
    d = doc("---\na: 1\nb:\n  c: 1\n  c: 2\na: 3\n---\n")
    assert d.data == {"a": 3, "b": {"c": 2}}
    assert [(k.field, k.first.line, k.second.line, k.second.column) for k in d.duplicate_keys] == [
        (("b", "c"), 4, 5, 3),
        (("a",), 2, 6, 1),
    ]
    assert d.nodes[("a",)].value.line == 6


def test_anchors_and_aliases_are_recorded_and_expanded() -> None:
    d = doc("---\np: &x {n: 1}\nq: *x\n---\n")
    assert d.data == {"p": {"n": 1}, "q": {"n": 1}}
    assert [(n.kind, n.name, n.span.line, n.span.column) for n in d.syntax_notes] == [
        ("anchor", "x", 2, 4),
        ("alias", "x", 3, 4),
    ]


def test_alias_bomb_fails_fast() -> None:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    e = error("\n".join([*lines, "---", ""]))
    assert e.code == "AL003"
    assert "billion laughs" in e.message


def test_python_tags_are_errors_not_executed() -> None:
    e = error("---\na: !!python/object/apply:os.system ['echo hacked']\n---\n")
    assert (e.code, e.span.line, e.span.column) == ("AL003", 2, 4)
    assert "unsupported YAML tag" in e.message


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    depth = 100_000
    e = error("---\na: " + "[" * depth + "]" * depth + "\n---\n")
    assert e.code == "AL003"
    # Our guard, or libyaml's own limit in builds that have one.
    assert "nesting" in e.message
    e = error("---\na: " + "[" * 70 + "]" * 70 + "\n---\n")
    assert (e.code, e.span.line) == ("AL003", 2)


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "message"),
    [
        ("", "AL002", 1, 1, "empty file"),
        ("  \n\n", "AL002", 1, 1, "empty file"),
        ("title: x\n", "AL002", 1, 1, "first line must be `---`"),
        ("\n---\ntitle: x\n---\n", "AL002", 1, 1, "first line must be `---`"),
        ("---", "AL002", 1, 1, "unterminated"),
        ("---\ntitle: x\n", "AL002", 1, 1, "unterminated"),
        ("---\n---\n", "AL002", 1, 1, "front matter is empty"),
        ("---\n- a\n- b\n---\n", "AL103", 2, 1, "found a list"),
        ("---\njust text\n---\n", "AL103", 2, 1, "found a single value"),
        ('---\ntitle: "open\nb: 1\n---\n', "AL003", 4, 1, "found unexpected end of stream"),
        ("---\na: [1, 2\n---\n", "AL003", 3, 1, "did not find expected"),
        ("---\na: 1\n\tb: 2\n---\n", "AL003", 3, 1, "found a tab character"),
        ("---\n? [a]\n: 1\n---\n", "AL003", 2, 3, "mapping key must be a plain value"),
    ],
)
def test_front_matter_failures(text: str, code: str, line: int, column: int, message: str) -> None:
    e = error(text)
    assert (e.code, e.span.line, e.span.column) == (code, line, column)
    assert message in e.message


def test_fences_allow_trailing_blanks_dots_and_a_body() -> None:
    d = doc("---  \ntitle: x\n... \n---\nbody with --- inside\n---\n")
    assert d.data == {"title": "x"}
    assert d.front_matter is not None
    assert d.front_matter.end_line == 3


def test_bom_is_recorded_and_does_not_shift_columns() -> None:
    d = doc("\ufeff---\ntitle: x\n---\n")
    assert d.bom is True
    assert d.nodes[("title",)].key == Span(2, 1, 2, 6, 5, 10)
    y = load_text("\ufefftitle: x\n", "r.yaml")
    assert isinstance(y, Document)
    assert y.bom is True
    assert (y.nodes[("title",)].key.line, y.nodes[("title",)].key.column) == (1, 1)
    assert y.nodes[("title",)].key.start == 1


def test_yaml_files_are_bare_records() -> None:
    d = doc("title: x\nquality: 1\n", "r.yml")
    assert d.data == {"title": "x", "quality": 1}
    assert d.front_matter is None
    assert d.nodes[("quality",)].value.line == 2
    e = error("", "r.yaml")
    assert (e.code, e.message) == ("AL002", "the front matter is empty")


def test_invalid_utf8_points_at_the_byte() -> None:
    e = load_bytes(b'---\ntitle: "Caf\xe9"\n---\n', "r.md")
    assert isinstance(e, LoadError)
    assert (e.code, e.span.line, e.span.column) == ("AL001", 2, 12)
    assert "0xe9" in e.message


def test_binary_content() -> None:
    e = load_bytes(b"---\na: 1\x00\n---\n", "r.md")
    assert isinstance(e, LoadError)
    assert (e.code, e.span.line, e.span.column) == ("AL001", 2, 5)
    assert "binary" in e.message


def test_files_missing_too_large_or_directories(tmp_path: Path) -> None:
    missing = load_path(tmp_path / "nope.md")
    assert isinstance(missing, LoadError)
    assert missing.code == "AL001"
    assert "No such file" in missing.message
    big = tmp_path / "big.md"
    big.write_bytes(b"---\na: " + b"x" * 100 + b"\n---\n")
    too_large = load_path(big, max_size=50)
    assert isinstance(too_large, LoadError)
    assert "50-byte limit" in too_large.message
    assert isinstance(load_path(big), Document)
    folder = tmp_path / "dir.md"
    folder.mkdir()
    is_dir = load_path(folder)
    assert isinstance(is_dir, LoadError)
    assert (is_dir.code, is_dir.message) == ("AL001", "is a directory, not a file")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="-.\n\r\t ax\x85\u2028", max_size=40), st.integers(0, 6))
def test_the_closing_fence_search_agrees_with_the_general_pattern(text: str, start: int) -> None:
    from articlelint.loading.loader import _CLOSING_FENCE, _closing_fence

    fast = _closing_fence(text, start)
    reference = _CLOSING_FENCE.search(text, start)
    assert (fast and fast.span(1)) == (reference and reference.span(1))
