"""Fix intents: what a rule says should change, without knowing where it is in the file.

Rules never compute offsets. A rule attaches a :class:`FixIntent` to a
:class:`~articlelint.rules.base.Problem`: a message, ``safe`` or ``unsafe``, and one or
more position-free changes ("replace the value at ``webUrl`` by this text", "quote the
scalar at ``topics[0]``", "delete the byte-order mark"). The engine resolves the intent
against the file's :class:`~articlelint.loading.Document` into offset
:class:`~articlelint.diagnostics.Edit` objects (:func:`articlelint.yamledit.resolve_fix`),
writing each new value in the style the file already uses.

*Safe* fixes keep what the record means (to every YAML reader and to the record model);
*unsafe* ones change it (a different URL) and are only applied with ``--unsafe-fixes``.
"""

from __future__ import annotations

from typing import NamedTuple

from articlelint._values import same_type_eq
from articlelint.diagnostics import FieldPath

__all__ = [
    "SAFE",
    "UNSAFE",
    "Change",
    "DeleteBom",
    "FixIntent",
    "QuoteValue",
    "ReplaceKey",
    "ReplaceValue",
    "ScalarValue",
]

SAFE = "safe"
UNSAFE = "unsafe"

#: The values a fix can write: text, or a YAML boolean, number or null.
ScalarValue = str | bool | int | float | None


class ReplaceValue(NamedTuple):
    """Replace the scalar at ``field`` by ``value``.

    Text is written in the scalar's current style: a double-quoted value stays
    double-quoted (escaped as needed), a single-quoted one single-quoted when it can be,
    and a plain one stays plain only when the new text reads back as the same kind of
    value in YAML 1.1 and 1.2 (else it is double-quoted). Booleans, numbers and ``None``
    are written as plain YAML (``true``, ``10``, ``null``).
    """

    field: FieldPath
    value: ScalarValue

    def __eq__(self, other: object) -> bool:
        return same_type_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((ReplaceValue, *self))


class QuoteValue(NamedTuple):
    """Double-quote the plain scalar at ``field``, keeping its text (``no`` -> ``"no"``)."""

    field: FieldPath

    def __eq__(self, other: object) -> bool:
        return same_type_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((QuoteValue, *self))


class ReplaceKey(NamedTuple):
    """Rename the mapping key of ``field`` to ``key`` (its value and position stay)."""

    field: FieldPath
    key: str

    def __eq__(self, other: object) -> bool:
        return same_type_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((ReplaceKey, *self))


class DeleteBom:
    """Delete the UTF-8 byte-order mark at the start of the file."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is DeleteBom or NotImplemented

    def __hash__(self) -> int:
        return hash(DeleteBom)

    def __repr__(self) -> str:
        return "DeleteBom()"


Change = ReplaceValue | QuoteValue | ReplaceKey | DeleteBom


class FixIntent(NamedTuple):
    """A position-free fix: what to change, why, and whether it keeps the meaning.

    All ``changes`` are applied together or not at all.
    """

    message: str
    changes: tuple[Change, ...]
    applicability: str = SAFE

    def __eq__(self, other: object) -> bool:
        return same_type_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((FixIntent, *self))

    @classmethod
    def safe(cls, message: str, *changes: Change) -> FixIntent:
        return cls(message, changes, SAFE)

    @classmethod
    def unsafe(cls, message: str, *changes: Change) -> FixIntent:
        return cls(message, changes, UNSAFE)
