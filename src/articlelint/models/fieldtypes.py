"""What kind of scalar the record model expects at a field path (for fixes that must not
change a value's type)."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel

from articlelint.diagnostics import FieldPath
from articlelint.models.article import model_for

__all__ = ["expected_scalar"]

_KINDS: dict[Any, str] = {str: "str", bool: "bool", int: "int", float: "float"}


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated[...]`` and ``X | None``; ``None`` when several types remain."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return None
            annotation = options[0]
        else:
            return annotation


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (info.alias, name):
            return info.annotation
    return None


def expected_scalar(data: Mapping[str, Any], path: FieldPath) -> str | None:
    """``"str"``, ``"bool"``, ``"int"`` or ``"float"`` for the scalar the model wants at
    ``path`` (``Literal`` choices of text count as ``"str"``); ``None`` when the path is
    not a known scalar field."""
    annotation: Any = model_for(dict(data))
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            if typing.get_origin(annotation) is not list:
                return None
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = _field(annotation, part)
        else:
            return None
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is Literal:
        choices = typing.get_args(annotation)
        return "str" if all(isinstance(c, str) for c in choices) else None
    return _KINDS.get(annotation)
