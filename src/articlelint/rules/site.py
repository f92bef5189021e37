"""The site profile as rules see it (``Record.site``): the site the records belong to, its
address and the hosts that serve its pages.

Records of this format live in a Jekyll site that republishes other publishers' stories.
Some of their URLs are the site's own: site-relative ones (`/assets/images/...`, as Jekyll
writes them) and links to the site's own pages (a video's page on the aggregator, whose
`originalUrl` is on a video platform). Rules use the profile to resolve the former and to
recognise the latter, so they neither report a valid site-relative image nor tell a record
to credit the site itself as its publisher.

This module is the value only. Where it comes from (``[tool.articlelint.site]``, or the
site's Jekyll ``_config.yml``) is configuration: :mod:`articlelint.site`, a layer above the
rules, which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from articlelint.rules.domains import ascii_host, url_host

__all__ = ["SiteProfile", "host_of", "is_site_relative"]


def is_site_relative(url: str) -> bool:
    """Whether ``url`` is relative to the site's root: ``/path``, not ``//host/path``."""
    text = url.strip()
    return text.startswith("/") and not text.startswith("//")


class SiteProfile(NamedTuple):
    """The site's base URL (``https://everyday.cc/powerapps``, no trailing slash) and the
    ASCII hosts that serve its pages (the base URL's first)."""

    url: str
    hosts: tuple[str, ...]

    @classmethod
    def from_settings(cls, value: Mapping[str, Any]) -> SiteProfile | None:
        """The profile of a validated ``site`` setting (``None`` without a ``url``)."""
        url = value.get("url")
        if not isinstance(url, str) or not url:
            return None
        hosts = [host_of(url) or ""]
        hosts.extend(host_of(domain) or "" for domain in value.get("domains") or ())
        return cls(url.rstrip("/"), tuple(dict.fromkeys(h for h in hosts if h)))

    def resolve(self, url: str) -> str:
        """A site-relative URL made absolute as Jekyll's ``absolute_url`` filter does it
        (the base URL's path is kept: ``/assets/a.jpg`` ->
        ``https://everyday.cc/powerapps/assets/a.jpg``); other URLs unchanged."""
        if not is_site_relative(url):
            return url
        return self.url + url.strip()

    def owns_host(self, host: str) -> bool:
        """Whether ``host`` (ASCII, lower case) is one of the site's hosts or under one."""
        return any(host == own or host.endswith("." + own) for own in self.hosts)

    def owns(self, url: str) -> bool:
        """Whether ``url`` is the site's own: site-relative, or on one of its hosts."""
        if is_site_relative(url):
            return True
        host = host_of(url)
        return host is not None and self.owns_host(host)


def host_of(text: str) -> str | None:
    """The ASCII host of a URL or a bare host name (``everyday-cc.github.io``)."""
    text = text.strip()
    if "//" not in text:
        text = "//" + text
    host = url_host(text)
    return ascii_host(host) if host else None
