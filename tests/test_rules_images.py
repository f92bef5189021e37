"""AL701 invalid-image-dimensions, AL702 extreme-aspect-ratio, AL703 image-too-small: exact
code, line, column and field (LF and CRLF), for the record's, related stories' and
providers' images."""

from __future__ import annotations

import pytest

from articlelint import lint_text
from articlelint.config import Config
from tests.conftest import VALID, Lint, crlf, replace_line

IMAGES = ["AL103", "AL104", "AL105", "AL701", "AL702", "AL703"]

#: VALID with a related-story image (lines 36-38) and a provider logo (lines 16-19).
RICH = replace_line(
    replace_line(
        VALID,
        "    quality: 68",
        "    quality: 68\n"
        "    images:\n"
        '      - url: "https://www.zdnet.com/a/img/curtail.jpg"\n'
        "        width: 1280\n"
        "        height: 720",
    ),
    "  domain: siliconrepublic.com",
    "  domain: siliconrepublic.com\n"
    "  images:\n"
    '    - url: "https://www.siliconrepublic.com/logo.png"\n'
    "      width: 300\n"
    "      height: 50",
)


def message(text: str, code: str, config: Config | None = None) -> str:
    [diagnostic] = [d for d in lint_text(text, config=config).diagnostics if d.code == code]
    return diagnostic.message


def test_rich_record_is_clean(lint: Lint) -> None:
    lines = RICH.splitlines()
    assert lines[17] == "      width: 300"
    assert lines[41] == "        width: 1280"
    assert lint(RICH, *IMAGES) == []
    assert lint(crlf(RICH), *IMAGES) == []


# --- AL701 invalid-image-dimensions -----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    width: 800", "    width: 0", [("AL701", 26, 12, "images[0].width")]),
        ("    height: 600", "    height: -600", [("AL701", 27, 13, "images[0].height")]),
        ("        width: 1280", "        width: -1", [("AL701", 42, 16, "related[0].images[0].width")]),
        ("      height: 50", "      height: 0", [("AL701", 19, 15, "provider.images[0].height")]),
        ("    width: 800", "", [("AL701", 27, 13, "images[0].height")]),
        ("        height: 720", "", [("AL701", 42, 16, "related[0].images[0].width")]),
    ],
)  # fmt: skip
def test_invalid_dimensions(lint: Lint, old: str, new: str, expected: list[object]) -> None:
    text = replace_line(RICH, old, new)
    assert lint(text, *IMAGES) == expected
    assert lint(crlf(text), *IMAGES) == expected


def test_invalid_dimension_messages() -> None:
    text = replace_line(RICH, "    width: 800", "    width: 0")
    assert message(text, "AL701") == (
        "`images[0].width` is 0; an image's width is a positive number of pixels: give the "
        "real size, or leave both out"
    )
    text = replace_line(RICH, "    width: 800", "")
    assert message(text, "AL701") == (
        "`images[0]` has a `height` but no `width`; give both, or neither"
    )


def test_one_zero_and_one_missing_are_both_reported(lint: Lint) -> None:
    text = replace_line(RICH, "    width: 800", "    width: 0")
    text = replace_line(text, "    height: 600", "")
    assert lint(text, *IMAGES) == [
        ("AL701", 26, 12, "images[0].width"),
        ("AL701", 26, 12, "images[0].width"),
    ]


def test_no_dimensions_at_all_is_fine(lint: Lint) -> None:
    text = replace_line(RICH, "    width: 800", "")
    text = replace_line(text, "    height: 600", "")
    assert lint(text, *IMAGES) == []


def test_wrong_types_are_left_to_al103(lint: Lint) -> None:
    text = replace_line(RICH, "    width: 800", '    width: "800"')
    assert lint(text, *IMAGES) == [("AL103", 26, 12, "images[0].width")]
    text = replace_line(RICH, "    width: 800", "    width: true")
    assert lint(text, *IMAGES) == [("AL103", 26, 12, "images[0].width")]


def test_empty_dimension(lint: Lint) -> None:
    text = replace_line(RICH, "    width: 800", "    width:")
    assert lint(text, *IMAGES) == [("AL104", 26, 11, "images[0].width")]


# --- AL702 extreme-aspect-ratio ---------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        ("1800", "600", []),  # exactly 3:1
        ("600", "1800", []),  # exactly 1:3
        ("1801", "600", [("AL702", 25, 5, "images[0]")]),
        ("100", "301", [("AL702", 25, 5, "images[0]")]),
    ],
)
def test_aspect_ratio(lint: Lint, width: str, height: str, expected: list[object]) -> None:
    text = replace_line(RICH, "    width: 800", f"    width: {width}")
    text = replace_line(text, "    height: 600", f"    height: {height}")
    assert lint(text, *IMAGES) == expected
    assert lint(crlf(text), *IMAGES) == expected


def test_aspect_ratio_message_and_option(lint: Lint) -> None:
    text = replace_line(RICH, "    width: 800", "    width: 1600")
    text = replace_line(text, "    height: 600", "    height: 200")
    assert message(text, "AL702") == (
        "`images[0]` is 1600 by 200 pixels, more than 3 times as wide as it is tall; cards "
        "crop it badly: use a picture between 1:3 and 3:1"
    )
    wide = Config(options={"extreme-aspect-ratio": {"max-ratio": 8}})
    assert lint(text, "AL702", config=wide) == []


def test_aspect_ratio_of_related_images_but_not_logos(lint: Lint) -> None:
    text = replace_line(RICH, "        height: 720", "        height: 100")
    assert lint(text, "AL702") == [("AL702", 41, 9, "related[0].images[0]")]
    logo = replace_line(RICH, "      height: 50", "      height: 10")  # a 30:1 word mark
    assert lint(logo, "AL702") == []


# --- AL703 image-too-small --------------------------------------------------------------


def test_image_too_small_is_off_by_default(lint: Lint) -> None:
    assert lint(RICH, "AL703") == []


def test_image_too_small_when_selected(lint: Lint) -> None:
    selected = Config(extend_select=["AL703"])
    # Only the record's own 800px image: not the 300px logo, nor the related image.
    assert lint(RICH, "AL703", config=selected) == [("AL703", 26, 12, "images[0].width")]
    assert lint(crlf(RICH), "AL703", config=selected) == [("AL703", 26, 12, "images[0].width")]
    assert message(RICH, "AL703", selected) == (
        "`images[0]` is 800 pixels wide, less than 1200; use a larger version of the "
        "picture for large previews"
    )
    big = replace_line(RICH, "    width: 800", "    width: 1200")
    assert lint(big, "AL703", config=selected) == []


def test_image_too_small_option(lint: Lint) -> None:
    config = Config(extend_select=["AL703"], options={"image-too-small": {"min-width": 800}})
    assert lint(RICH, "AL703", config=config) == []
    config = Config(extend_select=["AL703"], options={"AL703": {"min-width": 801}})
    assert lint(RICH, "AL703", config=config) == [("AL703", 26, 12, "images[0].width")]


def test_huge_sizes_do_not_overflow(lint: Lint) -> None:
    huge = "9" * 400
    text = replace_line(RICH, "    width: 800", f"    width: {huge}")
    assert lint(text, "AL000", "AL701", "AL702") == [("AL702", 25, 5, "images[0]")]
    text = replace_line(text, "    height: 600", f"    height: {huge}")
    assert lint(text, "AL000", "AL701", "AL702") == []
