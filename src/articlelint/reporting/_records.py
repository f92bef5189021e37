"""What reporters know of each record besides its findings: its kind, provider domain,
``publishedDateTime`` as written, and publication state.

The engine gathers these facts while it checks a record (``LintResult.records``); reporters
never read record files again for them. A result without them (a result built by hand, or
by an engine that gathers none) gives an empty mapping, and reports say "no data".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

__all__ = ["RecordFacts", "record_facts"]


class RecordFacts(NamedTuple):
    """One record's facts. ``None``: the record does not say (or could not be read)."""

    kind: str | None = None
    provider_domain: str | None = None
    published_date_time: str | None = None
    published: bool | None = None
    withdrawn: bool = False


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _facts_of(raw: Any) -> RecordFacts:
    published = getattr(raw, "published", None)
    return RecordFacts(
        kind=_text(getattr(raw, "kind", None)),
        provider_domain=_text(getattr(raw, "provider_domain", None)),
        published_date_time=_text(getattr(raw, "published_date_time", None)),
        published=published if isinstance(published, bool) else None,
        withdrawn=getattr(raw, "withdrawn", False) is True,
    )


def record_facts(result: Any) -> Mapping[str, RecordFacts]:
    """Path -> :class:`RecordFacts` for every record of ``result`` the engine described;
    empty when it described none."""
    records = getattr(result, "records", None)
    if not isinstance(records, Mapping) or not records:
        return {}
    return {path: _facts_of(raw) for path, raw in records.items()}
