"""YAML text -> plain data plus a position for every field path.

PyYAML's *composer* (libyaml's C parser when available) gives a node graph with marks;
we build the Python values ourselves instead of using a constructor, so that:

* timestamps stay the raw text the file holds (rules validate them, nothing is normalised);
* duplicate keys are seen, with both positions;
* aliases are reported, and expanded only within a fixed budget of values, so a
  "billion laughs" file fails fast instead of exhausting memory;
* only the standard YAML tags are honoured: ``!!python/...`` and custom tags are errors,
  never executed;
* plain scalars that YAML 1.1 and 1.2 read differently are recorded (``yes``, ``1:20``...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from articlelint.diagnostics import FieldPath, Span
from articlelint.loading.document import Ambiguity, DuplicateKey, NodeInfo, SyntaxNote

__all__ = ["MAX_ALIAS_VALUES", "MAX_DEPTH", "YamlTree", "YamlTreeError", "parse_yaml"]

#: Records are a handful of levels deep; anything beyond this is hostile or broken.
MAX_DEPTH = 64
#: Aliases are expanded like any YAML loader does, but never into more than this many
#: values in total, so an exponential "billion laughs" document fails fast.
MAX_ALIAS_VALUES = 10_000
#: An aliased text costs one more value per this many characters, so one huge anchored
#: string repeated by aliases cannot make the rules scan gigabytes either.
_ALIAS_CHARS_PER_VALUE = 100

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"
_CONSTRUCTOR = SafeConstructor()
_SCALAR_BUILDERS: dict[str, Callable[[ScalarNode], Any]] = {
    "bool": _CONSTRUCTOR.construct_yaml_bool,
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "null": _CONSTRUCTOR.construct_yaml_null,
}
# Standard tags whose scalar text we keep as text.
_TEXT_TAGS = frozenset({"str", "timestamp", "binary", "value", "merge"})
# Characters whose presence makes deep nesting possible; libyaml's C composer recurses
# per level and overflows the C stack around 100k levels, so we count levels first.
_NESTING_CHARS = ("[", "{", "- ", "? ")
_NESTING_SCAN_THRESHOLD = 2000
# Anchors and aliases start with & or * after a space, a flow indicator or a line start.
_ANCHOR_HINT = re.compile(r"(?:^|(?<=[\s\[\{,]))[&*][^\s,\[\]\{\}]", re.MULTILINE)

#: The line breaks libyaml counts in its marks (as ``loader.LINE_BREAK``).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

_YAML12_INT = re.compile(r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)")
# YAML 1.1 numbers that 1.2 reads as another value: 1_000, 1:20 (base 60), 010 (octal), 0b1.
_YAML11_ONLY_NUMBER = re.compile(r"[_:]|^[-+]?0[0-9]|^[-+]?0b")
_YAML11_SPEC_BOOLS = frozenset({"y", "Y", "n", "N"})
_YAML12_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


class YamlTreeError(Exception):
    """The YAML does not parse; carries the parser's position (1-based, whole file)."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


@dataclass(slots=True)
class YamlTree:
    data: Any
    nodes: dict[FieldPath, NodeInfo]
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    syntax_notes: list[SyntaxNote] = field(default_factory=list)


@dataclass(slots=True)
class _Origin:
    """Where the YAML text starts inside the whole file."""

    offset: int  # character offset of the YAML's first character
    line: int  # 0-based line of the YAML's first character
    column: int  # 0-based column of the YAML's first character (non-zero only after a BOM)
    text: str = ""  # the YAML text itself
    _end: tuple[int, int, int] | None = None

    def span(self, start: Any, end: Any) -> Span:
        start_line, start_column, start_index = self._mark(start)
        end_line, end_column, end_index = self._mark(end)
        return Span(
            line=self.line + start_line + 1,
            column=start_column + 1 + (self.column if start_line == 0 else 0),
            end_line=self.line + end_line + 1,
            end_column=end_column + 1 + (self.column if end_line == 0 else 0),
            start=self.offset + start_index,
            end=self.offset + end_index,
        )

    def _mark(self, mark: Any) -> tuple[int, int, int]:
        """(line, column, index) of a mark; at the end of the text, libyaml's marks can sit
        on a line after the last one (as if the text ended with a line break): clamp
        them to the real end."""
        if mark.index < len(self.text):
            return mark.line, mark.column, mark.index
        if self._end is None:
            breaks = list(_LINE_BREAK.finditer(self.text))
            last = breaks[-1].end() if breaks else 0
            self._end = (len(breaks), len(self.text) - last, len(self.text))
        return self._end

    def point(self, mark: Any) -> Span:
        return self.span(mark, mark)


def parse_yaml(text: str, *, offset: int = 0, line: int = 0, column: int = 0) -> YamlTree:
    """Parse one YAML document. ``offset``/``line``/``column`` place ``text`` in its file.

    Raises :class:`YamlTreeError` (with a position) for anything that is not a valid,
    safe, single YAML document.
    """
    origin = _Origin(offset, line, column, text)
    if sum(text.count(c) for c in _NESTING_CHARS) > _NESTING_SCAN_THRESHOLD:
        _check_nesting(text, origin)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # only without libyaml: PyYAML's pure-Python composer recurses
        raise YamlTreeError(f"nesting deeper than {MAX_DEPTH} levels", _start(origin)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = str(exc.problem or exc.context or "invalid YAML")
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        raise YamlTreeError(message, origin.point(mark) if mark else _start(origin)) from None
    except yaml.reader.ReaderError as exc:
        position = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml reads UTF-8: its position is in bytes
            position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
        raise YamlTreeError(
            f"unacceptable character {_describe_char(exc.character)}",
            _index_span(text, position, origin),
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: all libyaml errors are marked
        raise YamlTreeError(str(exc), _start(origin)) from None
    builder = _Builder(origin)
    if _ANCHOR_HINT.search(text):
        builder.tree.syntax_notes.extend(_anchors_and_aliases(text, origin))
    if root is None:
        builder.tree.data = None
        return builder.tree
    builder.tree.data = builder.build(root, (), None, 0)
    builder.forget_replaced_values()
    return builder.tree


def _start(origin: _Origin) -> Span:
    return Span(origin.line + 1, origin.column + 1, origin.line + 1, origin.column + 1)


def _describe_char(char: Any) -> str:
    if isinstance(char, int):
        return f"#x{char:04x}"
    return repr(char)


def _index_span(text: str, index: int, origin: _Origin) -> Span:
    """The span of character ``index``, counting every line break libyaml counts."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    line = len(breaks)
    column = index - (breaks[-1].end() if breaks else 0)
    if line == 0:
        column += origin.column
    abs_line = origin.line + line + 1
    return Span(
        abs_line, column + 1, abs_line, column + 1, origin.offset + index, origin.offset + index
    )


def _check_nesting(text: str, origin: _Origin) -> None:
    """Reject nesting deeper than :data:`MAX_DEPTH` using the event stream (no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # as the builder: the root collection is level 0
                    raise YamlTreeError(
                        f"nesting deeper than {MAX_DEPTH} levels", origin.point(event.start_mark)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # compose will report the syntax error with its position


def _anchors_and_aliases(text: str, origin: _Origin) -> list[SyntaxNote]:
    notes: list[SyntaxNote] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                notes.append(
                    SyntaxNote(
                        "alias", event.anchor or "", origin.span(event.start_mark, event.end_mark)
                    )
                )
            elif isinstance(event, yaml.NodeEvent) and event.anchor:
                notes.append(SyntaxNote("anchor", event.anchor, origin.point(event.start_mark)))
    except yaml.YAMLError:  # pragma: no cover - compose already succeeded on the same text
        pass
    return notes


def _tag_name(tag: str | None) -> str:
    if tag and tag.startswith(_TAG_PREFIX):
        return tag[len(_TAG_PREFIX) :]
    return tag or ""


def _yaml12_type(text: str) -> str:
    """The YAML 1.2 core-schema type of a plain scalar."""
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return "bool"
    if text in ("", "~", "null", "Null", "NULL"):
        return "null"
    if _YAML12_INT.fullmatch(text):
        return "int"
    if _YAML12_FLOAT.fullmatch(text) or text.lower() in (".inf", "+.inf", "-.inf", ".nan"):
        return "float"
    return "str"


class _Builder:
    def __init__(self, origin: _Origin) -> None:
        self.origin = origin
        self.tree = YamlTree(data=None, nodes={})
        self._seen: set[int] = set()
        self._alias_budget = MAX_ALIAS_VALUES
        # Every path recorded in ``tree.nodes``, in order: the nodes of one value are a
        # contiguous slice, so a duplicate key drops its first value's positions in time
        # proportional to that value (not to the whole file: no quadratic blow-up).
        self._order: list[FieldPath] = []
        self._stale_ambiguities: set[int] = set()
        self._stale_duplicates: set[int] = set()

    def _record(self, path: FieldPath, info: NodeInfo) -> None:
        self.tree.nodes[path] = info
        self._order.append(path)

    def forget_replaced_values(self) -> None:
        """Ambiguities found in values that a later duplicate key replaced are dropped
        (their paths now name other values); duplicate keys found there are kept, as
        ``replaced`` (the file still has them, the record does not)."""
        if self._stale_ambiguities:
            self.tree.ambiguities = [
                item
                for index, item in enumerate(self.tree.ambiguities)
                if index not in self._stale_ambiguities
            ]
        for index in self._stale_duplicates:
            stale = self.tree.duplicate_keys[index]
            self.tree.duplicate_keys[index] = DuplicateKey(
                stale.field, stale.first, stale.second, replaced=True
            )

    def build(
        self, node: Node, path: FieldPath, key_span: Span | None, depth: int, aliased: bool = False
    ) -> Any:
        if depth > MAX_DEPTH:
            raise YamlTreeError(
                f"nesting deeper than {MAX_DEPTH} levels", self.origin.point(node.start_mark)
            )
        if id(node) in self._seen:
            aliased = True  # a second visit: this node is reached through an alias
        self._seen.add(id(node))
        if aliased:
            self._alias_budget -= 1
            if isinstance(node, ScalarNode):
                self._alias_budget -= len(node.value) // _ALIAS_CHARS_PER_VALUE
            if self._alias_budget < 0:
                raise YamlTreeError(
                    f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (a 'billion "
                    "laughs' pattern); records never need this",
                    self.origin.point(node.start_mark),
                )
        tag = _tag_name(node.tag)
        span = self.origin.span(node.start_mark, node.end_mark)
        if isinstance(node, ScalarNode):
            style = node.style or None  # libyaml says "" for plain, PyYAML None
            self._record(path, NodeInfo(key_span, span, style, tag))
            return self._scalar(node, style, tag, path, span)
        if isinstance(node, SequenceNode):
            self._check_tag(tag, "seq", node)
            self._record(path, NodeInfo(key_span, span, None, "seq"))
            return [
                self.build(item, (*path, index), None, depth + 1, aliased)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        self._check_tag(tag, "map", node)
        self._record(path, NodeInfo(key_span, span, None, "map"))
        result: dict[str, Any] = {}
        key_spans: dict[str, Span] = {}
        # key -> slices of (nodes, ambiguities, duplicate keys) recorded for its value
        built: dict[str, tuple[int, int, int, int, int, int]] = {}
        for key_node, value_node in node.value:
            key_span_here = self.origin.span(key_node.start_mark, key_node.end_mark)
            if not isinstance(key_node, ScalarNode):
                raise YamlTreeError(
                    "a mapping key must be a plain value, not a list or mapping", key_span_here
                )
            key = str(key_node.value)
            if key in key_spans:
                # Last one wins, as in PyYAML; forget what was recorded for the first value.
                first, last, first_amb, last_amb, first_dup, last_dup = built[key]
                for stale in self._order[first:last]:
                    self.tree.nodes.pop(stale, None)
                self._stale_ambiguities.update(range(first_amb, last_amb))
                self._stale_duplicates.update(range(first_dup, last_dup))
                self.tree.duplicate_keys.append(
                    DuplicateKey((*path, key), key_spans[key], key_span_here)
                )
            key_spans[key] = key_span_here
            marks = (len(self._order), len(self.tree.ambiguities), len(self.tree.duplicate_keys))
            result[key] = self.build(value_node, (*path, key), key_span_here, depth + 1, aliased)
            built[key] = (
                marks[0],
                len(self._order),
                marks[1],
                len(self.tree.ambiguities),
                marks[2],
                len(self.tree.duplicate_keys),
            )
        return result

    def _check_tag(self, tag: str, expected: str, node: Node) -> None:
        if tag != expected:
            raise YamlTreeError(
                f"unsupported YAML tag {node.tag!r}; records use plain YAML values only",
                self.origin.point(node.start_mark),
            )

    def _scalar(
        self, node: ScalarNode, style: str | None, tag: str, path: FieldPath, span: Span
    ) -> Any:
        text = node.value
        if tag in _TEXT_TAGS:
            if style is None and tag == "str":
                yaml12 = _yaml12_type(text)
                if yaml12 != "str":
                    self.tree.ambiguities.append(Ambiguity(path, span, text, "str", yaml12))
                elif text in _YAML11_SPEC_BOOLS:
                    # PyYAML and Psych read y/n as text, the YAML 1.1 spec (and go-yaml v2)
                    # as booleans.
                    self.tree.ambiguities.append(Ambiguity(path, span, text, "bool", "str"))
            return text
        builder = _SCALAR_BUILDERS.get(tag)
        if builder is None:
            raise YamlTreeError(
                f"unsupported YAML tag {node.tag!r}; records use plain YAML values only",
                self.origin.point(node.start_mark),
            )
        if style is None:
            yaml12 = _yaml12_type(text)
            if yaml12 != tag or (tag in ("int", "float") and _YAML11_ONLY_NUMBER.search(text)):
                self.tree.ambiguities.append(Ambiguity(path, span, text, tag, yaml12))
        try:
            return builder(node)
        except (ValueError, OverflowError):
            # e.g. an int with more digits than Python converts; keep the text.
            return text
