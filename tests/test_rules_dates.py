"""AL304 future-date, AL305 filename-date-mismatch, AL306 related-date-gap: exact code, line,
column and field, in LF and CRLF files, with an injected clock."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from articlelint import lint_record, lint_text
from articlelint.config import Config
from articlelint.rules.dates import FutureDateOptions, filename_date
from tests.conftest import VALID, Lint, crlf, replace_line

MAIN_DATE = "publishedDateTime: 2022-06-22T08:27:00Z"
RELATED_DATE = "    publishedDateTime: 2022-06-21T16:58:00Z"
#: AL306 is off by default.
GAP = Config(extend_select=["related-date-gap"])


def at(now: str, **options: object) -> Config:
    return Config(options={"future-date": {"now": now, **options}})


# --- AL304 future-date ------------------------------------------------------------------


def test_past_dates_are_fine(lint: Lint) -> None:
    assert lint(VALID, "AL304") == []  # against the real clock
    assert lint(VALID, "AL304", config=at("2022-06-22T08:27:00Z")) == []


@pytest.mark.parametrize("text", [VALID, crlf(VALID)], ids=["lf", "crlf"])
def test_future_dates_with_injected_clock(lint: Lint, text: str) -> None:
    # Yesterday for the record, so both the record and its related story are in the future.
    config = at("2022-06-20T00:00:00Z")
    assert lint(text, "AL304", config=config) == [
        ("AL304", 5, 20, "publishedDateTime"),
        ("AL304", 29, 24, "related[0].publishedDateTime"),
    ]
    [first, _] = lint_text(text, config=config).diagnostics[:2]
    assert first.message == (
        "`publishedDateTime` (2022-06-22 08:27 UTC) is in the future (today is 2022-06-20 "
        "UTC); fix the date, or its time zone"
    )


def test_allowance(lint: Lint) -> None:
    # 08:27 on the 22nd is 32.45 hours after 00:00 on the 21st.
    assert lint(VALID, "AL304", config=at("2022-06-21T00:00:00Z")) == [
        ("AL304", 5, 20, "publishedDateTime")
    ]
    assert lint(VALID, "AL304", config=at("2022-06-21T00:00:00Z", **{"allowance-hours": 33})) == []
    assert lint(VALID, "AL304", config=at("2022-06-22T08:27:00Z", **{"allowance-hours": 0})) == []
    assert lint(VALID, "AL304", config=at("2022-06-22T08:26:59Z", **{"allowance-hours": 0})) == [
        ("AL304", 5, 20, "publishedDateTime")
    ]


def test_offsets_are_compared_as_instants(lint: Lint) -> None:
    # 2022-06-23T00:30:00+14:00 is 2022-06-22T10:30Z: 2 hours after `now`, within the day.
    text = replace_line(VALID, MAIN_DATE, "publishedDateTime: 2022-06-23T00:30:00+14:00")
    assert lint(text, "AL304", config=at("2022-06-22T08:30:00Z")) == []
    assert lint(text, "AL304", config=at("2022-06-22T08:30:00Z", **{"allowance-hours": 1})) == [
        ("AL304", 5, 20, "publishedDateTime")
    ]


def test_far_future_against_the_real_clock(lint: Lint) -> None:
    text = replace_line(VALID, MAIN_DATE, "publishedDateTime: 2999-06-22T08:27:00Z")
    assert lint(text, "AL304") == [("AL304", 5, 20, "publishedDateTime")]
    assert (
        lint_text(text)
        .diagnostics[0]
        .message.startswith(
            "`publishedDateTime` (2999-06-22 08:27 UTC) is in the future (today is "
        )
    )


def test_invalid_dates_are_left_to_the_format_rules(lint: Lint) -> None:
    text = replace_line(VALID, MAIN_DATE, "publishedDateTime: 2999-06-22T08:27:00")
    assert lint(text, "AL302", "AL304") == [("AL302", 5, 20, "publishedDateTime")]


def test_now_option_is_validated() -> None:
    with pytest.raises(ValidationError):
        FutureDateOptions.model_validate({"now": "tomorrow"})
    with pytest.raises(ValidationError):
        FutureDateOptions.model_validate({"allowance-hours": -1})
    moment = FutureDateOptions.model_validate({"now": "2022-06-22T10:27:00+02:00"}).moment()
    assert moment == dt.datetime(2022, 6, 22, 8, 27, tzinfo=dt.timezone.utc)


def test_now_as_a_datetime_value() -> None:
    # What TOML's `now = 2022-06-22T10:27:00+02:00` (unquoted) loads as.
    aware = dt.datetime(2022, 6, 22, 10, 27, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    moment = FutureDateOptions.model_validate({"now": aware}).moment()
    assert moment == dt.datetime(2022, 6, 22, 8, 27, tzinfo=dt.timezone.utc)
    with pytest.raises(ValidationError):
        FutureDateOptions.model_validate({"now": aware.replace(tzinfo=None)})  # no zone


def test_future_date_without_a_file() -> None:
    data = {"publishedDateTime": "2999-01-01T00:00:00Z", "title": "x"}
    found = [(d.code, d.field) for d in lint_record(data).diagnostics if d.code == "AL304"]
    assert found == [("AL304", "publishedDateTime")]


# --- AL305 filename-date-mismatch -------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "2022-06-22-microsoft-restricts.md",
        "2022-06-21-microsoft-restricts.md",  # a day apart: a time-zone difference
        "2022-06-23-microsoft-restricts.md",
        "microsoft-restricts.md",  # not a dated name
        "2022-06-22.md",  # no slug: not Jekyll's pattern
        "2022-13-45-not-a-date.md",
        "20220601-compact.md",
    ],
)
def test_filename_agrees_or_is_not_dated(lint: Lint, name: str) -> None:
    assert lint(VALID, "AL305", path=f"_news/{name}") == []


@pytest.mark.parametrize("text", [VALID, crlf(VALID)], ids=["lf", "crlf"])
def test_filename_disagrees(lint: Lint, text: str) -> None:
    path = "_news/2022-06-20-microsoft-restricts.md"
    assert lint(text, "AL305", path=path) == [("AL305", 5, 20, "publishedDateTime")]
    [diagnostic] = [d for d in lint_text(text, path).diagnostics if d.code == "AL305"]
    assert diagnostic.message == (
        "the file name says 2022-06-20 but `publishedDateTime` is 2022-06-22 (UTC), "
        "2 days apart; rename the file or fix the date"
    )


def test_filename_compares_in_utc(lint: Lint) -> None:
    # 2022-06-24T01:00+05:00 is 2022-06-23T20:00Z: one day after the 22nd in UTC.
    text = replace_line(VALID, MAIN_DATE, "publishedDateTime: 2022-06-24T01:00:00+05:00")
    assert lint(text, "AL305", path="2022-06-22-a.md") == []
    assert lint(text, "AL305", path="2022-06-21-a.md") == [("AL305", 5, 20, "publishedDateTime")]


def test_filename_max_days_option(lint: Lint) -> None:
    path = "2022-06-20-a.md"
    loose = Config(options={"filename-date-mismatch": {"max-days": 2}})
    strict = Config(options={"filename-date-mismatch": {"max-days": 0}})
    assert lint(VALID, "AL305", path=path, config=loose) == []
    assert lint(VALID, "AL305", path="2022-06-21-a.md", config=strict) == [
        ("AL305", 5, 20, "publishedDateTime")
    ]


def test_filename_date() -> None:
    assert filename_date("a/b/2022-06-22-slug.md") == dt.date(2022, 6, 22)
    assert filename_date("2022-02-30-slug.md") is None
    assert filename_date(None) is None
    assert filename_date("x2022-06-22-slug.md") is None


# --- AL306 related-date-gap -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-23T08:27:00Z", []),  # exactly 30 days before
        ("2022-07-22T08:27:00Z", []),  # exactly 30 days after
        ("2022-05-23T08:26:59Z", [("AL306", 29, 24, "related[0].publishedDateTime")]),
        ("2022-09-01T00:00:00Z", [("AL306", 29, 24, "related[0].publishedDateTime")]),
        ("2022-09-01T00:00:00", []),  # no time zone: AL302's business
    ],
)
def test_related_date_gap(lint: Lint, value: str, expected: list[object]) -> None:
    text = replace_line(VALID, RELATED_DATE, f"    publishedDateTime: {value}")
    assert lint(text, "AL306", config=GAP) == expected
    assert lint(crlf(text), "AL306", config=GAP) == expected


def test_related_date_gap_is_off_by_default(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_DATE, "    publishedDateTime: 2021-01-05T16:58:00Z")
    assert lint(text, "AL306") == []
    assert lint(text, "AL306", config=Config(select=["ALL"])) == []  # `ALL` is not enough
    assert lint(text, "AL306", config=GAP) == [("AL306", 29, 24, "related[0].publishedDateTime")]


def test_related_date_gap_message_and_option(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_DATE, "    publishedDateTime: 2021-01-05T16:58:00Z")
    [diagnostic] = [d for d in lint_text(text, config=GAP).diagnostics if d.code == "AL306"]
    assert diagnostic.message == (
        "this related story was published 533 days before the record (2021-01-05 vs "
        "2022-06-22); check that it covers the same news (limit: `max-days` = 30)"
    )
    wide = Config(extend_select=["AL306"], options={"related-date-gap": {"max-days": 600}})
    assert lint(text, "AL306", config=wide) == []


def test_related_date_gap_needs_the_records_date(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_DATE, "    publishedDateTime: 2021-01-05T16:58:00Z")
    text = replace_line(text, MAIN_DATE, "publishedDateTime: 22/06/2022")
    assert lint(text, "AL306", config=GAP) == []


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:30:00+01:00"])
def test_dates_outside_utc_range(lint: Lint, value: str) -> None:
    text = replace_line(VALID, MAIN_DATE, f"publishedDateTime: {value}")
    codes = ["AL000", "AL301", "AL302", "AL303", "AL304", "AL305", "AL306"]
    assert lint(text, *codes, path="9999-12-31-x.md") == [("AL303", 5, 20, "publishedDateTime")]
