"""Pydantic models of a news record. Public API: ``Article.model_validate(d)`` works on dicts.

The names are loaded on first use (module ``__getattr__``), so importing a pydantic-free
submodule such as :mod:`articlelint.models.precheck` does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from articlelint.models.article import (
        Article,
        Record,
        RecordBase,
        Video,
        json_schema,
        model_for,
        record_adapter,
    )
    from articlelint.models.image import Image
    from articlelint.models.provider import Provider
    from articlelint.models.related import RelatedStory

__all__ = [
    "Article",
    "Image",
    "Provider",
    "Record",
    "RecordBase",
    "RelatedStory",
    "Video",
    "json_schema",
    "model_for",
    "record_adapter",
]

_LAZY = {
    "Article": "articlelint.models.article",
    "Record": "articlelint.models.article",
    "RecordBase": "articlelint.models.article",
    "Video": "articlelint.models.article",
    "json_schema": "articlelint.models.article",
    "model_for": "articlelint.models.article",
    "record_adapter": "articlelint.models.article",
    "Image": "articlelint.models.image",
    "Provider": "articlelint.models.provider",
    "RelatedStory": "articlelint.models.related",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'articlelint.models' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
