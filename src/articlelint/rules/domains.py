"""Host names and domains: registrable domains, URL comparison keys, provider domains.

Registrable domains ("eTLD+1") come from the public suffix list that ships inside the
``publicsuffixlist`` package: nothing is downloaded at run time, and the list is loaded
lazily, once per process, only when a rule needs it (from a per-user cache of the parsed
list, see :mod:`articlelint.rules._suffixes`).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, _NetlocResultMixinStr, urlsplit

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = [
    "DomainIssues",
    "ascii_host",
    "clean_domain",
    "domain_issues",
    "host_within",
    "is_ip_literal",
    "is_public_suffix",
    "registrable_domain",
    "shorten",
    "split_url",
    "url_host",
    "url_key",
]

_IPV4 = re.compile(r"[0-9]+(?:\.[0-9]+){3}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def shorten(text: str, width: int = 120) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for quoting input in messages."""
    return text if len(text) <= width else text[: width - 1] + "…"


@functools.lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    from articlelint.rules._suffixes import load_public_suffix_list, user_cache_dir

    # The list's own Unicode spellings only (accept_encoded_idn=False): 3x faster to load
    # than with punycode copies; lookups go through _listed() which decodes punycode hosts
    # first. Parsed once per installed list, then served from the user's cache (~1 ms).
    return load_public_suffix_list(user_cache_dir())


def _listed(host: str) -> str:
    """``host`` spelt as the list spells suffixes (Unicode for internationalised labels)."""
    if "xn--" not in host:
        return host
    import idna

    try:
        return str(idna.decode(host))
    except (idna.IDNAError, UnicodeError):
        return host


@functools.lru_cache(maxsize=4096)
def ascii_host(host: str) -> str:
    """``host`` lower-cased, without a trailing dot, in IDNA ASCII form when it can be."""
    host = host.strip().rstrip(".").lower()
    if host.isascii():
        return host
    import idna  # lazy: only internationalised host names need it

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return host


def is_ip_literal(host: str) -> bool:
    """Whether ``host`` (from ``urlsplit``) is an IPv4 or IPv6 address, not a name."""
    return host.startswith("[") or ":" in host or _IPV4.fullmatch(host) is not None


@functools.lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """The registrable domain of ``host`` (``news.bbc.co.uk`` -> ``bbc.co.uk``), ``None``
    for IP literals, public suffixes themselves and single labels."""
    host = ascii_host(host)
    if not host or is_ip_literal(host) or "." not in host:
        return None
    result = _psl().privatesuffix(_listed(host))
    return ascii_host(result) if isinstance(result, str) else None


@functools.lru_cache(maxsize=1024)
def is_public_suffix(domain: str) -> bool:
    """Whether ``domain`` is itself a public suffix (``co.uk``, ``github.io``)."""
    return bool(_psl().is_public(_listed(ascii_host(domain))))


class SplitUrl(SplitResult):
    """``urlsplit``'s result, whose ``hostname`` and ``port`` are worked out once, when it
    is made (:func:`split_url`): ``SplitResult`` parses them from the netloc again on every
    access, and the URL rules ask each URL for them several times (the largest single cost
    of the rules on records with many related stories)."""

    @property
    def hostname(self) -> str | None:
        return self.__dict__["_hostname"]  # type: ignore[no-any-return]

    @property
    def port(self) -> int | None:
        error = self.__dict__["_port_error"]
        if error is not None:
            raise ValueError(error)  # a malformed port, as SplitResult.port raises it
        return self.__dict__["_port"]  # type: ignore[no-any-return]


#: A URL ``urlsplit`` splits the same way in every Python version articlelint supports:
#: ``http(s)://``, then a host without user info, brackets, ``%`` or ``:``, an optional
#: port of digits, then the rest (path, query, fragment). Only for ASCII text without
#: blanks or control characters (which ``urlsplit`` would strip or remove).
_PLAIN_URL = re.compile(r"([Hh][Tt][Tt][Pp][Ss]?)://([^/?#@\[\]%:]*)(?::([0-9]{0,5}))?([/?#].*)?")


@functools.lru_cache(maxsize=8192)
def split_url(text: str) -> SplitUrl:
    """``urlsplit(text)`` (``ValueError`` as it raises it), shared by every rule that splits
    the same URL text (the URL, consistency and domain helpers).

    Plain ``http(s)`` URLs (nearly all of them) are split here directly, as ``urlsplit``
    would split them (a test compares both): about a third of the cost."""
    match = _PLAIN_URL.fullmatch(text) if text.isascii() else None
    if match is not None and not _BLANK_OR_CONTROL.search(text):
        scheme, host, port_text, rest = match.groups("")
        port = int(port_text) if port_text else None
        if port is None or port <= 65535:
            netloc = host if match.start(3) < 0 else f"{host}:{port_text}"
            fragment = query = ""
            if "#" in rest:
                rest, fragment = rest.split("#", 1)
            if "?" in rest:
                rest, query = rest.split("?", 1)
            parts = SplitUrl(scheme.lower(), netloc, rest, query, fragment)
            parts.__dict__.update(_hostname=host.lower() or None, _port=port, _port_error=None)
            return parts
    parts = SplitUrl(*urlsplit(text))
    fields = parts.__dict__
    fields["_hostname"] = _NetlocResultMixinStr.hostname.fget(parts)  # type: ignore[attr-defined]
    try:
        fields["_port"] = _NetlocResultMixinStr.port.fget(parts)  # type: ignore[attr-defined]
        fields["_port_error"] = None
    except ValueError as exc:
        fields["_port"], fields["_port_error"] = None, str(exc)
    return parts


#: What ``urlsplit`` strips or removes (C0 controls, space, DEL), or keeps (other ASCII).
_BLANK_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def url_host(url: str) -> str | None:
    """The ASCII host of an absolute URL, or ``None`` when there is none to be had."""
    try:
        host = split_url(url.strip()).hostname
    except ValueError:
        return None
    return ascii_host(host) if host else None


def host_within(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains (both in ASCII form)."""
    return host == domain or host.endswith("." + domain)


@functools.lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """A key under which two spellings of the same link compare equal: scheme and host
    lower-cased, default port, fragment and trailing slash dropped, ``http`` = ``https``."""
    text = url.strip()
    try:
        parts = split_url(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.hostname:
        return text
    host = ascii_host(parts.hostname)
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"//{host}{path}{query}"


class DomainIssues:
    """What :func:`domain_issues` found wrong with a provider domain, and the fix.

    ``cleaned`` is the registrable domain; ``spelled`` the domain with only its spelling
    cleaned (no scheme, path, port, ``www.``, upper case...), a subdomain kept."""

    __slots__ = ("cleaned", "issues", "spelled")

    def __init__(self, issues: list[str], cleaned: str, spelled: str | None = None) -> None:
        self.issues = issues
        self.cleaned = cleaned
        self.spelled = cleaned if spelled is None else spelled


def clean_domain(domain: str) -> str:
    """The provider domain ``domain`` should be: no scheme, user info, port or path,
    lower case, no trailing dot, no ``www.``, reduced to its registrable domain.

    ``clean_domain("https://WWW.CRN.in/news")`` is ``"crn.in"``. Returns ``""`` when
    nothing sensible remains (an empty value, a bare public suffix such as ``co.uk``).
    """
    return domain_issues(domain).cleaned


@functools.lru_cache(maxsize=1024)
def domain_issues(domain: str) -> DomainIssues:
    """Every way ``domain`` departs from a bare registrable domain, and the cleaned form."""
    issues: list[str] = []
    text = domain
    if text != text.strip():
        issues.append("surrounding whitespace")
        text = text.strip()
    scheme = _SCHEME.match(text)
    if scheme:
        issues.append(f"a scheme (`{scheme.group(0)}`)")
        text = text[scheme.end() :]
    cut = min((i for i in (text.find(c) for c in "/?#") if i >= 0), default=-1)
    if cut >= 0:
        issues.append(f"a path (`{shorten(text[cut:], 40)}`)")
        text = text[:cut]
    if "@" in text:
        issues.append("user info")
        text = text.rsplit("@", 1)[1]
    if ":" in text and not text.startswith("["):
        issues.append(f"a port (`{text[text.index(':') :]}`)")
        text = text[: text.index(":")]
    if text.endswith("."):
        issues.append("a trailing dot")
        text = text.rstrip(".")
    if text != text.lower():
        issues.append("upper case")
        text = text.lower()
    if text.startswith("www."):
        issues.append("a `www.` prefix")
        text = text[4:]
    if not text or is_ip_literal(text):
        if text:
            issues.append("an IP address instead of a domain")
        return DomainIssues(issues, "")
    if "." not in text:
        issues.append("no top-level domain")
        return DomainIssues(issues, "")
    ascii_form = ascii_host(text)
    if _psl().publicsuffix(_listed(ascii_form), accept_unknown=False) is None:
        issues.append(f"an unknown top-level domain (`.{shorten(text.rsplit('.', 1)[1], 40)}`)")
        return DomainIssues(issues, "")
    registrable = registrable_domain(ascii_form)
    if registrable is None:
        issues.append("only a public suffix, which nobody can register")
        return DomainIssues(issues, "")
    spelled = text
    if registrable != ascii_form:
        short = registrable if text.isascii() else _unicode(registrable)
        prefix = text[: -len(short)] if text.endswith("." + short) else ""
        issues.append(
            f"a subdomain part (`{shorten(prefix, 60)}`)" if prefix else "a subdomain part"
        )
        text = short
    return DomainIssues(issues, text, spelled)


def _unicode(ascii_domain: str) -> str:
    import idna

    try:
        return str(idna.decode(ascii_domain))
    except (idna.IDNAError, UnicodeError):
        return ascii_domain
