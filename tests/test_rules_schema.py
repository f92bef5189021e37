"""AL102 typos at every level, AL104 empty values, AL105 ranges, AL106 choices: exact code,
line, column and field, in LF and CRLF files; one finding per defect (no double reports)."""

from __future__ import annotations

import pytest

from articlelint import lint_record, lint_text
from articlelint.config import Config
from tests.conftest import VALID, Lint, crlf, replace_line

SCHEMA = ["AL101", "AL102", "AL103", "AL104", "AL105", "AL106", "AL201", "AL301", "AL701"]


def message(text: str, code: str) -> str:
    [diagnostic] = [d for d in lint_text(text).diagnostics if d.code == code]
    return diagnostic.message


# --- AL102 unknown-field ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "suggestion"),
    [
        (
            'title: "Microsoft restricts facial recognition tech"',
            'titel: "Microsoft restricts facial recognition tech"',
            ("AL102", 3, 1, "titel"),
            "title",
        ),
        (
            "publishedDateTime: 2022-06-22T08:27:00Z",
            "publishedDatetime: 2022-06-22T08:27:00Z",
            ("AL102", 5, 1, "publishedDatetime"),
            "publishedDateTime",
        ),
        (
            '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"',
            '    weburl: "https://www.zdnet.com/article/microsoft-to-curtail/"',
            ("AL102", 30, 5, "related[0].weburl"),
            "webUrl",
        ),
        ("  domain: siliconrepublic.com", "  domian: siliconrepublic.com", ("AL102", 15, 3, "provider.domian"), "domain"),
        ("    isCached: true", "    iscached: true", ("AL102", 24, 5, "images[0].iscached"), "isCached"),
        ("      domain: zdnet.com", "      Domain: zdnet.com", ("AL102", 34, 7, "related[0].provider.Domain"), "domain"),
        ("    quality: 68", "    qualtiy: 68", ("AL102", 35, 5, "related[0].qualtiy"), "quality"),
    ],
)  # fmt: skip
def test_unknown_field_typo_at_every_level(
    lint: Lint, old: str, new: str, expected: tuple[object, ...], suggestion: str
) -> None:
    text = replace_line(VALID, old, new)
    for variant in (text, crlf(text)):
        # The typo's key is reported, not its value; the missing real field may be too.
        assert lint(variant, "AL102") == [expected]
    field = str(expected[3]).rsplit(".", 1)[-1]
    assert message(text, "AL102") == f"unknown field `{field}`; did you mean `{suggestion}`?"


def test_unknown_field_without_a_close_name(lint: Lint) -> None:
    text = replace_line(VALID, "heat: 70", "sponsor: acme")
    assert lint(text, "AL102") == [("AL102", 10, 1, "sponsor")]
    assert message(text, "AL102") == "unknown field `sponsor`; remove it or fix its name"


def test_heat_is_unknown_in_related_story(lint: Lint) -> None:
    # Related stories have no `heat`: known keys depend on where the key is.
    text = replace_line(VALID, "    quality: 68", "    heat: 68")
    assert lint(text, "AL102") == [("AL102", 35, 5, "related[0].heat")]


# --- AL104 empty-value ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "hint"),
    [
        ('title: "Microsoft restricts facial recognition tech"', "title: ''", ("AL104", 3, 8, "title"), "fill it in"),
        ('title: "Microsoft restricts facial recognition tech"', 'title: "   "', ("AL104", 3, 8, "title"), "fill it in"),
        ("publishedDateTime: 2022-06-22T08:27:00Z", "publishedDateTime: ''", ("AL104", 5, 20, "publishedDateTime"), "fill it in"),
        ('webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"', "webUrl: ' '", ("AL104", 7, 9, "webUrl"), "fill it in"),
        ("  name: SiliconRepublic", "  name: ''", ("AL104", 14, 9, "provider.name"), "fill it in"),
        ("  domain: siliconrepublic.com", "  domain:", ("AL104", 15, 10, "provider.domain"), "fill it in"),
        ("  - Microsoft AI", "  - ''", ("AL104", 18, 5, "topics[0]"), "remove the item, or write its content"),
        ("  - Microsoft AI", "  -", ("AL104", 18, 4, "topics[0]"), "remove the item, or write its content"),
        ('  - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/face.jpeg"', '  - url: ""', ("AL104", 21, 10, "images[0].url"), "fill it in"),
        ('    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"', '    webUrl: ""', ("AL104", 30, 13, "related[0].webUrl"), "fill it in"),
        ("      name: ZDNet", "      name: ' '", ("AL104", 33, 13, "related[0].provider.name"), "fill it in"),
        ("type: article", "type: ''", ("AL104", 8, 7, "type"), "fill it in"),
        ("quality: 70", "quality: ''", ("AL104", 9, 10, "quality"), "fill it in, or remove the key"),
    ],
)  # fmt: skip
def test_empty_value(
    lint: Lint, old: str, new: str, expected: tuple[object, ...], hint: str
) -> None:
    text = replace_line(VALID, old, new)
    # Reported once, as empty: not also as a wrong type, a bad choice, URL or date.
    assert lint(text, *SCHEMA) == [expected]
    assert lint(crlf(text), *SCHEMA) == [expected]
    assert message(text, "AL104") == f"`{expected[3]}` is empty; {hint}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('excerpt: "Microsoft is retiring some face analysis features."', 'excerpt: ""'),
        ('excerpt: "Microsoft is retiring some face analysis features."', 'excerpt: "  "'),
        ('excerpt: "Microsoft is retiring some face analysis features."', "excerpt:"),
        ("category: news", "category: ''"),
        ('originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"', 'originalUrl: ""'),
        ('    excerpt: "Microsoft is limiting some of its own facial-recognition technologies."', "    excerpt: ''"),
        ('    excerpt: "Microsoft is limiting some of its own facial-recognition technologies."', "    excerpt:"),
        ("    publishedDateTime: 2022-06-21T16:58:00Z", "    publishedDateTime: ''"),
        ("    isCached: true", '    title: ""'),
    ],
)  # fmt: skip
def test_empty_optional_text_is_like_no_value(lint: Lint, old: str, new: str) -> None:
    # An optional text left empty is the field left out (`related[].excerpt: ""` was 1,515
    # of 1,705 AL104 findings on a real folder): nothing to report, by any rule.
    text = replace_line(VALID, old, new)
    assert lint(text) == []
    assert lint(crlf(text)) == []


def test_empty_lists_mean_none(lint: Lint) -> None:
    text = replace_line(VALID, "topics:", "topics: []")
    text = replace_line(text, "  - Microsoft AI", "")
    assert lint(text, *SCHEMA) == []


def test_empty_value_without_a_file() -> None:
    data = {
        "title": " ",
        "publishedDateTime": "2022-06-22T08:27:00Z",
        "webUrl": "https://example.com/a",
        "type": "article",
        "provider": {"name": "A", "domain": "example.com"},
    }
    found = [(d.code, d.line, d.field) for d in lint_record(data).diagnostics if d.code == "AL104"]
    assert found == [("AL104", 0, "title")]


# --- AL105 value-out-of-range -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "text"),
    [
        ("quality: 70", "quality: -5", ("AL105", 9, 10, "quality"), "`quality` is -5; it must be 0 or more"),
        ("heat: 70", "heat: -2", ("AL105", 10, 7, "heat"), "`heat` is -2; it must be -1 or more"),
        ("    quality: 68", "    quality: -1", ("AL105", 35, 14, "related[0].quality"), "`related[0].quality` is -1; it must be 0 or more"),
    ],
)  # fmt: skip
def test_value_out_of_range(
    lint: Lint, old: str, new: str, expected: tuple[object, ...], text: str
) -> None:
    record = replace_line(VALID, old, new)
    assert lint(record, *SCHEMA) == [expected]
    assert lint(crlf(record), *SCHEMA) == [expected]
    assert message(record, "AL105") == text


@pytest.mark.parametrize(
    ("old", "new"),
    [("quality: 70", "quality: 0"), ("heat: 70", "heat: -1"), ("heat: 70", "heat: 0")],
)
def test_value_in_range(lint: Lint, old: str, new: str) -> None:
    assert lint(replace_line(VALID, old, new), "AL105") == []


def test_image_sizes_are_left_to_al701(lint: Lint) -> None:
    text = replace_line(VALID, "    width: 800", "    width: 0")
    assert lint(text, *SCHEMA) == [("AL701", 22, 12, "images[0].width")]


# --- AL106 invalid-choice ---------------------------------------------------------------


def test_related_type_choice(lint: Lint) -> None:
    text = replace_line(VALID, "    type: article", "    type: blog")
    assert lint(text, *SCHEMA) == [("AL106", 31, 11, "related[0].type")]
    assert lint(crlf(text), *SCHEMA) == [("AL106", 31, 11, "related[0].type")]


def test_unknown_category(lint: Lint) -> None:
    text = replace_line(VALID, "category: news", "category: sports")
    assert lint(text, *SCHEMA) == [("AL106", 2, 11, "category")]
    assert message(text, "AL106") == (
        '`category` is the text "sports", not a known category; expected one of `news` '
        "(add new categories to the `invalid-choice.categories` option)"
    )


def test_category_in_another_case_gets_a_suggestion(lint: Lint) -> None:
    text = replace_line(VALID, "category: news", "category: News")
    assert lint(crlf(text), "AL106") == [("AL106", 2, 11, "category")]
    assert "did you mean `news`?" in message(text, "AL106")


def test_configured_categories(lint: Lint) -> None:
    text = replace_line(VALID, "category: news", "category: sports")
    known = Config(options={"invalid-choice": {"categories": ["news", "sports"]}})
    assert lint(text, "AL106", config=known) == []
    anything = Config(options={"invalid-choice": {"categories": []}})
    assert lint(text, "AL106", config=anything) == []
    assert lint(VALID, "AL106", config=Config(options={"AL106": {"categories": ["tech"]}})) == [
        ("AL106", 2, 11, "category")
    ]


def test_valid_record_has_no_schema_findings(lint: Lint) -> None:
    assert lint(VALID, *SCHEMA) == []
    assert lint(crlf(VALID), *SCHEMA) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("heat: 70", "heat:", ("AL104", 10, 6, "heat")),
        ("    width: 800", "    width:", ("AL104", 22, 11, "images[0].width")),
        ("    quality: 68", "    quality:", ("AL104", 35, 13, "related[0].quality")),
    ],
)  # fmt: skip
def test_null_optional_value_is_empty(
    lint: Lint, old: str, new: str, expected: tuple[object, ...]
) -> None:
    # The model accepts null for optional fields, but `key:` is as empty as `key: ''`.
    text = replace_line(VALID, old, new)
    assert lint(text, *SCHEMA) == [expected]
    assert lint(crlf(text), *SCHEMA) == [expected]
    assert message(text, "AL104").endswith("is empty; fill it in, or remove the key")


def test_null_under_unknown_key_is_left_to_al102(lint: Lint) -> None:
    text = replace_line(VALID, "heat: 70", "sponsor:")
    assert lint(text, *SCHEMA) == [("AL102", 10, 1, "sponsor")]


def test_null_published_is_left_to_al404(lint: Lint) -> None:
    text = replace_line(VALID, "published: true", "published:")
    assert lint(text, "AL104", "AL404") == [("AL404", 11, 11, "published")]


def test_null_inside_a_wrong_type_is_part_of_that_finding(lint: Lint) -> None:
    text = replace_line(VALID, "  name: SiliconRepublic", "  - null")
    text = replace_line(text, "  domain: siliconrepublic.com", "  -")
    assert lint(text, *SCHEMA) == [("AL103", 14, 3, "provider")]


def test_null_values_without_a_file() -> None:
    data = {
        "title": "T",
        "excerpt": None,
        "images": [{"url": "https://example.com/a.jpg", "width": None, "height": 5}],
        "related": [{"title": "R", "webUrl": "https://example.com/r", "quality": None}],
    }
    found = [d.field for d in lint_record(data).diagnostics if d.code in ("AL104", "AL701")]
    assert found == ["images[0].width", "related[0].quality"]
