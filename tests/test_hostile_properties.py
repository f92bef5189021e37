"""Property tests: for *any* input, no exception escapes the library API, every position
points inside the file, every field path exists (or its parent does, for a missing
field), results are deterministic, and exit codes are 0/1.

Inputs are generated from the VALID record and the seed: mutated line by line (deleted,
duplicated, re-indented, tab-indented, quotes swapped, values replaced, hostile lines
inserted), with other line breaks and a BOM, truncated, and byte-garbled. The number of
examples comes from the hypothesis profile (``ci`` by default, see tests/conftest.py).
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articlelint import lint_paths, lint_record, lint_text
from articlelint.cli import main
from tests.conftest import SEED, VALID
from tests.invariants import FIXED_CLOCK, check_lint_result, result_key

SEED_TEXT = SEED.read_text(encoding="utf-8")
SOURCES = [VALID, SEED_TEXT]

#: Lines that stress the loader and the rules when inserted anywhere.
HOSTILE_LINES = [
    "---",
    "...",
    "--- ",
    "---\t",
    "title:",
    "title: ~",
    "title: [",
    "title: {a: 1}",
    "related: x",
    "related: [1, null, [], {}]",
    "images: {url: 1}",
    "provider: [name, domain]",
    "a: &x [1, 2]",
    "b: *x",
    "c: *undefined",
    "<<: {title: merged}",
    "? [complex, key]",
    ": value",
    "!!python/object/apply:os.system [echo]",
    "d: !!python/name:os.system",
    "e: !custom tag",
    "f: !!binary aGVsbG8=",
    "g: !!timestamp 2022-01-01",
    "h: !!set {a, b}",
    "quality: 1e999",
    "quality: -.inf",
    "heat: .nan",
    "heat: 0x1F",
    "heat: 1_000",
    "heat: 1:20",
    "published: yes",
    "published: 'false'",
    "publishedDateTime: 2022-02-30T25:61:00+24:00",
    "publishedDateTime: 22/06/2022",
    'webUrl: "javascript:alert(1)"',
    'webUrl: "http://[::1"',
    'webUrl: "https://xn--/a"',
    "webUrl: https://" + "a." * 300 + "com/",
    "  - url: https://ok.example/x.jpg",
    "\t- tab",
    "- - - - - - - -",
    "[[[[[[[[[[",
    "{a: {a: {a: {a:",
    "%YAML 1.1",
    "%TAG ! tag:example.com,2000:",
    "# comment",
    "key: 'unterminated",
    'key: "bad \\escape"',
    "key: |",
    "  block",
    "key: >-",
    "\ufeffbom: inside",
    "title: \u2028line separator",
    "title: \x85nel",
    "title: \x07bell",
    "title: \U0001f600 emoji",
    "",
    " ",
]

# Text YAML allows and the loader might trip over (control chars, non-BMP, separators).
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@st.composite
def mutated_records(draw: st.DrawFn) -> str:
    """A record from VALID or the seed with a few line-level edits."""
    lines = draw(st.sampled_from(SOURCES)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.integers(0, 8))
        if edit == 0:
            del lines[i]
        elif edit == 1:
            lines.insert(i, lines[i])  # duplicate a line (often a duplicate key)
        elif edit == 2:
            lines[i] = lines[i].replace('"', "'") if '"' in lines[i] else lines[i] + '"'
        elif edit == 3:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + "\t" + lines[i][at:]
        elif edit == 4:
            lines.insert(i, draw(st.sampled_from(HOSTILE_LINES)))
        elif edit == 5 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(_TEXT)}"
        elif edit == 6:
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip(" ")
        elif edit == 7:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i] + draw(st.sampled_from([" ", "\t", " #", ":", " - x"]))
    text = "\n".join(lines)
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "\u2028"]))
    if newline != "\n":
        text = text.replace("\n", newline)
    if draw(st.booleans()) and draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()) and draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@st.composite
def garbled_bytes(draw: st.DrawFn) -> bytes:
    """A record's UTF-8 bytes with random bytes overwritten, inserted and cut."""
    data = bytearray(draw(mutated_records()).encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        junk = draw(st.binary(min_size=1, max_size=4))
        if draw(st.booleans()) and at < len(data):
            data[at : at + len(junk)] = junk
        else:
            data[at:at] = junk
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


_SUFFIX = st.sampled_from(["r.md", "r.yaml", "r.txt", "r.markdown", "r.yml"])


@given(mutated_records(), _SUFFIX)
def test_mutated_text_keeps_every_invariant(text: str, path: str) -> None:
    first = lint_text(text, path, FIXED_CLOCK)
    check_lint_result(first, text, path)
    assert result_key(lint_text(text, path, FIXED_CLOCK)) == result_key(first)  # deterministic


@given(st.text(max_size=300), _SUFFIX)
def test_arbitrary_text_keeps_every_invariant(text: str, path: str) -> None:
    result = lint_text(text, path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: reported as AL001 at line 1+
        assert [d.code for d in result.diagnostics] == ["AL001"]
    check_lint_result(result, text, path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbled_bytes(), _SUFFIX)
def test_garbled_bytes_from_disk_keep_every_invariant(
    tmp_path: Path, data: bytes, name: str
) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    path = str(target)
    result = lint_paths([path], FIXED_CLOCK)
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
        assert [d.code for d in result.diagnostics] == ["AL001"]
    if text is not None and "\x00" in text:
        assert [d.code for d in result.diagnostics] == ["AL001"]
    check_lint_result(result, text, path)
    assert result_key(lint_paths([path], FIXED_CLOCK)) == result_key(result)


def test_every_truncation_of_the_records() -> None:
    """Cut VALID (LF and CRLF) at every character offset, and the (15 KB) seed around
    every line break."""
    for source in (VALID, VALID.replace("\n", "\r\n")):
        for end in range(len(source) + 1):
            text = source[:end]
            check_lint_result(lint_text(text, "cut.md"), text, "cut.md")
    breaks = [i for i, char in enumerate(SEED_TEXT) if char == "\n"]
    for end in sorted({max(0, b + d) for b in breaks for d in (-1, 0, 1, 2)}):
        text = SEED_TEXT[:end]
        check_lint_result(lint_text(text, "cut.md"), text, "cut.md")


def test_every_byte_truncation_of_a_multibyte_record(tmp_path: Path) -> None:
    """Cuts inside a multi-byte character are AL001 at the right line and column."""
    data = "---\ntitle: Café ☕ 😀\n---\n".encode()
    target = tmp_path / "cut.md"
    for end in range(len(data) + 1):
        target.write_bytes(data[:end])
        result = lint_paths([target])
        try:
            text: str | None = data[:end].decode("utf-8")
        except UnicodeDecodeError:
            text = None
            (only,) = result.diagnostics
            assert (only.code, only.line) == ("AL001", 2)
            assert only.column == len(data[:end].decode("utf-8", "ignore").split("\n")[-1]) + 1
        check_lint_result(result, text, str(target))


# Values a pipeline may hand lint_record: what YAML/JSON/frontmatter produce ...
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | _TEXT
    | st.datetimes()
    | st.dates()
)
_KEYS = (
    st.sampled_from(
        [
            "title",
            "excerpt",
            "publishedDateTime",
            "webUrl",
            "originalUrl",
            "ampWebUrl",
            "cdnAmpWebUrl",
            "type",
            "provider",
            "name",
            "domain",
            "topics",
            "images",
            "url",
            "width",
            "height",
            "isCached",
            "related",
            "quality",
            "heat",
            "published",
            "secured",
            "category",
        ]
    )
    | _TEXT
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=25,
)
# ... and values nobody should pass, which must still not raise.
_ODD = st.recursive(
    _SCALARS | st.binary(max_size=8) | st.builds(object) | st.complex_numbers(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.sets(st.integers(), max_size=3)
        | st.dictionaries(_KEYS | st.integers() | st.none() | st.tuples(st.integers()), inner)
    ),
    max_leaves=15,
)


@given(st.dictionaries(_KEYS, _VALUES, max_size=12))
def test_lint_record_with_any_json_like_mapping(record: dict[str, Any]) -> None:
    result = lint_record(record, FIXED_CLOCK)
    assert result.files == ["<record>"]
    assert not [d.message for d in result.diagnostics if d.code == "AL000"]
    assert all((d.line, d.column) == (0, 0) for d in result.diagnostics)
    assert result.exit_code in (0, 1)
    assert result_key(lint_record(record, FIXED_CLOCK)) == result_key(result)


@given(_ODD)
def test_lint_record_with_any_value_never_raises(value: Any) -> None:
    result = lint_record(value)
    assert result.files == ["<record>"]
    assert result.exit_code in (0, 1, 2)
    if not isinstance(value, dict):
        assert [d.code for d in result.diagnostics] == ["AL103"]


def test_lint_record_with_non_finite_floats() -> None:
    record = {"quality": math.nan, "heat": math.inf, "images": [{"width": -math.inf}]}
    result = lint_record(record)
    assert not [d for d in result.diagnostics if d.code == "AL000"]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_records(), _SUFFIX)
def test_cli_exit_codes_are_0_or_1(tmp_path: Path, text: str, name: str) -> None:
    target = tmp_path / name
    target.write_bytes(text.encode("utf-8"))
    out = io.StringIO()
    assert main(["--format", "json", "--", str(target)], stdout=out) in (0, 1)
    assert json.loads(out.getvalue())["files_checked"] == 1
