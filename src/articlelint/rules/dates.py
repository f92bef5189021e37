"""AL3xx: dates — RFC 3339, with a time zone, on the calendar."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from articlelint.diagnostics import FieldPath, Severity
from articlelint.rules._fields import iter_dates
from articlelint.rules.base import Problem, Record, Rule

__all__ = [
    "ImpossibleDate",
    "InvalidDateFormat",
    "MissingTimezone",
    "ParsedDate",
    "parse_date",
]

# RFC 3339 section 5.6 `date-time` (with `T`; lower-case `t`/`z` allowed as the RFC says).
_RFC3339 = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"[Tt](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?P<fraction>\.[0-9]+)?"
    r"(?P<zone>[Zz]|(?P<sign>[+-])(?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))?"
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """The outcome of reading one date: ``value`` (aware, UTC) when it is valid."""

    value: dt.datetime | None
    code: str | None  # the rule that reports it: AL301, AL302, AL303 or None
    message: str = ""


def parse_date(text: str) -> ParsedDate:
    """Classify a raw ``publishedDateTime`` text."""
    match = _RFC3339.fullmatch(text.strip())
    if match is None:
        return ParsedDate(None, "AL301", _format_hint(text))
    g = match.groupdict()
    try:
        second = int(g["second"])
        leap = second == 60
        naive = dt.datetime(
            int(g["year"]),
            int(g["month"]),
            int(g["day"]),
            int(g["hour"]),
            int(g["minute"]),
            59 if leap else second,
            int((g["fraction"] or ".0")[1:7].ljust(6, "0")),
        )
        if leap and not (naive.hour == 23 and naive.minute == 59):
            raise ValueError("second must be in 0..59 (60 only for a leap second at 23:59)")
        offset = dt.timedelta(0)
        if g["sign"]:
            hours, minutes = int(g["oh"]), int(g["om"])
            if hours > 23 or minutes > 59:
                raise ValueError(f"time-zone offset {g['sign']}{g['oh']}:{g['om']} is impossible")
            offset = dt.timedelta(hours=hours, minutes=minutes)
            if g["sign"] == "-":
                offset = -offset
    except ValueError as exc:
        return ParsedDate(None, "AL303", f"`{text}` is not a real date or time: {exc}")
    if g["zone"] is None:
        return ParsedDate(
            None,
            "AL302",
            f"`{text}` has no time zone, so readers in other zones see another time; "
            f"append `Z` for UTC (`{text}Z`) or an offset such as `+02:00`",
        )
    value = naive.replace(tzinfo=dt.timezone(offset)).astimezone(dt.timezone.utc)
    return ParsedDate(value, None)


def _format_hint(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return (
        f"`{shown}` is not an RFC 3339 date-time; write it as `YYYY-MM-DDTHH:MM:SSZ`, "
        "e.g. `2022-06-22T08:27:00Z`"
    )


def _dates(record: Record) -> Iterator[tuple[FieldPath, ParsedDate]]:
    def compute() -> list[tuple[FieldPath, ParsedDate]]:
        out = []
        for path, value in iter_dates(record.data):
            if isinstance(value, dt.datetime | dt.date):
                value = value.isoformat()  # pipelines may pass datetime objects
            if isinstance(value, str) and value.strip():
                out.append((path, parse_date(value)))
        return out

    return iter(record.memo("parsed-dates", compute))


class InvalidDateFormat(Rule):
    """## What it does
    Reports a `publishedDateTime` that is not an RFC 3339 date-time: `22/06/2022`,
    `2022-06-22 08:27`, `2022-6-2T8:27:00Z`, or a date without a time.

    ## Why is this bad?
    Feeds, sitemaps and `schema.org` markup require RFC 3339 / ISO 8601; other formats are
    parsed differently by every tool (is `06/07` June or July?) or not at all.

    ## Example
    ```yaml
    publishedDateTime: 2022-06-22 08:27
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    ```
    """

    code = "AL301"
    name = "invalid-date-format"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, parsed in _dates(record):
            if parsed.code == self.code:
                yield Problem(parsed.message, field=path)


class MissingTimezone(Rule):
    """## What it does
    Reports a date-time without `Z` or a `+hh:mm`/`-hh:mm` offset.

    ## Why is this bad?
    A local time without a zone is a different instant for every reader and server; the
    story sorts wrongly and can appear hours in the future or the past.

    ## Example
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    ```
    """

    code = "AL302"
    name = "missing-timezone"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, parsed in _dates(record):
            if parsed.code == self.code:
                yield Problem(parsed.message, field=path)


class ImpossibleDate(Rule):
    """## What it does
    Reports a date-time in the right format that names no real moment: February 30th,
    month 13, hour 25, minute 61, an offset of `+24:00`.

    ## Why is this bad?
    Loaders disagree on what to do with it: PyYAML raises `ValueError` and aborts the whole
    file, others roll over to the next month or drop the field.

    ## Example
    ```yaml
    publishedDateTime: 2022-02-30T08:27:00Z
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-02-28T08:27:00Z
    ```
    """

    code = "AL303"
    name = "impossible-date"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, parsed in _dates(record):
            if parsed.code == self.code:
                yield Problem(parsed.message, field=path)
