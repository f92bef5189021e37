"""AL7xx: images — sizes that make sense and fit the cards they are shown in."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from articlelint.diagnostics import FieldPath, Severity, render_field
from articlelint.rules._fields import images, stories
from articlelint.rules._format import show_number
from articlelint.rules.base import Problem, Record, Rule, RuleOptions, setting

__all__ = ["ExtremeAspectRatio", "ImageTooSmall", "InvalidImageDimensions"]


def _size(value: Any) -> int | None:
    """A width or height that is a whole number (other types: the schema rules)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _story_images(record: Record) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    """The pictures of the record and of its related stories, not the providers' logos."""
    for story_path, story in stories(record):
        pictures = story.get("images")
        if isinstance(pictures, list):
            for index, image in enumerate(pictures):
                if isinstance(image, Mapping):
                    yield (*story_path, "images", index), image


class InvalidImageDimensions(Rule):
    """## What it does
    Reports an image (of the record, a related story or a provider) whose `width` or
    `height` is zero or negative, or that gives only one of the two.

    ## Why is this bad?
    Templates use both numbers to reserve the image's box (avoiding layout shift) and to
    pick a crop: a zero size hides the image, and a lone width leaves the height to guess.
    Both are scraper bugs, usually a failed image probe.

    ## Example
    ```yaml
    images:
      - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/face.jpeg"
        width: 0
        height: 600
      - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/logo.png"
        width: 800
    ```

    ## Use instead
    ```yaml
    images:
      - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/face.jpeg"
        width: 800
        height: 600
      - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/logo.png"
    ```
    """

    code = "AL701"
    name = "invalid-image-dimensions"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, image in images(record):
            # `width:` with no value counts as given: empty-value (AL104) reports it.
            present = [key for key in ("width", "height") if key in image]
            if len(present) == 1:
                other = "height" if present[0] == "width" else "width"
                yield Problem(
                    f"`{render_field(path)}` has a `{present[0]}` but no `{other}`; give "
                    "both, or neither",
                    field=(*path, present[0]),
                )
            for key in present:
                size = _size(image[key])
                if size is not None and size <= 0:
                    yield Problem(
                        f"`{render_field((*path, key))}` is {show_number(size)}; an image's "
                        f"{key} is a positive number of pixels: give the real size, or leave "
                        "both out",
                        field=(*path, key),
                    )


class AspectRatioOptions(RuleOptions):
    max_ratio: float = setting(
        3.0,
        ge=1.0,
        description="The widest (width / height) and, inverted, the tallest shape allowed; "
        "3 means from 1:3 to 3:1.",
    )


class ExtremeAspectRatio(Rule):
    """## What it does
    Reports a story image (of the record or a related story) that is more than
    `max-ratio` times (default: 3) wider than tall, or taller than wide: outside 1:3 to
    3:1. Providers' logos are not checked, since wide word marks are normal.

    ## Why is this bad?
    Cards crop pictures to about 16:9 or 4:3; a banner or a tall infographic loses most
    of its content, and very often it is not the story's picture at all but a banner ad,
    a spacer or a separator line.

    ## Example
    ```yaml
    images:
      - url: "https://bnetcmsus-a.akamaihd.net/cms/blog_header/banner.jpg"
        width: 1600
        height: 200
    ```

    ## Use instead
    ```yaml
    images:
      - url: "https://bnetcmsus-a.akamaihd.net/cms/blog_header/header.jpg"
        width: 1600
        height: 900
    ```
    """

    code = "AL702"
    name = "extreme-aspect-ratio"
    severity = Severity.INFO
    Options = AspectRatioOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        limit: float = options.max_ratio
        # Exact integer comparison: sizes may be arbitrarily large ints.
        numerator, denominator = float(limit).as_integer_ratio()
        for path, image in _story_images(record):
            width, height = _size(image.get("width")), _size(image.get("height"))
            if width is None or height is None or width <= 0 or height <= 0:
                continue  # nothing to compare (AL701 reports the bad ones)
            if width * denominator > numerator * height or height * denominator > numerator * width:
                shape, other = ("wide", "tall") if width > height else ("tall", "wide")
                yield Problem(
                    f"`{render_field(path)}` is {show_number(width)} by {show_number(height)} "
                    f"pixels, more than {limit:g} times as {shape} as it is {other}; cards "
                    f"crop it badly: use a picture between 1:{limit:g} and {limit:g}:1",
                    field=path,
                )


class ImageTooSmallOptions(RuleOptions):
    min_width: int = setting(
        1200,
        gt=0,
        description="The narrowest story image allowed, in pixels (Google Discover asks "
        "for at least 1200).",
    )


class ImageTooSmall(Rule):
    """## What it does
    Reports a record's own image narrower than `min-width` pixels (default: 1200). Related
    stories' images and providers' logos are not checked. Off by default: select it
    (`--extend-select AL703`) when your stories target Google Discover.

    ## Why is this bad?
    Google Discover shows large cards only for images at least 1200 pixels wide; smaller
    ones get a thumbnail or no image, and far fewer clicks. Upscaled small images look
    blurry on high-density screens.

    ## Example
    ```yaml
    images:
      - url: "https://i.ytimg.com/vi/9FGveeLt1qk/hqdefault.jpg"
        width: 480
        height: 360
    ```

    ## Use instead
    ```yaml
    images:
      - url: "https://i.ytimg.com/vi/9FGveeLt1qk/maxresdefault.jpg"
        width: 1280
        height: 720
    ```
    """

    code = "AL703"
    name = "image-too-small"
    severity = Severity.INFO
    Options = ImageTooSmallOptions
    default_enabled = False

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        pictures = record.data.get("images")
        if not isinstance(pictures, list):
            return
        for index, image in enumerate(pictures):
            if not isinstance(image, Mapping):
                continue
            width = _size(image.get("width"))
            if width is not None and 0 < width < options.min_width:
                yield Problem(
                    f"`images[{index}]` is {show_number(width)} pixels wide, less than "
                    f"{options.min_width}; use a larger version of the picture for large previews",
                    field=("images", index, "width"),
                )
