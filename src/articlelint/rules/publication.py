"""AL4xx: publication state — is the story shown, and is the flag well-formed?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from articlelint.diagnostics import Severity
from articlelint.rules.base import Problem, Record, Rule
from articlelint.rules.fixes import FixIntent, ReplaceValue

__all__ = [
    "InvalidPublishedFlag",
    "PublicationStateConflict",
    "UnpublishedRecord",
    "published_flag_problem",
]

_FIELD = ("published",)
_CANONICAL = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
#: Text that spells a boolean, and the boolean it spells.
_SPELLED = {
    **dict.fromkeys(("true", "yes", "on", "1"), True),
    **dict.fromkeys(("false", "no", "off", "0"), False),
}


def published_flag_problem(record: Record) -> str | None:
    """Why the ``published`` flag is malformed, or ``None`` when it is a proper boolean."""
    if "published" not in record.data:
        return None
    value = record.data["published"]
    if isinstance(value, bool):
        text = record.source_text(_FIELD)
        if text is None or record.scalar_style(_FIELD) is not None or text in _CANONICAL:
            return None
        return (
            f"`published: {text}` is a boolean only in YAML 1.1 (a string in YAML 1.2); "
            f"write `published: {str(value).lower()}`"
        )
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            fixed = "true" if lowered in ("true", "yes", "on", "1") else "false"
            return (
                f"`published` is the text {value!r}, which is always truthy; "
                f"write the boolean `published: {fixed}` without quotes"
            )
    shown = "null" if value is None else repr(value)
    return f"`published` must be `true` or `false`, found {shown}"


class UnpublishedRecord(Rule):
    """## What it does
    Reports a record with `published: false`. A record that is withdrawn rather than a
    draft (`heat: -1`, or `removed: true`, next to `published: false`) is told so, and not
    asked to be published.

    It is `info` by default, since on a real 5,000-record folder of this format 87 % of the
    records were unpublished as that feed's normal curation state (3,638 of them also had
    `heat: -1`, the withdrawn marker), and a warning on each buried every other finding.
    Every unpublished record is still reported; where they are the exception, raise it
    with `[tool.articlelint.severity]` `unpublished-record = "warning"`.

    ## Why is this bad?
    The story is in the repository but will not be shown. That is sometimes intended
    (a draft, a withdrawn story), but scrapers often leave records unpublished by mistake,
    and they rot unnoticed.

    ## Example
    ```yaml
    published: false
    ```

    ## Use instead
    ```yaml
    published: true
    ```
    Or delete the record, or silence the finding for a deliberate draft with
    `# articlelint: ignore[AL401]`.
    """

    code = "AL401"
    name = "unpublished-record"
    severity = Severity.INFO

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if record.data.get("published") is not False or published_flag_problem(record):
            return
        marker = _withdrawn_marker(record.data)
        if marker is not None:
            # Withdrawn on purpose: asking to publish it would be the wrong fix.
            message = (
                f"record is withdrawn (`published: false` with `{marker}`), so the story is "
                "not shown; nothing to change if that is intended, or delete the record"
            )
        else:
            message = (
                "record has `published: false`, so the story will not be shown; set "
                "`published: true` when it is ready, or remove the record"
            )
        yield Problem(message, field=_FIELD)


def _withdrawn_marker(data: Any) -> str | None:
    """The field that marks an unpublished record as withdrawn (not a draft), if any."""
    heat = data.get("heat")
    if heat == -1 and not isinstance(heat, bool):
        return "heat: -1"
    if data.get("removed") is True:
        return "removed: true"
    return None


class PublicationStateConflict(Rule):
    """## What it does
    Reports a record whose withdrawal marker (`heat: -1`, `removed: true`) and `published`
    flag contradict each other: both mark a story withdrawn from display, so they must go
    with `published: false`. Reported: `heat: -1` with `published: true`, `heat: -1`
    without any `published` flag (which consumers read as published), and `removed: true`
    with `published: true` (sites of this format set `removed: true` together with
    `published: false` on withdrawn records). `removed: true` without a `published` flag
    is not reported: records of the learning section, which may carry it, have no flag.

    `published: false` with a `heat` of 0 or more is *not* a conflict: drafts and held-back
    stories keep their score (a third of the unpublished records in the shared corpus do).

    ## Why is this bad?
    The two fields are set by different steps of the pipeline; when they disagree, a story
    that was withdrawn (for a takedown, a duplicate, a wrong match) is shown anyway. In
    real folders `heat: -1` is always paired with `published: false`.

    ## Example
    ```yaml
    heat: -1
    published: true
    ```

    ## Use instead
    ```yaml
    heat: -1
    published: false
    ```
    """

    code = "AL403"
    name = "publication-state-conflict"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if (
            record.data.get("removed") is True
            and record.data.get("published") is True
            and published_flag_problem(record) is None
        ):
            yield Problem(
                "`removed: true` marks a withdrawn record, but `published: true` shows it; "
                "set `published: false`, or remove `removed: true` if it is back",
                field=_FIELD,
            )
            return
        heat = record.data.get("heat")
        if heat != -1 or isinstance(heat, bool):
            return
        if "published" not in record.data:
            yield Problem(
                "`heat: -1` marks a withdrawn story, but there is no `published` flag, so "
                "it is shown; add `published: false` (or give `heat` a real score)",
                field=("heat",),
            )
        elif record.data["published"] is True and published_flag_problem(record) is None:
            yield Problem(
                "`heat: -1` marks a withdrawn story, but `published: true` shows it; set "
                "`published: false`, or give `heat` a real score",
                field=_FIELD,
            )


class InvalidPublishedFlag(Rule):
    """## What it does
    Reports a `published` flag that is not the YAML boolean `true` or `false`: the text
    `"false"` (which is truthy), `no`/`yes`/`on`/`off` (booleans only in YAML 1.1), numbers
    such as `1`, or an empty value.

    ## Why is this bad?
    `published: "false"` is a non-empty string, so Liquid and JavaScript templates treat
    it as true and publish the story; `published: no` is `false` for Jekyll but the text
    `"no"` for YAML 1.2 tools.

    ## Example
    ```yaml
    published: "false"
    ```

    ## Use instead
    ```yaml
    published: false
    ```

    ## Fix safety
    `yes`/`no`/`on`/`off` are rewritten as `true`/`false`, the value YAML 1.1 tools (Jekyll,
    PyYAML) already read: **safe**. Text such as `"false"` and the numbers `1`/`0` become the
    boolean they spell, which changes what templates do with the record (`"false"` is
    truthy today, so the story is shown): **unsafe**.
    """

    code = "AL404"
    name = "invalid-published-flag"
    severity = Severity.ERROR
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        message = published_flag_problem(record)
        if message is not None:
            yield Problem(message, field=_FIELD, fix=_published_fix(record.data["published"]))


def _published_fix(value: Any) -> FixIntent | None:
    """See *Fix safety* in :class:`InvalidPublishedFlag`."""
    if isinstance(value, bool):
        return FixIntent.safe(f"Write `{str(value).lower()}`", ReplaceValue(_FIELD, value))
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _SPELLED:
            flag = _SPELLED[lowered]
            return FixIntent.unsafe(
                f"Write the boolean `{str(flag).lower()}`", ReplaceValue(_FIELD, flag)
            )
    if isinstance(value, int) and value in (0, 1):
        return FixIntent.unsafe(
            f"Write the boolean `{str(bool(value)).lower()}`", ReplaceValue(_FIELD, bool(value))
        )
    return None
