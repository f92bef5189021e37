"""The record kinds of the learning and community sections, and records of other kinds.

News stories (``Article``, ``Video``) are in :mod:`articlelint.models.article`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, JsonValue

from articlelint.models._types import (
    MODEL_CONFIG,
    OPEN_MODEL_CONFIG,
    OptionalText,
    RawUrl,
    Text,
)
from articlelint.models.base import LearningFields, RecordFields
from articlelint.models.precheck import KIND_MODELS
from articlelint.models.provider import Provider

__all__ = ["Action", "Answer", "Book", "Collection", "Course", "Download", "Forum", "OtherRecord"]


class Course(LearningFields):
    """A course on another site (e.g. a Microsoft Learn module). No date."""

    type: Literal["course"] = Field(description="`course` for courses.")
    title: Text = Field(description="Name of the course.")
    web_url: RawUrl = Field(alias="webUrl", description="URL of the course page.")
    provider: Provider = Field(description="Who offers the course.")


class Book(LearningFields):
    """A book, linked to a shop or publisher page. No date."""

    type: Literal["book"] = Field(description="`book` for books.")
    title: Text = Field(description="Title of the book.")
    web_url: RawUrl = Field(alias="webUrl", description="URL of the book's page.")
    provider: Provider = Field(description="Shop or publisher; `authors` lists the authors.")


class Answer(LearningFields):
    """A short explainer ("What is ...?") linking to the page that answers it. No date."""

    type: Literal["answer"] = Field(description="`answer` for explainers.")
    title: Text = Field(description="The question.")
    web_url: RawUrl = Field(alias="webUrl", description="URL of the page that answers it.")


class Collection(LearningFields):
    """A list of other records of the site (a playlist, a learning path). No date, no URL."""

    type: Literal["collection"] = Field(description="`collection` for lists of records.")
    title: Text = Field(description="Name of the collection.")
    items: list[Text] = Field(
        description="The records it lists, as paths relative to the collection folder's "
        "parent, without suffix: `videos/how-to-get-started` is "
        "`_learning/videos/how-to-get-started.md` for `_learning/collections/x.md`."
    )


class Action(BaseModel):
    """One way to get a download: a link with a label."""

    model_config = MODEL_CONFIG

    url: RawUrl = Field(description="Absolute https URL of the file or its page.")
    type: OptionalText = Field(default=None, description="What the link is, e.g. `download`.")
    title: OptionalText = Field(default=None, description="Label of the link.")
    attribution: OptionalText = Field(default=None, description="Who hosts the file.")


class Download(LearningFields):
    """Something to download (a sample, a template), with the links to get it."""

    type: Literal["download"] = Field(description="`download` for downloads.")
    title: Text = Field(description="Name of the download.")
    original_url: RawUrl = Field(alias="originalUrl", description="URL of the download's page.")
    actions: list[Action] = Field(description="The links to get it.")


class Forum(RecordFields):
    """A community (a forum, a group) of the community section: `name`, not `title`."""

    type: Literal["forum"] = Field(description="`forum` for communities.")
    name: Text = Field(description="Name of the community.")
    members: int | None = Field(default=None, ge=0, description="How many members, 0 or more.")
    web_url: RawUrl = Field(alias="webUrl", description="URL of the community.")


#: In the JSON Schema, another kind is any text but the known kinds.
_KNOWN_KINDS: list[JsonValue] = [*sorted(KIND_MODELS)]


class OtherRecord(RecordFields):
    """A record of a kind articlelint has no model for: only the fields every record shares
    are checked (their types), and keys it does not know are allowed."""

    model_config = OPEN_MODEL_CONFIG

    type: Text = Field(
        description="The record's kind.",
        json_schema_extra={"not": {"enum": _KNOWN_KINDS}},
    )
