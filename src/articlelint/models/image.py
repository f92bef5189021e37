"""An image attached to a story or a provider."""

from __future__ import annotations

from pydantic import BaseModel, Field

from articlelint.models._types import MODEL_CONFIG, OptionalText, RawUrl

__all__ = ["Image"]


class Image(BaseModel):
    """One picture: where it is and how large it is."""

    model_config = MODEL_CONFIG

    url: RawUrl = Field(description="Absolute https URL of the image file.")
    width: int | None = Field(default=None, gt=0, description="Width in pixels.")
    height: int | None = Field(default=None, gt=0, description="Height in pixels.")
    is_cached: bool | None = Field(
        default=None, alias="isCached", description="Whether the aggregator holds a cached copy."
    )
    title: OptionalText = Field(
        default=None, description="Caption or alternative text, e.g. the book's title."
    )
