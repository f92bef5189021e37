"""A related story listed under a record."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from articlelint.models._types import (
    MODEL_CONFIG,
    OptionalDateTime,
    OptionalText,
    OptionalUrl,
    RawUrl,
    Text,
)
from articlelint.models.image import Image
from articlelint.models.provider import Provider

__all__ = ["RelatedStory"]


class RelatedStory(BaseModel):
    """Another outlet's story on the same subject, with optional AMP links."""

    model_config = MODEL_CONFIG

    title: Text = Field(description="Headline of the related story.")
    excerpt: OptionalText = Field(default=None, description="Short summary.")
    published_date_time: OptionalDateTime = Field(
        default=None,
        alias="publishedDateTime",
        description="RFC 3339 date-time with a time zone, e.g. `2022-06-21T16:58:00Z`.",
    )
    web_url: RawUrl = Field(alias="webUrl", description="Canonical https URL of the story.")
    amp_web_url: OptionalUrl = Field(
        default=None, alias="ampWebUrl", description="URL of the story's AMP page."
    )
    cdn_amp_web_url: OptionalUrl = Field(
        default=None,
        alias="cdnAmpWebUrl",
        description="The AMP page's URL on the Google AMP cache, derived from `ampWebUrl`.",
    )
    type: Literal["article", "video"] | None = Field(default=None, description="Kind of story.")
    provider: Provider | None = Field(default=None, description="Publisher of the story.")
    quality: int | None = Field(
        default=None, ge=0, description="Ranking score, 0 or more; higher is better."
    )
    images: list[Image] | None = Field(default=None, description="Pictures of the story.")
