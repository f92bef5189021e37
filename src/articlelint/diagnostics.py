"""The values that flow out of the engine: severities, spans, fixes and diagnostics.

Everything here is a plain, immutable value (a :class:`~typing.NamedTuple`: cheap to
create at start-up, see :mod:`articlelint._values`). Rules never build a :class:`Diagnostic`
themselves: they yield :class:`~articlelint.rules.base.Problem` objects with a field path,
and the engine stamps position and severity (see :mod:`articlelint.engine.check`).
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from articlelint._values import same_type_eq

__all__ = [
    "Diagnostic",
    "Edit",
    "FieldPath",
    "Fix",
    "Severity",
    "Span",
    "render_field",
]

#: A path into a record: mapping keys are ``str``, list indexes are ``int``.
FieldPath = tuple[str | int, ...]


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ``info`` < ``warning`` < ``error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Span(NamedTuple):
    """A region of a file. Lines and columns are 1-based and count characters;
    ``start``/``end`` are 0-based character offsets into the whole decoded text."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (character offsets in the original text) by ``content``."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    """A proposed change: ``safe`` fixes keep the record's meaning, ``unsafe`` ones change it."""

    applicability: str  # "safe" | "unsafe"
    message: str
    edits: tuple[Edit, ...]

    def __eq__(self, other: object) -> bool:
        return same_type_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((Fix, *self))

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.edits],
        }


def render_field(path: FieldPath) -> str | None:
    """Render ``("related", 3, "webUrl")`` as ``related[3].webUrl``; ``()`` as ``None``."""
    if not path:
        return None
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)


class Diagnostic(NamedTuple):
    """One finding, with everything a reporter needs.

    Equal to another :class:`Diagnostic` with the same fields, whatever its ``fix``.
    """

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    field: str | None = None
    fix: Fix | None = None  # not compared

    def __eq__(self, other: object) -> bool:
        if type(other) is Diagnostic:
            return self[:10] == other[:10]
        return False if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:10])

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.field or "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "field": self.field,
            "fix": self.fix.to_dict() if self.fix else None,
        }
