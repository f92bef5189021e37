"""Field types shared by the models: raw text kept exactly as the file holds it."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, StringConstraints

__all__ = [
    "MODEL_CONFIG",
    "NON_BLANK",
    "OPEN_MODEL_CONFIG",
    "OptionalDateTime",
    "OptionalText",
    "OptionalUrl",
    "RawDateTime",
    "RawUrl",
    "Text",
]

#: Strict: ``quality: "70"`` is a wrong type, not silently 70; unknown keys are reported.
MODEL_CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)
#: The same, but keys the model does not know are allowed (records of a kind articlelint
#: has no model for: only the fields every record shares are checked).
OPEN_MODEL_CONFIG = ConfigDict(strict=True, extra="allow", frozen=True, defer_build=True)


def _datetime_as_text(value: Any) -> Any:
    # Pipelines may hand us datetime objects (PyYAML's default loader makes them);
    # lint them in their ISO form, which keeps a missing time zone visible.
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return value


#: Text that must have content: not ``''`` and not only blanks (``"   "``). Reported as
#: ``empty-value`` (AL104); exported to JSON Schema as ``minLength: 1`` and ``pattern: \S``.
NON_BLANK = StringConstraints(min_length=1, pattern=r"\S")
#: Text with content (titles, names, topics...): what a required text field holds.
Text = Annotated[str, NON_BLANK]

#: A URL as written. Not ``HttpUrl``: that adds slashes and percent-encodes, hiding the very
#: defects (spaces, ``http:``) the URL rules exist to report.
RawUrl = Annotated[str, NON_BLANK, "url"]
#: An RFC 3339 date-time as written; validated by the date rules, never normalised.
RawDateTime = Annotated[str, NON_BLANK, BeforeValidator(_datetime_as_text), "date-time"]

# Optional fields: an empty value (``''``, blanks, or ``key:`` with nothing after it) is
# the same as leaving the field out, so it is not a defect (``empty-value`` only reports
# required text that is empty). The rules that read these fields skip blank values.

#: Optional text (an excerpt, a price...), possibly empty.
OptionalText = Annotated[str, "text"] | None
#: An optional URL as written, possibly empty.
OptionalUrl = Annotated[str, "url"] | None
#: An optional RFC 3339 date-time as written, possibly empty.
OptionalDateTime = Annotated[str, BeforeValidator(_datetime_as_text), "date-time"] | None
