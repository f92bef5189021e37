"""The record itself: ``type`` decides its model. News stories are articles (``webUrl``)
and videos (``originalUrl``); the other kinds are in :mod:`articlelint.models.kinds`."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field, TypeAdapter

from articlelint.models._types import RawDateTime, RawUrl, Text
from articlelint.models.base import LearningFields, RecordFields
from articlelint.models.kinds import (
    Answer,
    Book,
    Collection,
    Course,
    Download,
    Forum,
    OtherRecord,
)
from articlelint.models.precheck import record_model_name
from articlelint.models.provider import Provider

__all__ = [
    "MODELS",
    "Article",
    "Record",
    "RecordBase",
    "Video",
    "json_schema",
    "model_for",
    "record_adapter",
]


class RecordBase(LearningFields):
    """A story (article or video): a title, a date and a provider are required. Learning
    articles and videos also give their `price`, `length`, `levels`..."""

    title: Text = Field(description="Headline, trimmed, at most about 110 characters.")
    published_date_time: RawDateTime = Field(
        alias="publishedDateTime",
        description="RFC 3339 date-time with a time zone, e.g. `2022-06-22T08:27:00Z`.",
    )
    provider: Provider = Field(description="Publisher of the story.")


class Article(RecordBase):
    """A written story. ``webUrl`` is required."""

    type: Literal["article"] = Field(description="`article` for written stories.")
    web_url: RawUrl = Field(alias="webUrl", description="Canonical https URL of the story.")


class Video(RecordBase):
    """A video story. ``originalUrl`` is required; ``webUrl`` is usually absent."""

    type: Literal["video"] = Field(description="`video` for video stories.")
    original_url: RawUrl = Field(
        alias="originalUrl", description="URL of the video page, e.g. on youtube.com."
    )


#: Every model a record validates against, by the name
#: :func:`articlelint.models.precheck.record_model_name` gives.
MODELS: dict[str, type[RecordFields]] = {
    "Article": Article,
    "Video": Video,
    "Course": Course,
    "Collection": Collection,
    "Book": Book,
    "Answer": Answer,
    "Download": Download,
    "Forum": Forum,
    "OtherRecord": OtherRecord,
}

_Known: TypeAlias = Article | Video | Course | Collection | Book | Answer | Download | Forum
#: A record of any kind articlelint has a model for, chosen by ``type``.
Record = Annotated[_Known, Field(discriminator="type")]

_ADAPTER: TypeAdapter[Any] | None = None


def record_adapter() -> TypeAdapter[Any]:
    """A cached ``TypeAdapter`` for :data:`Record`."""
    global _ADAPTER
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(Record)
    return _ADAPTER


def model_for(data: dict[str, Any]) -> type[RecordFields]:
    """The model a mapping validates against, by its ``type``: ``Article`` when there is
    none, ``OtherRecord`` (the shared fields only) for a kind without a model."""
    return MODELS[record_model_name(data)]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a record (``schemas/article.schema.json`` is this, checked in):
    one of the known kinds by ``type``, or a record of another kind (shared fields only)."""
    adapter: TypeAdapter[Any] = TypeAdapter(Record | OtherRecord)
    schema = adapter.json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://articlelint.dev/schemas/article.schema.json",
        "title": "News record",
        "description": "One record kept as YAML front matter (articlelint's model): a news "
        "story, a learning resource or a community, by its `type`.",
        **schema,
    }
