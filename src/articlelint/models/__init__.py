"""Pydantic models of a news record. Public API: ``Article.model_validate(d)`` works on dicts."""

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
