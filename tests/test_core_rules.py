"""The foundation's rules (AL004-AL006, AL100-AL106, AL201-AL202, AL301-AL303, AL401, AL404):
exact code, line, column and field, on the VALID record of conftest.py and variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articlelint.config import Config
from tests.conftest import VALID, Lint, replace_line

CORE = [
    "AL004", "AL005", "AL006", "AL100", "AL101", "AL102", "AL103", "AL104",
    "AL106", "AL201", "AL202", "AL301", "AL302", "AL303", "AL401", "AL404",
]  # fmt: skip


def test_valid_record_is_clean(lint: Lint) -> None:
    assert lint(VALID, *CORE) == []


def test_valid_record_is_clean_with_crlf(lint: Lint) -> None:
    assert lint(VALID.replace("\n", "\r\n"), *CORE) == []


# --- AL004 duplicate-key ---------------------------------------------------------------


def test_duplicate_key_reported_at_second(lint: Lint) -> None:
    text = replace_line(VALID, "heat: 70", "heat: 70\nquality: 75")
    assert lint(text, "AL004") == [("AL004", 11, 1, "quality")]


def test_duplicate_key_in_related_story(lint: Lint) -> None:
    text = replace_line(VALID, "    quality: 68", "    quality: 68\n    type: video")
    assert lint(text, "AL004") == [("AL004", 36, 5, "related[0].type")]


# --- AL005 ambiguous-scalar --------------------------------------------------------------


@pytest.mark.parametrize("value", ["no", "yes", "on", "off", "y", "N", "1:20", "010", "1_000"])
def test_ambiguous_scalar(lint: Lint, value: str) -> None:
    text = replace_line(VALID, "  - Microsoft AI", f"  - {value}")
    assert lint(text, "AL005") == [("AL005", 18, 5, "topics[0]")]


@pytest.mark.parametrize("value", ['"no"', "'yes'", "true", "false", "70", "1.5", "~", "Norway"])
def test_unambiguous_scalar(lint: Lint, value: str) -> None:
    text = replace_line(VALID, "  - Microsoft AI", f"  - {value}")
    assert lint(text, "AL005") == []


def test_published_flag_is_left_to_al404(lint: Lint) -> None:
    text = replace_line(VALID, "published: true", "published: yes")
    assert lint(text, "AL005", "AL404") == [("AL404", 11, 12, "published")]


# --- AL006 yaml-alias ---------------------------------------------------------------------


def test_anchor_and_alias(lint: Lint) -> None:
    text = replace_line(VALID, "provider:", "provider: &p")
    text = replace_line(text, "    provider:", "    provider: *p")
    text = replace_line(text, "      name: ZDNet", "")
    text = replace_line(text, "      domain: zdnet.com", "")
    assert lint(text, "AL006") == [("AL006", 13, 11, None), ("AL006", 32, 15, None)]


# --- AL101 missing-required-field ----------------------------------------------------------


def test_missing_top_level_field_points_at_the_record(lint: Lint) -> None:
    text = replace_line(VALID, 'title: "Microsoft restricts facial recognition tech"', "")
    assert lint(text, "AL101") == [("AL101", 2, 1, "title")]


def test_missing_nested_field_points_at_its_parent(lint: Lint) -> None:
    text = replace_line(VALID, "  domain: siliconrepublic.com", "")
    assert lint(text, "AL101") == [("AL101", 13, 1, "provider.domain")]
    text = replace_line(
        VALID, '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"', ""
    )
    assert lint(text, "AL101") == [("AL101", 27, 5, "related[0].webUrl")]


def test_article_needs_web_url_video_needs_original_url(lint: Lint) -> None:
    no_web = replace_line(
        VALID, 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"', ""
    )
    assert lint(no_web, "AL101") == [("AL101", 2, 1, "webUrl")]
    video = replace_line(no_web, "type: article", "type: video")
    assert lint(video, "AL101") == []
    no_original = replace_line(
        video, 'originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"', ""
    )
    assert lint(no_original, "AL101") == [("AL101", 2, 1, "originalUrl")]


# --- AL102 / AL103 / AL104 / AL106 ----------------------------------------------------------


def test_unknown_field_suggests_the_right_name(lint: Lint, tmp_path: Path) -> None:
    text = replace_line(VALID, "heat: 70", "haet: 70")
    assert lint(text, "AL102") == [("AL102", 10, 1, "haet")]
    from articlelint import lint_text

    [d] = [d for d in lint_text(text).diagnostics if d.code == "AL102"]
    assert d.message == "unknown field `haet`; did you mean `heat`?"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("quality: 70", 'quality: "high"', [("AL103", 9, 10, "quality")]),
        ("quality: 70", 'quality: "70"', [("AL103", 9, 10, "quality")]),
        ("quality: 70", "quality: 70.5", [("AL103", 9, 10, "quality")]),
        ("  - Microsoft AI", "  - 42", [("AL103", 18, 5, "topics[0]")]),
        ("    quality: 68", "    quality: [68]", [("AL103", 35, 14, "related[0].quality")]),
    ],
)
def test_wrong_type(lint: Lint, old: str, new: str, expected: list[object]) -> None:
    assert lint(replace_line(VALID, old, new), "AL103") == expected


def test_provider_as_text_is_wrong_type(lint: Lint) -> None:
    text = replace_line(VALID, "provider:", "provider: SiliconRepublic")
    text = replace_line(text, "  name: SiliconRepublic", "")
    text = replace_line(text, "  domain: siliconrepublic.com", "")
    assert lint(text, "AL103") == [("AL103", 13, 11, "provider")]


def test_empty_required_value(lint: Lint) -> None:
    text = replace_line(VALID, 'title: "Microsoft restricts facial recognition tech"', "title:")
    assert lint(text, "AL103", "AL104") == [("AL104", 3, 7, "title")]


def test_unknown_type_is_one_unknown_kind_finding(lint: Lint) -> None:
    # The record's own `type` picks its model: an unknown kind is AL107, reported once.
    assert lint(replace_line(VALID, "type: article", "type: blog")) == [("AL107", 8, 7, "type")]


# --- AL201 / AL202 --------------------------------------------------------------------------

WEB = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'


@pytest.mark.parametrize(
    "url",
    [
        "htp://www.siliconrepublic.com/x",
        "javascript:alert(1)",
        "www.siliconrepublic.com/x",
        "//www.siliconrepublic.com/x",
        "https:/www.siliconrepublic.com/x",
        "https://",
        "https://www.silicon_republic.com/x",
        "https://www.siliconrepublic.com:99999/x",
        "https://-bad-.com/x",
        "https://a..com/x",
    ],
)
def test_invalid_url(lint: Lint, url: str) -> None:
    assert lint(replace_line(VALID, WEB, f'webUrl: "{url}"'), "AL201") == [
        ("AL201", 7, 9, "webUrl")
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.siliconrepublic.com/x?a=1#frag",
        "HTTPS://WWW.SILICONREPUBLIC.COM/x",
        "https://bücher.de/x",
        "https://[::1]/x",
        "https://127.0.0.1:8080/x",
    ],
)
def test_valid_url(lint: Lint, url: str) -> None:
    assert lint(replace_line(VALID, WEB, f'webUrl: "{url}"'), "AL201", "AL202") == []


def test_insecure_url_everywhere(lint: Lint) -> None:
    text = VALID.replace('"https://www.zdnet.com', '"http://www.zdnet.com').replace(
        'url: "https://', 'url: "http://'
    )
    assert lint(text, "AL202") == [
        ("AL202", 21, 10, "images[0].url"),
        ("AL202", 30, 13, "related[0].webUrl"),
    ]


def test_insecure_url_in_crlf_file(lint: Lint) -> None:
    text = replace_line(VALID, WEB, WEB.replace("https:", "http:")).replace("\n", "\r\n")
    assert lint(text, "AL202") == [("AL202", 7, 9, "webUrl")]


# --- AL301 / AL302 / AL303 -------------------------------------------------------------------

DATE = "publishedDateTime: 2022-06-22T08:27:00Z"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("22/06/2022", "AL301"),
        ("2022-06-22 08:27", "AL301"),
        ("2022-06-22 08:27:00Z", "AL301"),
        ("2022-6-2T8:27:00Z", "AL301"),
        ("2022-06-22", "AL301"),
        ('"yesterday"', "AL301"),
        ("2022-06-22T08:27:00", "AL302"),
        ("2022-06-22T08:27:00.123", "AL302"),
        ("2022-02-30T08:27:00Z", "AL303"),
        ("2022-13-01T08:27:00Z", "AL303"),
        ("2022-06-22T25:27:00Z", "AL303"),
        ("2022-06-22T08:61:00Z", "AL303"),
        ("2022-06-22T08:27:00+24:00", "AL303"),
        ("2022-06-22T08:27:60Z", "AL303"),
    ],
)
def test_bad_dates(lint: Lint, value: str, code: str) -> None:
    text = replace_line(VALID, DATE, f"publishedDateTime: {value}")
    assert lint(text, "AL301", "AL302", "AL303") == [(code, 5, 20, "publishedDateTime")]


@pytest.mark.parametrize(
    "value",
    [
        "2022-06-22T08:27:00Z",
        "2022-06-22T08:27:00+02:00",
        "2022-06-22T08:27:00.5-05:30",
        "'2022-06-22T08:27:00Z'",
        "2016-12-31T23:59:60Z",
        "2024-02-29T00:00:00z",
    ],
)
def test_good_dates(lint: Lint, value: str) -> None:
    text = replace_line(VALID, DATE, f"publishedDateTime: {value}")
    assert lint(text, "AL301", "AL302", "AL303") == []


def test_related_story_date(lint: Lint) -> None:
    text = replace_line(
        VALID, "    publishedDateTime: 2022-06-21T16:58:00Z", "    publishedDateTime: 2022-06-21"
    )
    assert lint(text, "AL301") == [("AL301", 29, 24, "related[0].publishedDateTime")]


# --- AL401 / AL404 -----------------------------------------------------------------------------


def test_unpublished_record(lint: Lint) -> None:
    text = replace_line(VALID, "published: true", "published: false")
    assert lint(text, "AL401", "AL404") == [("AL401", 11, 12, "published")]


@pytest.mark.parametrize(
    "value", ['"false"', "'true'", "no", "yes", "off", "1", "0", "", '"nope"', "[true]"]
)
def test_invalid_published_flag(lint: Lint, value: str) -> None:
    text = replace_line(VALID, "published: true", f"published: {value}".rstrip())
    found = lint(text, "AL401", "AL404", "AL103")
    assert found == [("AL404", 11, 12 if value else 11, "published")]


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_valid_published_flag(lint: Lint, value: str) -> None:
    text = replace_line(VALID, "published: true", f"published: {value}")
    assert lint(text, "AL404", "AL103") == []


# --- AL100 json-schema-violation -----------------------------------------------------------------


def test_user_json_schema(lint: Lint, tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "title": {"type": "string", "maxLength": 20},
            "related": {"items": {"properties": {"quality": {"minimum": 100}}}},
        },
    }
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), "utf-8")
    config = Config(options={"json-schema-violation": {"path": str(path)}})
    assert lint(VALID, "AL100", config=config) == [
        ("AL100", 3, 8, "title"),
        ("AL100", 35, 14, "related[0].quality"),
    ]


def test_did_you_mean_is_bounded_per_record() -> None:
    from articlelint import lint_text

    filler = "".join(f"unknown{i}: 1\n" for i in range(100))
    text = replace_line(VALID, "heat: 70", f"{filler}haet: 70")
    messages = [d.message for d in lint_text(text).diagnostics if d.code == "AL102"]
    assert len(messages) == 101
    # The 101st unknown key of a record gets no suggestion: difflib per key is costly.
    assert messages[-1] == "unknown field `haet`; remove it or fix its name"
    text = replace_line(VALID, "heat: 70", "haet: 70")
    [message] = [d.message for d in lint_text(text).diagnostics if d.code == "AL102"]
    assert message == "unknown field `haet`; did you mean `heat`?"
