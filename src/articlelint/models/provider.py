"""The publisher a story comes from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from articlelint.models._types import MODEL_CONFIG, OptionalText, Text
from articlelint.models.image import Image

__all__ = ["Author", "Provider", "Publisher"]


class Author(BaseModel):
    """A person credited by the provider (a book's author)."""

    model_config = MODEL_CONFIG

    name: Text = Field(description="The author's name, e.g. `Francois Chollet`.")


class Provider(BaseModel):
    """Who published the story: a display name and its registrable domain."""

    model_config = MODEL_CONFIG

    name: Text = Field(description="Display name of the publisher, e.g. `ZDNet`.")
    domain: Text = Field(
        description="Registrable domain of the publisher, lower case, no `www.`: `zdnet.com`."
    )
    images: list[Image] | None = Field(
        default=None,
        description="Logos of the publisher (often site-relative: `/assets/images/...`).",
    )
    authors: list[Author] | None = Field(
        default=None, description="People the provider credits (books)."
    )
    publishers: list[Publisher] | None = Field(
        default=None,
        description="Organisations that publish through this provider (a course on "
        "Coursera by `deeplearning.ai`).",
    )


class Publisher(BaseModel):
    """An organisation publishing through a provider (a university on Coursera). Its
    `domain` is optional: scrapers often do not know it (half of the publishers of one
    real site's courses have `domain:` with nothing after it)."""

    model_config = MODEL_CONFIG

    name: Text = Field(description="Display name of the publisher, e.g. `Stanford`.")
    domain: OptionalText = Field(
        default=None, description="Registrable domain of the publisher, e.g. `stanford.edu`."
    )
    images: list[Image] | None = Field(default=None, description="Logos of the publisher.")
