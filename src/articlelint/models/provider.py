"""The publisher a story comes from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from articlelint.models._types import MODEL_CONFIG, Text
from articlelint.models.image import Image

__all__ = ["Provider"]


class Provider(BaseModel):
    """Who published the story: a display name and its registrable domain."""

    model_config = MODEL_CONFIG

    name: Text = Field(description="Display name of the publisher, e.g. `ZDNet`.")
    domain: Text = Field(
        description="Registrable domain of the publisher, lower case, no `www.`: `zdnet.com`."
    )
    images: list[Image] | None = Field(default=None, description="Logos of the publisher.")
