"""Field types shared by the models: raw text kept exactly as the file holds it."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, StringConstraints

__all__ = ["MODEL_CONFIG", "NON_BLANK", "RawDateTime", "RawUrl", "Text"]

#: Strict: ``quality: "70"`` is a wrong type, not silently 70; unknown keys are reported.
MODEL_CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


def _datetime_as_text(value: Any) -> Any:
    # Pipelines may hand us datetime objects (PyYAML's default loader makes them);
    # lint them in their ISO form, which keeps a missing time zone visible.
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return value


#: Text that must have content: not ``''`` and not only blanks (``"   "``). Reported as
#: ``empty-value`` (AL104); exported to JSON Schema as ``minLength: 1`` and ``pattern: \S``.
NON_BLANK = StringConstraints(min_length=1, pattern=r"\S")
#: Text with content (titles, names, topics...).
Text = Annotated[str, NON_BLANK]

#: A URL as written. Not ``HttpUrl``: that adds slashes and percent-encodes, hiding the very
#: defects (spaces, ``http:``) the URL rules exist to report.
RawUrl = Annotated[str, NON_BLANK, "url"]
#: An RFC 3339 date-time as written; validated by the date rules, never normalised.
RawDateTime = Annotated[str, NON_BLANK, BeforeValidator(_datetime_as_text), "date-time"]
