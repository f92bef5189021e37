"""The record itself: an article (has ``webUrl``) or a video (has ``originalUrl``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from articlelint.models._types import MODEL_CONFIG, RawDateTime, RawUrl, Text
from articlelint.models.image import Image
from articlelint.models.precheck import record_model_name
from articlelint.models.provider import Provider
from articlelint.models.related import RelatedStory

__all__ = [
    "Article",
    "Record",
    "RecordBase",
    "Video",
    "json_schema",
    "model_for",
    "record_adapter",
]


class RecordBase(BaseModel):
    """Fields every record has, whatever its ``type``."""

    model_config = MODEL_CONFIG

    category: Text | None = Field(default=None, description="Section of the site, e.g. `news`.")
    title: Text = Field(description="Headline, trimmed, at most about 110 characters.")
    excerpt: Text | None = Field(default=None, description="Short summary shown under the title.")
    published_date_time: RawDateTime = Field(
        alias="publishedDateTime",
        description="RFC 3339 date-time with a time zone, e.g. `2022-06-22T08:27:00Z`.",
    )
    original_url: RawUrl | None = Field(
        default=None, alias="originalUrl", description="URL the story was first found at."
    )
    web_url: RawUrl | None = Field(
        default=None, alias="webUrl", description="Canonical https URL of the story."
    )
    amp_web_url: RawUrl | None = Field(
        default=None, alias="ampWebUrl", description="URL of the story's AMP page."
    )
    cdn_amp_web_url: RawUrl | None = Field(
        default=None, alias="cdnAmpWebUrl", description="The AMP page on the Google AMP cache."
    )
    quality: int | None = Field(
        default=None, ge=0, description="Ranking score, 0 or more; higher is better."
    )
    heat: int | None = Field(
        default=None,
        ge=-1,
        description="Trending score, 0 or more; `-1` marks a story withdrawn from display.",
    )
    published: bool | None = Field(
        default=None, description="Whether the story is shown; `false` hides it."
    )
    featured_content: Text | None = Field(
        default=None, alias="featuredContent", description="Embedded player HTML (videos)."
    )
    provider: Provider = Field(description="Publisher of the story.")
    topics: list[Text] | None = Field(default=None, description="Topic names, each once.")
    images: list[Image] | None = Field(default=None, description="Pictures of the story.")
    related: list[RelatedStory] | None = Field(
        default=None, description="Other outlets' stories, highest `quality` first."
    )
    secured: Text | None = Field(
        default=None, description="Opaque signature: `base64(ciphertext);base64(16-byte IV)`."
    )


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


#: Either kind of record, chosen by ``type``.
Record = Annotated[Article | Video, Field(discriminator="type")]

_ADAPTER: TypeAdapter[Article | Video] | None = None


def record_adapter() -> TypeAdapter[Article | Video]:
    """A cached ``TypeAdapter`` for :data:`Record` (for JSON Schema export)."""
    global _ADAPTER
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(Record)
    return _ADAPTER


def model_for(data: dict[str, Any]) -> type[Article] | type[Video]:
    """The model a mapping validates against: ``Video`` for ``type: video``, else ``Article``."""
    return Video if record_model_name(data) == "Video" else Article


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a record (``schemas/article.schema.json`` is this, checked in)."""
    schema = record_adapter().json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://articlelint.dev/schemas/article.schema.json",
        "title": "News record",
        "description": "One news story kept as YAML front matter (articlelint's model).",
        **schema,
    }
