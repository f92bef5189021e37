"""Positions between articlelint (code points, 1-based, YAML's line breaks) and LSP
(UTF-16 units by default, utf-8/utf-32 when negotiated; CR/LF line breaks only), both
ways; and the minimal edits the fix-all and suppression actions send."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlelint import lint_text
from articlelint.server.edits import apply_edits, minimal_edits
from articlelint.server.positions import UTF8, UTF16, UTF32, LineIndex, Position, units


def test_units_count_each_encoding() -> None:
    assert units("a😀é", UTF16) == 4  # a, two surrogates, é
    assert units("a😀é", UTF8) == 1 + 4 + 2
    assert units("a😀é", UTF32) == 3
    assert units("\ud800", UTF16) == 1  # a lone surrogate (JSON can carry one)
    assert units("\ud800", UTF8) == 3


@pytest.mark.parametrize(
    ("encoding", "character"),
    [(UTF16, 11), (UTF8, 13), (UTF32, 10)],
)
def test_an_emoji_before_a_value_moves_the_lsp_column_but_not_the_offset(
    encoding: str, character: int
) -> None:
    text = 'title: "😀 x"\n'  # the `x` is code point 10 (1-based column 11)
    index = LineIndex(text, encoding)
    offset = index.offset_of(1, 11)
    assert text[offset] == "x"
    assert index.position(offset) == Position(0, character)
    assert index.offset(0, character) == offset


def test_diagnostic_after_an_emoji_lands_under_the_url_in_utf16() -> None:
    text = (
        "---\n"
        'title: "Cats 😀😀 and dogs"\n'
        'webUrl: "http://www.zdnet.com/article/x"\n'
        'excerpt: "😀"\n'
        "---\n"
    )
    [insecure] = [d for d in lint_text(text, "a.md").diagnostics if d.code == "AL202"]
    assert (insecure.line, insecure.column, insecure.end_column) == (3, 9, 41)
    index = LineIndex(text, UTF16)
    start = index.offset_of(insecure.line, insecure.column)
    end = index.offset_of(insecure.end_line, insecure.end_column)
    assert text[start:end] == '"http://www.zdnet.com/article/x"'
    assert index.lsp_range(start, end) == (Position(2, 8), Position(2, 40))
    # The same in a line that has emoji before the URL: UTF-16 counts two units each.
    line = 'title: "😀😀" # http://a'
    index = LineIndex(line, UTF16)
    at = line.index("http")
    assert index.position(at) == Position(0, at + 2)
    assert index.offset(0, at + 2) == at


def test_crlf_lines_count_once_and_no_position_falls_inside_the_break() -> None:
    text = "a: 1\r\nb: 2\r\nc: 3"
    index = LineIndex(text)
    assert index.position(text.index("b")) == Position(1, 0)
    assert index.position(text.index("c")) == Position(2, 0)
    assert index.position(4) == Position(0, 4)  # before the CR
    assert index.position(5) == Position(0, 4)  # between CR and LF: the line's end
    assert index.offset(1, 99) == text.index("\r\nc")  # past the end: the end of the line
    assert index.offset(7, 0) == len(text)
    assert index.offset_of(2, 4) == text.index("2")


def test_crlf_record_positions_match_the_lf_ones() -> None:
    lf = '---\ntitle: "😀"\nwebUrl: "http://www.zdnet.com/x"\n---\n'
    crlf = lf.replace("\n", "\r\n")
    ranges = []
    for text in (lf, crlf):
        [d] = [d for d in lint_text(text, "a.md").diagnostics if d.code == "AL202"]
        index = LineIndex(text, UTF16)
        start = index.offset_of(d.line, d.column)
        end = index.offset_of(d.end_line, d.end_column)
        assert text[start:end] == '"http://www.zdnet.com/x"'
        ranges.append(index.lsp_range(start, end))
    assert ranges[0] == ranges[1] == (Position(2, 8), Position(2, 32))


def test_yaml_line_breaks_lsp_does_not_count_are_mapped_through_offsets() -> None:
    """NEL and U+2028 end a line for YAML (and articlelint's line numbers), not for LSP."""
    text = 'title: "a\u2028b"\nwebUrl: x\n'
    index = LineIndex(text, UTF16)
    # articlelint: line 1 `title: "a`, line 2 `b"`, line 3 `webUrl: x`.
    offset = index.offset_of(3, 9)
    assert text[offset] == "x"
    assert index.position(offset) == Position(1, 8)  # LSP: the second line
    assert index.offset(1, 8) == offset
    lone_cr = "a: 1\rb: 2"
    assert LineIndex(lone_cr).position(lone_cr.index("b")) == Position(1, 0)


def test_a_bom_is_not_a_column_except_for_the_finding_about_it() -> None:
    text = "\ufeffpublished: no\n"
    index = LineIndex(text, UTF16)
    no = index.offset_of(1, 12)
    assert text[no : no + 2] == "no"
    assert index.position(no) == Position(0, 12)  # LSP counts the BOM (one unit)
    assert index.offset_of(1, 1, bom=True) == 0  # AL007 spans the BOM itself
    assert index.offset_of(1, 2, bom=True) == 1


def test_positions_inside_a_character_mean_its_start_and_the_ends_are_clamped() -> None:
    text = "😀x\n"
    assert LineIndex(text, UTF16).offset(0, 1) == 0  # half of the surrogate pair
    assert LineIndex(text, UTF16).offset(0, 2) == 1
    assert LineIndex(text, UTF8).offset(0, 3) == 0  # a byte inside the emoji
    assert LineIndex(text, UTF8).offset(0, 4) == 1
    assert LineIndex(text, UTF16).offset(-1, 0) == 0
    assert LineIndex(text, UTF16).position(99) == Position(1, 0)
    assert LineIndex(text, UTF16).offset_of(0, 0) == 0  # no position: the start
    assert LineIndex(text, UTF16).offset_of(9, 1) == len(text)
    assert LineIndex(text, UTF16).offset_of(1, 99) == 2  # clamped to the line


def test_an_unknown_encoding_is_utf16_the_protocols_default() -> None:
    assert LineIndex("😀", "utf-7").encoding == UTF16


_TEXT = st.text(alphabet=st.sampled_from(list("ab:\r\n😀é\u2028 \ufeff")), max_size=40)


@given(_TEXT, st.sampled_from([UTF8, UTF16, UTF32]))
def test_every_offset_round_trips_through_its_lsp_position(text: str, encoding: str) -> None:
    index = LineIndex(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue  # inside a CRLF: no LSP position (it means the line's end)
        line, character = index.position(offset)
        assert index.offset(line, character) == offset


# ------------------------------------------------------------------ minimal edits


def test_minimal_edits_touch_only_what_changed() -> None:
    old = 'a: 1\nurl: "http://x y"\nc: 3\npublished: no\n'
    new = 'a: 1\nurl: "http://x%20y"\nc: 3\npublished: false\n'
    edits = minimal_edits(old, new)
    assert [(old[e.start : e.end], e.content) for e in edits] == [(" ", "%20"), ("no", "false")]
    assert apply_edits(old, edits) == new
    assert minimal_edits(old, old) == []


def test_minimal_edits_of_an_added_line_and_of_line_endings() -> None:
    old = "---\r\ntitle: x\r\n---\r\n"
    new = "---\r\n# articlelint: ignore-file[AL101]\r\ntitle: x\r\n---\r\n"
    [edit] = minimal_edits(old, new)
    assert (edit.start, edit.end, edit.content) == (5, 5, "# articlelint: ignore-file[AL101]\r\n")
    # Never between the CR and the LF of a CRLF, where LSP has no position.
    [edit] = minimal_edits("a\r\n", "a\n")
    assert (edit.start, edit.end, edit.content) == (1, 3, "\n")


@given(_TEXT, _TEXT)
def test_minimal_edits_turn_one_text_into_the_other(old: str, new: str) -> None:
    edits = minimal_edits(old, new)
    assert apply_edits(old, edits) == new
    for edit in edits:
        for at in (edit.start, edit.end):
            assert not (0 < at < len(old) and old[at - 1 : at + 1] == "\r\n")
