"""What loading produces: a :class:`Document` (data plus positions) or a :class:`LoadError`."""

from __future__ import annotations

from typing import Any, NamedTuple

from articlelint._values import Struct
from articlelint.diagnostics import FieldPath, Span

__all__ = ["Ambiguity", "Document", "DuplicateKey", "LoadError", "NodeInfo", "SyntaxNote"]


class NodeInfo:
    """Where one value sits in the file.

    ``key`` is the span of the mapping key (``None`` for list items and the root),
    ``value`` the span of the value node. ``style`` is the scalar style: ``None`` for
    plain scalars and collections, ``"'"`` or ``'"'`` for quoted, ``"|"``/``">"`` for block.
    ``tag`` is the resolved YAML tag suffix (``str``, ``int``, ``bool``, ``timestamp``,
    ``map``, ``seq``, ...).

    The loader builds one per value but most are never asked for a position, so spans are
    made on first access (:meth:`lazy`): ``source.key_span(n)`` and ``source.value_span(n)``
    of the document's marks table (yamltree's, or the compiled loader's); a value object
    otherwise.
    """

    __slots__ = ("_key", "_n", "_src", "_value", "style", "tag")

    def __init__(self, key: Span | None, value: Span, style: str | None, tag: str) -> None:
        self._key = key
        self._value: Span | None = value
        self._src: Any = None
        self._n = 0
        self.style = style
        self.tag = tag

    @classmethod
    def lazy(cls, source: Any, n: int, style: str | None, tag: str) -> NodeInfo:
        """A node whose spans ``source`` makes when first needed (its node ``n``)."""
        info = cls.__new__(cls)
        info._key = None
        info._value = None
        info._src = source
        info._n = n
        info.style = style
        info.tag = tag
        return info

    @property
    def key(self) -> Span | None:
        if self._key is None and self._src is not None:
            self._key = self._src.key_span(self._n)
        return self._key

    @property
    def value(self) -> Span:
        value = self._value
        if value is None:
            value = self._value = self._src.value_span(self._n)
        return value

    def _astuple(self) -> tuple[Span | None, Span, str | None, str]:
        return (self.key, self.value, self.style, self.tag)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NodeInfo):
            return NotImplemented
        return self._astuple() == other._astuple()

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __repr__(self) -> str:
        return (
            f"NodeInfo(key={self.key!r}, value={self.value!r}, "
            f"style={self.style!r}, tag={self.tag!r})"
        )


class DuplicateKey(NamedTuple):
    """A key given twice in one mapping. ``replaced``: the mapping itself sits in a value
    that a later duplicate key replaced, so the record does not hold ``field``."""

    field: FieldPath
    first: Span
    second: Span
    replaced: bool = False


class Ambiguity(NamedTuple):
    """A plain scalar that YAML 1.1 and YAML 1.2 resolve to different types."""

    field: FieldPath
    span: Span
    text: str
    yaml11: str
    yaml12: str


class SyntaxNote(NamedTuple):
    """A YAML feature the record should not use (anchors, aliases), at its position."""

    kind: str  # "anchor" | "alias"
    name: str
    span: Span


class Document(Struct):
    """A loaded record: the decoded text, the front-matter data, and where each value is.

    ``text`` is the whole file exactly as decoded (BOM and CRLF included); spans index it.
    ``nodes`` maps every field path present in the data to its :class:`NodeInfo`; the root
    mapping is at ``()``.
    """

    __slots__ = (
        "ambiguities",
        "bom",
        "data",
        "duplicate_keys",
        "front_matter",
        "nodes",
        "path",
        "syntax_notes",
        "text",
    )
    _compared = (
        "path",
        "text",
        "data",
        "nodes",
        "bom",
        "front_matter",
        "duplicate_keys",
        "ambiguities",
        "syntax_notes",
    )

    def __init__(
        self,
        path: str,
        text: str,
        data: dict[str, Any],
        nodes: dict[FieldPath, NodeInfo],
        bom: bool = False,
        front_matter: Span | None = None,
        duplicate_keys: list[DuplicateKey] | None = None,
        ambiguities: list[Ambiguity] | None = None,
        syntax_notes: list[SyntaxNote] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.nodes = nodes
        self.bom = bom
        self.front_matter = front_matter
        self.duplicate_keys: list[DuplicateKey] = [] if duplicate_keys is None else duplicate_keys
        self.ambiguities: list[Ambiguity] = [] if ambiguities is None else ambiguities
        self.syntax_notes: list[SyntaxNote] = [] if syntax_notes is None else syntax_notes

    def locate(self, path: FieldPath, *, key: bool = False) -> Span:
        """The span for ``path``; for a path that is absent, the nearest present ancestor."""
        probe = path
        while True:
            info = self.nodes.get(probe)
            if info is not None:
                if probe != path:
                    # Absent field: point at the parent's key when it has one, else its value.
                    return info.key or info.value
                if key and info.key is not None:
                    return info.key
                return info.value
            if not probe:
                break
            probe = probe[:-1]
        return self.front_matter or Span(1, 1, 1, 1, 0, 0)


class LoadError(NamedTuple):
    """Why a file could not become a :class:`Document`. A value, never raised.

    ``code`` is the rule that reports it (``AL001``, ``AL002``, ``AL003``).
    """

    path: str
    code: str
    message: str
    span: Span = Span(1, 1, 1, 1, 0, 0)
    text: str | None = None
