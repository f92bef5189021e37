"""The Google AMP cache URL of an AMP page, as the published algorithm derives it.

The cache serves ``https://example.com/a.amp`` at
``https://example-com.cdn.ampproject.org/c/s/example.com/a.amp``. The first label (the
"curls" subdomain) is made from the page's host:

1. decode the host from IDNA (punycode) to Unicode;
2. replace every ``-`` with ``--``, then every ``.`` with ``-``;
3. encode the result back to IDNA and lower-case it;
4. if that label has ``--`` at positions 3-4 (and does not start with ``xn``), wrap it as
   ``0-<label>-0`` so it is not mistaken for an IDNA label.

A host that cannot be encoded that way (no dot, longer than 63 characters, ``--`` at
positions 3-4 already, a mix of left-to-right and right-to-left characters, invalid IDNA,
or a result over 63 characters) gets the fallback label instead: the base32 (RFC 4648,
lower case, no padding) of the SHA-256 of the host's ASCII form, 52 characters.

The path is ``/c/`` for documents, followed by ``s/`` when the page is served over HTTPS,
then the host, path, query and fragment of the page as written.

References: <https://developers.google.com/amp/cache/overview>, the
``amp-toolbox-cache-url`` package of ``ampproject/amp-toolbox`` (whose test cases
``tests/test_amp.py`` reproduces).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

__all__ = ["GOOGLE_AMP_CACHE", "amp_cache_url", "amp_origin_url", "curls_subdomain"]

#: The Google AMP cache's domain suffix.
GOOGLE_AMP_CACHE = "cdn.ampproject.org"

_MAX_LABEL = 63
# Character classes of the reference implementation (amp-toolbox-cache-url).
_LTR_CHARS = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02b8\u0300-\u0590\u0800-\u1fff"
    "\u200e\u2c00-\ufb1c\ufe00-\ufe6f\ufefd-\uffff"
)
_RTL_CHARS = "\u0591-\u06ef\u06fa-\u07ff\u200f\ufb1d-\ufdff\ufe70-\ufefc"


@functools.lru_cache(maxsize=1)
def _direction_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # compiled on first use: ~25 ms, and only internationalised hosts need them
    return re.compile(f"[{_LTR_CHARS}]"), re.compile(f"[{_RTL_CHARS}]")


def _mixed_direction(text: str) -> bool:
    if text.isascii():
        return False  # right-to-left characters are never ASCII
    ltr, rtl = _direction_patterns()
    return ltr.search(text) is not None and rtl.search(text) is not None


def _hyphen34(label: str) -> bool:
    return label[2:4] == "--" and not label.startswith("xn")


def _to_ascii(host: str) -> str | None:
    """The host's IDNA ASCII form (lower case), or ``None`` when it is not valid IDNA."""
    if host.isascii():
        return host.lower()
    import idna  # lazy: only internationalised hosts need it

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def _to_unicode(ascii_host: str) -> str | None:
    if "xn--" not in ascii_host:
        return ascii_host
    import idna

    try:
        return idna.decode(ascii_host)
    except (idna.IDNAError, UnicodeError):
        return None


def _fallback(ascii_host: str) -> str:
    import base64
    import hashlib

    digest = hashlib.sha256(ascii_host.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=").lower()


def curls_subdomain(host: str) -> str:
    """The AMP cache subdomain label for a host (``www.example.com`` -> ``www-example-com``)."""
    ascii_host = _to_ascii(host.rstrip(".") if host.endswith(".") else host)
    if ascii_host is None:
        ascii_host = host.lower()
        return _fallback(ascii_host)
    unicode_host = _to_unicode(ascii_host)
    if (
        unicode_host is None
        or _hyphen34(ascii_host)
        or len(ascii_host) > _MAX_LABEL
        or "." not in ascii_host
        or _mixed_direction(unicode_host)
    ):
        return _fallback(ascii_host)
    joined = unicode_host.replace("-", "--").replace(".", "-")
    label = joined.lower() if joined.isascii() else "xn--" + joined.encode("punycode").decode()
    label = label.lower()
    if len(label) > _MAX_LABEL:
        return _fallback(ascii_host)
    if _hyphen34(label):
        label = f"0-{label}-0"
    return label


def amp_cache_url(amp_url: str, cache: str = GOOGLE_AMP_CACHE) -> str:
    """The URL at which the AMP cache ``cache`` serves the AMP page ``amp_url``.

    ``amp_url`` must be an absolute ``http(s)`` URL; :class:`ValueError` otherwise.
    """
    text = amp_url.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in ("http", "https") or not host:
        raise ValueError(f"not an absolute http(s) URL: {amp_url!r}")
    # Everything after the authority, exactly as written.
    after = text[len(parts.scheme) + 3 + len(parts.netloc) :]
    secure = "s/" if scheme == "https" else ""
    return f"https://{curls_subdomain(host)}.{cache}/c/{secure}{host}{after}"


_CACHE_PATH = re.compile(r"/[cvir]/(s/)?")


def amp_origin_url(cache_url: str) -> str | None:
    """The page a cache URL serves (``.../c/s/example.com/a`` -> ``https://example.com/a``),
    or ``None`` when ``cache_url`` is not in the AMP cache URL format."""
    try:
        parts = urlsplit(cache_url.strip())
    except ValueError:
        return None
    after = cache_url.strip()[len(parts.scheme) + 3 + len(parts.netloc) :]
    match = _CACHE_PATH.match(after)
    if match is None or not parts.netloc:
        return None
    rest = after[match.end() :]
    if not rest or rest.startswith("/"):
        return None
    return ("https://" if match.group(1) else "http://") + rest
