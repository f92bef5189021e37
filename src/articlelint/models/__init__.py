"""Pydantic models of a record. Public API: ``Article.model_validate(d)`` works on dicts;
``model_for(d)`` is the model ``d``'s ``type`` calls for.

The names are loaded on first use (module ``__getattr__``), so importing a pydantic-free
submodule such as :mod:`articlelint.models.precheck` does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports

if TYPE_CHECKING:
    from articlelint.models.article import (
        MODELS,
        Article,
        Record,
        RecordBase,
        Video,
        json_schema,
        model_for,
        record_adapter,
    )
    from articlelint.models.base import LearningFields, Ratings, RecordFields
    from articlelint.models.image import Image
    from articlelint.models.kinds import (
        Action,
        Answer,
        Book,
        Collection,
        Course,
        Download,
        Forum,
        OtherRecord,
    )
    from articlelint.models.provider import Author, Provider, Publisher
    from articlelint.models.related import RelatedStory

__all__ = [
    "MODELS",
    "Action",
    "Answer",
    "Article",
    "Author",
    "Book",
    "Collection",
    "Course",
    "Download",
    "Forum",
    "Image",
    "LearningFields",
    "OtherRecord",
    "Provider",
    "Publisher",
    "Ratings",
    "Record",
    "RecordBase",
    "RecordFields",
    "RelatedStory",
    "Video",
    "json_schema",
    "model_for",
    "record_adapter",
]

_LAZY = {
    **dict.fromkeys(
        ("MODELS", "Article", "Record", "RecordBase", "Video", "json_schema", "model_for"),
        "articlelint.models.article",
    ),
    "record_adapter": "articlelint.models.article",
    **dict.fromkeys(("LearningFields", "Ratings", "RecordFields"), "articlelint.models.base"),
    **dict.fromkeys(
        ("Action", "Answer", "Book", "Collection", "Course", "Download", "Forum", "OtherRecord"),
        "articlelint.models.kinds",
    ),
    "Image": "articlelint.models.image",
    "Author": "articlelint.models.provider",
    "Provider": "articlelint.models.provider",
    "Publisher": "articlelint.models.provider",
    "RelatedStory": "articlelint.models.related",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
