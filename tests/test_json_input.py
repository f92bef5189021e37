"""JSON and JSON Lines records: the positional JSON loader (checked against json.loads), and
findings at the exact line and column of the value, through the library and the CLI."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlelint import lint_paths, lint_text
from articlelint.cli import main
from articlelint.config import Config
from articlelint.diagnostics import Span
from articlelint.loading.jsontree import MAX_DEPTH, JsonTreeError, parse_json
from tests.conftest import findings

STORY = {
    "category": "news",
    "title": "Microsoft to curtail some of its facial recognition capabilities",
    "publishedDateTime": "2022-06-21T16:58:00Z",
    "webUrl": "https://www.zdnet.com/article/microsoft-to-curtail/",
    "type": "article",
    "quality": 70,
    "provider": {"name": "ZDNet", "domain": "zdnet.com"},
    "topics": ["Microsoft AI"],
}


def story(**changes: object) -> dict[str, object]:
    out = dict(STORY)
    out.update(changes)
    return out


# ---------------------------------------------------------------- the loader

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)


def _spans_cover(tree_text: str, value: object, nodes: dict, path: tuple = ()) -> None:
    """Every value has a node whose source text reads back as that value."""
    info = nodes[path]
    source = tree_text[info.value.start : info.value.end]
    assert json.loads(source) == value or (isinstance(value, float) and math.isnan(value))
    if isinstance(value, dict):
        for key, item in value.items():
            assert json.loads(tree_text[info.value.start : info.value.end])[key] == item
            key_span = nodes[(*path, key)].key
            assert json.loads(tree_text[key_span.start : key_span.end]) == key
            _spans_cover(tree_text, item, nodes, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _spans_cover(tree_text, item, nodes, (*path, index))


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, 1, 2]), st.booleans())
def test_parse_json_reads_what_json_loads_reads(
    value: object, indent: int | None, ascii_: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_)
    tree = parse_json(text)
    assert tree.data == json.loads(text)
    assert type(tree.data) is type(json.loads(text))
    _spans_cover(text, tree.data, tree.nodes)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='{}[]:,"\\ 0123456789.eE-+truefalsn\n\tud8', max_size=40))
def test_parse_json_accepts_exactly_what_json_loads_accepts(text: str) -> None:
    try:
        expected = json.loads(text, parse_constant=_refuse)
    except (ValueError, RecursionError):
        with pytest.raises(JsonTreeError) as error:
            parse_json(text)
        span = error.value.span
        assert span.line >= 1
        assert span.column >= 1
        assert 0 <= span.start <= len(text)
        return
    if any(0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(expected, ensure_ascii=False)):
        with pytest.raises(JsonTreeError, match="lone UTF-16 surrogate"):
            parse_json(text)
        return
    assert parse_json(text).data == expected


def _refuse(name: str) -> object:
    raise ValueError(name)


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{"a": 1,}', "expected a key in double quotes, found `}`", 1, 9),
        ("[1, 2,]", "expected a value, found `]` (a trailing comma, or a missing value?)", 1, 7),
        ('{"a" 1}', "expected `:` after the key, found `1`", 1, 6),
        ("{'a': 1}", "expected a key in double quotes, found `'`", 1, 2),
        ('{"a": "b\nc"}', "a control character (a line break or tab) inside a string", 1, 9),
        ('{"a": "\\x41"}', "an invalid escape in a string", 1, 8),
        ('{"a": "b', 'unterminated string: no closing `"`', 1, 7),
        ('{"a": NaN}', "`NaN` is not a JSON value", 1, 7),
        ('{"a": -Infinity}', "`-Infinity` is not a JSON value", 1, 7),
        ('{"a": "\\ud800"}', "lone UTF-16 surrogate", 1, 7),
        ('{"a": 1} {"b": 2}', "expected the end of the record, found `{`", 1, 10),
        ("", "no JSON value: the record is empty", 1, 1),
        ('{\n  "a": 01\n}', "expected `,` or `}`, found `1`", 2, 9),
    ],
)
def test_broken_json_is_reported_at_its_position(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(JsonTreeError) as error:
        parse_json(text)
    assert message in error.value.message
    assert (error.value.span.line, error.value.span.column) == (line, column)


def test_hostile_json_fails_fast_with_a_position() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(JsonTreeError, match=f"nesting deeper than {MAX_DEPTH} levels") as error:
        parse_json(deep)
    assert error.value.span == Span(1, MAX_DEPTH + 1, 1, MAX_DEPTH + 2, MAX_DEPTH, MAX_DEPTH + 1)
    assert len(parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH).nodes) == MAX_DEPTH
    with pytest.raises(JsonTreeError, match="an integer of 100,000 digits"):
        parse_json('{"quality": ' + "9" * 100_000 + "}")
    assert parse_json('{"q": 1e999}').data == {"q": math.inf}  # as json.loads
    assert parse_json('{"q": ' + "9" * 4300 + "}").data == {"q": int("9" * 4300)}


def test_duplicate_keys_keep_the_last_value_and_both_positions() -> None:
    text = '{"a": {"b": 1, "b": 2}, "a": 3}'
    tree = parse_json(text)
    assert tree.data == json.loads(text) == {"a": 3}
    assert ("a", "b") not in tree.nodes  # the replaced value's positions are forgotten
    assert [
        (d.field, d.first.column, d.second.column, d.replaced) for d in tree.duplicate_keys
    ] == [
        (("a", "b"), 8, 16, True),
        (("a",), 2, 25, False),
    ]


def test_positions_count_characters_lines_and_a_bom() -> None:
    text = '\ufeff{\r\n  "tïtle": "é",\r\n  "n": [1,\n 2]\n}'
    tree = parse_json(text, 1)
    assert tree.nodes[()].value[:2] == (1, 1)  # the BOM is not counted
    assert tree.nodes[("tïtle",)].key[:4] == (2, 3, 2, 10)
    assert tree.nodes[("tïtle",)].value[:4] == (2, 12, 2, 15)
    assert tree.nodes[("n", 1)].value[:4] == (4, 2, 4, 3)


# ---------------------------------------------------------------- files


def test_a_json_record_file_is_checked_like_a_yaml_one(tmp_path: Path) -> None:
    data = story(webUrl="http://www.zdnet.com/article/microsoft-to-curtail/", quality="high")
    text = json.dumps(data, indent=2)
    path = tmp_path / "2022-06-21-story.json"
    path.write_text(text)
    result = lint_paths([path])
    assert findings(result.diagnostics) == [
        ("AL202", 5, 13, "webUrl"),
        ("AL103", 7, 14, "quality"),
    ]
    # The same record in YAML: the same findings (the engine is the same).
    yaml_result = lint_text(
        "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in data.items()) + "---\n",
        "2022-06-21-story.md",
    )
    assert [d.code for d in yaml_result.diagnostics] == [d.code for d in result.diagnostics]


def column_of(line: str, fragment: str) -> int:
    """The 1-based column where ``fragment`` starts in ``line`` (found independently of the
    loader, by searching the text)."""
    return line.index(fragment) + 1


def test_a_json_array_is_one_record_per_item() -> None:
    first, second = json.dumps(story()), json.dumps(story(title=" Padded"))
    text = "[\n" + first + ",\n" + second + ",\n  7\n]\n"
    result = lint_text(text, "records.json")
    url = '"https://www.zdnet.com/article/'
    assert findings(result.diagnostics) == [
        ("AL509", 2, column_of(first, url), "webUrl"),
        ("AL601", 3, column_of(second, '" Padded"'), "title"),
        ("AL509", 3, column_of(second, url), "webUrl"),
        ("AL103", 4, 3, None),
    ]
    assert "also in `records.json` (line 3)" in result.diagnostics[0].message
    assert result.diagnostics[3].message == (
        "each item of a JSON array of records must be an object (a mapping of fields); "
        "item 2 is a number"
    )


def test_json_lines_report_the_line_and_column_and_go_on_after_a_broken_line() -> None:
    lines = [
        json.dumps(story(publishedDateTime="2022-06-21T16:58:00")),
        '{"title": "cut short", "quality": 70,',
        "",
        "[1, 2]",
        json.dumps(story(webUrl="https://www.zdnet.com/article/other/", published="no")),
    ]
    result = lint_text("\r\n".join(lines) + "\r\n", "dump.jsonl")
    assert findings(result.diagnostics) == [
        ("AL302", 1, column_of(lines[0], '"2022-06-21T16:58:00"'), "publishedDateTime"),
        ("AL008", 2, len(lines[1]) + 1, None),
        ("AL103", 4, 1, None),
        ("AL404", 5, column_of(lines[4], '"no"'), "published"),
    ]
    assert result.diagnostics[1].message == (
        "not a JSON record: the line ends where a key in double quotes was expected"
    )
    assert result.files_checked == 1


def test_duplicate_keys_in_json_are_al004_with_both_positions() -> None:
    text = json.dumps(story())[:-1] + ', "quality": 85}'
    result = lint_text(text, "story.json", Config(select=["AL004"]))
    [duplicate] = result.diagnostics
    assert (duplicate.code, duplicate.line, duplicate.column, duplicate.field) == (
        "AL004",
        1,
        text.rindex('"quality"') + 1,
        "quality",
    )
    assert f"first given at line 1, column {text.index('quality')}" in duplicate.message


def test_json_findings_carry_fixes_without_edits(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    text = json.dumps(story(title="Title  "))
    path.write_text(text)
    [untrimmed] = [d for d in lint_paths([path]).diagnostics if d.code == "AL601"]
    assert untrimmed.fix is not None
    assert untrimmed.fix.edits == ()
    assert main(["--fix", "--no-cache", str(path)], stdout=io.StringIO()) == 0
    assert main(["--add-suppressions", "--no-cache", str(path)], stdout=io.StringIO()) == 0
    assert path.read_text() == text  # JSON is never rewritten


def test_broken_and_unreadable_json_files() -> None:
    assert findings(lint_text('{"title": "x",,}', "a.json").diagnostics) == [("AL008", 1, 15, None)]
    assert findings(lint_text('"just text"', "a.json").diagnostics) == [("AL103", 1, 1, None)]
    assert findings(lint_text("bad \ud800", "a.jsonl").diagnostics) == [("AL001", 1, 5, None)]
    assert findings(lint_text("", "a.jsonl").diagnostics) == []  # no records, nothing wrong


def test_cli_checks_json_lines_and_caches_them(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    path.write_text(json.dumps(story()) + "\n" + json.dumps(story()) + "\n")
    out = io.StringIO()
    cache = str(tmp_path / "cache")
    args = ["--format", "concise", "--cache-dir", cache, str(path)]
    assert main(args, stdout=out) == 1
    first = out.getvalue()
    assert first.count("AL509") == 2
    out = io.StringIO()
    assert main(args, stdout=out) == 1
    assert out.getvalue() == first


def _mutations() -> st.SearchStrategy[str]:
    """JSON Lines of real-looking records, then cut, spliced and garbled."""
    line = st.builds(lambda **kw: json.dumps(story(**kw)), title=st.text(max_size=20))
    text = st.lists(line, min_size=1, max_size=4).map("\n".join)
    return st.tuples(text, st.integers(0, 2000), st.integers(0, 40), st.text(max_size=8)).map(
        lambda t: t[0][: t[1]] + t[3] + t[0][t[1] + t[2] :]
    )


@given(_mutations(), st.sampled_from(["dump.jsonl", "records.json"]))
def test_any_json_input_gives_findings_inside_the_file_and_never_crashes(
    text: str, name: str
) -> None:
    from tests.invariants import FIXED_CLOCK, check_diagnostic_positions

    result = lint_text(text, name, FIXED_CLOCK)
    assert result.internal_errors == 0, [d.message for d in result.diagnostics]
    assert result.exit_code in (0, 1)
    check_diagnostic_positions(result.diagnostics, text)
    assert lint_text(text, name, FIXED_CLOCK) == result  # the same output twice


STDIN_ARGS = ("--no-cache", "--stdin-filename", "dump.jsonl", "-")


def test_json_lines_from_standard_input() -> None:
    import subprocess
    import sys

    lines = json.dumps(story()) + "\n" + '{"title": 1,\n'
    done = subprocess.run(
        [sys.executable, "-m", "articlelint", "--format", "concise", *STDIN_ARGS],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("dump.jsonl:2:13: AL008 not a JSON record")
