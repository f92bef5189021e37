"""Pydantic models of a news record. Public API: ``Article.model_validate(d)`` works on dicts.

The names are loaded on first use (module ``__getattr__``), so importing a pydantic-free
submodule such as :mod:`articlelint.models.precheck` does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports

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


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
