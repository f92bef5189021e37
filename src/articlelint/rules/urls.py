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
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from articlelint.diagnostics import FieldPath, Severity
from articlelint.rules._fields import iter_urls
from articlelint.rules.base import Problem, Record, Rule, RuleOptions, setting
from articlelint.rules.domains import is_ip_literal, shorten
from articlelint.rules.fixes import FixIntent, ReplaceValue

__all__ = [
    "DEFAULT_TRACKING_PARAMETERS",
    "InsecureUrl",
    "InvalidUrl",
    "NonPublicHost",
    "NonPublicHostOptions",
    "TrackingParameter",
    "TrackingParameterOptions",
    "UnsafeUrlCharacters",
    "host_problems",
    "https_url",
    "is_tracking_parameter",
    "parse_url",
    "strip_tracking",
    "tracking_parameters",
    "unsafe_characters",
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
            for path, value in iter_urls(record.data)
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
        parts = urlsplit(text)
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


def _host_problem(host: str) -> str | None:
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
            result = parse_url(value)
            if isinstance(result, str):
                yield Problem(f"URL {result}", field=path)


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


# --------------------------------------------------------------------------- AL203

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos|nbsp);")
_HEX = frozenset("0123456789abcdefABCDEF")
_UNSAFE_ASCII = {'"': "%22", "<": "%3C", ">": "%3E", "\\": "%5C", "`": "%60"}
_ENTITY_CHAR = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "%C2%A0"}
_WHITESPACE_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


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
    body = entity[1:-1]
    if body in _ENTITY_CHAR:
        return _ENTITY_CHAR[body]
    code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
    if 0x20 < code < 0x7F:
        return chr(code)
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


def _authority_end(text: str) -> tuple[int, int]:
    """Start and end of the authority (``user@host:port``) in a URL's raw text."""
    start = text.find("//")
    if start < 0 or start > 40:
        return 0, 0
    start += 2
    end = len(text)
    for delimiter in "/?#":
        found = text.find(delimiter, start)
        if 0 <= found < end:
            end = found
    return start, end


def unsafe_characters(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """What is unsafe in the raw text of a URL, in order: ``(0-based position, message)``,
    at most ``limit`` of them.

    Runs in one pass (no regex backtracking): whitespace, control characters, non-ASCII
    characters (mis-decoded text recognised as such), HTML entities, malformed ``%``
    escapes, and the ASCII characters RFC 3986 never allows (``"<>\\` ``).
    """
    found: list[tuple[int, str]] = []
    n = len(text)
    stripped = text.lstrip()
    lead = n - len(stripped)
    if lead:
        found.append((0, "leading whitespace; remove it"))
    trail_start = len(text.rstrip()) if stripped else n
    host_start, host_end = _authority_end(text[lead:])
    host_start += lead
    host_end += lead
    i = lead
    while i < trail_start:
        if limit is not None and len(found) >= limit:
            return found
        safe = _SAFE_RUN.match(text, i)
        if safe is not None:  # skip ordinary characters in C, not one by one
            i = safe.end()
            if i >= trail_start:
                break
        char = text[i]
        code = ord(char)
        if char.isspace() or code == 0x200B or code == 0xFEFF:
            name = _WHITESPACE_NAMES.get(char) or f"the blank character U+{code:04X}"
            remedy = (
                "encode it as `%20`"
                if char == " "
                else f"remove it (or encode it as `{_percent(char)}` if it belongs there)"
            )
            found.append(
                (i, f"{name} at character {i + 1} (`{_context(text, i, i + 1)}`); {remedy}")
            )
        elif code < 0x20 or 0x7F <= code < 0xA0:
            found.append((i, f"the control character U+{code:04X} at character {i + 1}; remove it"))
        elif code > 0x7F:
            end = i + 1
            run_end = min(trail_start, i + 32)  # keep messages short on hostile input
            while end < run_end and ord(text[end]) > 0x9F and not text[end].isspace():
                end += 1
            run = text[i:end]
            fixed = _mojibake(run)
            where = f"at character {i + 1} (`{_context(text, i, end)}`)"
            if fixed is not None:
                message = (
                    f"mis-decoded text `{run}` {where}: UTF-8 read as Windows-1252, it was "
                    f"`{fixed}`; write `{_percent(fixed)}` instead"
                )
            elif host_start <= i < host_end:
                message = (
                    f"the non-ASCII host name character `{run[0]}` {where}; write the host "
                    "in its IDNA (punycode, `xn--…`) form"
                )
            else:
                label = "characters" if len(run) > 1 else "character"
                message = (
                    f"the non-ASCII {label} `{run}` {where}; percent-encode "
                    f"{'them' if len(run) > 1 else 'it'} as `{_percent(run)}`"
                )
            found.append((i, message))
            i = end
            continue
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is not None:
                entity = match.group(0)
                found.append(
                    (
                        i,
                        f"the HTML entity `{entity}` at character {i + 1}; write "
                        f"`{_entity_text(entity)}` instead (an HTML escape leaked into the URL)",
                    )
                )
                i = match.end()
                continue
        elif char == "%":
            if not (i + 2 < n and text[i + 1] in _HEX and text[i + 2] in _HEX):
                shown = text[i : i + 3]
                found.append(
                    (
                        i,
                        f"a `%` not followed by two hex digits at character {i + 1} "
                        f"(`{shown}`); write a literal percent sign as `%25`",
                    )
                )
        elif char in _UNSAFE_ASCII:
            found.append(
                (
                    i,
                    f"the character `{char}` at character {i + 1}, which URLs may not contain; "
                    f"encode it as `{_UNSAFE_ASCII[char]}`",
                )
            )
        i += 1
    if stripped and trail_start < n and (limit is None or len(found) < limit):
        found.append((trail_start, "trailing whitespace; remove it"))
    return found


#: Characters that never need a closer look (RFC 3986 unreserved and delimiters, but
#: not `%` and `&`, which start escapes and entities).
_SAFE_RUN = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$'()*+,;=-]+")
#: More findings than this in one URL are summarised as "at least".
_COUNT_LIMIT = 100


class UnsafeUrlCharacters(Rule):
    """## What it does
    Reports characters a URL must not contain, checked on the text exactly as stored.
    These are whitespace (also leading or trailing), control characters, non-ASCII
    characters (recognising mis-decoded UTF-8 such as `â€“`), HTML entities such as `&#038;` or
    `&amp;`, a `%` not followed by two hex digits, and `"`, `<`, `>`, `\\`, `` ` ``.
    The message gives the position (counting from 1 within the URL) and the replacement.

    ## Why is this bad?
    URL parsers and browsers silently "repair" such URLs, each in its own way: Python's
    `urlsplit` strips leading blanks and drops tabs and line breaks, browsers encode spaces,
    and an HTML entity left in a query string (`?a=1&#038;b=2`) turns the parameter `b`
    into `#038;b`, so the server never sees it. Mis-decoded text (`â€“` for an en dash) points at a
    different page. What gets stored should be the exact, percent-encoded URL.

    ## Example
    ```yaml
    webUrl: "https://www.msn.com/en-us/gaming/best-settings-â€“-how-to/ar-AA192BEE"
    images:
      - url: "https://i2.wp.com/example.com/art.jpg?fit=1280%2C720&#038;ssl=1"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.msn.com/en-us/gaming/best-settings-%E2%80%93-how-to/ar-AA192BEE"
    images:
      - url: "https://i2.wp.com/example.com/art.jpg?fit=1280%2C720&ssl=1"
    ```
    """

    code = "AL203"
    name = "unsafe-url-characters"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in url_fields(record):
            if value.isascii() and value.isprintable() and not _MAYBE_UNSAFE.search(value):
                continue  # fast path: nothing to look at
            found = unsafe_characters(value, _COUNT_LIMIT)
            if found:
                more = len(found) - 1
                many = "at least " if len(found) >= _COUNT_LIMIT else ""
                tail = f" ({many}{more} more unsafe character{'s' if more > 1 else ''} after it)"
                yield Problem(f"URL has {found[0][1]}{tail if more else ''}", field=path)


_MAYBE_UNSAFE = re.compile(r"[\s%&\"<>\\`]")


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
