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

import importlib
import importlib.machinery
import importlib.util
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

from articlelint._values import Struct
from articlelint.diagnostics import FieldPath, Span
from articlelint.loading.document import Ambiguity, DuplicateKey, NodeInfo, SyntaxNote

__all__ = [
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "YamlTree",
    "YamlTreeError",
    "loading_path",
    "parse_yaml",
    "parse_yaml_reference",
]

#: Records are a handful of levels deep; anything beyond this is hostile or broken.
MAX_DEPTH = 64
#: Aliases are expanded like any YAML loader does, but never into more than this many
#: values in total, so an exponential "billion laughs" document fails fast.
MAX_ALIAS_VALUES = 10_000
#: An aliased text costs one more value per this many characters, so one huge anchored
#: string repeated by aliases cannot make the rules scan gigabytes either.
_ALIAS_CHARS_PER_VALUE = 100

_TAG_PREFIX = "tag:yaml.org,2002:"
#: The scalar tags PyYAML's constructor builds values for (others are kept as text).
_BUILT_TAGS = ("bool", "int", "float", "null")
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


class YamlTree(Struct):
    """What :func:`parse_yaml` gives: the data, positions, and what the loader reports."""

    __slots__ = ("ambiguities", "data", "duplicate_keys", "nodes", "syntax_notes")
    _compared = ("data", "nodes", "duplicate_keys", "ambiguities", "syntax_notes")

    def __init__(
        self,
        data: Any,
        nodes: dict[FieldPath, NodeInfo],
        duplicate_keys: list[DuplicateKey] | None = None,
        ambiguities: list[Ambiguity] | None = None,
        syntax_notes: list[SyntaxNote] | None = None,
    ) -> None:
        self.data = data
        self.nodes = nodes
        self.duplicate_keys: list[DuplicateKey] = [] if duplicate_keys is None else duplicate_keys
        self.ambiguities: list[Ambiguity] = [] if ambiguities is None else ambiguities
        self.syntax_notes: list[SyntaxNote] = [] if syntax_notes is None else syntax_notes


class _Origin:
    """Where the YAML text starts inside the whole file."""

    __slots__ = ("_end", "column", "line", "offset", "text")

    def __init__(
        self,
        offset: int,  # character offset of the YAML's first character
        line: int,  # 0-based line of the YAML's first character
        column: int,  # 0-based column of the YAML's first character (non-zero after a BOM)
        text: str = "",  # the YAML text itself
        _end: tuple[int, int, int] | None = None,
    ) -> None:
        self.offset = offset
        self.line = line
        self.column = column
        self.text = text
        self._end = _end

    def span(self, start: Any, end: Any) -> Span:
        """The span between two libyaml marks (objects with ``line``, ``column``, ``index``)."""
        return self.span_of(start.line, start.column, start.index, end.line, end.column, end.index)

    def span_of(
        self,
        start_line: int,
        start_column: int,
        start_index: int,
        end_line: int,
        end_column: int,
        end_index: int,
    ) -> Span:
        """The span between two marks given as numbers (the compiled loader's)."""
        if start_index >= len(self.text):
            start_line, start_column, start_index = self._text_end()
        if end_index >= len(self.text):
            end_line, end_column, end_index = self._text_end()
        return Span(
            line=self.line + start_line + 1,
            column=start_column + 1 + (self.column if start_line == 0 else 0),
            end_line=self.line + end_line + 1,
            end_column=end_column + 1 + (self.column if end_line == 0 else 0),
            start=self.offset + start_index,
            end=self.offset + end_index,
        )

    def _text_end(self) -> tuple[int, int, int]:
        """(line, column, index) of the text's end: at the end of the text, libyaml's marks
        can sit on a line after the last one (as if the text ended with a line break), so
        marks there are clamped to the real end."""
        if self._end is None:
            text = self.text
            if not ("\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text):
                # LF only (nearly every file): count, several times faster than the regex
                last = text.rfind("\n") + 1
                self._end = (text.count("\n"), len(text) - last, len(text))
            else:
                breaks = list(_LINE_BREAK.finditer(text))
                last = breaks[-1].end() if breaks else 0
                self._end = (len(breaks), len(text) - last, len(text))
        return self._end

    def point(self, mark: Any) -> Span:
        return self.span(mark, mark)


def parse_yaml(text: str, *, offset: int = 0, line: int = 0, column: int = 0) -> YamlTree:
    """Parse one YAML document. ``offset``/``line``/``column`` place ``text`` in its file.

    Raises :class:`YamlTreeError` (with a position) for anything that is not a valid,
    safe, single YAML document.

    Records in the wild are plain block YAML, so this first builds the tree straight from
    libyaml's event stream (:func:`_parse_events`: no node graph, only plain scalars go
    through the resolver, spans made lazily). Anything unusual -- a syntax error, a tag,
    an anchor or alias, a duplicate or complex key, deep nesting, several documents --
    goes to :func:`parse_yaml_reference`, which gives the exact same tree, errors and
    notes for every input (a test compares both over a real corpus).
    """
    origin = _Origin(offset, line, column, text)
    tree = _parse_fast(text, origin)
    if tree is not None:
        return tree
    return parse_yaml_reference(text, offset=offset, line=line, column=column)


def parse_yaml_reference(text: str, *, offset: int = 0, line: int = 0, column: int = 0) -> YamlTree:
    """The reference loader: libyaml's composer, then :class:`_Builder` over the node graph.
    Same contract as :func:`parse_yaml`; slower, handles every input."""
    origin = _Origin(offset, line, column, text)
    if sum(text.count(c) for c in _NESTING_CHARS) > _NESTING_SCAN_THRESHOLD:
        _check_nesting(text, origin)
    py = _pyyaml()
    yaml = py.yaml
    try:
        root = yaml.compose(text, Loader=py.Loader)
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
        if py.Loader is not yaml.SafeLoader:  # libyaml reads UTF-8: its position is in bytes
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


def _check_nesting(text: str, origin: _Origin, loader: Any = None) -> None:
    """Reject nesting deeper than :data:`MAX_DEPTH` using the event stream (no recursion).

    Newer libyaml builds stop at their own nesting limit (1,000 levels) while scanning
    ahead, before the events reach ours. Then the pure-Python parser (no such limit, and
    it scans at most ~1,024 characters ahead) finds our limit's position, so the finding
    is the same whatever libyaml the machine has."""
    yaml = _pyyaml().yaml
    if loader is None:
        loader = _pyyaml().Loader
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # as the builder: the root collection is level 0
                    raise YamlTreeError(
                        f"nesting deeper than {MAX_DEPTH} levels", origin.point(event.start_mark)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader and "maximum nesting depth" in str(exc):
            _check_nesting(text, origin, yaml.SafeLoader)
        return  # compose will report the syntax error with its position


def _anchors_and_aliases(text: str, origin: _Origin) -> list[SyntaxNote]:
    notes: list[SyntaxNote] = []
    py = _pyyaml()
    yaml = py.yaml
    try:
        for event in yaml.parse(text, Loader=py.Loader):
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


def _ambiguity(text: str, tag: str) -> tuple[str, str] | None:
    """``(YAML 1.1 reading, YAML 1.2 reading)`` of a plain scalar that PyYAML resolved to
    ``tag``, when the two differ; ``None`` when they agree."""
    yaml12 = _yaml12_type(text)
    if tag == "str":
        if yaml12 != "str":
            return ("str", yaml12)
        if text in _YAML11_SPEC_BOOLS:
            # PyYAML and Psych read y/n as text, the YAML 1.1 spec (and go-yaml v2)
            # as booleans.
            return ("bool", "str")
        return None
    if yaml12 != tag or (tag in ("int", "float") and _YAML11_ONLY_NUMBER.search(text)):
        return (tag, yaml12)
    return None


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
            if isinstance(node, _pyyaml().ScalarNode):
                self._alias_budget -= len(node.value) // _ALIAS_CHARS_PER_VALUE
            if self._alias_budget < 0:
                raise YamlTreeError(
                    f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (a 'billion "
                    "laughs' pattern); records never need this",
                    self.origin.point(node.start_mark),
                )
        tag = _tag_name(node.tag)
        span = self.origin.span(node.start_mark, node.end_mark)
        py = _pyyaml()
        if isinstance(node, py.ScalarNode):
            style = node.style or None  # libyaml says "" for plain, PyYAML None
            self._record(path, NodeInfo(key_span, span, style, tag))
            return self._scalar(node, style, tag, path, span)
        if isinstance(node, py.SequenceNode):
            self._check_tag(tag, "seq", node)
            self._record(path, NodeInfo(key_span, span, None, "seq"))
            return [
                self.build(item, (*path, index), None, depth + 1, aliased)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, py.MappingNode)
        self._check_tag(tag, "map", node)
        self._record(path, NodeInfo(key_span, span, None, "map"))
        result: dict[str, Any] = {}
        key_spans: dict[str, Span] = {}
        # key -> slices of (nodes, ambiguities, duplicate keys) recorded for its value
        built: dict[str, tuple[int, int, int, int, int, int]] = {}
        for key_node, value_node in node.value:
            key_span_here = self.origin.span(key_node.start_mark, key_node.end_mark)
            if not isinstance(key_node, py.ScalarNode):
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
                readings = _ambiguity(text, tag)
                if readings is not None:
                    self.tree.ambiguities.append(Ambiguity(path, span, text, *readings))
            return text
        builder = _pyyaml().builders.get(tag)
        if builder is None:
            raise YamlTreeError(
                f"unsupported YAML tag {node.tag!r}; records use plain YAML values only",
                self.origin.point(node.start_mark),
            )
        if style is None:
            readings = _ambiguity(text, tag)
            if readings is not None:
                self.tree.ambiguities.append(Ambiguity(path, span, text, *readings))
        try:
            return builder(node)
        except (ValueError, OverflowError):
            # e.g. an int with more digits than Python converts; keep the text.
            return text


class _PyYaml:
    """PyYAML and what the loader takes from it, imported on first use (:func:`_pyyaml`):
    with the compiled loader, a record that needs neither the reference loader nor one of
    PyYAML's value builders never imports it (a fifth of a one-file run's start-up)."""

    def __init__(self) -> None:
        import yaml
        from yaml.constructor import SafeConstructor
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.yaml = yaml
        self.Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self.ScalarNode = ScalarNode
        self.SequenceNode = SequenceNode
        self.MappingNode = MappingNode
        constructor = SafeConstructor()
        self.builders: dict[str, Callable[[ScalarNode], Any]] = {
            tag: getattr(constructor, f"construct_yaml_{tag}") for tag in _BUILT_TAGS
        }
        # The resolver's table for plain scalars (first character -> [(tag suffix,
        # regexp)]), taken from the loader class itself so the fast paths resolve exactly
        # as the composer does.
        resolvers = self.Loader.yaml_implicit_resolvers
        self.implicit: dict[str, list[tuple[str, Any]]] = {
            first: [(_tag_name(tag), regexp) for tag, regexp in found]
            for first, found in resolvers.items()
            if first is not None
        }
        self.implicit_none: list[tuple[str, Any]] = [
            (_tag_name(tag), regexp) for tag, regexp in resolvers.get(None, [])
        ]


_PY: _PyYaml | None = None


def _pyyaml() -> _PyYaml:
    global _PY
    if _PY is None:
        _PY = _PyYaml()
    return _PY


_FULL_TAG = {suffix: _TAG_PREFIX + suffix for suffix in _BUILT_TAGS}
# Plain non-text scalars repeat a lot (`true`, `800`); their values are immutable.
_VALUE_CACHE: dict[tuple[str, str], Any] = {}
_VALUE_CACHE_LIMIT = 4096


# First characters of the plain scalars that :func:`_ambiguity` can flag when PyYAML reads
# them as text (YAML 1.2 booleans, nulls, numbers, .inf/.nan; YAML 1.1 y/n); "" is empty.
_MAYBE_TYPED = frozenset("tTfFnNyY~.+-0123456789") | {""}


def _resolve_plain(value: str) -> str:
    py = _PY or _pyyaml()
    for tag, regexp in py.implicit.get(value[:1], py.implicit_none):
        if regexp.match(value):
            return tag
    for tag, regexp in py.implicit_none:  # pragma: no cover - PyYAML has no wildcard resolver
        if regexp.match(value):
            return tag
    return "str"


def _plain_value(tag: str, text: str) -> Any:
    key = (tag, text)
    try:
        return _VALUE_CACHE[key]
    except KeyError:
        pass
    try:
        py = _pyyaml()
        value = py.builders[tag](py.ScalarNode(_FULL_TAG[tag], text))
    except (ValueError, OverflowError):
        value = text
    if len(_VALUE_CACHE) < _VALUE_CACHE_LIMIT:
        _VALUE_CACHE[key] = value
    return value


class _Fallback(Exception):
    """The fast path met something only the reference loader handles."""


class _EventMarks:
    """The marks of one document's values, for :meth:`NodeInfo.lazy` (the pure-Python fast
    path's; the compiled loader keeps them in C, ``_yamlc.Marks``): node ``n`` has its key's
    marks (or ``None``), its start and its end mark at ``3n``, ``3n + 1``, ``3n + 2``."""

    __slots__ = ("marks", "origin")

    def __init__(self, origin: _Origin) -> None:
        self.origin = origin
        self.marks: list[Any] = []

    def key_span(self, n: int) -> Span | None:
        key = self.marks[3 * n]
        return None if key is None else self.origin.span(*key)

    def value_span(self, n: int) -> Span:
        return self.origin.span(self.marks[3 * n + 1], self.marks[3 * n + 2])


def _parse_events(text: str, origin: _Origin) -> YamlTree | None:
    """The pure-Python fast path of :func:`parse_yaml`; ``None`` means "use the reference
    loader"."""
    py = _pyyaml()
    loader = py.Loader(text)
    try:
        return _build_from_events(loader.get_event, origin)
    except (_Fallback, py.yaml.YAMLError):
        return None
    finally:
        loader.dispose()


def _build_from_events(get: Callable[[], Any], origin: _Origin) -> YamlTree:
    source = _EventMarks(origin)
    marks = source.marks
    nodes: dict[FieldPath, NodeInfo] = {}
    tree = YamlTree(data=None, nodes=nodes)
    ambiguities = tree.ambiguities
    lazy = NodeInfo.lazy
    yaml = _pyyaml().yaml
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    text_tags = _TEXT_TAGS

    get()  # StreamStartEvent
    event = get()
    if type(event) is not yaml.DocumentStartEvent:
        return tree  # an empty stream: no document at all
    if event.version is not None or event.tags:
        raise _Fallback
    # One frame per open collection: [container, path, node, is_mapping, key, key marks].
    stack: list[list[Any]] = []
    root: Any = None

    def close(end_mark: Any) -> bool:
        """Close the innermost collection (its parent mapping then expects a key again);
        ``True`` when that was the root."""
        marks[3 * stack.pop()[2] + 2] = end_mark
        if stack and stack[-1][3]:
            stack[-1][4] = None
        return not stack

    while True:
        event = get()
        kind = type(event)
        if stack:
            frame = stack[-1]
            if frame[3]:  # in a mapping
                if frame[4] is None:  # expecting a key (or the end)
                    if kind is scalar_event:
                        key = event.value
                        if event.anchor is not None or event.tag is not None or key in frame[0]:
                            raise _Fallback
                        frame[4] = key
                        frame[5] = (event.start_mark, event.end_mark)
                        continue
                    if kind is not yaml.MappingEndEvent:
                        raise _Fallback  # a complex key or an alias
                    if close(event.end_mark):
                        break
                    continue
                key = frame[4]
                path: FieldPath = (*frame[1], key)
                key_marks = frame[5]
            else:
                if kind is yaml.SequenceEndEvent:
                    if close(event.end_mark):
                        break
                    continue
                path = (*frame[1], len(frame[0]))
                key_marks = None
        else:
            frame = None
            path = ()
            key_marks = None
        n = len(marks) // 3
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise _Fallback
            text = event.value
            style = event.style or None
            tag = _resolve_plain(text) if event.implicit[0] else "str"
            marks += (key_marks, event.start_mark, event.end_mark)
            nodes[path] = lazy(source, n, style, tag)
            if style is None and (
                tag not in text_tags or (tag == "str" and text[:1] in _MAYBE_TYPED)
            ):
                _note_ambiguity(ambiguities, path, source, n, text, tag)
            value: Any = text if tag in text_tags else _plain_value(tag, text)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                raise _Fallback
            is_mapping = kind is mapping_start
            value = {} if is_mapping else []
            marks += (key_marks, event.start_mark, None)
            nodes[path] = lazy(source, n, None, "map" if is_mapping else "seq")
        else:
            raise _Fallback  # an alias
        if frame is None:
            root = value
        elif frame[3]:
            frame[0][frame[4]] = value
            if kind is scalar_event:
                frame[4] = None
        else:
            frame[0].append(value)
        if kind is not scalar_event:
            stack.append([value, path, n, is_mapping, None, None])
        elif frame is None:
            break
    tree.data = root
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Fallback  # several documents: the reference loader reports it
    return tree


def _note_ambiguity(
    ambiguities: list[Ambiguity], path: FieldPath, source: Any, n: int, text: str, tag: str
) -> None:
    """Record plain scalar ``text`` (node ``n`` of ``source``) if YAML 1.1 and 1.2 read it
    differently (both fast paths call this)."""
    readings = _ambiguity(text, tag)
    if readings is not None:
        ambiguities.append(Ambiguity(path, source.value_span(n), text, *readings))


# ---------------------------------------------------------------- the compiled path


def _pyyaml_has_libyaml() -> bool:
    """Whether PyYAML's libyaml binding (``yaml._yaml``, what the reference loader runs on)
    is installed, seen without importing PyYAML."""
    spec = importlib.util.find_spec("yaml")
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        if any(n.startswith("_yaml.") and n.endswith(suffixes) for n in names):
            return True
    return False


def _pure_python_asked() -> bool:
    return os.environ.get("ARTICLELINT_PURE_PYTHON", "") not in ("", "0")


def _yamlc_is_stale(module: Any) -> bool:
    """Whether ``module`` was built from another ``_yamlc.c`` than the one beside it (a
    source checkout edited or updated after ``pip install -e .``). Installed from a wheel
    there is no source beside it, and nothing to compare."""
    source = os.path.join(os.path.dirname(__file__), "_yamlc.c")
    try:
        with open(source, "rb") as handle:
            text = handle.read()
    except OSError:
        return False
    import zlib

    return bool(zlib.crc32(text) & 0x7FFFFFFF != getattr(module, "SOURCE_CRC", None))


#: The compiled loader (``_yamlc``, built from C over libyaml when the machine could build
#: it; see README "Speed"), or ``None``: then the pure-Python fast path runs. It is used
#: only beside PyYAML's own libyaml binding (the reference loader), and never when
#: ``ARTICLELINT_PURE_PYTHON`` is set (to a non-empty value other than ``0``).
_yamlc: Any = None
if not _pure_python_asked() and _pyyaml_has_libyaml():
    try:
        # By name: the import graph (grimp, import-linter) sees no source for a C module and
        # would count `from articlelint.loading import _yamlc` as importing the package.
        _yamlc = importlib.import_module("articlelint.loading._yamlc")
    except ImportError:  # not built on this machine (no compiler or libyaml headers)
        _yamlc = None
    else:
        if _yamlc_is_stale(_yamlc):
            _yamlc = None
        else:
            _yamlc.configure(NodeInfo, _plain_value, _resolve_plain, _note_ambiguity)


def _parse_compiled(text: str, origin: _Origin) -> YamlTree | None:
    """The compiled fast path: the same tree as :func:`_parse_events`, built in C."""
    built = _yamlc.build(text, origin)
    if built is None:
        return None
    data, nodes, ambiguities = built
    return YamlTree(data, nodes, ambiguities=ambiguities)


_parse_fast: Callable[[str, _Origin], YamlTree | None] = (
    _parse_events if _yamlc is None else _parse_compiled
)


def _yamlc_built() -> bool:
    import importlib.util

    return importlib.util.find_spec("articlelint.loading._yamlc") is not None


def loading_path() -> str:
    """Which YAML loading path runs here, in words (``articlelint --version`` says it)."""
    if _yamlc is not None:
        version = ".".join(map(str, _yamlc.libyaml_version()))
        return f"compiled (articlelint's C tree builder on libyaml {version})"
    py = _pyyaml()
    if py.Loader is not py.yaml.SafeLoader:
        if _pure_python_asked():
            reason = "ARTICLELINT_PURE_PYTHON is set"
        elif _pyyaml_has_libyaml() and _yamlc_built():
            reason = (
                "the compiled module was built from an older `_yamlc.c`; "
                "rebuild it with `pip install -e .`"
            )
        elif _pyyaml_has_libyaml():
            reason = "the compiled module is not built"
        else:
            reason = "PyYAML's libyaml binding was not found"
        return f"pure Python (over PyYAML's libyaml events; {reason})"
    return "pure Python (PyYAML without libyaml)"
