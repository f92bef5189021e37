"""Every record kind of the format (issue 11): the models by `type`, the unknown kinds
(AL107), empty optional text (AL104), and the checks the learning kinds call for
(AL101 by kind, AL105 rating scale, AL106 levels, AL308 durations, AL403 `removed`,
AL511/AL512 collection items, URL rules on `actions`). Exact code, line, column and
field, on the hand-made records of seeds/valid (modelled on two real sites)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlelint import lint_paths, lint_record, lint_text
from articlelint.config import Config
from articlelint.errors import ConfigError
from articlelint.models import model_for
from articlelint.models.fieldtypes import expected_scalar
from articlelint.rules.learning import _COMMON, is_duration, suggest_duration
from tests.conftest import SEEDS, VALID, Lint, crlf, findings, replace_line

LEARNING = SEEDS / "valid" / "_learning"
COURSE = (LEARNING / "courses" / "microsoft-learn-architect-analytics.md").read_text("utf-8")
BOOK = (LEARNING / "books" / "deep-learning-with-python.md").read_text("utf-8")
VIDEO = (LEARNING / "videos" / "april-dunnam-how-to-get-started-with-power-apps.md").read_text(
    "utf-8"
)
COLLECTION = (LEARNING / "collections" / "getting-started-with-power-apps.md").read_text("utf-8")
DOWNLOAD = (LEARNING / "downloads" / "power-apps-sample-apps.md").read_text("utf-8")
ANSWER = (LEARNING / "answers" / "what-is-power-apps.md").read_text("utf-8")
FORUM = (SEEDS / "valid" / "_communities" / "microsoft-power-apps-community.md").read_text("utf-8")
KINDS = {
    "course": COURSE,
    "book": BOOK,
    "video": VIDEO,
    "collection": COLLECTION,
    "download": DOWNLOAD,
    "answer": ANSWER,
    "forum": FORUM,
}


SEED_PATHS = {
    kind: str(next(p for p in (SEEDS / "valid").rglob("*.md") if p.read_text("utf-8") == text))
    for kind, text in KINDS.items()
}


def message(text: str, code: str, path: str = "record.md", config: Config | None = None) -> str:
    [diagnostic] = [d for d in lint_text(text, path, config).diagnostics if d.code == code]
    return diagnostic.message


# --- the models ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_clean_with_all_its_fields(lint: Lint, kind: str) -> None:
    # No date on courses, books, collections, answers, forums; price, length, ratings,
    # levels, items, actions, members, provider images and authors, image titles: known.
    text = KINDS[kind]
    assert model_for({"type": kind}).__name__ == kind.capitalize()
    # At its place in seeds/valid (a collection's items resolve against the files there),
    # and outside the learning folder.
    places = [SEED_PATHS[kind]] if kind == "collection" else [SEED_PATHS[kind], "x.md"]
    for path in places:
        assert lint(text, path=path) == []
        assert lint(crlf(text), path=path) == []


def test_shared_corpus_shapes_still_have_their_models() -> None:
    assert model_for({"type": "article"}).__name__ == "Article"
    assert model_for({}).__name__ == "Article"  # and `type` is reported missing


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        (COURSE, "webUrl: https://docs.microsoft.com/en-us/learn/modules/architect-analytics/", "", ("AL101", 2, 1, "webUrl")),
        (BOOK, "  name: Amazon", "  title: Amazon", ("AL101", 12, 1, "provider.name")),
        (COLLECTION, "items:", "itemz:", ("AL101", 2, 1, "items")),
        (DOWNLOAD, "originalUrl: https://learn.microsoft.com/en-us/power-apps/maker/canvas-apps/sample-apps", "", ("AL101", 2, 1, "originalUrl")),
        (DOWNLOAD, "  - url: https://github.com/microsoft/PowerApps-Samples/archive/refs/heads/master.zip", "  - uri: https://github.com/x.zip", ("AL101", 14, 5, "actions[0].url")),
        (ANSWER, 'title: "What is Power Apps?"', "", ("AL101", 3, 1, "title")),
        (FORUM, 'name: "Microsoft Power Apps Community"', "", ("AL101", 3, 1, "name")),
        (VIDEO, "publishedDateTime: 2020-06-25T04:03:20Z", "", ("AL101", 2, 1, "publishedDateTime")),
    ],
)  # fmt: skip
def test_required_fields_by_kind(
    lint: Lint, text: str, old: str, new: str, expected: tuple[object, ...]
) -> None:
    broken = replace_line(text, old, new)
    assert lint(broken, "AL101", "AL104", path="_news/x.md") == [expected]


def test_missing_required_field_names_the_kind() -> None:
    text = replace_line(
        COURSE, "webUrl: https://docs.microsoft.com/en-us/learn/modules/architect-analytics/", ""
    )
    assert message(text, "AL101") == (
        "required field `webUrl` is missing (records of type `course` need it); add it"
    )
    items = replace_line(COLLECTION, "items:", "itemz:")
    assert message(items, "AL101") == (
        "required field `items` is missing (records of type `collection` need it); add it"
    )


def test_collection_needs_its_items(lint: Lint) -> None:
    text = COLLECTION.replace(
        "items:\n  - videos/april-dunnam-how-to-get-started-with-power-apps\n"
        "  - courses/microsoft-learn-architect-analytics\n",
        "",
    )
    assert lint(text, "AL101", "AL104") == [("AL101", 2, 1, "items")]
    empty_item = replace_line(
        COLLECTION, "  - courses/microsoft-learn-architect-analytics", "  - ''"
    )
    assert lint(empty_item, "AL101", "AL104") == [("AL104", 19, 5, "items[1]")]
    assert lint(replace_line(COLLECTION, "items:", "items:\n  -"), "AL104") == [
        ("AL104", 18, 4, "items[0]")
    ]


# --- dates: the learning section is not dated ---------------------------------------------

LEARNING_ARTICLE = """\
---
title: "Introduction to Machine Learning for Developers"
excerpt: "Where developers can start with machine learning."
webUrl: https://algorithmia.com/blog/introduction-machine-learning-developers
type: article
price: Free
heat: 50

provider:
  name: Algorithmia
  domain: algorithmia.com

levels:
  - Beginner

images:
  - url: https://algorithmia.com/blog/wp-content/uploads/2016/10/intro.png
    width: 1400
    height: 715
    title: "Introduction to Machine Learning for Developers"
---
"""


def test_records_in_the_learning_folder_need_no_date(lint: Lint) -> None:
    assert lint(LEARNING_ARTICLE, path="site/_learning/articles/intro.md") == []
    assert lint(LEARNING_ARTICLE, path="site/_news/intro.md") == [
        ("AL101", 2, 1, "publishedDateTime")
    ]
    dated = Config(options={"missing-required-field": {"undated-folders": []}})
    assert lint(LEARNING_ARTICLE, path="site/_learning/articles/intro.md", config=dated) == [
        ("AL101", 2, 1, "publishedDateTime")
    ]
    # The file's own name is not a folder; and lint_record has no path at all.
    assert lint(LEARNING_ARTICLE, path="_learning.md") == [("AL101", 2, 1, "publishedDateTime")]
    data = {"type": "article", "title": "T", "webUrl": "https://a.org/t"}
    data["provider"] = {"name": "A", "domain": "a.org"}  # type: ignore[assignment]
    found = [(d.code, d.field) for d in lint_record(data).diagnostics]
    assert found == [("AL101", "publishedDateTime")]


# --- AL107 unknown-kind -------------------------------------------------------------------

PODCAST = """\
---
title: "Low Code Weekly"
type: podcast
host: Jane Doe
episodes:
  - number: 1
    length: long
heat: 20
---
"""


def test_unknown_kind_is_one_finding(lint: Lint) -> None:
    # Its own keys (host, episodes) are allowed, nothing is required (no webUrl, date,
    # provider): one finding, not a cascade.
    assert lint(PODCAST) == [("AL107", 3, 7, "type")]
    assert lint(crlf(PODCAST)) == [("AL107", 3, 7, "type")]
    assert message(PODCAST, "AL107") == (
        '`type` is the text "podcast", a kind of record articlelint has no model for, so only '
        "the fields every record shares are checked; use one of `article`, `video`, `course`, "
        "`collection`, `book`, `answer`, `download`, `forum`, or, if it is a kind of your "
        "site, list it in the `unknown-kind.extra-kinds` option"
    )


def test_unknown_kind_still_checks_the_shared_fields(lint: Lint) -> None:
    text = replace_line(PODCAST, "heat: 20", 'heat: "hot"')
    text = replace_line(text, 'title: "Low Code Weekly"', "title: ''")
    assert lint(text) == [("AL107", 3, 7, "type"), ("AL103", 8, 7, "heat")]
    assert lint(text + "provider: Jane\n", "AL103") == [("AL103", 8, 7, "heat")]


def test_extra_kinds_are_accepted(lint: Lint) -> None:
    config = Config(options={"unknown-kind": {"extra-kinds": ["podcast"]}})
    assert lint(PODCAST, config=config) == []
    assert lint(replace_line(PODCAST, "heat: 20", "heat: -5"), config=config) == [
        ("AL105", 8, 7, "heat")
    ]


def test_a_known_kind_in_another_case_gets_a_suggestion(lint: Lint) -> None:
    text = replace_line(VALID, "type: article", "type: Video")
    assert lint(text) == [("AL107", 8, 7, "type")]
    assert message(text, "AL107").endswith("; did you mean `video`?")


@pytest.mark.parametrize(
    ("new", "expected"),
    [("type: ''", ("AL104", 8, 7, "type")), ("type: [video]", ("AL103", 8, 7, "type")),
     ("type:", ("AL104", 8, 6, "type"))],
)  # fmt: skip
def test_a_type_that_is_not_text_is_the_models_finding(
    lint: Lint, new: str, expected: tuple[object, ...]
) -> None:
    assert lint(replace_line(VALID, "type: article", new)) == [expected]


# --- AL104: optional text left empty ------------------------------------------------------


def test_empty_optional_text_of_the_new_fields(lint: Lint) -> None:
    text = replace_line(COURSE, "price: Free", 'price: ""')
    text = replace_line(text, "length: PT41M", "length:")
    text = replace_line(BOOK, '    title: "Deep Learning with Python"', "    title: ''")
    assert lint(text) == []
    assert lint(replace_line(COURSE, "price: Free", 'price: ""')) == []
    assert lint(replace_line(COURSE, "length: PT41M", "length:")) == []
    # A level is an item of a list of text: empty, it is reported.
    assert lint(replace_line(COURSE, "  - Advanced", "  - ' '")) == [("AL104", 22, 5, "levels[0]")]


# --- AL105: counts and the rating scale ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        (COURSE, "  average: 4.8", "  average: 48", ("AL105", 10, 12, "ratings.average")),
        (COURSE, "  average: 4.8", "  average: -0.5", ("AL105", 10, 12, "ratings.average")),
        (COURSE, "  average: 4.8", "  average: .nan", ("AL105", 10, 12, "ratings.average")),
        (COURSE, "  count: 5", "  count: -1", ("AL105", 9, 10, "ratings.count")),
        (COURSE, "  count: 5", "  count: 4.5", ("AL103", 9, 10, "ratings.count")),
        (COURSE, "  average: 4.8", '  average: "4.8"', ("AL103", 10, 12, "ratings.average")),
        (FORUM, "members: 6940", "members: -6940", ("AL105", 7, 10, "members")),
    ],
)  # fmt: skip
def test_ratings_and_members(
    lint: Lint, text: str, old: str, new: str, expected: tuple[object, ...]
) -> None:
    assert lint(replace_line(text, old, new)) == [expected]


def test_rating_scale_message_and_option(lint: Lint) -> None:
    text = replace_line(COURSE, "  average: 4.8", "  average: 48")
    assert message(text, "AL105") == (
        "`ratings.average` is 48, outside the rating scale (0 to 5); write the average on "
        "that scale, or set the `value-out-of-range.rating-min` and `rating-max` options to "
        "your site's scale"
    )
    ten = Config(options={"value-out-of-range": {"rating-max": 10}})
    assert lint(replace_line(COURSE, "  average: 4.8", "  average: 7.5"), config=ten) == []
    assert "(0 to 10)" in message(text, "AL105", config=ten)
    nan = replace_line(COURSE, "  average: 4.8", "  average: .nan")
    assert message(nan, "AL105").startswith("`ratings.average` is not a number, outside")
    assert lint(replace_line(COURSE, "  average: 4.8", "  average: 5")) == []
    assert lint(replace_line(COURSE, "  average: 4.8", "  average: 0")) == []


def test_rating_scale_must_be_a_range() -> None:
    with pytest.raises(ConfigError, match="rating-min must be less than rating-max"):
        lint_text(COURSE, config=Config(options={"value-out-of-range": {"rating-min": 5}}))


# --- AL106: levels ------------------------------------------------------------------------


def test_unknown_level(lint: Lint) -> None:
    text = replace_line(COURSE, "  - Advanced", "  - Expert")
    assert lint(text) == [("AL106", 22, 5, "levels[0]")]
    assert message(text, "AL106") == (
        '`levels[0]` is the text "Expert", not a known level; expected one of `Beginner`, '
        "`Intermediate`, `Advanced` (add new levels to the `invalid-choice.levels` option)"
    )
    lower = replace_line(COURSE, "  - Advanced", "  - advanced")
    assert lint(crlf(lower)) == [("AL106", 22, 5, "levels[0]")]
    assert "did you mean `Advanced`?" in message(lower, "AL106")
    expert = Config(options={"invalid-choice": {"levels": ["Expert"]}})
    assert lint(text, config=expert) == []
    assert lint(COURSE, config=expert) == [("AL106", 22, 5, "levels[0]")]
    assert lint(text, config=Config(options={"invalid-choice": {"levels": []}})) == []


# --- AL308 invalid-duration ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("13 hours", "write `PT13H`"),
        ("6 Weeks", "write `P6W`"),
        ("2 Months", "write `P2M`"),
        ("45 mins", "write `PT45M`"),
        ('"13:34"', "write `PT13M34S`"),
        ('"1:02:03"', "write `PT1H2M3S`"),
        ("pt41m", "write `PT41M`"),
        ('"PT41M "', "write `PT41M`"),
        ("P1DT", "write `P1D`"),
        ("PT", "write it as one, such as `PT13M34S` (13 minutes 34 seconds), `PT2H23M` or `P6W` (6 weeks)"),
        ("-PT41M", "write it as one, such as `PT13M34S` (13 minutes 34 seconds), `PT2H23M` or `P6W` (6 weeks)"),
        ("forty minutes", "write it as one, such as `PT13M34S` (13 minutes 34 seconds), `PT2H23M` or `P6W` (6 weeks)"),
    ],
)  # fmt: skip
def test_invalid_duration(lint: Lint, value: str, hint: str) -> None:
    text = replace_line(COURSE, "length: PT41M", f"length: {value}")
    assert lint(text) == [("AL308", 7, 9, "length")]
    assert lint(crlf(text)) == [("AL308", 7, 9, "length")]
    shown = value.strip('"')
    assert message(text, "AL308") == f"`length` is `{shown}`, not an ISO 8601 duration; {hint}"


@pytest.mark.parametrize(
    "value", ["PT41M", "PT9M3S", "PT2H23M", "PT55S", "P1M", "P6W", "P1Y2M3DT4H", "PT1.5H", "P0D"]
)
def test_valid_durations(lint: Lint, value: str) -> None:
    assert lint(replace_line(COURSE, "length: PT41M", f"length: {value}")) == []


def test_duration_suggestions_are_valid_durations() -> None:
    for text in ("13 hours", "6 Weeks", "1 year", "30 sec", "13:34", "0:30", "pt5m", "P1DT"):
        suggestion = suggest_duration(text)
        assert suggestion is not None, text
        assert is_duration(suggestion), text
    for text in ("13:75", "1:75:00", "5 m", "PT", "", "lots"):
        assert suggest_duration(text) is None, text


@given(st.from_regex(r"PT(?:[0-9]{1,9}H)?(?:[0-9]{1,9}M)?(?:[0-9]{1,9}S)?", fullmatch=True))
def test_the_common_form_agrees_with_isodate(text: str) -> None:
    import isodate

    # What the fast path accepts without isodate, isodate accepts too.
    if is_duration(text) and _COMMON.fullmatch(text):
        isodate.parse_duration(text)
    assert is_duration(text) == (text != "PT")


def test_a_one_file_run_of_learning_records_imports_neither_isodate_nor_pydantic(
    tmp_path: Path,
) -> None:
    import json
    import subprocess
    import sys

    from tests.test_startup import clean_env

    for name, text in (("course.md", COURSE), ("video.md", VIDEO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = (
        "import json, sys\n"
        "from articlelint.cli import main\n"
        "status = main(['--no-cache', 'course.md', 'video.md'])\n"
        "heavy = ['isodate', 'decimal', 'pydantic']\n"
        "print(json.dumps([status, [m for m in heavy if m in sys.modules]]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-S", "-c", script],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout.splitlines()[-1]) == [0, []]


# --- AL403: removed but published ---------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("removed: true\npublished: true", [("AL403", 13, 12, "published")]),
        ("removed: true\npublished: false", []),
        ("removed: true", []),
        ("removed: false\npublished: true", []),
        ('removed: "true"\npublished: true', [("AL103", 12, 10, "removed")]),
    ],
)
def test_removed_and_published(lint: Lint, flags: str, expected: list[object]) -> None:
    text = replace_line(COURSE, "heat: 50", "heat: 50\n" + flags)
    assert lint(text, "AL403", "AL103") == expected
    assert lint(crlf(text), "AL403", "AL103") == expected


def test_removed_and_published_message() -> None:
    text = replace_line(COURSE, "heat: 50", "heat: 50\nremoved: true\npublished: true")
    assert message(text, "AL403") == (
        "`removed: true` marks a withdrawn record, but `published: true` shows it; set "
        "`published: false`, or remove `removed: true` if it is back"
    )


# --- the URL rules on actions[].url -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://github.com/microsoft/PowerApps-Samples/archive/master.zip", ("AL202", 14, 10, "actions[0].url")),
        ("javascript:alert(1)", ("AL201", 14, 10, "actions[0].url")),
        ("https://localhost/samples.zip", ("AL204", 14, 10, "actions[0].url")),
    ],
)  # fmt: skip
def test_action_urls_get_the_url_rules(lint: Lint, url: str, expected: tuple[object, ...]) -> None:
    text = replace_line(
        DOWNLOAD,
        "  - url: https://github.com/microsoft/PowerApps-Samples/archive/refs/heads/master.zip",
        f"  - url: {url}",
    )
    assert lint(text, "AL201", "AL202", "AL204") == [expected]


# --- AL511 / AL512: collection items ------------------------------------------------------


def _site(tmp_path: Path) -> Path:
    learning = tmp_path / "site" / "_learning"
    for folder in ("collections", "videos", "courses"):
        (learning / folder).mkdir(parents=True)
    (learning / "collections" / "path.md").write_text(
        COLLECTION.replace(
            "  - courses/microsoft-learn-architect-analytics\n",
            "  - courses/microsoft-learn-architect-analytics\n"
            "  - courses/microsoft-learn-no-such-course\n"
            "  - ../_learning/videos/april-dunnam-how-to-get-started-with-power-apps\n",
        ),
        encoding="utf-8",
    )
    (learning / "videos" / "april-dunnam-how-to-get-started-with-power-apps.md").write_text(
        VIDEO, encoding="utf-8"
    )
    (learning / "courses" / "microsoft-learn-architect-analytics.md").write_text(
        COURSE, encoding="utf-8"
    )
    return learning


def test_collection_items_resolve_against_the_run(tmp_path: Path) -> None:
    learning = _site(tmp_path)
    result = lint_paths([tmp_path / "site"], Config(jobs=1))
    assert findings(result.diagnostics) == [("AL511", 20, 5, "items[2]")]
    [diagnostic] = result.diagnostics
    target = os.path.join(str(learning), "courses", "microsoft-learn-no-such-course")
    assert diagnostic.path == str(learning / "collections" / "path.md")
    assert diagnostic.message == (
        "`items[2]` names `courses/microsoft-learn-no-such-course`, but there is no record "
        f"`{target}` (no such file in this run or on disk); fix the path (relative to the "
        "folder above the collection's folder, without the suffix) or remove the item"
    )


def test_an_item_outside_the_run_is_not_a_missing_item(tmp_path: Path) -> None:
    learning = _site(tmp_path)
    collection = learning / "collections" / "path.md"
    video = learning / "videos" / "april-dunnam-how-to-get-started-with-power-apps.md"
    # pre-commit passes the changed files only: the course is on disk, not in the run.
    result = lint_paths([collection, video], Config(jobs=1))
    assert findings(result.diagnostics) == [("AL511", 20, 5, "items[2]")]
    also = Config(jobs=1, extend_select=["AL512"])
    result = lint_paths([collection, video], also)
    assert findings(result.diagnostics) == [
        ("AL512", 19, 5, "items[1]"),
        ("AL511", 20, 5, "items[2]"),
    ]
    course = learning / "courses" / "microsoft-learn-architect-analytics.md"
    [not_checked] = [d for d in result.diagnostics if d.code == "AL512"]
    assert not_checked.message == (
        "`items[1]` names `courses/microsoft-learn-architect-analytics`, a record "
        f"(`{course}`) that was not checked in this run; check it together with the "
        "collection (lint the whole folder) to know it is a valid record"
    )
    assert not_checked.severity == "info"


def test_an_item_outside_the_site_folder_is_not_looked_up_on_disk(tmp_path: Path) -> None:
    learning = _site(tmp_path)
    (tmp_path / "secret.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    collection = learning / "collections" / "path.md"
    text = collection.read_text("utf-8").replace(
        "  - courses/microsoft-learn-no-such-course\n", "  - ../../secret\n"
    )
    collection.write_text(text, encoding="utf-8")
    result = lint_paths([collection], Config(jobs=1, extend_select=["AL512"]))
    assert ("AL511", 20, 5, "items[2]") in findings(result.diagnostics)
    assert [d.field for d in result.diagnostics if d.code == "AL512"] == [
        "items[0]",
        "items[1]",
        "items[3]",
    ]


def test_an_item_is_the_whole_name_without_the_suffix(tmp_path: Path) -> None:
    learning = tmp_path / "_learning"
    (learning / "collections").mkdir(parents=True)
    (learning / "videos").mkdir()
    video = learning / "videos" / "power-apps-2.0-overview.md"
    video.write_text(VIDEO, encoding="utf-8")
    collection = learning / "collections" / "c.md"
    items = (
        "items:\n  - videos/power-apps-2.0-overview\n  - videos/power-apps-2\n"
        "  - videos/power-apps-2.0-overview.md\n"
    )
    collection.write_text(
        COLLECTION.replace(
            "items:\n  - videos/april-dunnam-how-to-get-started-with-power-apps\n"
            "  - courses/microsoft-learn-architect-analytics\n",
            items,
        ),
        encoding="utf-8",
    )
    result = lint_paths([collection, video], Config(jobs=1))
    # A dot in a slug is part of it; an item written with the file's suffix names no record.
    assert findings(result.diagnostics) == [
        ("AL511", 19, 5, "items[1]"),
        ("AL511", 20, 5, "items[2]"),
    ]


def test_items_of_a_record_without_a_file_are_not_checked() -> None:
    data = {
        "type": "collection",
        "title": "Path",
        "items": ["videos/nowhere", "courses/nothing"],
    }
    assert lint_record(data, Config(extend_select=["AL512"])).diagnostics == []


def test_an_item_that_is_no_path_is_reported_not_crashed(tmp_path: Path) -> None:
    folder = tmp_path / "_learning" / "collections"
    folder.mkdir(parents=True)
    path = folder / "odd.md"
    text = COLLECTION.replace(
        "  - courses/microsoft-learn-architect-analytics\n",
        '  - "courses/\\0nul"\n  - "' + "x" * 5000 + '"\n',
    )
    path.write_text(text, encoding="utf-8")
    result = lint_paths([path], Config(jobs=1, extend_select=["AL512"]))
    assert result.internal_errors == 0
    assert findings(result.diagnostics) == [
        ("AL511", 18, 5, "items[0]"),
        ("AL511", 19, 5, "items[1]"),
        ("AL511", 20, 5, "items[2]"),
    ]


# --- helpers that must know the new models ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        ({"type": "course"}, ("price",), "str"),
        ({"type": "course"}, ("length",), "str"),
        ({"type": "course"}, ("ratings", "count"), "int"),
        ({"type": "book"}, ("ratings", "average"), "float"),
        ({"type": "collection"}, ("items", 0), "str"),
        ({"type": "download"}, ("actions", 0, "attribution"), "str"),
        ({"type": "forum"}, ("members",), "int"),
        ({"type": "article"}, ("removed",), "bool"),
        ({"type": "book"}, ("provider", "authors", 0, "name"), "str"),
        ({"type": "article"}, ("images", 0, "title"), "str"),
        ({"type": "podcast"}, ("host",), None),
        ({"type": "podcast"}, ("heat",), "int"),
        ({"type": "article"}, ("items", 0), None),
    ],
)
def test_expected_scalar_knows_every_kind(
    data: dict[str, object], path: tuple[object, ...], expected: str | None
) -> None:
    assert expected_scalar(data, path) == expected  # type: ignore[arg-type]


def test_ambiguous_scalars_in_the_new_fields_get_the_fix_for_text(lint: Lint) -> None:
    text = replace_line(COURSE, "price: Free", "price: no")
    [diagnostic] = [d for d in lint_text(text).diagnostics if d.code == "AL005"]
    assert (diagnostic.line, diagnostic.column, diagnostic.field) == (6, 8, "price")
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability == "safe"
