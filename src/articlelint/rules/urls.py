"""AL2xx: URLs — parseable, absolute, http(s), with a host; secure.

URLs are checked on the raw text the file holds. The standard library's ``urlsplit`` is
used only to split an already-vetted string: it silently strips leading blanks and removes
tabs and newlines, so anything it would "repair" is rejected here first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import SplitResult, urlsplit

from articlelint.diagnostics import FieldPath, Severity
from articlelint.rules._fields import iter_urls
from articlelint.rules.base import Problem, Record, Rule

__all__ = ["InsecureUrl", "InvalidUrl", "parse_url", "url_fields"]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_IPV4 = re.compile(r"[0-9]+(?:\.[0-9]+){3}")


def url_fields(record: Record) -> Iterator[tuple[FieldPath, str]]:
    """Every URL field whose value is non-empty text (other types: the schema rules)."""
    for path, value in iter_urls(record.data):
        if isinstance(value, str) and value.strip():
            yield path, value


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
    if host.startswith("[") or ":" in host or _IPV4.fullmatch(host):
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
    """

    code = "AL202"
    name = "insecure-url"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, value in url_fields(record):
            result = parse_url(value)
            if not isinstance(result, str) and result.scheme.lower() == "http":
                yield Problem(
                    "URL uses insecure `http://`; use `https://` if the site serves it",
                    field=path,
                )
