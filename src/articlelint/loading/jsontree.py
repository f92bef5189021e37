"""JSON text -> plain data plus a position for every field path (the JSON twin of
:mod:`articlelint.loading.yamltree`).

:func:`json.loads` gives no positions, so values are read here, iteratively (no recursion,
whatever the depth), with the standard library's own pieces for the costly parts: strings
go through ``json.decoder.scanstring`` (C), numbers through the grammar's regular
expression, so the data is exactly what :func:`json.loads` gives (a property test checks
it), with these differences, each a :class:`JsonTreeError` at its position:

* nesting deeper than :data:`MAX_DEPTH` levels (records are a handful of levels deep);
* an integer of more than :data:`MAX_INT_DIGITS` digits (``int()`` of a huge literal is
  quadratic; :func:`json.loads` refuses them too, without a position);
* a ``\\uXXXX`` escape that leaves a lone UTF-16 surrogate (not a character: it cannot be
  written as UTF-8, so no report could show it);
* ``NaN``, ``Infinity`` and ``-Infinity``, which :func:`json.loads` accepts but JSON
  (RFC 8259) does not have.

A key given twice is kept as :func:`json.loads` keeps it (the last value wins, at the first
key's place) and recorded as a :class:`~articlelint.loading.document.DuplicateKey`.
Spans are made on first use (:meth:`NodeInfo.lazy`) from character offsets, with lines
counted as everywhere in articlelint (:data:`~articlelint.loading.loader.LINE_BREAK`).
"""

from __future__ import annotations

import bisect
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C, not in typeshed
from typing import Any

from articlelint._values import Struct
from articlelint.diagnostics import FieldPath, Span
from articlelint.loading.document import DuplicateKey, NodeInfo

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "JsonTree",
    "JsonTreeError",
    "Positions",
    "parse_json",
]

#: Deeper nesting than this is hostile or broken (as for YAML).
MAX_DEPTH = 64
#: Python's own default limit for ``int()`` of a decimal text.
MAX_INT_DIGITS = 4300

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LITERALS = (("true", True, "bool"), ("false", False, "bool"), ("null", None, "null"))
_NOT_JSON = ("NaN", "Infinity", "-Infinity")


class JsonTreeError(Exception):
    """The JSON does not parse; carries the position (1-based, whole file)."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class JsonTree(Struct):
    """What :func:`parse_json` gives: the value, its positions, its duplicate keys, and
    the offset just after the value (and any blanks after it)."""

    __slots__ = ("data", "duplicate_keys", "end", "nodes")
    _compared = ("data", "nodes", "duplicate_keys", "end")

    def __init__(
        self,
        data: Any,
        nodes: dict[FieldPath, NodeInfo],
        duplicate_keys: list[DuplicateKey],
        end: int,
    ) -> None:
        self.data = data
        self.nodes = nodes
        self.duplicate_keys = duplicate_keys
        self.end = end


class Positions:
    """Offsets in one text -> :class:`Span` (1-based lines and columns, in characters; a
    byte-order mark at the start is not counted). The line table is built on first use."""

    __slots__ = ("_starts", "bom", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = text.startswith("\ufeff")
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        starts = self._starts
        if starts is None:
            text = self.text
            if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
                starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
            else:
                starts = [0]
                at = text.find("\n")
                while at >= 0:
                    starts.append(at + 1)
                    at = text.find("\n", at + 1)
            self._starts = starts
        return starts

    def point(self, offset: int) -> tuple[int, int]:
        """1-based line and column of the character at ``offset``."""
        starts = self._line_starts()
        line = bisect.bisect_right(starts, offset)
        column = offset - starts[line - 1] + 1
        if line == 1 and self.bom and offset > 0:
            column -= 1
        return line, column

    def span(self, start: int, end: int) -> Span:
        line, column = self.point(start)
        end_line, end_column = self.point(end)
        return Span(line, column, end_line, end_column, start, end)


class _Offsets:
    """The offsets of one JSON value's nodes, for :meth:`NodeInfo.lazy`: node ``n`` has its
    key's ``(start, end)`` (or ``None``), its start and its end at ``3n``, ``3n + 1``,
    ``3n + 2``; a container's end is set when it closes (:meth:`close`)."""

    __slots__ = ("marks", "positions")

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.marks: list[Any] = []

    def node(
        self, key: tuple[int, int] | None, start: int, end: int, style: str | None, tag: str
    ) -> NodeInfo:
        n = len(self.marks) // 3
        self.marks += (key, start, end)
        return NodeInfo.lazy(self, n, style, tag)

    def last(self) -> int:
        """The number of the node :meth:`node` made last."""
        return len(self.marks) // 3 - 1

    def close(self, n: int, end: int) -> None:
        """Set the end of container node ``n``, now that it is known."""
        self.marks[3 * n + 2] = end

    def key_span(self, n: int) -> Span | None:
        key = self.marks[3 * n]
        return None if key is None else self.positions.span(*key)

    def value_span(self, n: int) -> Span:
        return self.positions.span(self.marks[3 * n + 1], self.marks[3 * n + 2])


class _Map:
    """An object being read: its dict, path, node number, the key now being read and, per
    key, its span and the slice of nodes and duplicate keys its value recorded."""

    __slots__ = ("built", "container", "key", "key_span", "marks", "n", "path")

    def __init__(self, path: FieldPath, n: int) -> None:
        self.container: dict[str, Any] = {}
        self.path = path
        self.n = n
        self.key = ""
        self.key_span: tuple[int, int] = (0, 0)
        self.marks: tuple[int, int] = (0, 0)
        self.built: dict[str, tuple[tuple[int, int], int, int, int, int]] = {}


class _List:
    __slots__ = ("container", "n", "path")

    def __init__(self, path: FieldPath, n: int) -> None:
        self.container: list[Any] = []
        self.path = path
        self.n = n


def parse_json(
    text: str, start: int = 0, end: int | None = None, positions: Positions | None = None
) -> JsonTree:
    """Read one JSON value from ``text[start:end]`` (blanks around it allowed, nothing else).

    Spans index the whole ``text``; pass the same ``positions`` for many values of one text
    (JSON Lines) so its line table is built once. Raises :class:`JsonTreeError`."""
    stop = len(text) if end is None else end
    where = positions if positions is not None else Positions(text)
    to_span = where.span
    offsets = _Offsets(where)
    lazy = offsets.node
    nodes: dict[FieldPath, NodeInfo] = {}
    order: list[FieldPath] = []  # every path recorded, in order (see _Map.built)
    duplicates: list[DuplicateKey] = []
    replaced: set[int] = set()  # duplicate keys found inside a value a later key replaced
    stack: list[_Map | _List] = []
    ws: Any = _WS.match  # always matches (maybe nothing)
    path: FieldPath = ()
    key_marks: tuple[int, int] | None = None

    def fail(message: str, at: int, length: int = 1) -> JsonTreeError:
        at = min(at, stop)
        return JsonTreeError(message, to_span(at, min(at + length, stop)))

    def record(item_path: FieldPath, info: NodeInfo) -> None:
        nodes[item_path] = info
        order.append(item_path)

    pos = ws(text, start, stop).end()
    if pos >= stop:
        raise fail("no JSON value: the record is empty", pos, 0)
    while True:
        # --- one value at `pos`, for `path`
        if pos >= stop:
            raise fail("the JSON ends where a value was expected", pos, 0)
        char = text[pos]
        value: Any
        if char == "{" or char == "[":
            if len(stack) >= MAX_DEPTH:
                raise fail(f"nesting deeper than {MAX_DEPTH} levels", pos)
            is_map = char == "{"
            record(path, lazy(key_marks, pos, pos, None, "map" if is_map else "seq"))
            n = offsets.last()
            pos = ws(text, pos + 1, stop).end()
            closing = "}" if is_map else "]"
            if pos < stop and text[pos] == closing:
                offsets.close(n, pos + 1)
                value = {} if is_map else []
                pos += 1
            elif is_map:
                opened = _Map(path, n)
                stack.append(opened)
                pos = _key(text, pos, stop, opened, fail)
                path, key_marks = _begin_value(opened, order, duplicates, replaced, nodes, to_span)
                pos = ws(text, pos, stop).end()
                continue
            else:
                stack.append(_List(path, n))
                path, key_marks = (*path, 0), None
                continue
        elif char == '"':
            try:
                value, after = scanstring(text, pos + 1, True)
            except ValueError as exc:  # json.JSONDecodeError
                raise fail(_string_error(exc), getattr(exc, "pos", pos)) from None
            if after > stop:  # the closing quote is beyond this record (a JSON Lines line)
                raise fail("unterminated string", pos)
            if len(value) != after - pos - 2 and _SURROGATE.search(value):
                raise fail(
                    "a `\\u` escape here is a lone UTF-16 surrogate, not a character; "
                    "escape a character outside the Basic Multilingual Plane as a pair "
                    "(`\\ud83d\\ude00`), or write the character itself",
                    pos,
                    after - pos,
                )
            record(path, lazy(key_marks, pos, after, '"', "str"))
            pos = after
        elif char == "-" or "0" <= char <= "9":
            number = _NUMBER.match(text, pos, stop)
            if number is None:
                if text.startswith("-Infinity", pos, stop):
                    raise fail(_not_json("-Infinity"), pos, 9)
                raise fail("a number must have digits after `-`", pos)
            after = number.end()
            integer, fraction, exponent = number.groups()
            if fraction is None and exponent is None:
                if len(integer) > MAX_INT_DIGITS:
                    raise fail(
                        f"an integer of {len(integer.lstrip('-')):,} digits; no record field "
                        f"needs more than {MAX_INT_DIGITS:,}",
                        pos,
                        after - pos,
                    )
                value, tag = int(integer), "int"
            else:
                value, tag = float(number.group()), "float"
            record(path, lazy(key_marks, pos, after, None, tag))
            pos = after
        else:
            for literal, literal_value, tag in _LITERALS:
                if text.startswith(literal, pos, stop):
                    after = pos + len(literal)
                    record(path, lazy(key_marks, pos, after, None, tag))
                    value = literal_value
                    pos = after
                    break
            else:
                for word in _NOT_JSON:
                    if text.startswith(word, pos, stop):
                        raise fail(_not_json(word), pos, len(word))
                raise fail(_unexpected(text, pos, "a value"), pos)
        # --- the value is complete: give it to its container, close finished containers
        while True:
            pos = ws(text, pos, stop).end()
            if not stack:
                if pos < stop:
                    raise fail(_unexpected(text, pos, "the end of the record"), pos)
                return JsonTree(value, nodes, _marked(duplicates, replaced), pos)
            top = stack[-1]
            if isinstance(top, _Map):
                key = top.key
                (order_start, dup_start), order_end = top.marks, len(order)
                top.built[key] = (top.key_span, order_start, order_end, dup_start, len(duplicates))
                top.container[key] = value
                separator = text[pos] if pos < stop else ""
                if separator == ",":
                    pos = ws(text, pos + 1, stop).end()
                    pos = _key(text, pos, stop, top, fail)
                    path, key_marks = _begin_value(top, order, duplicates, replaced, nodes, to_span)
                    pos = ws(text, pos, stop).end()
                    break
                if separator != "}":
                    raise fail(_unexpected(text, pos, "`,` or `}`"), pos)
            else:
                top.container.append(value)
                separator = text[pos] if pos < stop else ""
                if separator == ",":
                    path, key_marks = (*top.path, len(top.container)), None
                    pos = ws(text, pos + 1, stop).end()
                    break
                if separator != "]":
                    raise fail(_unexpected(text, pos, "`,` or `]`"), pos)
            pos += 1
            offsets.close(top.n, pos)
            stack.pop()
            value = top.container


def _key(text: str, pos: int, stop: int, frame: _Map, fail: Any) -> int:
    """Read ``"key":`` at ``pos`` into ``frame``; the offset after the colon."""
    if pos >= stop or text[pos] != '"':
        raise fail(_unexpected(text, pos, "a key in double quotes"), pos)
    try:
        key, after = scanstring(text, pos + 1, True)
    except ValueError as exc:
        raise fail(_string_error(exc), getattr(exc, "pos", pos)) from None
    if after > stop:
        raise fail("unterminated string", pos)
    if len(key) != after - pos - 2 and _SURROGATE.search(key):
        raise fail("a `\\u` escape in this key is a lone UTF-16 surrogate", pos, after - pos)
    frame.key = key
    frame.key_span = (pos, after)
    blanks = _WS.match(text, after, stop)
    colon = blanks.end() if blanks is not None else after
    if colon >= stop or text[colon] != ":":
        raise fail(_unexpected(text, colon, "`:` after the key"), colon)
    return colon + 1


def _begin_value(
    frame: _Map,
    order: list[FieldPath],
    duplicates: list[DuplicateKey],
    replaced: set[int],
    nodes: dict[FieldPath, NodeInfo],
    to_span: Any,
) -> tuple[FieldPath, tuple[int, int]]:
    """The path and key offsets of the value of ``frame.key``, which is about to be read.

    A key given before: the last value wins, as in :func:`json.loads`; the first value's
    positions are forgotten (in time proportional to that value) and duplicate keys found
    inside it are marked ``replaced``."""
    key = frame.key
    path = (*frame.path, key)
    earlier = frame.built.get(key)
    if earlier is not None:
        first_key, first, last, first_dup, last_dup = earlier
        for stale in order[first:last]:
            nodes.pop(stale, None)
        replaced.update(range(first_dup, last_dup))
        duplicates.append(DuplicateKey(path, to_span(*first_key), to_span(*frame.key_span)))
    frame.marks = (len(order), len(duplicates))
    return path, frame.key_span


def _marked(duplicates: list[DuplicateKey], replaced: set[int]) -> list[DuplicateKey]:
    for index in replaced:
        stale = duplicates[index]
        duplicates[index] = DuplicateKey(stale.field, stale.first, stale.second, replaced=True)
    return duplicates


def _string_error(exc: ValueError) -> str:
    message = getattr(exc, "msg", None) or str(exc)
    if message.startswith("Invalid control character"):
        return (
            "a control character (a line break or tab) inside a string; write it as an "
            "escape (`\\n`, `\\t`)"
        )
    if message.startswith("Unterminated string"):
        return 'unterminated string: no closing `"`'
    if message.startswith("Invalid \\escape") or message.startswith("Invalid \\u"):
        return (
            'an invalid escape in a string: JSON has only `\\"`, `\\\\`, `\\/`, `\\b`, '
            "`\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`"
        )
    return f"invalid string: {message}"


def _not_json(word: str) -> str:
    return f"`{word}` is not a JSON value (JSON has no NaN or infinity); write null or a number"


def _unexpected(text: str, pos: int, wanted: str) -> str:
    if pos >= len(text):
        return f"the JSON ends where {wanted} was expected"
    char = text[pos]
    if char in "\r\n":
        return f"the line ends where {wanted} was expected"
    shown = char if char.isprintable() else f"U+{ord(char):04X}"
    if char in ",]}" and "value" in wanted:
        return f"expected {wanted}, found `{shown}` (a trailing comma, or a missing value?)"
    return f"expected {wanted}, found `{shown}`"
