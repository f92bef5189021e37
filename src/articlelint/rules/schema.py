"""AL1xx: the record against its pydantic model (and, optionally, a user's JSON Schema).

The model validates once per record (memoised on the :class:`Record`); each rule below
takes the errors of its kind from ``ValidationError.errors()``, whose ``loc`` tuples are
already field paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from articlelint.diagnostics import FieldPath, Severity, render_field
from articlelint.models.precheck import KIND_MODELS, conforms, field_shape, model_fields_at
from articlelint.rules._fields import get_path
from articlelint.rules._format import show_number
from articlelint.rules.base import Problem, Record, Rule, RuleOptions, setting
from articlelint.rules.fixes import FixIntent, ReplaceKey

__all__ = [
    "EmptyValue",
    "InvalidChoice",
    "InvalidChoiceOptions",
    "JsonSchemaViolation",
    "MissingRequiredField",
    "MissingRequiredFieldOptions",
    "UnknownField",
    "UnknownKind",
    "UnknownKindOptions",
    "ValueOutOfRange",
    "ValueOutOfRangeOptions",
    "WrongType",
    "validation_errors",
]

# Fields whose wrong values another, more specific rule reports.
_OWNED_ELSEWHERE = {("published",)}

_CATEGORY = {
    "missing": "AL101",
    "extra_forbidden": "AL102",
    "string_too_short": "AL104",
    "string_pattern_mismatch": "AL104",
    "too_short": "AL104",
    "greater_than": "AL105",
    "greater_than_equal": "AL105",
    "less_than": "AL105",
    "less_than_equal": "AL105",
    "literal_error": "AL106",
    "enum": "AL106",
}

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "`true` or `false`",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def validation_errors(record: Record) -> list[dict[str, Any]]:
    """The model's errors for this record, computed once and shared by the AL1xx rules.

    A record the pure-Python pre-check (:func:`articlelint.models.precheck.conforms`)
    accepts has no error, and pydantic is not even imported for it: that saves about
    0.2 s of a one-file run. Anything else goes to pydantic, whose errors are the answer.
    The pre-check runs first even when pydantic is loaded: it is no slower than pydantic's
    own validation, which also builds the model instances (``bench/precheck.py`` on the
    shared corpus, best of 15 passes: 22 µs against 28 µs a valid record, 0.87 ms against
    0.96 ms for a record with 180 related stories), and on the few records it does not
    accept (5% of the corpus) the wasted pre-check costs less than pydantic's run.
    """

    def compute() -> list[dict[str, Any]]:
        data = record.data
        if conforms(data):
            return []
        from pydantic import ValidationError

        from articlelint.models import model_for

        try:
            model_for(dict(data)).model_validate(data)
        except ValidationError as exc:
            return [
                dict(error)
                for error in exc.errors(include_url=False, include_context=True)
                if tuple(error["loc"][:1]) not in _OWNED_ELSEWHERE
            ]
        return []

    return record.memo("pydantic-errors", compute)


def _code_for(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind in ("missing", "extra_forbidden"):
        return str(_CATEGORY[kind])
    value = error["input"]
    if value is None or (isinstance(value, str) and not value.strip()):
        # `key:` with nothing after it, `''` or blanks: empty, whatever type the field has.
        return "AL104"
    return _CATEGORY.get(kind, "AL103")


def _errors(record: Record, code: str) -> Iterator[tuple[FieldPath, Mapping[str, Any]]]:
    for error in validation_errors(record):
        if _code_for(error) == code:
            yield tuple(error["loc"]), error


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number `{value}`"
    if isinstance(value, str):
        import json  # lazy: only messages about a wrong type need it

        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__


class MissingRequiredFieldOptions(RuleOptions):
    undated_folders: list[str] = setting(
        ["_learning"],
        description="Folders (any component of a file's path) whose records need no "
        "`publishedDateTime`, whatever their kind: the learning section of sites of this "
        "format dates none of its records.",
    )


class MissingRequiredField(Rule):
    """## What it does
    Reports a required field that is absent; what is required depends on the record's
    kind (its `type`): `webUrl` and `publishedDateTime` on an article, `items` on a
    collection, `name` on a forum (the table below).

    | `type` | required |
    |---|---|
    | `article` | `title`, `publishedDateTime`, `webUrl`, `provider` |
    | `video` | `title`, `publishedDateTime`, `originalUrl`, `provider` |
    | `course`, `book` | `title`, `webUrl`, `provider` |
    | `answer` | `title`, `webUrl` |
    | `collection` | `title`, `items` |
    | `download` | `title`, `originalUrl`, `actions` |
    | `forum` | `name`, `webUrl` |
    | any other kind | nothing but `type` (see `unknown-kind`, AL107) |

    `type` itself is required on every record, and inside a record: `name` and `domain`
    of a `provider`, `title` and `webUrl` of a related story, `url` of an image or an
    action, `name` of an author, `count` and `average` of `ratings`.

    Records in one of the `undated-folders` (default `_learning`) need no
    `publishedDateTime`: on two real sites of this format, no record of the learning
    section (articles, videos, courses, books, collections) is dated, and the site lists
    them by `heat`, so a missing date there is not a defect.

    ## Why is this bad?
    The site template or the ingestion pipeline needs these fields; a record without them
    renders as a broken card or is dropped.

    ## Example
    ```yaml
    type: article
    title: "Microsoft restricts facial recognition tech"
    ```

    ## Use instead
    ```yaml
    type: article
    title: "Microsoft restricts facial recognition tech"
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition-microsoft-azure-ai"
    ```
    """

    code = "AL101"
    name = "missing-required-field"
    severity = Severity.ERROR
    Options = MissingRequiredFieldOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        undated = _in_folders(record.path, options.undated_folders)
        for loc, _error in _errors(record, self.code):
            if undated and loc == ("publishedDateTime",):
                continue
            where = render_field(loc[:-1])
            parent = f" in `{where}`" if where else ""
            kind = _kind_hint(record, loc)
            yield Problem(f"required field `{loc[-1]}` is missing{parent}{kind}; add it", field=loc)


def _in_folders(path: str | None, folders: list[str]) -> bool:
    """Whether one of the folders of ``path`` (not its file name) is named in ``folders``."""
    if path is None or not folders:
        return False
    parts = path.replace("\\", "/").split("/")[:-1]
    return any(part in folders for part in parts)


def _kind_hint(record: Record, loc: FieldPath) -> str:
    if len(loc) == 1 and loc[0] not in ("title", "type"):
        return f" (records of type `{record.data.get('type', 'article')}` need it)"
    return ""


class UnknownField(Rule):
    """## What it does
    Reports a key that the record model does not know, with a suggestion when it looks
    like a typo of a known one. (Suggestions stop after a record's first 100 unknown keys:
    such a file is not a record, and each suggestion costs a fuzzy comparison.)

    ## Why is this bad?
    A misspelt key (`titel`, `publishedDatetime`) is ignored by every consumer, so the
    real field is silently missing.

    ## Example
    ```yaml
    titel: "Microsoft restricts facial recognition tech"
    ```

    ## Use instead
    ```yaml
    title: "Microsoft restricts facial recognition tech"
    ```

    ## Fix safety
    When there is a suggestion and the record does not already have that key, the fix
    renames the key (its value, comments and position stay). It is **unsafe**: the
    suggestion is a guess, and the renamed field starts to count for every consumer.
    """

    code = "AL102"
    name = "unknown-field"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for count, (loc, _error) in enumerate(_errors(record, self.code)):
            key = str(loc[-1])
            # A real record has a few typos; past that, the file is not a record (or is
            # hostile) and difflib per key would dominate the run.
            close = _suggestion(key, _known_keys(record, loc)) if count < _MAX_SUGGESTIONS else []
            hint = f"; did you mean `{close[0]}`?" if close else "; remove it or fix its name"
            fix = None
            parent = get_path(record.data, loc[:-1])
            if close and isinstance(parent, Mapping) and close[0] not in parent:
                fix = FixIntent.unsafe(f"Rename to `{close[0]}`", ReplaceKey(loc, close[0]))
            yield Problem(f"unknown field `{key}`{hint}", field=loc, on_key=True, fix=fix)


#: Keys longer than any real field name get no did-you-mean (difflib is quadratic in length).
_MAX_SUGGESTED_KEY = 40
#: Did-you-mean for the first this many unknown keys of a record only.
_MAX_SUGGESTIONS = 100


@lru_cache(maxsize=1024)
def _suggestion(key: str, known: tuple[str, ...]) -> list[str]:
    """The known key ``key`` is probably a typo of (``[]`` for none). Cached: a hostile file
    with 200,000 unknown keys repeats few distinct names, and each difflib run costs."""
    if len(key) > _MAX_SUGGESTED_KEY:
        return []
    import difflib  # lazy: only unknown keys need it

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    if not close:
        lowered = {k.lower(): k for k in known}
        if key.lower() in lowered:
            close = [lowered[key.lower()]]
    return close


def _known_keys(record: Record, loc: FieldPath) -> tuple[str, ...]:
    return model_fields_at(record.data, loc[:-1]) or ()


class WrongType(Rule):
    """## What it does
    Reports a value of the wrong type: text where a number belongs (`quality: "high"`),
    a list where a mapping belongs, a number where text belongs. Types are strict: the text
    `"70"` is not the number `70`.

    ## Why is this bad?
    Consumers that sort by `quality` or render `provider.name` fail or misbehave on the
    wrong type, and loose coercion hides scraper bugs.

    ## Example
    ```yaml
    quality: "70"
    provider: ZDNet
    ```

    ## Use instead
    ```yaml
    quality: 70
    provider:
      name: ZDNet
      domain: zdnet.com
    ```
    """

    code = "AL103"
    name = "wrong-type"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, error in _errors(record, self.code):
            expected = _EXPECTED.get(error["type"])
            found = _describe(error["input"])
            if expected is None:
                message = f"{error['msg']} (found {found})"
            else:
                message = f"should be {expected}, found {found}"
            yield Problem(f"`{render_field(loc)}` {message}", field=loc)


class EmptyValue(Rule):
    """## What it does
    Reports a required value that is empty: nothing after the key (`title:`), the empty
    text `''`, or text made only of blanks (`"   "`).

    Required text must have content: `title`, `type`, every required URL (`webUrl` of an
    article, `originalUrl` of a video, a related story's `webUrl`, an image's `url`...),
    `provider.name` and `provider.domain`, and each item of a list of text (`topics`,
    `levels`, `items`). An *optional* text that is empty (`excerpt: ""`,
    `related[].excerpt:`, `ampWebUrl: ''`) is the same as the field left out, and is not
    reported: on a real 5,000-record folder of this format, 1,515 of the 1,705 findings
    this rule made were `related[].excerpt: ""`, a source story without a summary, which
    is no defect. Other empty optional values (`quality:`, `width:`) are still reported: a
    number or a flag written with nothing after it is a scraper's slip. Empty lists
    (`topics: []`) are not reported: they mean "none".

    ## Why is this bad?
    An empty title, URL or provider renders as a blank card or a dead link (a related
    story with `webUrl: ''` links nowhere), and usually means the scraper failed on that
    page.

    ## Example
    ```yaml
    title: ""
    related:
      - title: "Diablo 4 Classes Rogue Gameplay Summary"
        webUrl: ""
    ```

    ## Use instead
    ```yaml
    title: "Diablo 4 Classes Rogue Gameplay Summary"
    related:
      - title: "Diablo 4 Classes Rogue Gameplay Summary"
        webUrl: "https://www.youtube.com/watch?v=_s9AbCOLGEc"
    ```
    """

    code = "AL104"
    name = "empty-value"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        reported: set[FieldPath] = set()
        for loc, _error in _errors(record, self.code):
            reported.add(loc)
            yield Problem(f"`{render_field(loc)}` is empty; {_empty_hint(record, loc)}", field=loc)
        # Optional fields accept null in the model, but `quality:` is as empty as `''`.
        # Paths the model already reports (an unknown key, a list where a mapping belongs):
        # a null inside them is part of that finding.
        errored = {tuple(error["loc"]) for error in validation_errors(record)}
        for loc in _null_paths(record):
            if loc in reported or loc in _OWNED_ELSEWHERE:
                continue
            if any(loc[:size] in errored for size in range(1, len(loc) + 1)):
                continue
            kind, required, _nullable = field_shape(record.data, loc)
            if kind is None or (kind == "str" and not required):
                # An optional text left empty is the same as no value; a key the model
                # does not know (a record of another kind) may mean anything.
                continue
            yield Problem(f"`{render_field(loc)}` is empty; {_empty_hint(record, loc)}", field=loc)


def _null_paths(record: Record) -> list[FieldPath]:
    """Paths of the null values (`key:` with nothing after it), in file order."""
    if record.document is not None:  # the loader already knows each node's tag
        return [path for path, info in record.document.nodes.items() if info.tag == "null"]
    found: list[FieldPath] = []
    _collect_nulls(record.data, (), found)
    return found


def _collect_nulls(value: Any, path: FieldPath, found: list[FieldPath]) -> None:
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if item is None:
            found.append((*path, key))
        elif not isinstance(item, _SCALARS):  # most values: skip the slow ABC check
            _collect_nulls(item, (*path, key), found)


_SCALARS = (str, int, float)


def _empty_hint(record: Record, loc: FieldPath) -> str:
    if isinstance(loc[-1], int):
        return "remove the item, or write its content"
    _kind, required, _nullable = field_shape(record.data, loc)
    return "fill it in" if required else "fill it in, or remove the key"


#: Numbers owned by a more specific rule (image sizes: `invalid-image-dimensions`, AL701).
_RANGE_OWNED_ELSEWHERE = frozenset({"width", "height"})


class ValueOutOfRangeOptions(RuleOptions):
    rating_min: float = setting(
        0.0, description="The lowest `ratings.average` of your site's rating scale."
    )
    rating_max: float = setting(
        5.0,
        description="The highest `ratings.average` of your site's rating scale (the shops "
        "and course sites of real records of this format rate out of 5 stars).",
    )

    @classmethod
    def prepare(cls, data: dict[str, Any]) -> dict[str, Any]:
        low = data.get("rating-min", data.get("rating_min", 0.0))
        high = data.get("rating-max", data.get("rating_max", 5.0))
        numbers = all(type(v) in (int, float) for v in (low, high))
        if numbers and not low < high:
            raise ValueError("rating-min must be less than rating-max")
        return data


class ValueOutOfRange(Rule):
    """## What it does
    Reports a number outside the range its field allows: a negative `quality` (in the
    record or a related story), a `heat` below `-1` (`-1` itself marks a withdrawn
    story), a negative `members` count or `ratings.count`, and a `ratings.average`
    outside the rating scale (the `rating-min` and `rating-max` options, default 0 to 5).
    Image sizes are checked by `invalid-image-dimensions` (AL701).

    ## Why is this bad?
    Out-of-range scores are scraper bugs that skew ranking: a negative quality sorts below
    every real story, and a `heat` of `-2` is neither a score nor the withdrawn marker. An
    average of 48 on a five-star scale (a lost decimal point) shows as an impossible
    rating.

    ## Example
    ```yaml
    quality: -5
    heat: -2
    ratings:
      count: 5
      average: 48
    ```

    ## Use instead
    ```yaml
    quality: 5
    heat: -1
    ratings:
      count: 5
      average: 4.8
    ```
    """

    code = "AL105"
    name = "value-out-of-range"
    severity = Severity.ERROR
    Options = ValueOutOfRangeOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, error in _errors(record, self.code):
            if loc[-1] in _RANGE_OWNED_ELSEWHERE:
                continue
            yield Problem(
                f"`{render_field(loc)}` is {_shown(error['input'])}; {_range_text(error)}",
                field=loc,
            )
        ratings = record.data.get("ratings")
        if not isinstance(ratings, Mapping):
            return
        average = ratings.get("average")
        if isinstance(average, bool) or not isinstance(average, int | float):
            return  # absent or not a number: the model's rules
        low, high = options.rating_min, options.rating_max
        if low <= average <= high:
            return
        scale = f"{_shown_float(low)} to {_shown_float(high)}"
        found = "not a number" if average != average else _shown_float(average)
        yield Problem(
            f"`ratings.average` is {found}, outside the rating scale ({scale}); write the "
            "average on that scale, or set the `value-out-of-range.rating-min` and "
            "`rating-max` options to your site's scale",
            field=("ratings", "average"),
        )


def _shown_float(value: float) -> str:
    if isinstance(value, int):
        return show_number(value)
    if value.is_integer() and abs(value) < 1e12:
        return str(int(value))
    return repr(value)


def _shown(value: Any) -> str:
    return show_number(value) if isinstance(value, int) else str(value)


def _range_text(error: Mapping[str, Any]) -> str:
    ctx = error.get("ctx", {})
    for key, template in (
        ("ge", "it must be {} or more"),
        ("gt", "it must be more than {}"),
        ("le", "it must be {} or less"),
        ("lt", "it must be less than {}"),
    ):
        if key in ctx:
            return template.format(ctx[key])
    return str(error["msg"]).lower()


class InvalidChoiceOptions(RuleOptions):
    categories: list[str] = setting(
        ["news"],
        description="The known values of `category` (the shared corpus uses only `news`); "
        "an empty list accepts any category.",
    )
    levels: list[str] = setting(
        ["Beginner", "Intermediate", "Advanced"],
        description="The known values of a `levels` item (the levels real courses, books "
        "and collections of this format use); an empty list accepts any level.",
    )


class InvalidChoice(Rule):
    """## What it does
    Reports a value outside the known set of choices: a related story's `type` that is
    neither `article` nor `video`, a `category` that is not one of the `categories` option
    (default: `["news"]`), and a `levels` item that is not one of the `levels` option
    (default: `Beginner`, `Intermediate`, `Advanced`). Values that differ only in case (or
    blanks) get a suggestion. (A record's own `type` picks its model: a kind articlelint
    does not know is `unknown-kind`, AL107.)

    ## Why is this bad?
    Templates and feeds switch on these values; an unknown one falls through to the wrong
    layout or section, or the story is dropped from listings and filters.

    ## Example
    ```yaml
    category: News
    levels:
      - beginner
    ```

    ## Use instead
    ```yaml
    category: news
    levels:
      - Beginner
    ```
    """

    code = "AL106"
    name = "invalid-choice"
    severity = Severity.ERROR
    Options = InvalidChoiceOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, error in _errors(record, self.code):
            expected = str(error.get("ctx", {}).get("expected", ""))
            expected = re.sub(r"'([^']*)'", r"`\1`", expected)
            yield Problem(
                f"`{render_field(loc)}` is {_describe(error['input'])}; expected {expected}",
                field=loc,
            )
        category = record.data.get("category")
        if isinstance(category, str):
            problem = _choice_problem(
                ("category",), category, options.categories, "category", "categories"
            )
            if problem is not None:
                yield problem
        levels = record.data.get("levels")
        if isinstance(levels, list):
            for index, level in enumerate(levels):
                if isinstance(level, str):
                    problem = _choice_problem(
                        ("levels", index), level, options.levels, "level", "levels"
                    )
                    if problem is not None:
                        yield problem


def _choice_problem(
    loc: FieldPath, value: str, known: list[str], what: str, option: str
) -> Problem | None:
    """The finding for ``value`` when it is none of ``known`` (``None`` when it is one, is
    blank, or any value is accepted)."""
    if not known or not value.strip() or value in known:
        return None
    close = _close_choice(value, known)
    choices = ", ".join(f"`{choice}`" for choice in known)
    hint = f"did you mean `{close}`?" if close else f"expected one of {choices}"
    return Problem(
        f"`{render_field(loc)}` is {_describe(value)}, not a known {what}; {hint} (add new "
        f"{option} to the `invalid-choice.{option}` option)",
        field=loc,
    )


def _close_choice(value: str, known: Iterable[str]) -> str | None:
    """The choice ``value`` differs from only in case or surrounding blanks."""
    lowered = {choice.casefold(): choice for choice in known}
    return lowered.get(value.strip().casefold())


class UnknownKindOptions(RuleOptions):
    extra_kinds: list[str] = setting(
        [],
        description="Kinds of record (values of `type`) your site has besides the ones "
        'articlelint models, e.g. `["profile", "event"]`: records of these kinds are '
        "checked against the fields every record shares, and not reported.",
    )


class UnknownKind(Rule):
    """## What it does
    Reports, once, a record whose `type` is a kind articlelint has no model for: neither
    one of `article`, `video`, `course`, `collection`, `book`, `answer`, `download`,
    `forum`, nor one of the `extra-kinds` option. A value that differs from a known kind
    only in case gets a suggestion.

    Such a record is checked only against the fields every record shares (`title`,
    `excerpt`, `webUrl`, `provider`, `topics`, `images`, `heat`, `published`, ...: their
    types, when they are present); nothing is required of it and keys articlelint does
    not know are allowed, so one unknown kind is one finding, not one per field. List
    your site's own kinds (people's profiles, events...) in `extra-kinds` to accept them.

    ## Why is this bad?
    The site picks the layout, the listing and the feed by `type`: a misspelt or
    unexpected kind renders with the wrong template or not at all, and articlelint
    cannot check the fields that kind needs.

    ## Example
    ```yaml
    type: Video
    ```

    ## Use instead
    ```yaml
    type: video
    ```
    Or, for a kind of your own site:
    ```toml
    [tool.articlelint.unknown-kind]
    extra-kinds = ["profile"]
    ```
    """

    code = "AL107"
    name = "unknown-kind"
    severity = Severity.WARNING
    Options = UnknownKindOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        kind = record.data.get("type")
        if not isinstance(kind, str) or not kind.strip():
            return  # absent, empty or not text: the model's rules report it
        if kind in KIND_MODELS or kind in options.extra_kinds:
            return
        close = _close_choice(kind, KIND_MODELS)
        if close is not None:
            hint = f"did you mean `{close}`?"
        else:
            known = ", ".join(f"`{name}`" for name in KIND_MODELS)
            hint = (
                f"use one of {known}, or, if it is a kind of your site, list it in the "
                "`unknown-kind.extra-kinds` option"
            )
        yield Problem(
            f"`type` is {_describe(kind)}, a kind of record articlelint has no model for, so "
            f"only the fields every record shares are checked; {hint}",
            field=("type",),
        )


class JsonSchemaOptions(RuleOptions):
    path: str | None = setting(
        None,
        description="A JSON Schema file to check every record against.",
        json_schema_extra={"path": True},  # relative to the configuration file
    )


class JsonSchemaViolation(Rule):
    """## What it does
    Checks each record against a JSON Schema of your own (`--schema FILE`, or the
    `json-schema-violation.path` option), with `jsonschema`, and reports every violation
    at the line of the offending value.

    ## Why is this bad?
    Teams often already have a schema for their records; this keeps one source of truth
    while getting articlelint's positions and output formats.

    ## Example
    With a schema that requires `minLength: 20` for `title`:
    ```yaml
    title: "Short"
    ```

    ## Use instead
    ```yaml
    title: "A title long enough for the schema"
    ```
    """

    code = "AL100"
    name = "json-schema-violation"
    severity = Severity.ERROR
    Options = JsonSchemaOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if options.path is None:
            return
        validator = _validator(options.path)
        for error in sorted(validator.iter_errors(record.data), key=lambda e: list(e.path)):
            loc: FieldPath = tuple(error.absolute_path)
            yield Problem(f"JSON Schema: {error.message}", field=loc)


@lru_cache(maxsize=8)
def _validator(path: str) -> Any:
    import json

    from jsonschema.validators import validator_for  # lazy: only with --schema

    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)
