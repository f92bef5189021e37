"""Where things live in a record: helpers every rule family shares.

Each iterator yields ``(field path, value)`` for values that are present, whatever their
type; rules decide what a wrong type means (usually: nothing, the schema rules report it).

:func:`stories` and :func:`images` are the same walks done once per record and shared by
the rule families that visit the same values (URL, text, image, consistency and date
rules each walked the record's related stories again before).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from articlelint.diagnostics import FieldPath

if TYPE_CHECKING:
    from articlelint.rules.base import Record

__all__ = [
    "STORY_URL_FIELDS",
    "get_path",
    "images",
    "iter_dates",
    "iter_images",
    "iter_stories",
    "iter_urls",
    "stories",
]

#: URL fields of a story (the record itself or a related story).
STORY_URL_FIELDS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")


def _mappings(value: Any, prefix: FieldPath) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            # `type() is dict` first: the ABC check is slow, and loaded records hold dicts.
            if type(item) is dict or isinstance(item, Mapping):
                yield (*prefix, index), item


def iter_stories(data: Mapping[str, Any]) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    """The record itself at ``()``, then each related story at ``("related", i)``."""
    yield (), data
    yield from _mappings(data.get("related"), ("related",))


def stories(record: Record) -> tuple[tuple[FieldPath, Mapping[str, Any]], ...]:
    """:func:`iter_stories` of the record's data, walked once per record."""
    return record.memo("stories", lambda: tuple(iter_stories(record.data)))


def images(record: Record) -> tuple[tuple[FieldPath, Mapping[str, Any]], ...]:
    """:func:`iter_images` of the record's data, walked once per record."""
    return record.memo("images", lambda: tuple(_images(stories(record))))


def iter_images(data: Mapping[str, Any]) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    """Every image mapping: the stories' ``images``, their providers' ``images`` and those
    of the providers' ``publishers``."""
    return _images(iter_stories(data))


def _images(
    walked: Iterator[tuple[FieldPath, Mapping[str, Any]]]
    | tuple[tuple[FieldPath, Mapping[str, Any]], ...],
) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    for story_path, story in walked:
        yield from _mappings(story.get("images"), (*story_path, "images"))
        provider = story.get("provider")
        if type(provider) is dict or isinstance(provider, Mapping):
            provider_path = (*story_path, "provider")
            yield from _mappings(provider.get("images"), (*provider_path, "images"))
            for publisher_path, publisher in _mappings(
                provider.get("publishers"), (*provider_path, "publishers")
            ):
                yield from _mappings(publisher.get("images"), (*publisher_path, "images"))


def iter_urls(
    data: Mapping[str, Any], record: Record | None = None
) -> Iterator[tuple[FieldPath, Any]]:
    """Every URL field: story links, then image URLs, in file order per story, then the
    links of a download's ``actions``. With ``record`` (whose data ``data`` is), the
    record's shared walks are used."""
    walked = iter_stories(data) if record is None else stories(record)
    for story_path, story in walked:
        for name in STORY_URL_FIELDS:
            if name in story:
                yield (*story_path, name), story[name]
    for image_path, image in iter_images(data) if record is None else images(record):
        if "url" in image:
            yield (*image_path, "url"), image["url"]
    for action_path, action in _mappings(data.get("actions"), ("actions",)):
        if "url" in action:
            yield (*action_path, "url"), action["url"]


def iter_dates(
    data: Mapping[str, Any], record: Record | None = None
) -> Iterator[tuple[FieldPath, Any]]:
    """Every ``publishedDateTime``: the record's and each related story's (with ``record``,
    whose data ``data`` is, over the record's shared walk)."""
    for story_path, story in iter_stories(data) if record is None else stories(record):
        if "publishedDateTime" in story:
            yield (*story_path, "publishedDateTime"), story["publishedDateTime"]


def get_path(data: Any, path: FieldPath) -> Any:
    """The value at ``path``, or ``None`` when any step is absent."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not -len(data) <= part < len(data):
                return None
        elif not isinstance(data, Mapping) or part not in data:
            return None
        data = data[part]
    return data
