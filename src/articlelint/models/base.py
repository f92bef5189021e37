"""The fields records share, whatever their kind (``type``), and the learning fields."""

from __future__ import annotations

from pydantic import BaseModel, Field

from articlelint.models._types import (
    MODEL_CONFIG,
    OptionalDateTime,
    OptionalText,
    OptionalUrl,
    Text,
)
from articlelint.models.image import Image
from articlelint.models.provider import Provider
from articlelint.models.related import RelatedStory

__all__ = ["LearningFields", "Ratings", "RecordFields"]


class RecordFields(BaseModel):
    """Every field of the format that means the same on every kind of record, all optional.

    Each kind's model (``Article``, ``Course``, ...) makes some of them required and adds
    its own; a record of a kind articlelint has no model for is checked against these
    alone (``OtherRecord``)."""

    model_config = MODEL_CONFIG

    category: OptionalText = Field(default=None, description="Section of the site, e.g. `news`.")
    title: OptionalText = Field(
        default=None, description="Headline, trimmed, at most about 110 characters."
    )
    excerpt: OptionalText = Field(default=None, description="Short summary shown under the title.")
    published_date_time: OptionalDateTime = Field(
        default=None,
        alias="publishedDateTime",
        description="RFC 3339 date-time with a time zone, e.g. `2022-06-22T08:27:00Z`.",
    )
    original_url: OptionalUrl = Field(
        default=None, alias="originalUrl", description="URL the story was first found at."
    )
    web_url: OptionalUrl = Field(
        default=None, alias="webUrl", description="Canonical https URL of the story."
    )
    amp_web_url: OptionalUrl = Field(
        default=None, alias="ampWebUrl", description="URL of the story's AMP page."
    )
    cdn_amp_web_url: OptionalUrl = Field(
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
    removed: bool | None = Field(
        default=None,
        description="`true` marks a record withdrawn by the site (with `published: false`).",
    )
    featured_content: OptionalText = Field(
        default=None, alias="featuredContent", description="Embedded player HTML (videos)."
    )
    provider: Provider | None = Field(default=None, description="Publisher of the story.")
    topics: list[Text] | None = Field(default=None, description="Topic names, each once.")
    tags: list[Text] | None = Field(default=None, description="Free-form tags.")
    images: list[Image] | None = Field(default=None, description="Pictures of the story.")
    related: list[RelatedStory] | None = Field(
        default=None, description="Other outlets' stories, highest `quality` first."
    )
    secured: OptionalText = Field(
        default=None, description="Opaque signature: `base64(ciphertext);base64(16-byte IV)`."
    )


class Ratings(BaseModel):
    """Readers' ratings of a course or a book, as the provider shows them."""

    model_config = MODEL_CONFIG

    count: int = Field(ge=0, description="How many ratings, 0 or more.")
    average: float = Field(
        description="The average rating, on the scale of the `value-out-of-range` options "
        "(default 0 to 5)."
    )


class LearningFields(RecordFields):
    """The fields of learning material (videos, courses, collections, books...)."""

    price: OptionalText = Field(default=None, description="Price as shown, e.g. `Free`, `$22.00`.")
    length: OptionalText = Field(
        default=None,
        description="How long it takes: an ISO 8601 duration such as `PT13M34S` or `PT2H23M`.",
    )
    ratings: Ratings | None = Field(default=None, description="Readers' ratings.")
    levels: list[Text] | None = Field(
        default=None, description="Who it is for: `Beginner`, `Intermediate`, `Advanced`."
    )
