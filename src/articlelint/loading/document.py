"""What loading produces: a :class:`Document` (data plus positions) or a :class:`LoadError`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from articlelint.diagnostics import FieldPath, Span

__all__ = ["Ambiguity", "Document", "DuplicateKey", "LoadError", "NodeInfo", "SyntaxNote"]


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """Where one value sits in the file.

    ``key`` is the span of the mapping key (``None`` for list items and the root),
    ``value`` the span of the value node. ``style`` is the scalar style: ``None`` for
    plain scalars and collections, ``"'"`` or ``'"'`` for quoted, ``"|"``/``">"`` for block.
    ``tag`` is the resolved YAML tag suffix (``str``, ``int``, ``bool``, ``timestamp``,
    ``map``, ``seq``, ...).
    """

    key: Span | None
    value: Span
    style: str | None
    tag: str


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A key given twice in one mapping. ``replaced``: the mapping itself sits in a value
    that a later duplicate key replaced, so the record does not hold ``field``."""

    field: FieldPath
    first: Span
    second: Span
    replaced: bool = False


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A plain scalar that YAML 1.1 and YAML 1.2 resolve to different types."""

    field: FieldPath
    span: Span
    text: str
    yaml11: str
    yaml12: str


@dataclass(frozen=True, slots=True)
class SyntaxNote:
    """A YAML feature the record should not use (anchors, aliases), at its position."""

    kind: str  # "anchor" | "alias"
    name: str
    span: Span


@dataclass(slots=True)
class Document:
    """A loaded record: the decoded text, the front-matter data, and where each value is.

    ``text`` is the whole file exactly as decoded (BOM and CRLF included); spans index it.
    ``nodes`` maps every field path present in the data to its :class:`NodeInfo`; the root
    mapping is at ``()``.
    """

    path: str
    text: str
    data: dict[str, Any]
    nodes: dict[FieldPath, NodeInfo]
    bom: bool = False
    front_matter: Span | None = None
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    syntax_notes: list[SyntaxNote] = field(default_factory=list)

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


@dataclass(frozen=True, slots=True)
class LoadError:
    """Why a file could not become a :class:`Document`. A value, never raised.

    ``code`` is the rule that reports it (``AL001``, ``AL002``, ``AL003``).
    """

    path: str
    code: str
    message: str
    span: Span = dataclasses.field(default_factory=lambda: Span(1, 1, 1, 1, 0, 0))
    text: str | None = None
