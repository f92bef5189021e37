"""AL1xx: the record against its pydantic model (and, optionally, a user's JSON Schema).

The model validates once per record (memoised on the :class:`Record`); each rule below
takes the errors of its kind from ``ValidationError.errors()``, whose ``loc`` tuples are
already field paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from articlelint.diagnostics import FieldPath, Severity, render_field
from articlelint.models.precheck import conforms
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
    "UnknownField",
    "ValueOutOfRange",
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


class MissingRequiredField(Rule):
    """## What it does
    Reports a required field that is absent: `title`, `publishedDateTime`, `type` and
    `provider` (with `name` and `domain`) on every record, `webUrl` on articles,
    `originalUrl` on videos, `title` and `webUrl` on related stories, `url` on images.

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

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, _error in _errors(record, self.code):
            where = render_field(loc[:-1])
            parent = f" in `{where}`" if where else ""
            kind = _kind_hint(record, loc)
            yield Problem(f"required field `{loc[-1]}` is missing{parent}{kind}; add it", field=loc)


def _kind_hint(record: Record, loc: FieldPath) -> str:
    if len(loc) == 1 and loc[0] in ("webUrl", "originalUrl"):
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


@cache
def _aliases(model: type[Any]) -> tuple[str, ...]:
    return tuple(field.alias or name for name, field in model.model_fields.items())


def _known_keys(record: Record, loc: FieldPath) -> tuple[str, ...]:
    # Only reached for an unknown key, when pydantic has already run.
    from articlelint.models import Article, Image, Provider, RelatedStory, Video

    parent = [part for part in loc[:-1] if isinstance(part, str)]
    if parent[-1:] == ["images"]:
        return _aliases(Image)
    if parent[-1:] == ["provider"]:
        return _aliases(Provider)
    if parent[-1:] == ["related"]:
        return _aliases(RelatedStory)
    return _aliases(Video if record.data.get("type") == "video" else Article)


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
    Reports a value that is empty: nothing after the key (`title:`, `width:`), the empty
    text `''`, or text made only of blanks (`"   "`).

    Text fields must have content whenever they are present: `title`, `excerpt`,
    `category`, `publishedDateTime`, every URL (`webUrl`, `originalUrl`, `ampWebUrl`,
    `cdnAmpWebUrl`, image `url`), `provider.name` and `provider.domain`, each `topics`
    item, `featuredContent` and `secured`, in the record and in its related stories. An
    optional field is better left out than left empty. Empty lists (`topics: []`) are not
    reported: they mean "none".

    ## Why is this bad?
    An empty title, URL or provider renders as a blank card or a dead link (a related
    story with `webUrl: ''` links nowhere), and usually means the scraper failed on that
    page. Templates test `if excerpt`, which an empty text passes in Liquid.

    ## Example
    ```yaml
    excerpt: ""
    related:
      - title: "Diablo 4 Classes Rogue Gameplay Summary"
        webUrl: ""
    ```

    ## Use instead
    ```yaml
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
        # Optional fields accept null in the model, but `excerpt:` is as empty as `''`.
        # Paths the model already reports (an unknown key, a list where a mapping belongs):
        # a null inside them is part of that finding.
        errored = {tuple(error["loc"]) for error in validation_errors(record)}
        for loc in _null_paths(record):
            if loc in reported or loc in _OWNED_ELSEWHERE:
                continue
            if any(loc[:size] in errored for size in range(1, len(loc) + 1)):
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


#: Keys that are required wherever they appear (see the models).
_REQUIRED_KEYS = frozenset({"title", "publishedDateTime", "type", "provider", "name", "domain"})


def _empty_hint(record: Record, loc: FieldPath) -> str:
    last = loc[-1]
    if isinstance(last, int):
        return "remove the item, or write its content"
    required = last in _REQUIRED_KEYS or (last == "url" and "images" in loc)
    if last == "webUrl":
        required = loc[0] == "related" or record.data.get("type", "article") != "video"
    if last == "originalUrl":
        required = len(loc) == 1 and record.data.get("type") == "video"
    if last == "publishedDateTime" and len(loc) > 1:
        required = False
    return "fill it in" if required else "fill it in, or remove the key"


#: Numbers owned by a more specific rule (image sizes: `invalid-image-dimensions`, AL701).
_RANGE_OWNED_ELSEWHERE = frozenset({"width", "height"})


class ValueOutOfRange(Rule):
    """## What it does
    Reports a number outside the range its field allows: a negative `quality` (in the
    record or a related story), or a `heat` below `-1` (`-1` itself marks a withdrawn
    story). Image sizes are checked by `invalid-image-dimensions` (AL701).

    ## Why is this bad?
    Out-of-range scores are scraper bugs that skew ranking: a negative quality sorts below
    every real story, and a `heat` of `-2` is neither a score nor the withdrawn marker.

    ## Example
    ```yaml
    quality: -5
    heat: -2
    ```

    ## Use instead
    ```yaml
    quality: 5
    heat: -1
    ```
    """

    code = "AL105"
    name = "value-out-of-range"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, error in _errors(record, self.code):
            if loc[-1] in _RANGE_OWNED_ELSEWHERE:
                continue
            yield Problem(
                f"`{render_field(loc)}` is {_shown(error['input'])}; {_range_text(error)}",
                field=loc,
            )


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


class InvalidChoice(Rule):
    """## What it does
    Reports a value outside the known set of choices: a `type` that is neither `article`
    nor `video` (in the record or a related story), or a `category` that is not one of the
    `categories` option (default: `["news"]`). Values that differ only in case get a
    suggestion.

    ## Why is this bad?
    Templates and feeds switch on these values; an unknown one falls through to the wrong
    layout or section, or the story is dropped from listings.

    ## Example
    ```yaml
    category: News
    type: blog
    ```

    ## Use instead
    ```yaml
    category: news
    type: article
    ```
    """

    code = "AL106"
    name = "invalid-choice"
    severity = Severity.ERROR
    Options = InvalidChoiceOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for loc, error in _errors(record, self.code):
            expected = str(error.get("ctx", {}).get("expected", ""))
            if loc == ("type",):
                expected = "'article' or 'video'"  # the model was picked by this very field
            expected = re.sub(r"'([^']*)'", r"`\1`", expected)
            yield Problem(
                f"`{render_field(loc)}` is {_describe(error['input'])}; expected {expected}",
                field=loc,
            )
        category = record.data.get("category")
        known: list[str] = options.categories
        if not known or not isinstance(category, str) or not category.strip():
            return
        if category in known:
            return
        lowered = {value.casefold(): value for value in known}
        close = lowered.get(category.strip().casefold())
        choices = ", ".join(f"`{value}`" for value in known)
        hint = f"did you mean `{close}`?" if close else f"expected one of {choices}"
        yield Problem(
            f"`category` is {_describe(category)}, not a known category; {hint} (add new "
            "categories to the `invalid-choice.categories` option)",
            field=("category",),
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

    #: A value whose ``repr`` is longer than this is described instead (`a list`).
    SHOWN = 60
    #: Longest message (several violations of one value are joined).
    LONGEST = 300

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if options.path is None:
            return
        validator = _validator(options.path)
        found: dict[tuple[FieldPath, bool], list[str]] = {}
        for error in validator.iter_errors(record.data):
            for leaf in self._leaves(error):
                for loc, on_key, text in self._describe_error(leaf):
                    texts = found.setdefault((loc, on_key), [])
                    if text not in texts:
                        texts.append(text)
        for (loc, on_key), texts in sorted(found.items(), key=lambda item: _sort_key(item[0][0])):
            message = f"JSON Schema: {'; '.join(texts)}"
            if len(message) > self.LONGEST:
                message = message[: self.LONGEST - 3] + "..."
            yield Problem(message, field=loc, on_key=on_key)

    @classmethod
    def _leaves(cls, error: Any) -> list[Any]:
        """The violations that say what is wrong: an ``anyOf``/``oneOf`` error stands for
        the errors of its alternative that fits best (jsonschema's error tree: its
        ``context`` holds every alternative's errors), recursively; others stand for
        themselves."""
        if error.validator not in ("anyOf", "oneOf") or not error.context:
            return [error]
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        depth = len(error.absolute_path)

        def fit(index: Any) -> tuple[bool, bool, int]:
            errors = branches[index]
            # Worst: the value is not even of the alternative's type (`null` in an
            # Optional); then: a discriminating field has another constant (`type:
            # video` against the article alternative); then: the fewest violations.
            wrong_type = any(
                e.validator == "type" and len(e.absolute_path) == depth for e in errors
            )
            other_kind = any(
                e.validator in ("const", "enum") and len(e.absolute_path) == depth + 1
                for e in errors
            )
            return wrong_type, other_kind, len(errors)

        best = min(branches, key=lambda index: (*fit(index), str(index)))
        return [leaf for sub in branches[best] for leaf in cls._leaves(sub)]

    @classmethod
    def _describe_error(cls, error: Any) -> Iterator[tuple[FieldPath, bool, str]]:
        """``(field path, on the key, short text)`` for one violation."""
        loc: FieldPath = tuple(error.absolute_path)
        instance = error.instance
        if error.validator == "required" and isinstance(instance, Mapping):
            for name in error.validator_value or ():
                if (
                    isinstance(name, str)
                    and name not in instance
                    and error.message.startswith(repr(name))
                ):
                    yield (*loc, name), False, f"`{name}` is required by the schema"
            return
        if error.validator == "additionalProperties" and isinstance(instance, Mapping):
            schema = error.schema if isinstance(error.schema, Mapping) else {}
            known = schema.get("properties") or {}
            patterns = list(schema.get("patternProperties") or {})
            extras = [
                key
                for key in instance
                if key not in known and not any(re.search(p, str(key)) for p in patterns)
            ]
            for key in extras:
                yield (*loc, key), True, f"`{key}` is not a field the schema allows"
            if extras:
                return
        if error.validator == "oneOf" and not error.context:
            yield loc, False, "matches more than one of the schema's `oneOf` alternatives"
            return
        message = str(error.message)
        written = repr(instance)  # jsonschema's messages start with the value's repr
        if message.startswith(written):
            message = cls._shown(instance) + message[len(written) :]
        expected = error.validator_value
        if error.validator == "pattern" and isinstance(expected, str):
            message = f"{cls._shown(instance)} does not match the pattern `{expected}`"
        elif error.validator == "enum" and isinstance(expected, list):
            choices = ", ".join(cls._shown(choice) for choice in expected)
            message = f"{cls._shown(instance)} is not one of {choices}"
        elif error.validator == "const":
            message = (
                f"{cls._shown(instance)} is not {cls._shown(expected)}, the only value allowed"
            )
        yield loc, False, message

    @classmethod
    def _shown(cls, value: Any) -> str:
        """A value as the record (JSON, YAML) writes it, or described when long."""
        import json

        try:
            shown = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            shown = repr(value)
        return shown if len(shown) <= cls.SHOWN else _describe(value)


def _sort_key(loc: FieldPath) -> tuple[tuple[int, str], ...]:
    """Field paths in document order: ``related[2]`` before ``related[10]``."""
    return tuple((0, f"{p:012d}") if isinstance(p, int) else (1, str(p)) for p in loc)


@lru_cache(maxsize=8)
def _validator(path: str) -> Any:
    import json

    from jsonschema.validators import validator_for  # lazy: only with --schema

    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)
