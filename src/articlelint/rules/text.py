"""AL6xx: the text people read — titles, excerpts, provider names and topics.

Every check here is linear in the text's length (single passes, ``str`` methods, and
regular expressions without nested or overlapping repetition). The corrected value of
``untrimmed-text`` (:func:`trim_text`), ``mojibake`` (:func:`fix_mojibake`) and
``html-in-text`` (:func:`unescape_html`) is a small pure function, so fixes can reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from articlelint.diagnostics import FieldPath, Severity, render_field
from articlelint.rules._fields import iter_stories, stories
from articlelint.rules.base import Problem, Record, Rule, RuleOptions, setting
from articlelint.rules.fixes import FixIntent, ReplaceValue

__all__ = [
    "DuplicateTopic",
    "ExcerptSameAsTitle",
    "HtmlInText",
    "Mojibake",
    "TitleTooLong",
    "UntrimmedText",
    "find_mojibake",
    "fix_mojibake",
    "iter_texts",
    "trim_text",
    "unescape_html",
]


def iter_texts(data: Mapping[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    """Every human-readable text field that holds text: each story's (the record's, then
    each related story's) ``title``, ``excerpt`` and ``provider.name``, then ``topics``."""
    for story_path, story in iter_stories(data):
        for key in ("title", "excerpt"):
            value = story.get(key)
            if isinstance(value, str):
                yield (*story_path, key), value
        provider = story.get("provider")
        if isinstance(provider, Mapping) and isinstance(provider.get("name"), str):
            yield (*story_path, "provider", "name"), provider["name"]
    topics = data.get("topics")
    if isinstance(topics, list):
        for index, topic in enumerate(topics):
            if isinstance(topic, str):
                yield ("topics", index), topic


def _texts(record: Record) -> list[tuple[FieldPath, str]]:
    return record.memo("text-fields", lambda: list(iter_texts(record.data)))


# --- AL601 untrimmed-text ---------------------------------------------------------------

#: Zero-width characters that are as invisible at the ends of a text as blanks are.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: Unicode white space: exactly the characters for which ``str.isspace()`` is true.
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Everything :func:`trim_text` removes.
_TRIM = _WHITE_SPACE + _ZERO_WIDTH
_CHAR_NAMES = {
    " ": "space",
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\xa0": "no-break space",
}


def trim_text(value: str) -> str:
    """``value`` without leading and trailing white space or zero-width characters (the
    fix of ``untrimmed-text``)."""
    return value.strip(_TRIM)


def _describe_blanks(blanks: str) -> str:
    names: list[str] = []
    for char in blanks:
        name = _CHAR_NAMES.get(char) or unicodedata.name(char, f"U+{ord(char):04X}").lower()
        if name not in names:
            names.append(name)
    return ", ".join(names)


class UntrimmedText(Rule):
    """## What it does
    Reports white space (spaces, tabs, line breaks, no-break spaces) or zero-width
    characters at the start or end of a title, an excerpt, a provider name or a topic, in
    the record and in its related stories. The one line break that ends a block scalar
    (`excerpt: |` or `>`) is YAML style and not reported; extra ones are.

    ## Why is this bad?
    Stray blanks are invisible in most views but not to software: `"Diablo 4 "` and
    `"Diablo 4"` become two topics, duplicate detection misses equal titles, and a trailing
    no-break space or line break shows up as odd spacing in cards and feeds.

    ## Example
    ```yaml
    title: "New Power Apps home page now in public preview\\u00a0"
    topics:
      - " Diablo 4"
    ```

    ## Use instead
    ```yaml
    title: "New Power Apps home page now in public preview"
    topics:
      - "Diablo 4"
    ```

    ## Fix safety
    The fix removes the blanks and is **safe**: no reader shows them on purpose. The value
    keeps its quoting style, and the characters kept are spelled as they were. Block
    scalars (`|`, `>`) and multi-line plain values have no fix.
    """

    code = "AL601"
    name = "untrimmed-text"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in _texts(record):
            if value.endswith("\n") and record.scalar_style(path) in ("|", ">"):
                value = value[:-1]  # a block scalar's final line break is YAML style
            trimmed = trim_text(value)
            if trimmed == value or not trimmed:
                continue  # clean, or blank (reported by empty-value, AL104)
            start = len(value) - len(value.lstrip(_TRIM))
            leading, trailing = value[:start], value[start + len(trimmed) :]
            where = " and ".join(
                side for side, blanks in (("leading", leading), ("trailing", trailing)) if blanks
            )
            yield Problem(
                f"`{render_field(path)}` has {where} white space "
                f"({_describe_blanks(leading + trailing)}); remove it",
                field=path,
                fix=FixIntent.safe("Trim the text", ReplaceValue(path, trimmed)),
            )


# --- AL602 title-too-long ---------------------------------------------------------------


class TitleTooLongOptions(RuleOptions):
    max_length: int = setting(
        110,
        gt=0,
        description="The longest title allowed, in characters (110 is Google's limit for "
        "an article's `headline`).",
    )


class TitleTooLong(Rule):
    """## What it does
    Reports a record `title` longer than `max-length` characters (default: 110), not
    counting blanks at its ends. Related stories' titles are other sites' headlines and are
    not checked.

    Off by default, since an aggregator copies its publishers' headlines verbatim and must
    not rewrite them: in a blind review of a real 5,000-record folder none of 10 sampled
    findings was worth acting on, and all 37 in the shared corpus are publishers' own
    headlines. Select it (`--extend-select AL602`) where the site writes its own titles.

    ## Why is this bad?
    Google's structured data for articles requires a `headline` of at most 110
    characters, and search results, Discover cards and social previews cut long titles
    off mid-word. Overlong titles are often the excerpt pasted into the title.

    ## Example
    ```yaml
    title: "Activision Blizzard Inc. (ATVI) Activision's Strong Q4 Driven by Call of Duty,
      Diablo 4 and Overwatch 2 Delayed to 2023"
    ```

    ## Use instead
    ```yaml
    title: "Activision's strong Q4 driven by Call of Duty; Diablo 4 and Overwatch 2 delayed"
    ```
    """

    code = "AL602"
    name = "title-too-long"
    severity = Severity.WARNING
    default_enabled = False
    Options = TitleTooLongOptions

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        title = record.data.get("title")
        if not isinstance(title, str):
            return
        length = len(trim_text(title))
        if length > options.max_length:
            yield Problem(
                f"`title` is {length} characters long; shorten it to {options.max_length} "
                "or fewer, or search engines and cards cut it off",
                field=("title",),
            )


# --- AL603 excerpt-same-as-title --------------------------------------------------------


def _comparable(text: str) -> str:
    """Case, inner white space and a trailing ellipsis or full stop do not count."""
    return " ".join(text.split()).casefold().rstrip(" .…")


def _first_word(text: str) -> str:
    """Equal for texts that :func:`_comparable` makes equal (and cheap to compute)."""
    words = text.split(None, 1)
    return words[0].casefold().rstrip(".…") if words else ""


class ExcerptSameAsTitle(Rule):
    """## What it does
    Reports an `excerpt` that merely repeats the `title` (of the record or a related
    story), ignoring case, white space and a trailing ellipsis or full stop.

    ## Why is this bad?
    The card shows the same sentence twice and says nothing more about the story; the
    scraper found no summary and fell back to the title.

    ## Example
    ```yaml
    title: "Announcing the rich text editor (RTE) control"
    excerpt: "Announcing the rich text editor (RTE) control"
    ```

    ## Use instead
    ```yaml
    title: "Announcing the rich text editor (RTE) control"
    excerpt: "The rich text editor control lets makers format text in canvas apps."
    ```
    Or leave the excerpt out.
    """

    code = "AL603"
    name = "excerpt-same-as-title"
    severity = Severity.INFO

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for story_path, story in stories(record):
            title, excerpt = story.get("title"), story.get("excerpt")
            if not isinstance(title, str) or not isinstance(excerpt, str):
                continue
            if _first_word(title) != _first_word(excerpt):
                continue  # a cheap necessary condition for equality
            same = _comparable(title)
            if same and same == _comparable(excerpt):
                yield Problem(
                    "the excerpt repeats the title; write a summary of the story, or "
                    "remove the excerpt",
                    field=(*story_path, "excerpt"),
                )


# --- AL604 mojibake ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _continuation_bytes() -> dict[str, int]:
    """Characters that a UTF-8 continuation byte (0x80-0xBF) becomes when the bytes are
    wrongly decoded as Windows-1252 or Latin-1, and that byte."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0xC0):
        table[chr(byte)] = byte  # Latin-1 (and the C1 controls of lax Windows-1252)
        char = bytes([byte]).decode("cp1252", errors="ignore")
        if char:
            table[char] = byte
    return table


@lru_cache(maxsize=1)
def _mojibake_pattern() -> re.Pattern[str]:
    # A lead byte of a 2- to 4-byte UTF-8 sequence (0xC2-0xF4, the same characters in
    # Latin-1 and Windows-1252), then continuation characters. Bounded, no nesting: linear.
    chars = "".join(sorted(_continuation_bytes()))
    return re.compile(f"[\u00c2-\u00f4][{re.escape(chars)}]{{1,3}}")


#: What a two-byte sequence may plausibly decode to: Latin-1 Supplement and Latin
#: Extended-A letters, Greek, Cyrillic, Hebrew and Arabic letters. Other targets (IPA, NKo,
#: Syriac...) are far likelier to be real text such as `Fuß“` than mojibake.
_PLAUSIBLE_TWO_BYTE = (
    (0x00A0, 0x017F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x05D0, 0x05EA),
    (0x0620, 0x064A),
)


def _decode_run(run: str) -> tuple[str, str] | None:
    """``(mis-decoded characters, what they should be)`` at the start of ``run``."""
    table = _continuation_bytes()
    lead = ord(run[0])
    needed = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
    if len(run) - 1 < needed:
        return None
    raw = bytes([lead, *(table[char] for char in run[1 : needed + 1])])
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    point = ord(decoded)
    if needed == 1:
        if not any(low <= point <= high for low, high in _PLAUSIBLE_TWO_BYTE):
            return None
    elif unicodedata.category(decoded) in ("Cn", "Co", "Cs", "Cc"):
        return None
    return run[: needed + 1], decoded


def find_mojibake(text: str) -> list[tuple[int, str, str]]:
    """``(offset, mis-decoded characters, intended character)`` for each place where
    ``text`` looks like UTF-8 decoded as Windows-1252 or Latin-1 (`â€™` for `’`)."""
    found: list[tuple[int, str, str]] = []
    for match in _mojibake_pattern().finditer(text):
        decoded = _decode_run(match.group())
        if decoded is None:
            continue
        start, end = match.start(), match.start() + len(decoded[0])
        if len(decoded[0]) == 2 and _ends_capital_word(text, start, end):
            continue
        found.append((start, *decoded))
    return found


def _ends_capital_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a capital letter and a punctuation mark) ends a word in
    capitals, as in `PÅ…` or `AMANHÃ”`: real text far more often than mojibake."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return before.isupper() and not after.isalpha() and not text[start + 1].isalnum()


def fix_mojibake(text: str) -> str:
    """``text`` with every sequence :func:`find_mojibake` finds re-decoded, repeatedly, so
    text that went through the wrong decoding twice (`Ã¢â‚¬â„¢`) is repaired too."""
    for _ in range(3):
        found = find_mojibake(text)
        if not found:
            break
        parts: list[str] = []
        position = 0
        for offset, wrong, right in found:
            parts.append(text[position:offset])
            parts.append(right)
            position = offset + len(wrong)
        parts.append(text[position:])
        text = "".join(parts)
    return text


class Mojibake(Rule):
    """## What it does
    Reports mis-decoded text ("mojibake") in titles, excerpts, provider names and topics:
    UTF-8 bytes that were read as Windows-1252 or Latin-1, such as `â€™` for `’`, `Ã©`
    for `é` or `â„¢` for `™`, and says what the characters should be.

    Only sequences that decode to a valid, plausible character are reported, and a
    capital letter followed by punctuation at the end of a word in capitals (`PÅ…`) is
    taken for real text, so text in any language (`Fuß“`, `SÃO PAULO`, `CAFÉ’S`) is left
    alone.

    ## Why is this bad?
    Readers see garbage characters, and search and de-duplication treat the broken text
    as different words. It means some step of the pipeline decoded UTF-8 with the wrong
    encoding; fixing that step fixes every future record.

    ## Example
    ```yaml
    title: "Microsoft Makes Power Apps Changes Following â€˜Sensitive Dataâ€™ Exposure"
    ```

    ## Use instead
    ```yaml
    title: "Microsoft Makes Power Apps Changes Following ‘Sensitive Data’ Exposure"
    ```

    ## Fix safety
    A mis-decoded byte-order mark (`ï»¿`, the bytes `EF BB BF` read as Windows-1252) stands
    for an invisible U+FEFF that no text means to contain, so the fix deletes it, like the
    invisible characters `untrimmed-text` trims: **safe**. Other mojibake has no fix: which
    encoding went wrong is a guess, so the message names the characters and the source
    should be re-decoded.
    """

    code = "AL604"
    name = "mojibake"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in _texts(record):
            if value.isascii():
                continue
            found = find_mojibake(value)
            if found:
                yield _mojibake_problem(path, value, found)


#: What a mis-decoded byte-order mark decodes to.
_BOM = "\ufeff"


def _mojibake_problem(path: FieldPath, value: str, found: list[tuple[int, str, str]]) -> Problem:
    where = f"`{render_field(path)}` contains"
    boms = [item for item in found if item[2] == _BOM]
    others = [item for item in found if item[2] != _BOM]
    if not boms:
        _offset, wrong, right = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return Problem(
            f"{where} `{wrong}`{more}, UTF-8 text decoded with the wrong encoding; it "
            f"should read {_shown_char(right)}: re-decode the source as UTF-8",
            field=path,
        )
    # A byte-order mark read as text: invisible, never meant; the remedy is to delete it.
    times = f" ({len(boms)} times)" if len(boms) > 1 else ""
    rest = ""
    if others:
        _offset, wrong, right = others[0]
        also = f" and {len(others) - 1} more" if len(others) > 1 else ""
        rest = (
            f"; it also has `{wrong}`{also}, which should read {_shown_char(right)}: "
            "re-decode the source as UTF-8"
        )
    parts: list[str] = []
    position = 0
    for offset, wrong, _right in boms:
        parts.append(value[position:offset])
        position = offset + len(wrong)
    parts.append(value[position:])
    return Problem(
        f"{where} `{boms[0][1]}`{times}, a byte-order mark (U+FEFF) decoded with the wrong "
        f"encoding, which readers see as garbage; delete it{rest}",
        field=path,
        fix=FixIntent.safe(
            "Delete the mis-decoded byte-order mark", ReplaceValue(path, "".join(parts))
        ),
    )


def _shown_char(char: str) -> str:
    """``char`` quoted, or named when it is invisible (a no-break space, U+00A0)."""
    if char.isprintable() and not char.isspace():
        return f"`{char}`"
    name = unicodedata.name(char, "character").lower()
    return f"a {name} (U+{ord(char):04X})"


# --- AL605 duplicate-topic --------------------------------------------------------------


class DuplicateTopic(Rule):
    """## What it does
    Reports a topic listed twice in `topics`, comparing without regard to case or
    white space, at the later occurrence.

    ## Why is this bad?
    The story shows the same tag twice, and topic pages or counts that compare exactly
    (`Diablo 4` vs `diablo 4`) split or double-count it.

    ## Example
    ```yaml
    topics:
      - Diablo 4
      - diablo 4
    ```

    ## Use instead
    ```yaml
    topics:
      - Diablo 4
    ```
    """

    code = "AL605"
    name = "duplicate-topic"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        topics = record.data.get("topics")
        if not isinstance(topics, list):
            return
        first: dict[str, int] = {}
        for index, topic in enumerate(topics):
            if not isinstance(topic, str):
                continue
            key = " ".join(topic.split()).casefold()
            if not key:
                continue
            if key in first:
                yield Problem(
                    f"topic `{trim_text(topic)}` repeats `topics[{first[key]}]` (topics compare "
                    "without regard to case); remove this one",
                    field=("topics", index),
                )
            else:
                first[key] = index


# --- AL606 html-in-text -----------------------------------------------------------------

#: Character references: numeric ones (with or without `;`, as HTML parses them) and named
#: ones with `;` (checked against HTML's list, so `Q&A;` is not one).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
#: A start or end tag, or a comment. `[^<>]` stops at the next bracket: linear.
_TAG = re.compile(r"<!--|</?([A-Za-z][A-Za-z0-9]{0,9})(?=[\s/>])[^<>]{0,1000}>")
#: HTML elements that show up in scraped text; other `<words>` are left alone, since
#: titles legitimately write `<YourApp>` placeholders.
_HTML_ELEMENTS = frozenset(
    (
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "audio",
        "b",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "link",
        "main",
        "mark",
        "meta",
        "nav",
        "noscript",
        "object",
        "ol",
        "option",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    )
)


def _entity_text(entity: str) -> str | None:
    """What one character reference stands for, or ``None`` when it is not one."""
    import html  # lazy: html.entities is a large table, needed only when text has `&...;`
    import html.entities

    if entity[1] != "#" and entity[1:] not in html.entities.html5:
        return None
    return html.unescape(entity if entity.endswith(";") else entity + ";")


def unescape_html(text: str) -> str:
    """``text`` with its character references replaced by the characters (repeatedly, for
    double-escaped text such as `&amp;#39;`); other ampersands are left alone."""

    def replace(match: re.Match[str]) -> str:
        decoded = _entity_text(match.group())
        return match.group() if decoded is None else decoded

    for _ in range(3):
        unescaped = _ENTITY.sub(replace, text)
        if unescaped == text:
            break
        text = unescaped
    return text


def _html_findings(text: str) -> list[str]:
    found = [
        match.group()
        for match in _TAG.finditer(text)
        if match.group(1) is None or match.group(1).lower() in _HTML_ELEMENTS
    ]
    found.extend(m.group() for m in _ENTITY.finditer(text) if _entity_text(m.group()) is not None)
    return found


class HtmlInText(Rule):
    """## What it does
    Reports HTML in a `title` or `excerpt` (of the record or a related story): tags such
    as `<b>` or `<br/>`, comments, and character references such as `&#8217;`, `&amp;` or
    the double-escaped `&amp;#39;`. `featuredContent` is HTML by design and not checked.

    ## Why is this bad?
    These fields are plain text: templates escape them, so readers see `we&#8217;re`
    instead of `we’re`, and `<b>` literally. It means the scraper copied markup instead
    of text.

    ## Example
    ```yaml
    excerpt: "Today we&#8217;re excited to announce new ALM capabilities."
    ```

    ## Use instead
    ```yaml
    excerpt: "Today we’re excited to announce new ALM capabilities."
    ```
    """

    code = "AL606"
    name = "html-in-text"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in _texts(record):
            if path[-1] not in ("title", "excerpt") or ("<" not in value and "&" not in value):
                continue
            found = _html_findings(value)
            if not found:
                continue
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            if first.startswith("&"):
                char = unescape_html(first)
                shown = _describe_blanks(char) if char.isspace() else f"`{char}`"
                advice = f"write the character itself ({shown})"
            else:
                advice = "remove the markup, this field is plain text"
            yield Problem(
                f"`{render_field(path)}` contains the HTML `{first}`{more}; {advice}",
                field=path,
            )
