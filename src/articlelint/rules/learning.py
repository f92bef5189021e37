"""Rules for the fields of the learning kinds (videos, courses, collections, books...).

Their codes follow the families: ``length`` is a time value like the dates (AL308), and a
collection's ``items`` are checked across the records of the run like the other
cross-record checks (AL511, AL512). They live here, apart from ``dates.py`` and
``consistency.py``, because they check fields only these kinds have.
"""

from __future__ import annotations

import os
import re
from collections.abc import Hashable, Iterator, Sequence
from typing import Any

from articlelint.diagnostics import Severity
from articlelint.rules.base import Fact, LocatedFact, Problem, ProjectRule, Record, Rule

__all__ = [
    "CollectionItemNotChecked",
    "InvalidDuration",
    "UnknownCollectionItem",
    "is_duration",
    "suggest_duration",
]

# --------------------------------------------------------------------------- AL308

#: The form nearly every real `length` has (`PT13M34S`, `PT2H23M`, `PT41M`): hours,
#: minutes and whole seconds. Accepted without importing isodate (and its `decimal`), which
#: decides everything else; a test checks that isodate accepts whatever this accepts.
_COMMON = re.compile(r"PT(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?")
#: Longer than any real duration: not parsed at all.
_MAX_LENGTH = 64


def is_duration(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 duration (``PT13M34S``, ``P1W``, ``P1Y2M``...),
    exactly as written (no blanks around it), of at least one element and not negative."""
    if len(text) > _MAX_LENGTH:
        return False
    if len(text) > 2 and _COMMON.fullmatch(text):
        return True
    if not text.startswith("P") or text.endswith("T"):
        # isodate takes a sign (a negative length is no length), `PT` and `P1DT` (the
        # time designator with no time after it, which ISO 8601 does not allow).
        return False
    import isodate  # lazy: only unusual values need it

    try:
        isodate.parse_duration(text)
    except (ValueError, ArithmeticError):  # isodate.ISO8601Error is a ValueError
        return False
    return True


_UNITS = {
    "second": "S",
    "sec": "S",
    "s": "S",
    "minute": "M",
    "min": "M",
    "hour": "H",
    "hr": "H",
    "h": "H",
    "day": "D",
    "d": "D",
    "week": "W",
    "wk": "W",
    "w": "W",
    "month": "Mo",
    "year": "Y",
    "yr": "Y",
}
#: `13 hours`, `2 Months`, `6 weeks`, `45 min`: a number and an English unit.
_PHRASE = re.compile(r"([0-9]{1,6}) ?([A-Za-z]{1,7})")
#: `13:34` (minutes and seconds) or `1:02:03` (hours too).
_CLOCK = re.compile(r"(?:([0-9]{1,3}):)?([0-9]{1,2}):([0-9]{2})")


def suggest_duration(text: str) -> str | None:
    """The ISO 8601 duration ``text`` clearly means (``13 hours`` -> ``PT13H``, ``13:34``
    -> ``PT13M34S``, ``pt5m`` -> ``PT5M``), or ``None`` when it is not clear."""
    stripped = text.strip()
    for candidate in (stripped, stripped.upper(), stripped.upper().removesuffix("T")):
        if candidate != text and is_duration(candidate):
            return candidate
    match = _PHRASE.fullmatch(stripped)
    if match:
        number, word = match.groups()
        word = word.lower()
        unit = _UNITS.get(word) or _UNITS.get(word[:-1] if word.endswith("s") else word)
        if unit is None:
            return None
        number = str(int(number))
        if unit in ("H", "M", "S"):
            return f"PT{number}{unit}"
        return f"P{number}{'M' if unit == 'Mo' else unit}"
    clock = _CLOCK.fullmatch(stripped)
    if clock:
        hours, minutes, seconds = (int(part) if part else 0 for part in clock.groups())
        if seconds >= 60 or (hours and minutes >= 60):
            return None
        parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
        parts.append(f"{seconds}S" if seconds or not (hours or minutes) else "")
        return "PT" + "".join(parts)
    return None


class InvalidDuration(Rule):
    """## What it does
    Reports a `length` that is not an ISO 8601 duration: `13:34`, `13 hours`, `6 Weeks`,
    `pt5m`, `PT` (no value), `-PT5M` (negative), and says what to write when the meaning
    is clear (`PT13M34S`, `PT13H`, `P6W`, `PT5M`).

    ISO 8601 durations are `P`, then years, months, weeks and days (`P1Y2M`, `P6W`,
    `P3D`), then `T` and hours, minutes and seconds (`PT2H23M`, `PT9M3S`); `M` before the
    `T` is months, after it minutes. Parsed with the `isodate` library.

    On two real sites of this format, 40 of 48 lengths are ISO 8601; the other 8, all on
    courses one scraper took from Coursera, edX and Udacity, are free text (`9 hours`,
    `6 Weeks`), which is what this rule reports, each with the duration to write.

    ## Why is this bad?
    Sites and feeds read `length` as a duration (schema.org's `duration` and
    `timeRequired` are ISO 8601): they turn `PT13M34S` into "13 min" and sort by it. Free
    text shows raw, or breaks that conversion; a clock time `13:34` is read as the number
    814 by YAML 1.1 tools.

    ## Example
    ```yaml
    length: 13 hours
    ```

    ## Use instead
    ```yaml
    length: PT13H
    ```
    """

    code = "AL308"
    name = "invalid-duration"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        value = record.data.get("length")
        if not isinstance(value, str) or not value.strip() or is_duration(value):
            return  # absent, empty (optional) or not text: the schema rules
        suggestion = suggest_duration(value)
        shown = value if len(value) <= 40 else value[:37] + "..."
        if suggestion is not None:
            hint = f"write `{suggestion}`"
        else:
            hint = (
                "write it as one, such as `PT13M34S` (13 minutes 34 seconds), `PT2H23M` or "
                "`P6W` (6 weeks)"
            )
        yield Problem(f"`length` is `{shown}`, not an ISO 8601 duration; {hint}", field=("length",))


# --------------------------------------------------------------------------- AL511, AL512

_RECORD = "record"
_ITEM = "item"


def _absolute(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _key(path: str) -> str:
    """A record file's path without its suffix, absolute: what a collection item names."""
    return os.path.splitext(_absolute(path))[0]


class _CollectionItems(ProjectRule):
    """Every record of the run says where it is; every collection says what it lists."""

    def collect(self, record: Record, options: Any) -> Iterator[Fact]:
        if record.path is None:
            return  # a record given as data (`lint_record`): it has no place among files
        # Located at its `type` (the engine gives every fact a position, and the whole
        # record's span is the costly one to compute); never reported.
        yield Fact(_RECORD, ("type",) if "type" in record.data else (), _key(record.path))
        if record.data.get("type") != "collection":
            return
        items = record.data.get("items")
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                yield Fact(_ITEM, ("items", index), item)

    def group_key(self, fact: LocatedFact) -> Hashable:
        # An item meets only the record it names (a record: its path without suffix).
        if fact.fact.key == _ITEM:
            return _absolute(_target(fact)[1])
        return str(fact.fact.value)

    def _unresolved(
        self, facts: Sequence[LocatedFact]
    ) -> Iterator[tuple[LocatedFact, str, str | None]]:
        """Each item whose record is not in the run: ``(fact, where it points, the file
        that exists there on disk or None)``."""
        present = {fact.fact.value for fact in facts if fact.fact.key == _RECORD}
        listings: dict[str, dict[str, str]] = {}
        for fact in facts:
            if fact.fact.key != _ITEM:
                continue
            base, target = _target(fact)
            if _absolute(target) in present:  # the item is the path, with no suffix to strip
                continue
            # Only the site's own folders are looked at on disk: an item that climbs out of
            # the folder its paths are relative to (`../../etc/x`) names no record of it.
            inside = _within(target, base)
            yield fact, target, _on_disk(target, listings) if inside else None


def _target(fact: LocatedFact) -> tuple[str, str]:
    """An item's folder its path is relative to, and the path of the record it names."""
    base = os.path.dirname(os.path.dirname(fact.path))
    return base, os.path.normpath(os.path.join(base, str(fact.fact.value)))


def _within(target: str, base: str) -> bool:
    root = os.path.abspath(base)
    try:
        return os.path.commonpath([root, os.path.abspath(target)]) == root
    except ValueError:  # another drive (Windows), or a NUL in the path
        return False


def _on_disk(target: str, listings: dict[str, dict[str, str]]) -> str | None:
    """The file in ``target``'s folder named ``target`` plus a suffix, if there is one
    (each folder is listed once per run)."""
    folder, name = os.path.split(target)
    listing = listings.get(folder)
    if listing is None:
        listing = {}
        try:
            with os.scandir(folder or ".") as entries:
                for entry in entries:
                    stem, suffix = os.path.splitext(entry.name)
                    if suffix and entry.is_file():
                        listing.setdefault(stem, entry.name)
        except (OSError, ValueError):
            pass  # no such folder, or one that cannot be listed: nothing there
        listings[folder] = listing
    found = listing.get(name)
    return None if found is None else os.path.join(folder, found)


def _shown(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class UnknownCollectionItem(_CollectionItems):
    """## What it does
    Reports an item of a collection's `items` that names no record: no file of that
    name (whatever its suffix) is among the files of the run, nor on disk. An item is
    the path of a record relative to the folder above the collection's own folder,
    without its suffix: in `_learning/collections/power-apps.md`, the item
    `videos/how-to-get-started` is `_learning/videos/how-to-get-started.md` (an item
    written with the suffix, `videos/how-to-get-started.md`, names no record).

    An item whose file exists but was not checked in this run (pre-commit passes only
    the changed files) is not reported here; `collection-item-not-checked` (AL512, off by
    default) reports those. A record checked as data (`lint_record`) has no file, so its
    items are not checked.

    ## Why is this bad?
    The site builds the collection's page from the records its items name: an item
    that names none (a typo, a renamed or deleted record) is a hole in the playlist or
    learning path, or a build error.

    ## Example
    ```yaml
    # _learning/collections/beginner-power-apps.md
    type: collection
    items:
      - videos/april-dunnam-how-to-get-startd-with-power-apps
    ```

    ## Use instead
    ```yaml
    type: collection
    items:
      - videos/april-dunnam-how-to-get-started-with-power-apps
    ```
    """

    code = "AL511"
    name = "unknown-collection-item"
    severity = Severity.WARNING

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterator[tuple[LocatedFact, Problem]]:
        for fact, target, found in self._unresolved(facts):
            if found is not None:
                continue
            index = fact.fact.field[-1]
            yield (
                fact,
                Problem(
                    f"`items[{index}]` names `{_shown(fact.fact.value)}`, but there is no "
                    f"record `{_shown(target, 240)}` (no such file in this run or on disk); fix "
                    "the path (relative to the folder above the collection's folder, "
                    "without the suffix) or remove the item",
                    field=fact.fact.field,
                ),
            )


class CollectionItemNotChecked(_CollectionItems):
    """## What it does
    Reports an item of a collection's `items` whose record exists on disk but was not
    among the files of this run, so it was not checked: the collection may list a record
    that is broken, of the wrong kind, or excluded from linting.

    Off by default: a partial run (pre-commit passes only the changed files) would report
    every item of an edited collection. Turn it on for runs over a whole site.

    ## Why is this bad?
    A collection is only as good as the records it lists; an item whose record was not
    checked is an unchecked part of the collection.

    ## Example
    ```console
    $ articlelint --extend-select AL512 _learning/collections/
    ```

    ## Use instead
    ```console
    $ articlelint --extend-select AL512 _learning/
    ```
    """

    code = "AL512"
    name = "collection-item-not-checked"
    severity = Severity.INFO
    default_enabled = False

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterator[tuple[LocatedFact, Problem]]:
        for fact, _target, found in self._unresolved(facts):
            if found is None:
                continue
            index = fact.fact.field[-1]
            yield (
                fact,
                Problem(
                    f"`items[{index}]` names `{_shown(fact.fact.value)}`, a record "
                    f"(`{_shown(found, 240)}`) that was not checked in this run; check it together "
                    "with the collection (lint the whole folder) to know it is a valid record",
                    field=fact.fact.field,
                ),
            )
