"""AL2xx: URLs — parseable, absolute, http(s), with a host; secure.

URLs are checked on the raw text the file holds. The standard library's ``urlsplit`` is
used only to split an already-vetted string: it silently strips leading blanks and removes
tabs and newlines, so anything it would "repair" is rejected here first.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import SplitResult, unquote

from articlelint.diagnostics import FieldPath, Severity
from articlelint.rules._fields import iter_urls
from articlelint.rules.base import Problem, Record, Rule, RuleOptions, setting
from articlelint.rules.domains import is_ip_literal, shorten, split_url
from articlelint.rules.fixes import FixIntent, ReplaceValue
from articlelint.rules.site import SiteProfile, is_site_relative

__all__ = [
    "DEFAULT_TRACKING_PARAMETERS",
    "BrokenUrlCharacters",
    "InsecureUrl",
    "InvalidUrl",
    "NonPublicHost",
    "NonPublicHostOptions",
    "TrackingParameter",
    "TrackingParameterOptions",
    "UnsafeUrlCharacters",
    "UrlCharacter",
    "host_problems",
    "https_url",
    "is_tracking_parameter",
    "parse_url",
    "strip_tracking",
    "tracking_parameters",
    "unsafe_characters",
    "url_characters",
    "url_fields",
]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_HTTP = re.compile(r"(\s*)http:", re.IGNORECASE)


def url_fields(record: Record) -> Sequence[tuple[FieldPath, str]]:
    """Every URL field whose value is non-empty text (other types: the schema rules);
    computed once per record and shared by the URL rules."""

    def compute() -> tuple[tuple[FieldPath, str], ...]:
        return tuple(
            (path, value)
            for path, value in iter_urls(record.data, record)
            if isinstance(value, str) and value.strip()
        )

    return record.memo("url-fields", compute)


def https_url(value: str) -> str:
    """``value`` with its ``http:`` scheme (any case) replaced by ``https:``; the rest,
    surrounding blanks included, unchanged (other rules report those)."""
    return _HTTP.sub(r"\1https:", value, count=1)


@functools.lru_cache(maxsize=4096)
def parse_url(value: str) -> SplitResult | str:
    """Split an absolute http(s) URL, or return why it is not one (a message fragment)."""
    text = value.strip()
    head = text[:8].lower()
    if not (head == "https://" or head.startswith("http://")):  # else nearly every URL
        if text.startswith("//"):
            return "is protocol-relative (starts with `//`); write it with `https:`"
        match = _SCHEME.match(text)
        if match is None:
            return "has no scheme; write the full address starting with `https://`"
        scheme = match.group(1).lower()
        if scheme not in ("http", "https"):
            return f"has the scheme `{match.group(1)}:`; only `https:` (or `http:`) links work here"
        if not text[match.end() :].startswith("//"):
            return f"is missing `//` after `{match.group(1)}:`"
    try:
        parts = split_url(text)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        return f"cannot be parsed ({exc})"
    host = parts.hostname
    if not host:
        return "has no host name"
    problem = _host_problem(host)
    if problem:
        return problem
    return parts


#: A host name of valid ASCII labels (an optional final dot): no problem to look for.
_VALID_HOST = re.compile(r"(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)*(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.?")


def _host_problem(host: str) -> str | None:
    if _VALID_HOST.fullmatch(host):
        return None  # nearly every host; IP literals that match are judged elsewhere too
    if is_ip_literal(host):
        return None  # IP literals are judged by the non-public-host rule
    name = host[:-1] if host.endswith(".") else host
    for label in name.split("."):
        if not label:
            return f"has an empty label in the host name `{host}`"
        if label.isascii():
            if not _LABEL.fullmatch(label):
                return f"has an invalid host name `{host}` (label `{label}`)"
            continue
        try:
            import idna  # lazy: only for internationalised host names

            idna.encode(label, uts46=True)
        except (idna.IDNAError, UnicodeError):
            return f"has a host name that is not valid IDNA: `{host}`"
    return None


class InvalidUrl(Rule):
    """## What it does
    Reports a URL field that is not an absolute `http(s)` URL: no scheme
    (`www.zdnet.com/...`), another scheme (`htp:`, `javascript:`, `ftp:`), no `//`, no
    host, a malformed port or host name.

    Site-relative URLs (`/assets/images/organizations/microsoft.com-50x50.jpg`, as Jekyll
    sites write their own files) are valid when the site's address is known: the `url` of
    the site profile (`[tool.articlelint.site]`, or `url` + `baseurl` in the site's Jekyll
    `_config.yml`), which they are resolved against as Jekyll's `absolute_url` does
    (`https://everyday.cc/powerapps` + `/assets/a.jpg`). Without a site profile
    a site-relative image URL is not reported, since it cannot be checked further, while a
    site-relative link (`webUrl`, `originalUrl`, ...) is: readers and feeds outside the
    site need a full address, and the message says how to declare the site. (The other
    URL rules check a site-relative URL's text as it is stored; its scheme and host are
    the site's, which the configuration sets, not the record.)

    ## Why is this bad?
    Readers click these links. A relative or mistyped URL is a dead link, and a
    `javascript:` URL is an injection vector.

    ## Example
    ```yaml
    webUrl: "htp://www.zdnet.com/article/microsoft-to-curtail/"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    ```
    """

    code = "AL201"
    name = "invalid-url"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in url_fields(record):
            if is_site_relative(value):
                problem = _site_relative_problem(path, value, record.site)
                if problem is not None:
                    yield problem
                continue
            result = parse_url(value)
            if isinstance(result, str):
                yield Problem(f"URL {result}", field=path)


def _site_relative_problem(path: FieldPath, value: str, site: SiteProfile | None) -> Problem | None:
    """What :class:`InvalidUrl` says about a site-relative URL (``None``: nothing). With a
    site profile it is valid: resolved against the site's address (a valid absolute URL,
    so the result is one too)."""
    if site is not None:
        return None
    if "images" in path:
        return None  # a picture of the site's own: nothing to check without its address
    return Problem(
        f"URL `{shorten(value.strip(), 80)}` is site-relative, and no site profile says "
        f"where the site is; `{path[-1]}` needs a full address for readers and feeds "
        "outside the site: write it starting with `https://`, or declare the site's "
        'address (`url = "https://..."` under `[tool.articlelint.site]`, or `url` and '
        "`baseurl` in Jekyll's `_config.yml`)",
        field=path,
    )


class InsecureUrl(Rule):
    """## What it does
    Reports a URL that uses `http://` instead of `https://`.

    ## Why is this bad?
    Browsers flag or block mixed content: an `http:` image does not load on an `https:`
    page, and an `http:` link exposes readers to tampering. Nearly every publisher serves
    HTTPS today.

    ## Example
    ```yaml
    images:
      - url: "http://www.onmsft.com/wp-content/uploads/2016/09/recog.jpg"
    ```

    ## Use instead
    ```yaml
    images:
      - url: "https://www.onmsft.com/wp-content/uploads/2016/09/recog.jpg"
    ```

    ## Fix safety
    The fix replaces `http:` by `https:` and is **unsafe**: it changes the URL, and not
    every site serves the same page over HTTPS. Check the link, then run with
    `--unsafe-fixes`.
    """

    code = "AL202"
    name = "insecure-url"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in url_fields(record):
            result = parse_url(value)
            if not isinstance(result, str) and result.scheme.lower() == "http":
                yield Problem(
                    "URL uses insecure `http://`; use `https://` if the site serves it",
                    field=path,
                    fix=FixIntent.unsafe("Use `https://`", ReplaceValue(path, https_url(value))),
                )


# --------------------------------------------------------------------------- AL203, AL206

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos|nbsp);")
_HEX = frozenset("0123456789abcdefABCDEF")
_UNSAFE_ASCII = {'"': "%22", "<": "%3C", ">": "%3E", "\\": "%5C", "`": "%60"}
_ENTITY_CHAR = {"amp": "&", "lt": "%3C", "gt": "%3E", "quot": "%22", "apos": "'", "nbsp": "%C2%A0"}
_WHITESPACE_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a carriage return"}
#: Removed from anywhere in a URL by browsers (the URL Standard's "ASCII tab or newline").
_DROPPED = frozenset("\t\n\r")


def _percent(text: str) -> str:
    return "".join(f"%{byte:02X}" for byte in text.encode("utf-8"))


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 12) : start]
    after = text[end : end + 12]
    shown = (
        ("…" if start > 12 else "")
        + before
        + text[start:end]
        + after
        + ("…" if end + 12 < len(text) else "")
    )
    if shown.isprintable():
        return shown
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)


def _entity_text(entity: str) -> str:
    """What to write for an HTML entity in a URL: its character, percent-encoded when a
    URL may not hold it as it is (`&lt;` -> `%3C`, `&#32;` -> `%20`)."""
    body = entity[1:-1]
    if body in _ENTITY_CHAR:
        return _ENTITY_CHAR[body]
    code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
    if 0x20 < code < 0x7F:
        char = chr(code)
        return _UNSAFE_ASCII.get(char, char)
    return _percent(chr(code)) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "?"


def _mojibake(run: str) -> str | None:
    """The text ``run`` was before UTF-8 was mis-read as Windows-1252/Latin-1, if it was."""
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != run:
            return fixed
    return None


class UrlCharacter(NamedTuple):
    """One character (or run) a stored URL must not hold, as :func:`url_characters` finds it.

    ``message`` is a fragment ("a space at character 50 (...); encode it as `%20`").
    ``replacement`` is what to write over ``text[start:end]`` (``None``: no fix); it is
    ``safe`` when the URL a browser requests stays the same. ``breaks``: the link does not
    reach the page meant (`broken-url-characters`, AL206); otherwise browsers repair it or
    still open the page (`unsafe-url-characters`, AL203).
    """

    start: int
    end: int
    message: str
    replacement: str | None
    safe: bool
    breaks: bool


def _authority(text: str, lead: int) -> tuple[int, int]:
    """Start and end of the authority (``user@host:port``) in a URL's raw text, or
    ``(0, 0)`` for a URL without one (site-relative, or no ``//``)."""
    match = _SCHEME.match(text, lead)
    start = match.end() if match is not None else lead
    if not text.startswith("//", start):
        return 0, 0
    start += 2
    end = len(text)
    for delimiter in "/?#\\":
        found = text.find(delimiter, start)
        if 0 <= found < end:
            end = found
    return start, end


def _host_part(text: str, start: int, end: int) -> tuple[int, int]:
    """The host within the authority ``text[start:end]`` (no user info, no port)."""
    at = text.rfind("@", start, end)
    if at >= 0:
        start = at + 1
    colon = text.find(":", start, end)
    if colon >= 0 and not text.startswith("[", start):
        end = colon
    return start, end


def _idna(host: str) -> str | None:
    import idna  # lazy: only internationalised host names need it

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except (idna.IDNAError, UnicodeError):
        return None


def url_characters(text: str, limit: int | None = None) -> list[UrlCharacter]:
    """What a stored URL must not hold, in order, at most ``limit`` items.

    One pass (no regex backtracking): white space, control characters, non-ASCII
    characters (mis-decoded text recognised as such), HTML entities, malformed ``%``
    escapes, and the ASCII characters RFC 3986 never allows (``"<>\\` ``). Each item says
    how the URL Standard's parser (every browser's) treats it, which decides whether it
    breaks the link and whether writing what browsers request is a safe fix.
    """
    found: list[UrlCharacter] = []
    n = len(text)
    stripped = text.lstrip()
    lead = n - len(stripped)
    trail_start = len(text.rstrip()) if stripped else n
    if lead:
        found.append(_end_blanks(text, 0, lead, "leading"))
    host_start, host_end = _authority(text, lead)
    query_at = text.find("?", host_end or lead)
    fragment_at = text.find("#", host_end or lead)

    def part(i: int) -> str:
        if host_start <= i < host_end:
            return "authority"
        if 0 <= fragment_at < i:
            return "fragment"
        if 0 <= query_at < i:
            return "query"
        return "path"

    i = lead
    while i < trail_start:
        if limit is not None and len(found) >= limit:
            return found
        safe_run = _SAFE_RUN.match(text, i)
        if safe_run is not None:  # skip ordinary characters in C, not one by one
            i = safe_run.end()
            if i >= trail_start:
                break
        char = text[i]
        code = ord(char)
        at = f"at character {i + 1}"
        if char in _DROPPED:
            found.append(
                UrlCharacter(
                    i,
                    i + 1,
                    f"{_WHITESPACE_NAMES[char]} {at} (`{_context(text, i, i + 1)}`); remove it "
                    "(browsers drop it)",
                    "",
                    True,
                    False,
                )
            )
        elif char == " ":
            in_host = part(i) == "authority"
            found.append(
                UrlCharacter(
                    i,
                    i + 1,
                    f"a space {at} (`{_context(text, i, i + 1)}`); "
                    + (
                        "a host name cannot hold one: fix the host"
                        if in_host
                        else "encode it as `%20`"
                    ),
                    None if in_host else "%20",
                    not in_host,
                    in_host,
                )
            )
        elif char.isspace() or code in (0x200B, 0xFEFF) or code < 0x20 or 0x7F <= code < 0xA0:
            kind = "blank" if char.isspace() or code >= 0xA0 else "control"
            found.append(
                UrlCharacter(
                    i,
                    i + 1,
                    f"the {kind} character U+{code:04X} {at} (`{_context(text, i, i + 1)}`), "
                    "which browsers send as part of the address; remove it",
                    "",
                    False,
                    True,
                )
            )
        elif code > 0x7F:
            end = i + 1
            run_end = min(trail_start, i + 32)  # keep messages short on hostile input
            while end < run_end and ord(text[end]) > 0x9F and not text[end].isspace():
                end += 1
            run = text[i:end]
            fixed = _mojibake(run)
            where = f"{at} (`{_context(text, i, end)}`)"
            if fixed is not None:
                found.append(
                    UrlCharacter(
                        i,
                        end,
                        f"mis-decoded text `{run}` {where}: UTF-8 read as Windows-1252, it was "
                        f"`{fixed}`; write `{_percent(fixed)}` instead",
                        _percent(fixed),
                        False,
                        True,
                    )
                )
            elif part(i) == "authority":
                start, stop = _host_part(text, host_start, host_end)
                ascii_form = _idna(text[start:stop]) if start <= i < stop else None
                remedy = (
                    f"write it as `{ascii_form}`, its IDNA (punycode) form, as browsers do"
                    if ascii_form is not None
                    else "write the host in its IDNA (punycode, `xn--…`) form"
                )
                found.append(
                    UrlCharacter(
                        start if ascii_form is not None else i,
                        stop if ascii_form is not None else end,
                        f"the non-ASCII host name character `{run[0]}` {where}; {remedy}",
                        ascii_form,
                        ascii_form is not None,
                        False,
                    )
                )
                if ascii_form is not None:
                    end = max(end, stop)
            else:
                label = "characters" if len(run) > 1 else "character"
                found.append(
                    UrlCharacter(
                        i,
                        end,
                        f"the non-ASCII {label} `{run}` {where}; percent-encode "
                        f"{'them' if len(run) > 1 else 'it'} as `{_percent(run)}`",
                        _percent(run),
                        True,
                        False,
                    )
                )
            i = end
            continue
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is not None:
                entity = match.group(0)
                in_path = part(i) in ("path", "authority")
                effect = (
                    "so the link points at another page"
                    if in_path
                    else "so the server never gets what follows"
                )
                found.append(
                    UrlCharacter(
                        i,
                        match.end(),
                        f"the HTML entity `{entity}` {at}; write `{_entity_text(entity)}` "
                        f"instead (an HTML escape leaked into the URL, and browsers read its "
                        f"`#` as the start of the fragment, {effect})"
                        if "#" in entity
                        else f"the HTML entity `{entity}` {at}; write `{_entity_text(entity)}` "
                        "instead (an HTML escape leaked into the URL)",
                        _entity_text(entity),
                        False,
                        in_path,
                    )
                )
                i = match.end()
                continue
        elif char == "%":
            if not (i + 2 < n and text[i + 1] in _HEX and text[i + 2] in _HEX):
                shown = text[i : i + 3]
                found.append(
                    UrlCharacter(
                        i,
                        i + 1,
                        f"a `%` not followed by two hex digits {at} (`{shown}`), which servers "
                        "reject; write a literal percent sign as `%25`",
                        "%25",
                        False,
                        True,
                    )
                )
        elif char in _UNSAFE_ASCII:
            found.append(_unsafe_ascii(char, i, part(i)))
        i += 1
    if stripped and trail_start < n and (limit is None or len(found) < limit):
        found.append(_end_blanks(text, trail_start, n, "trailing"))
    return found


def _end_blanks(text: str, start: int, end: int, side: str) -> UrlCharacter:
    """Blanks before or after the URL: browsers strip ASCII ones (and controls)."""
    stripped_by_browsers = all(ord(c) <= 0x20 for c in text[start:end])
    return UrlCharacter(
        start,
        end,
        f"{side} white space; remove it"
        if stripped_by_browsers
        else f"{side} white space that browsers do not ignore "
        f"(U+{ord(next(c for c in text[start:end] if ord(c) > 0x20)):04X}); remove it",
        "",
        stripped_by_browsers,
        not stripped_by_browsers,
    )


def _unsafe_ascii(char: str, i: int, where: str) -> UrlCharacter:
    at = f"at character {i + 1}"
    if char == "\\" and where in ("path", "authority"):
        # The URL Standard reads `\` as `/` in http(s) URLs: writing `/` is what is requested.
        return UrlCharacter(
            i, i + 1, f"a backslash {at}, which browsers read as `/`; write `/`", "/", True, False
        )
    # Browsers percent-encode `"`, `<` and `>` everywhere, and `` ` `` outside the query;
    # a `\` or `` ` `` they send as it is, so encoding it changes the URL requested.
    safe = char in '"<>' or (char == "`" and where != "query")
    return UrlCharacter(
        i,
        i + 1,
        f"the character `{char}` {at}, which URLs may not contain; encode it as "
        f"`{_UNSAFE_ASCII[char]}`",
        _UNSAFE_ASCII[char],
        safe,
        False,
    )


def unsafe_characters(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``(0-based position, message)`` of every item :func:`url_characters` finds."""
    return [(item.start, item.message) for item in url_characters(text, limit)]


#: Characters that never need a closer look (RFC 3986 unreserved and delimiters, but
#: not `%` and `&`, which start escapes and entities).
_SAFE_RUN = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$'()*+,;=-]+")
#: More findings than this in one URL are summarised as "at least", and get no fix.
_COUNT_LIMIT = 100
_MAYBE_UNSAFE = re.compile(r"[\s%&\"<>\\`]")


@functools.lru_cache(maxsize=4096)
def _characters_of(value: str) -> tuple[UrlCharacter, ...]:
    if value.isascii() and value.isprintable() and not _MAYBE_UNSAFE.search(value):
        return ()  # fast path: nothing to look at
    return tuple(url_characters(value, _COUNT_LIMIT))


def _character_problems(record: Record, breaks: bool) -> Iterator[Problem]:
    """The problems of :class:`UnsafeUrlCharacters` (``breaks=False``) or
    :class:`BrokenUrlCharacters` (``True``): one per URL, with a fix for all of them."""
    for path, value in url_fields(record):
        everything = _characters_of(value)
        found = [item for item in everything if item.breaks is breaks]
        if not found:
            continue
        more = len(found) - 1
        many = "at least " if len(everything) >= _COUNT_LIMIT else ""
        tail = f" ({many}{more} more after it)" if more else ""
        yield Problem(
            f"URL has {found[0].message}{tail}",
            field=path,
            fix=_characters_fix(path, value, found, len(everything) >= _COUNT_LIMIT),
        )


def _characters_fix(
    path: FieldPath, value: str, found: list[UrlCharacter], truncated: bool
) -> FixIntent | None:
    """Every replacement of ``found`` at once; safe only when each one is (see *Fix
    safety* in :class:`UnsafeUrlCharacters`)."""
    if truncated or any(item.replacement is None for item in found):
        return None
    parts: list[str] = []
    position = 0
    for item in found:
        parts.append(value[position : item.start])
        parts.append(item.replacement or "")
        position = item.end
    parts.append(value[position:])
    change = ReplaceValue(path, "".join(parts))
    if all(item.safe for item in found):
        return FixIntent.safe("Write the URL as browsers request it", change)
    return FixIntent.unsafe("Repair the URL's characters", change)


class UnsafeUrlCharacters(Rule):
    """## What it does
    Reports characters a stored URL must not contain but that browsers repair, or that
    still let them open the page. These are white space (also leading or trailing), tabs
    and line breaks, non-ASCII characters (in the path, query or host), `"`, `<`, `>`,
    `\\`, `` ` ``, and an HTML entity such as `&#038;` or `&amp;` in the query. It checks
    the text exactly as stored; the message gives the position (counting from 1 within the
    URL) and the replacement. What really breaks a link is `broken-url-characters` (AL206).

    It is a warning (it was an error for all of these), since in a blind review of a real
    5,000-record folder its 1,759 findings (45 distinct URLs) were URLs every browser still
    opens; 26 of the 28 in the shared corpus are WordPress image URLs with `&#038;` in the
    query, which load.

    ## Why is this bad?
    URL parsers repair such URLs each in its own way: Python's `urlsplit` strips leading
    blanks and drops tabs and line breaks, browsers encode spaces, feeds and crawlers may
    reject them, and an HTML entity left in a query string (`?a=1&#038;b=2`) turns the
    parameter `b` into the fragment `#038;b=2`, so the server never sees it. What gets
    stored should be the exact, percent-encoded URL.

    ## Example
    ```yaml
    webUrl: "https://www.zdnet.com/article/microsoft to curtail/"
    images:
      - url: "https://i2.wp.com/example.com/art.jpg?fit=1280%2C720&#038;ssl=1"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.zdnet.com/article/microsoft%20to%20curtail/"
    images:
      - url: "https://i2.wp.com/example.com/art.jpg?fit=1280%2C720&ssl=1"
    ```

    ## Fix safety
    The fix writes every replacement the message names, at once. It is **safe** when each
    one leaves the URL a browser requests unchanged, as the URL Standard's parser (every
    browser's) reads it: removing ASCII blanks at the ends and tabs or line breaks
    anywhere (browsers drop them), a space as `%20`, non-ASCII characters of the path,
    query or fragment percent-encoded as UTF-8, a non-ASCII host in its IDNA form (UTS 46,
    as browsers convert it), `"`, `<`, `>` percent-encoded, `` ` `` outside the query
    percent-encoded, and `\\` in the path written as `/` (browsers read it so). It is
    **unsafe** when one of them changes the URL requested: an HTML entity decoded (`&#038;`
    -> `&`: the lost parameter is then sent), and `\\` or `` ` `` in the query encoded
    (browsers send them as they are). A URL with 100 or more such characters has no fix.
    """

    code = "AL203"
    name = "unsafe-url-characters"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        return _character_problems(record, breaks=False)


class BrokenUrlCharacters(Rule):
    """## What it does
    Reports characters in a stored URL that keep the link from reaching the page meant.
    These are mis-decoded UTF-8 (`â€“` for an en dash), an HTML entity such as `&#038;` in
    the path, a `%` not followed by two hex digits, control characters, and invisible
    blanks other than the ASCII ones (a no-break space, U+200B, U+FEFF). The message gives
    the position (counting from 1 within the URL) and the replacement. Characters that
    browsers repair are `unsafe-url-characters` (AL203), a warning.

    ## Why is this bad?
    Browsers send these characters percent-encoded or as they are, so the server is asked
    for another address than the one meant: mis-decoded text and invisible characters name
    a page that does not exist, an entity's `#` cuts the path short, and servers answer a
    malformed `%` escape with "400 Bad Request". Readers get an error page.

    ## Example
    ```yaml
    webUrl: "https://www.msn.com/en-us/gaming/best-settings-â€“-how-to/ar-AA192BEE"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.msn.com/en-us/gaming/best-settings-%E2%80%93-how-to/ar-AA192BEE"
    ```

    ## Fix safety
    The fix writes every replacement the message names (the intended character,
    percent-encoded; the entity's character; `%25` for a lone `%`; nothing for a control or
    invisible character) and is **unsafe**: it changes the URL browsers request, which is
    the point, but only a look at the page can confirm it.
    """

    code = "AL206"
    name = "broken-url-characters"
    severity = Severity.ERROR
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        return _character_problems(record, breaks=True)


# --------------------------------------------------------------------------- AL204

#: Special-use and never-delegated top-level domains (RFC 6761, RFC 8375, ICANN).
_PRIVATE_TLDS = frozenset(
    {
        "local",
        "localhost",
        "test",
        "example",
        "invalid",
        "internal",
        "lan",
        "home",
        "corp",
        "intranet",
        "localdomain",
    }
)
_EXAMPLE_DOMAINS = frozenset({"example.com", "example.net", "example.org", "home.arpa"})


class NonPublicHostOptions(RuleOptions):
    """Options of ``non-public-host``."""

    #: Ports accepted besides none, 80 and 443 (e.g. a publisher that really serves on 8443).
    allowed_ports: list[int] = setting(
        default_factory=list, description="Ports accepted besides none, 80 and 443."
    )


@functools.lru_cache(maxsize=4096)
def _host_problems_of(value: str, allowed_ports: tuple[int, ...]) -> tuple[str, ...]:
    """:func:`host_problems` of a URL's text (``()`` for an invalid URL: invalid-url's)."""
    parts = parse_url(value)
    if isinstance(parts, str):
        return ()
    return tuple(host_problems(parts, allowed_ports))


def host_problems(parts: SplitResult, allowed_ports: Collection[int] = ()) -> list[str]:
    """Why the host of an already-parsed URL is not a public web host (message fragments)."""
    problems: list[str] = []
    if "@" in parts.netloc:
        userinfo = parts.netloc.rsplit("@", 1)[0]
        shown = userinfo.split(":", 1)[0] + (":***" if ":" in userinfo else "")
        problems.append(
            f"contains user info `{shorten(shown, 60)}@`; remove it "
            "(links must not carry credentials)"
        )
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    shown_host = shorten(host)
    address = None
    if ":" in host or host.replace(".", "").isdigit():  # only these can be IP literals
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
    if address is not None:
        problems.append(f"points at the IP address `{shown_host}`; use the site's public host name")
    elif labels[-1].isdigit() or labels[-1].lower().startswith("0x"):
        problems.append(
            f"points at `{shown_host}`, which reads as an IP address (no top-level domain is "
            "numeric); use the site's public host name"
        )
    elif len(labels) == 1 and host != "localhost":
        problems.append(
            f"has the single-label host `{shown_host}`, which only resolves on a local network; "
            "use the fully qualified public host name"
        )
    elif labels[-1] in _PRIVATE_TLDS:
        problems.append(
            f"points at `{shown_host}`, which only exists on private networks or in tests; "
            "use the story's public address"
        )
    elif ".".join(labels[-2:]) in _EXAMPLE_DOMAINS:
        problems.append(f"points at the placeholder domain `{shown_host}`; use the real address")
    port = parts.port
    if port is not None and port not in (80, 443) and port not in allowed_ports:
        problems.append(f"uses the port {port}; public links use the default port, drop `:{port}`")
    return problems


class NonPublicHost(Rule):
    """## What it does
    Reports a URL whose host readers cannot reach from the public internet, or that
    carries credentials or an unusual port. That is: `localhost`, IP addresses,
    single-label hosts (`http://intranet/...`), special-use or private top-level domains
    (`.local`, `.test`, `.example`, `.invalid`, `.internal`, `.localhost`, `.lan`, `.home`,
    `.corp`), the placeholder domains `example.com`/`.net`/`.org`, user info
    (`user:pass@`), and ports other than 80 and 443.

    ## Why is this bad?
    Such links come from staging systems, scrapers run on a developer's machine, or copied
    templates. They are dead links for every reader, and user info can leak credentials.

    ## Example
    ```yaml
    webUrl: "http://localhost:8080/enterprise/facial-recognition"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    ```

    ## Options
    - `allowed-ports` (default `[]`): ports accepted besides none, 80 and 443.
    """

    code = "AL204"
    name = "non-public-host"
    severity = Severity.ERROR
    Options = NonPublicHostOptions

    def check(self, record: Record, options: NonPublicHostOptions) -> Iterator[Problem]:
        for path, value in url_fields(record):
            for problem in _host_problems_of(value, tuple(options.allowed_ports)):
                yield Problem(f"URL {problem}", field=path)


# --------------------------------------------------------------------------- AL205

#: Query parameters that only track where a click came from. Names ending in `*` are
#: prefixes.
DEFAULT_TRACKING_PARAMETERS = (
    "utm_*",
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "ncid",
    "ocid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "__hssc",
    "__hstc",
    "__hsfp",
    "hsctatracking",
    "mkt_tok",
    "vero_id",
    "vero_conv",
    "oly_anon_id",
    "oly_enc_id",
    "rb_clickid",
    "s_cid",
    "wickedid",
    "_openstat",
)


class TrackingParameterOptions(RuleOptions):
    """Options of ``tracking-parameter``."""

    extra_parameters: list[str] = setting(
        default_factory=list,
        description="More tracking parameter names (a trailing `*` makes a prefix).",
    )
    allowed_parameters: list[str] = setting(
        default_factory=list,
        description="Names from the default list to accept (e.g. `ocid` for MSN links).",
    )


def _matcher(tracking: Collection[str], allowed: Collection[str]) -> Callable[[str], bool]:
    return _cached_matcher(tuple(tracking), tuple(allowed))


@functools.lru_cache(maxsize=16)
def _cached_matcher(tracking: tuple[str, ...], allowed: tuple[str, ...]) -> Callable[[str], bool]:
    exact = frozenset(p.lower() for p in tracking if not p.endswith("*"))
    prefixes = tuple(p[:-1].lower() for p in tracking if p.endswith("*"))
    accepted = frozenset(a.lower() for a in allowed)

    def matches(name: str) -> bool:
        key = (unquote(name) if "%" in name else name).strip().lower()
        return key not in accepted and (key in exact or key.startswith(prefixes))

    return matches


def is_tracking_parameter(
    name: str,
    tracking: Collection[str] = DEFAULT_TRACKING_PARAMETERS,
    allowed: Collection[str] = (),
) -> bool:
    """Whether the query parameter ``name`` (raw, case-insensitive) is a tracking one."""
    return _matcher(tracking, allowed)(name)


def _query_span(url: str) -> tuple[int, int] | None:
    start = url.find("?")
    if start < 0:
        return None
    hash_at = url.find("#")
    if 0 <= hash_at < start:
        return None
    return start + 1, hash_at if hash_at >= 0 else len(url)


def tracking_parameters(
    url: str,
    tracking: Collection[str] = DEFAULT_TRACKING_PARAMETERS,
    allowed: Collection[str] = (),
) -> list[str]:
    """The names of the tracking parameters in ``url``'s query, in order."""
    span = _query_span(url)
    if span is None:
        return []
    matches = _matcher(tracking, allowed)
    names = [part.split("=", 1)[0] for part in url[span[0] : span[1]].split("&")]
    return [name for name in names if name and matches(name)]


def strip_tracking(
    url: str,
    tracking: Collection[str] = DEFAULT_TRACKING_PARAMETERS,
    allowed: Collection[str] = (),
) -> str:
    """``url`` without its tracking parameters; everything else is kept byte for byte
    (no re-encoding), and a query left empty loses its ``?``."""
    span = _query_span(url)
    if span is None:
        return url
    start, end = span
    matches = _matcher(tracking, allowed)
    kept = [part for part in url[start:end].split("&") if not matches(part.split("=", 1)[0])]
    query = "&".join(kept)
    return url[: start - 1] + (f"?{query}" if query else "") + url[end:]


class TrackingParameter(Rule):
    """## What it does
    Reports a stored URL whose query string carries click-tracking parameters. The
    default list: `utm_*`, `fbclid`, `gclid`, `msclkid`, `yclid`, `igshid`, `ncid`, `ocid`,
    `mc_cid`, `mc_eid`, `_hsenc`, `mkt_tok` and the like.

    ## Why is this bad?
    They record where one visit came from, not which page it is: the same story stored
    with different tracking tags looks like different stories (duplicates slip through),
    and every reader who clicks the stored link is attributed to someone else's campaign.

    ## Example
    ```yaml
    webUrl: "https://finance.yahoo.com/research/reports/MS_0P00000053?ncid=dcm_306416306"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://finance.yahoo.com/research/reports/MS_0P00000053"
    ```

    ## Options
    - `extra-parameters` (default `[]`): more names to report; `ref_*` is a prefix.
    - `allowed-parameters` (default `[]`): names of the default list to accept.

    ## Fix safety
    The fix removes the tracking parameters and keeps everything else byte for byte; it is
    **unsafe**: the URL changes, and a few sites need a parameter the list names.
    """

    code = "AL205"
    name = "tracking-parameter"
    severity = Severity.WARNING
    fixable = True
    Options = TrackingParameterOptions

    def check(self, record: Record, options: TrackingParameterOptions) -> Iterator[Problem]:
        tracking = (*DEFAULT_TRACKING_PARAMETERS, *options.extra_parameters)
        for path, value in url_fields(record):
            if "?" not in value:
                continue
            names = tracking_parameters(value.strip(), tracking, options.allowed_parameters)
            if names:
                shown = ", ".join(f"`{name}`" for name in names[:5])
                if len(names) > 5:
                    shown += f" and {len(names) - 5} more"
                plural = "s" if len(names) > 1 else ""
                them = "them" if plural else "it"
                clean = strip_tracking(value.strip(), tracking, options.allowed_parameters)
                remedy = f": `{clean}`" if len(clean) <= 300 else ""
                core = value.strip()
                start = value.index(core)
                fixed = value[:start] + clean + value[start + len(core) :]  # blanks kept
                yield Problem(
                    f"URL has the tracking parameter{plural} {shown}; store the link without "
                    f"{them}{remedy}",
                    field=path,
                    fix=FixIntent.unsafe(
                        f"Remove the tracking parameter{plural}", ReplaceValue(path, fixed)
                    ),
                )
