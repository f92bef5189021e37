"""Helpers for the value classes (no :mod:`dataclasses` on the start-up path).

:mod:`dataclasses` imports :mod:`inspect` and builds each class by generating and
``exec``-ing code: together ~50 ms of a one-file run. Immutable values are
:class:`typing.NamedTuple` classes instead (created in a fraction of the time, and as quick
to instantiate); mutable ones are plain slotted classes that derive from :class:`Struct`
for a dataclass-like ``==`` and ``repr``.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Struct", "same_type_eq"]


def same_type_eq(self: tuple[Any, ...], other: object) -> bool | Any:
    """``==`` for a :class:`~typing.NamedTuple` that equals only its own type.

    A plain named tuple equals any tuple with the same items (``ReplaceValue(f, "x") ==
    ReplaceKey(f, "x")``). Against another tuple of a different type this is ``False``;
    against anything else ``NotImplemented`` (the other side decides, as for a dataclass).
    """
    if type(other) is type(self):
        return tuple.__eq__(self, other)
    return False if isinstance(other, tuple) else NotImplemented


class Struct:
    """A mutable, slotted record: ``==`` compares the same type field by field (those in
    ``_compared``) and ``repr`` shows them, like a dataclass. ``__hash__`` is ``None``."""

    __slots__ = ()
    #: The attributes that ``==`` and ``repr`` use, in order.
    _compared: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._compared)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{type(self).__qualname__}({fields})"
