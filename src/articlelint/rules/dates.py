"""AL3xx: dates — RFC 3339, with a time zone, on the calendar, and plausible: not in the
future, agreeing with the file name, close to the related stories'."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from articlelint.diagnostics import FieldPath, Severity, render_field
from articlelint.rules._fields import iter_dates
from articlelint.rules.base import (
    Fact,
    LocatedFact,
    Problem,
    ProjectRule,
    Record,
    Rule,
    RuleOptions,
    setting,
)
from articlelint.rules.fixes import FixIntent, ReplaceValue

__all__ = [
    "FilenameDateMismatch",
    "FutureDate",
    "ImpossibleDate",
    "InvalidDateFormat",
    "MissingTimezone",
    "NonCanonicalUtcOffset",
    "ParsedDate",
    "RelatedDateGap",
    "filename_date",
    "parse_date",
    "utc_as_z",
]

# RFC 3339 section 5.6 `date-time` (with `T`; lower-case `t`/`z` allowed as the RFC says).
_RFC3339 = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"[Tt](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?P<fraction>\.[0-9]+)?"
    r"(?P<zone>[Zz]|(?P<sign>[+-])(?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))?"
)


#: The common case of :data:`_RFC3339`: whole seconds in UTC (`Z`).
_PLAIN_UTC = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})[Zz]")


class ParsedDate(NamedTuple):
    """The outcome of reading one date: ``value`` (aware, UTC) when it is valid."""

    value: dt.datetime | None
    code: str | None  # the rule that reports it: AL301, AL302, AL303 or None
    message: str = ""


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> ParsedDate:
    """Classify a raw ``publishedDateTime`` text. Cached: related stories repeat across
    records (the result is immutable)."""
    stripped = text.strip()
    plain = _PLAIN_UTC.fullmatch(stripped)
    if plain is not None:  # `2022-06-22T08:27:00Z`, nearly every date: built directly
        year, month, day, hour, minute, second = map(int, plain.groups())
        if second < 60:
            try:
                moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone.utc)
                return ParsedDate(moment, None)
            except ValueError:
                pass  # not a real date: the general path below says why
    match = _RFC3339.fullmatch(stripped)
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
    try:
        value = naive.replace(tzinfo=dt.timezone(offset)).astimezone(dt.timezone.utc)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-01:00 is in the year 10000 in UTC
        return ParsedDate(None, "AL303", f"`{text}` is outside the years 1 to 9999 in UTC")
    return ParsedDate(value, None)


_PLUS_ZERO = re.compile(r"\+00:00(?=\s*$)")


def utc_as_z(text: str) -> str | None:
    """``text`` with a final ``+00:00`` offset written as ``Z``; ``None`` when it has none.
    ``-00:00`` is left alone: RFC 3339 gives it another meaning (local offset unknown)."""
    fixed = _PLUS_ZERO.sub("Z", text, count=1)
    return fixed if fixed != text else None


def _format_hint(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return (
        f"`{shown}` is not an RFC 3339 date-time; write it as `YYYY-MM-DDTHH:MM:SSZ`, "
        "e.g. `2022-06-22T08:27:00Z`"
    )


def _dates(record: Record) -> Iterator[tuple[FieldPath, ParsedDate]]:
    def compute() -> list[tuple[FieldPath, ParsedDate]]:
        out = []
        for path, value in iter_dates(record.data, record):
            if isinstance(value, dt.datetime | dt.date):
                value = value.isoformat()  # pipelines may pass datetime objects
            if isinstance(value, str) and value.strip():
                out.append((path, parse_date(value)))
        return out

    return iter(record.memo("parsed-dates", compute))


class _ParsedDateRule(Rule):
    """Base of the rules that report one outcome of :func:`parse_date` (its ``code``)."""

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, parsed in _dates(record):
            if parsed.code == self.code:
                yield Problem(parsed.message, field=path)


class InvalidDateFormat(_ParsedDateRule):
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


class MissingTimezone(_ParsedDateRule):
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


class ImpossibleDate(_ParsedDateRule):
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


def _valid_dates(record: Record) -> Iterator[tuple[FieldPath, dt.datetime]]:
    for path, parsed in _dates(record):
        if parsed.value is not None:
            yield path, parsed.value


def _record_date(record: Record) -> dt.datetime | None:
    for path, value in _valid_dates(record):
        if path == ("publishedDateTime",):
            return value
    return None


def _span_of_time(delta: dt.timedelta) -> str:
    hours = abs(delta.total_seconds()) / 3600
    if hours < 48:
        return f"{hours:.1f} hours"
    return f"{hours / 24:.0f} days"


class FutureDateOptions(RuleOptions):
    allowance_hours: float = setting(
        24.0,
        ge=0,
        description="How far in the future a date may be without a report. The default (a "
        "day) covers every time-zone offset and clock skew, so only dates that are in the "
        "future everywhere are reported.",
    )
    now: str | None = setting(
        None,
        description="The moment to compare with, as an RFC 3339 date-time (default: the "
        "current time). Set it for reproducible runs.",
    )

    @staticmethod
    def _valid_now(cls: Any, value: Any) -> Any:
        if isinstance(value, dt.datetime):  # TOML has date-times: `now = 2026-01-01T00:00:00Z`
            value = value.isoformat()
        if isinstance(value, str) and parse_date(value).value is None:
            raise ValueError(f"`now` must be an RFC 3339 date-time with a time zone: {value!r}")
        return value

    field_checks = ((("now",), "before", _valid_now),)

    def moment(self) -> dt.datetime:
        """The configured ``now``, or the current time (aware, UTC)."""
        if self.now is not None:
            value = parse_date(self.now).value
            assert value is not None  # validated above
            return value
        return dt.datetime.now(dt.timezone.utc)


class FutureDate(ProjectRule):
    """## What it does
    Reports a `publishedDateTime` (of the record or a related story) that is in the
    future, by more than the `allowance-hours` option (default: 24 hours). The option
    `now` (an RFC 3339 date-time) replaces the current time, for reproducible runs.

    ## Why is this bad?
    A story cannot have been published in the future: the date is mistyped (`2032` for
    `2023`), or a local time was written with `Z`. Jekyll hides future-dated posts by
    default, and feeds sort the story above everything else until the date passes.

    ## Example
    ```yaml
    publishedDateTime: 2032-06-22T08:27:00Z
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    ```
    """

    code = "AL304"
    name = "future-date"
    severity = Severity.WARNING
    Options = FutureDateOptions

    # A cross-file rule only in form: the verdict depends on the clock, so each record's
    # dates are collected (and cached with the record's other results) and compared with
    # one `now` per run in `finish`. A cached run is then never stale.

    def collect(self, record: Record, options: Any) -> Iterator[Fact]:
        # Time only moves on: a date that is not in the future now never will be, so only
        # the (rare) future dates are kept, and the facts stay small.
        limit = options.moment() + dt.timedelta(hours=options.allowance_hours)
        for path, value in _valid_dates(record):
            if value > limit:
                yield Fact(None, path, value)

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterator[tuple[LocatedFact, Problem]]:
        now = options.moment()
        limit = now + dt.timedelta(hours=options.allowance_hours)
        for where in facts:
            value = where.fact.value
            if value > limit:
                path = where.fact.field
                yield (
                    where,
                    Problem(
                        f"`{render_field(path)}` ({value:%Y-%m-%d %H:%M} UTC) is in the future "
                        f"(today is {now:%Y-%m-%d} UTC); fix the date, or its time zone",
                        field=path,
                    ),
                )


#: Jekyll's post file names: ``YYYY-MM-DD-slug.md``.
_FILENAME_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})-")


def filename_date(path: str | None) -> dt.date | None:
    """The date a Jekyll-style file name (``2022-06-22-slug.md``) starts with, if any."""
    if path is None:
        return None
    match = _FILENAME_DATE.match(os.path.basename(path))
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


class FilenameDateOptions(RuleOptions):
    max_days: int = setting(
        1,
        ge=0,
        description="How many calendar days the file name and the UTC date may differ by "
        "(the default, 1, allows for the author's time zone).",
    )


class FilenameDateMismatch(Rule):
    """## What it does
    Reports a file named like a Jekyll post, `YYYY-MM-DD-slug.md`, whose date differs from
    the record's `publishedDateTime` (taken in UTC) by more than `max-days` calendar days
    (default: 1, so time zones never cause a report). Files named otherwise are not checked.

    ## Why is this bad?
    Jekyll takes the post's date and URL from the file name, the feed and the page from
    `publishedDateTime`: when they disagree, the story appears under one date and links to
    another, and one of the two is simply wrong.

    ## Example
    In `2022-06-20-microsoft-restricts-facial-recognition.md`:
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    ```

    ## Use instead
    Rename the file to `2022-06-22-microsoft-restricts-facial-recognition.md`, or fix the
    date:
    ```yaml
    publishedDateTime: 2022-06-20T08:27:00Z
    ```
    """

    code = "AL305"
    name = "filename-date-mismatch"
    severity = Severity.WARNING
    Options = FilenameDateOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        named = filename_date(record.path)
        published = _record_date(record)
        if named is None or published is None:
            return
        days = (published.date() - named).days
        if abs(days) > options.max_days:
            yield Problem(
                f"the file name says {named.isoformat()} but `publishedDateTime` is "
                f"{published.date().isoformat()} (UTC), {abs(days)} days apart; rename the "
                "file or fix the date",
                field=("publishedDateTime",),
            )


class RelatedDateGapOptions(RuleOptions):
    max_days: float = setting(
        30.0,
        gt=0,
        description="How many days a related story may be published before or after the "
        "record. The default, 30, is well above what same-news lists show (at most 19 "
        "days in the shared corpus).",
    )


class RelatedDateGap(Rule):
    """## What it does
    Reports a related story published more than `max-days` days (default: 30) before or
    after the record itself.

    Off by default, since its premise does not hold on every site of this format: on a real
    5,000-record folder `related` was a two-way topical list (a median of 14 items, up to
    179) and 36 % of its items were more than 30 days from their record, which made this
    rule 68 % of all findings (57,924). Select it (`--extend-select AL306`) where related
    stories are other outlets' coverage of the same news, as in the shared corpus.

    ## Why is this bad?
    Where related stories are other outlets' coverage of the same news, they are published
    within days of each other. One that is months apart is then usually about another event
    (an old announcement matched on keywords), or has a wrong date.

    ## Example
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        publishedDateTime: 2021-01-05T16:58:00Z
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        publishedDateTime: 2022-06-21T16:58:00Z
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    ```
    """

    code = "AL306"
    name = "related-date-gap"
    severity = Severity.INFO
    default_enabled = False
    Options = RelatedDateGapOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        published = _record_date(record)
        if published is None:
            return
        limit = dt.timedelta(days=options.max_days)
        for path, value in _valid_dates(record):
            if len(path) == 1 or abs(value - published) <= limit:
                continue
            side = "after" if value > published else "before"
            yield Problem(
                f"this related story was published {_span_of_time(value - published)} "
                f"{side} the record ({value.date().isoformat()} vs "
                f"{published.date().isoformat()}); check that it covers the same news "
                "(limit: `max-days` = "
                f"{options.max_days:g})",
                field=path,
            )


class NonCanonicalUtcOffset(Rule):
    """## What it does
    Reports a date-time whose offset is written `+00:00` instead of `Z`. Off by default:
    select it (`--extend-select AL307`) where one spelling of UTC is wanted.

    ## Why is this bad?
    Both mean UTC, but records that spell it two ways diff noisily, sort inconsistently as
    text and make `grep` miss half of them. `Z` is the RFC 3339 and ISO 8601 canonical
    form. (`-00:00` is not reported: RFC 3339 uses it for "UTC, local offset unknown".)

    ## Example
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00+00:00
    ```

    ## Use instead
    ```yaml
    publishedDateTime: 2022-06-22T08:27:00Z
    ```

    ## Fix safety
    The fix writes `Z` in place of `+00:00` and is **safe**: the instant is the same, and
    the value keeps its quoting style.
    """

    code = "AL307"
    name = "non-canonical-utc-offset"
    severity = Severity.INFO
    default_enabled = False
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in iter_dates(record.data):
            if not isinstance(value, str):
                continue
            fixed = utc_as_z(value)
            if fixed is not None and parse_date(value).code is None:
                yield Problem(
                    f"`{value.strip()}` writes UTC as `+00:00`; write `Z` "
                    f"(`{fixed.strip()}`), the canonical form",
                    field=path,
                    fix=FixIntent.safe("Write the offset as `Z`", ReplaceValue(path, fixed)),
                )
