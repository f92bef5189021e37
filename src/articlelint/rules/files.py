"""AL0xx: the file and its YAML — readable, fenced, parseable, unambiguous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from articlelint.diagnostics import Severity, Span
from articlelint.rules._fields import get_path
from articlelint.rules.base import Problem, Record, Rule
from articlelint.rules.fixes import DeleteBom, FixIntent, QuoteValue, ReplaceValue

if TYPE_CHECKING:
    from articlelint.loading.document import Ambiguity

__all__ = [
    "AmbiguousScalar",
    "ByteOrderMark",
    "DuplicateKey",
    "InternalError",
    "JsonSyntaxError",
    "MissingFrontMatter",
    "UnreadableFile",
    "YamlAlias",
    "YamlSyntaxError",
    "strip_bom",
]

_BOM = "\ufeff"


class InternalError(Rule):
    """## What it does
    Reports a bug in articlelint itself (or in a plugin rule): a rule raised an exception
    while checking this file. The other rules and files are still checked, and the run
    exits with status 2.

    ## Why is this bad?
    A crashed rule means some checks did not run on this file, so a clean report would be
    a lie. The message names the rule and the exception.

    ## Example
    Any record that triggers the bug.

    ## Use instead
    Please report the message and the file (or a reduced copy) to the rule's authors.
    """

    code = "AL000"
    name = "internal-error"
    severity = Severity.ERROR
    reported_by_loader = True


class UnreadableFile(Rule):
    """## What it does
    Reports a file that cannot be read as text: an I/O or permission error, content that is
    not valid UTF-8, binary data (NUL bytes), a file over the size limit, or a directory
    where a file was expected.

    ## Why is this bad?
    Static site generators and ingestion pipelines read records as UTF-8 text; a file they
    cannot decode is dropped or breaks the build.

    ## Example
    A record saved as Windows-1252: `title: "Caf\\xe9"` (a lone `0xE9` byte).

    ## Use instead
    Re-save the file as UTF-8:
    ```yaml
    title: "Café"
    ```
    """

    code = "AL001"
    name = "unreadable-file"
    severity = Severity.ERROR
    reported_by_loader = True


class MissingFrontMatter(Rule):
    """## What it does
    Reports a file without a complete YAML front-matter block: an empty file, a first line
    that is not `---`, a block that is never closed, or an empty block.

    ## Why is this bad?
    Without the fences, Jekyll and python-frontmatter treat the whole file as body text and
    the record has no fields at all.

    ## Example
    ```yaml
    title: "Microsoft restricts facial recognition tech"
    ```

    ## Use instead
    ```yaml
    ---
    title: "Microsoft restricts facial recognition tech"
    ---
    ```
    """

    code = "AL002"
    name = "missing-front-matter"
    severity = Severity.ERROR
    reported_by_loader = True


class YamlSyntaxError(Rule):
    """## What it does
    Reports front matter that is not valid YAML, at the position the parser gives, and YAML
    features records must not use: explicit language tags (`!!python/object`), non-scalar
    mapping keys, nesting deeper than 64 levels.

    ## Why is this bad?
    A record that does not parse is skipped by every consumer. Language-specific tags are
    how YAML files execute code in unsafe loaders; articlelint never executes them.

    ## Example
    ```yaml
    title: "Unclosed quote
    excerpt: "..."
    ```

    ## Use instead
    ```yaml
    title: "Closed quote"
    excerpt: "..."
    ```
    """

    code = "AL003"
    name = "yaml-syntax-error"
    severity = Severity.ERROR
    reported_by_loader = True


class DuplicateKey(Rule):
    """## What it does
    Reports a key given twice in the same mapping, at the second occurrence, and says where
    the first one is.

    ## Why is this bad?
    YAML forbids duplicate keys, yet most loaders silently keep the last value: the first
    one is lost, and which one wins depends on the tool.

    ## Example
    ```yaml
    quality: 70
    heat: 70
    quality: 85
    ```

    ## Use instead
    ```yaml
    quality: 85
    heat: 70
    ```
    """

    code = "AL004"
    name = "duplicate-key"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if record.document is None:
            return
        for dup in record.document.duplicate_keys:
            yield Problem(
                f"duplicate key `{dup.field[-1]}` (first given at line {dup.first.line}, "
                f"column {dup.first.column}); the later value silently wins: keep one",
                field=() if dup.replaced else dup.field,  # a replaced value has no path
                span=dup.second,
            )


class AmbiguousScalar(Rule):
    """## What it does
    Reports an unquoted value that YAML 1.1 and YAML 1.2 read as different things:
    `yes`/`no`/`on`/`off`/`y`/`n` (booleans in 1.1, strings in 1.2), `1:20` (the number 80 in
    1.1), `010` (8 in 1.1, 10 in 1.2), `1_000`, `1e3` (a string in 1.1, a number in 1.2).
    The `published` flag is left to `invalid-published-flag` (AL404).

    ## Why is this bad?
    Jekyll (Ruby, YAML 1.1), PyYAML (1.1) and JavaScript or Go loaders (1.2) disagree on
    these values, so the same record means different things in different tools — the
    "Norway problem".

    ## Example
    ```yaml
    topics:
      - no
    ```

    ## Use instead
    ```yaml
    topics:
      - "no"
    ```

    ## Fix safety
    Where the record model expects text (`title`, `topics[]`, `provider.name`, ...), the
    fix quotes the value as written (`no` -> `"no"`). This is **safe**: YAML 1.2 readers
    already read the text, and a boolean or number there is a type error for every
    consumer of the model. Where it expects a boolean (`isCached`), `yes`/`no`/`on`/`off`
    are rewritten as `true`/`false` (the YAML 1.1 reading, and the only one the model
    accepts; safe); an integer written with `_` (`1_000`) becomes `1000` (safe). For a
    field the model does not know, quoting is offered as an **unsafe** fix: whether text
    was meant is a guess. Ambiguous numbers in number fields (`010`, `1:20`) have no fix.
    """

    code = "AL005"
    name = "ambiguous-scalar"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if record.document is None:
            return
        for item in record.document.ambiguities:
            if item.field == ("published",):
                continue
            yield Problem(
                f"unquoted `{item.text}` is read as {_kind(item.yaml11)} by YAML 1.1 "
                f"but as {_kind(item.yaml12)} by YAML 1.2; quote it, or write the value "
                "unambiguously",
                field=item.field,
                fix=_ambiguity_fix(record, item),
            )


def _ambiguity_fix(record: Record, item: Ambiguity) -> FixIntent | None:
    """See *Fix safety* in :class:`AmbiguousScalar`."""
    from articlelint.models.fieldtypes import expected_scalar

    expected = expected_scalar(record.data, item.field)
    if expected == "str":
        return FixIntent.safe(f"Quote `{item.text}` as text", QuoteValue(item.field))
    value = get_path(record.data, item.field)  # as YAML 1.1 reads it
    if expected == "bool" and isinstance(value, bool):
        literal = "true" if value else "false"
        return FixIntent.safe(f"Write `{literal}`", ReplaceValue(item.field, value))
    if (
        expected == "int"
        and isinstance(value, int)
        and not isinstance(value, bool)
        and item.yaml12 == "str"
        and "_" in item.text
        and ":" not in item.text
    ):
        return FixIntent.safe(f"Write `{value}`", ReplaceValue(item.field, value))
    if expected is None:
        return FixIntent.unsafe(f"Quote `{item.text}` as text", QuoteValue(item.field))
    return None


def _kind(tag: str) -> str:
    return {"bool": "a boolean", "int": "an integer", "float": "a number", "null": "null"}.get(
        tag, "a string"
    )


class YamlAlias(Rule):
    """## What it does
    Reports YAML anchors (`&name`) and aliases (`*name`) in a record. Aliases are never
    expanded by articlelint, so a "billion laughs" file costs nothing to check.

    ## Why is this bad?
    Records are flat data written by scrapers; an alias makes one value silently depend on
    another, many front-matter tools mishandle them, and nested aliases are a classic
    denial-of-service (exponential expansion) against YAML consumers.

    ## Example
    ```yaml
    provider: &p
      name: ZDNet
      domain: zdnet.com
    related:
      - provider: *p
    ```

    ## Use instead
    ```yaml
    provider:
      name: ZDNet
      domain: zdnet.com
    related:
      - provider:
          name: ZDNet
          domain: zdnet.com
    ```
    """

    code = "AL006"
    name = "yaml-alias"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if record.document is None:
            return
        for note in record.document.syntax_notes:
            sigil = "&" if note.kind == "anchor" else "*"
            yield Problem(
                f"YAML {note.kind} `{sigil}{note.name}`: records must spell every value out; "
                "replace the alias by a copy of the value",
                span=note.span,
            )


def strip_bom(text: str) -> str:
    """``text`` without its leading UTF-8 byte-order mark (the fix of ``byte-order-mark``)."""
    return text[1:] if text.startswith(_BOM) else text


class ByteOrderMark(Rule):
    """## What it does
    Reports a UTF-8 byte-order mark (the bytes `EF BB BF`, U+FEFF) at the start of the
    file, before the front matter's opening `---`.

    ## Why is this bad?
    UTF-8 needs no byte-order mark. Jekyll and other static site generators only see
    front matter when the file starts with `---`: with a BOM in front, some treat the
    whole file as body text, and tools that compare or concatenate files carry an
    invisible character into titles or URLs. Windows editors add it silently.

    ## Example
    A file whose first line is `\ufeff---` (the BOM is invisible in most editors):
    ```yaml
    ---
    title: "Microsoft restricts facial recognition tech"
    ---
    ```

    ## Use instead
    Save the file as "UTF-8" rather than "UTF-8 with BOM", so it starts with `---`:
    ```yaml
    ---
    title: "Microsoft restricts facial recognition tech"
    ---
    ```

    ## Fix safety
    The fix deletes the byte-order mark and nothing else; it is **safe**: the text is the
    same, only the invisible marker goes.
    """

    code = "AL007"
    name = "byte-order-mark"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        if record.document is None or not record.document.bom:
            return
        where = " before the front matter" if record.document.front_matter else ""
        yield Problem(
            f"the file starts with a UTF-8 byte-order mark (U+FEFF){where}; save it as "
            "UTF-8 without BOM",
            span=Span(1, 1, 1, 2, 0, 1),
            fix=FixIntent.safe("Remove the byte-order mark", DeleteBom()),
        )


class JsonSyntaxError(Rule):
    """## What it does
    Reports a JSON record file (`.json`), or a line of a JSON Lines file (`.jsonl`,
    `.ndjson`), that is not valid JSON, at the position of the first error: a missing
    comma or quote, a trailing comma, a line break inside a string, single quotes,
    `NaN` or `Infinity` (not JSON values), a `\\u` escape that is half of a surrogate pair,
    an integer of more than 4,300 digits, nesting deeper than 64 levels. In a JSON Lines
    file each broken line is reported and the other lines are still checked.

    ## Why is this bad?
    JSON readers (ingestion pipelines, Spark, pandas, `jq`) reject the whole file, or
    silently drop the line, so the record never arrives.

    ## Example
    ```json
    {"title": "Microsoft restricts facial recognition tech", "quality": 70,}
    ```

    ## Use instead
    ```json
    {"title": "Microsoft restricts facial recognition tech", "quality": 70}
    ```
    """

    code = "AL008"
    name = "json-syntax-error"
    severity = Severity.ERROR
    reported_by_loader = True
