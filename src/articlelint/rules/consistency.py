"""AL5xx: consistency — do the links, the provider, the AMP pair and the related stories of
a record agree with each other (and with the other records of the run)?

Hosts are compared in lower-case IDNA form; "registrable domain" means the public suffix
list's eTLD+1 (see :mod:`articlelint.rules.domains`), so ``www.bbc.co.uk`` and
``news.bbc.co.uk`` are the same site and ``a.github.io`` and ``b.github.io`` are not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

from articlelint.diagnostics import FieldPath, Severity
from articlelint.rules._fields import stories
from articlelint.rules.amp import GOOGLE_AMP_CACHE, amp_cache_url, amp_origin_url
from articlelint.rules.base import (
    Fact,
    LocatedFact,
    Problem,
    ProjectRule,
    Record,
    Rule,
    RuleOptions,
    setting,
)
from articlelint.rules.domains import (
    DomainIssues,
    ascii_host,
    domain_issues,
    host_within,
    registrable_domain,
    shorten,
    split_url,
    url_key,
)
from articlelint.rules.fixes import FixIntent, ReplaceValue
from articlelint.rules.site import SiteProfile
from articlelint.rules.urls import parse_url

__all__ = [
    "AmpCacheUrlMismatch",
    "AmpCacheUrlMismatchOptions",
    "AmpDomainMismatch",
    "DuplicateRecordUrl",
    "DuplicateRelatedStory",
    "IncompleteAmpPair",
    "OriginalUrlMismatch",
    "ProviderDomainMalformed",
    "ProviderDomainMismatch",
    "ProviderDomainMismatchOptions",
    "RelatedOrder",
    "SelfReferencingRelatedStory",
]


#: Longer URLs are not quoted in messages (the fix machinery still computes them).
_MAX_SHOWN_URL = 500


def _text(story: Mapping[str, Any], name: str) -> str | None:
    """The field's text, stripped, when it is non-empty text (other types: schema rules)."""
    value = story.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _host(url: str | None) -> str | None:
    """The ASCII host of a valid http(s) URL (invalid ones are invalid-url's business)."""
    if url is None:
        return None
    return _host_of(url)


@functools.lru_cache(maxsize=4096)
def _host_of(url: str) -> str | None:
    parts = parse_url(url)
    if isinstance(parts, str) or not parts.hostname:
        return None
    return ascii_host(parts.hostname)


def _link(story: Mapping[str, Any], site: SiteProfile | None = None) -> tuple[str, str] | None:
    """The story's main link: ``webUrl``, else ``originalUrl`` — (field name, URL). A link
    to the site's own page is not the story's: the next one is taken (or none)."""
    links = _links(story, site)
    return (links[0][0], links[0][1]) if links else None


def _links(story: Mapping[str, Any], site: SiteProfile | None) -> list[tuple[str, str, str]]:
    """``(field name, URL, ASCII host)`` of the story's valid ``webUrl`` and ``originalUrl``,
    in that order, without links to the site's own pages."""
    out = []
    for name in ("webUrl", "originalUrl"):
        url = _text(story, name)
        if url is None or (site is not None and site.owns(url)):
            continue
        host = _host(url)
        if host is not None:
            out.append((name, url, host))
    return out


def _video_platform(host: str, video_hosts: Sequence[str]) -> str | None:
    """The video platform ``host`` is on, if it is on one."""
    return next((video for video in video_hosts if host_within(host, video)), None)


def _is_video(story: Mapping[str, Any]) -> bool:
    return story.get("type") in ("video", None)


def _credits(
    host: str, provider_host: str, story: Mapping[str, Any], video_hosts: Sequence[str]
) -> bool:
    """Whether a link on ``host`` is the provider's: on its domain, or, for a video, on a
    video platform (where any publisher's videos live)."""
    if host_within(host, provider_host):
        return True
    return _is_video(story) and _video_platform(host, video_hosts) is not None


def _unless_own(host: str, site: SiteProfile | None, remedy: str) -> str:
    """``remedy``, with how to declare ``host`` as the site's own in case it is: without a
    site profile first (the remedy would then be wrong), else as an alternative."""
    if site is None:
        return (
            f"if `{shorten(host)}` is this site's own, declare the site's address as `url` "
            f"under `[tool.articlelint.site]`, else {remedy}"
        )
    return (
        f"{remedy}, or, if `{shorten(host)}` also serves this site's pages, add it to "
        "`domains` under `[tool.articlelint.site]`"
    )


def _site(host: str) -> str:
    return registrable_domain(host) or host


def _shown_site(host: str) -> str:
    return shorten(_site(host))


def _same_site(a: str, b: str) -> bool:
    if host_within(a, b) or host_within(b, a):
        return True  # the common case needs no public suffix list
    return _site(a) == _site(b)


def _related(data: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    related = data.get("related")
    if isinstance(related, list):
        for index, item in enumerate(related):
            if isinstance(item, Mapping):
                yield index, item


def _where(path: FieldPath) -> str:
    return "the record" if not path else f"`related[{path[1]}]`"


# --------------------------------------------------------------------------- AL501

#: Video platforms that host publishers' videos under their own domain.
DEFAULT_VIDEO_HOSTS = (
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "vimeo.com",
    "dailymotion.com",
    "dai.ly",
    "twitch.tv",
)


class ProviderDomainMismatchOptions(RuleOptions):
    """Options of ``provider-domain-mismatch``."""

    video_hosts: list[str] = setting(
        default_factory=lambda: list(DEFAULT_VIDEO_HOSTS),
        description="Hosts (and their subdomains) where any provider's videos may live.",
    )


class ProviderDomainMismatch(Rule):
    """## What it does
    Reports a story whose links (`webUrl` and `originalUrl`) are not on `provider.domain`
    or one of its subdomains. Videos (`type: video`, or stories without a `type`) may live
    on a video platform (`video-hosts`) whatever their provider.

    A link to the site's own pages (on a host of the site profile, or site-relative) is
    not the publisher's: the story is checked through its other link, or not at all. When
    one link is on the provider's domain and the other is not, the links disagree, which
    `original-url-mismatch` reports. The message never suggests crediting a video
    platform or the site itself: on a real folder it told videos whose `webUrl` was the
    aggregator's own video page to credit the aggregator.

    ## Why is this bad?
    The provider's name and logo are shown next to the link: a mismatch credits the wrong
    publisher, and usually means the record was assembled from two different stories.

    ## Example
    ```yaml
    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    provider:
      name: CNET
      domain: cnet.com
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    provider:
      name: ZDNet
      domain: zdnet.com
    ```

    ## Options
    - `video-hosts` (default `["youtube.com", "youtu.be", "youtube-nocookie.com",
      "vimeo.com", "dailymotion.com", "dai.ly", "twitch.tv"]`): hosts, with their
      subdomains, accepted for videos of any provider.
    """

    code = "AL501"
    name = "provider-domain-mismatch"
    severity = Severity.WARNING
    Options = ProviderDomainMismatchOptions

    def check(self, record: Record, options: ProviderDomainMismatchOptions) -> Iterator[Problem]:
        video_hosts = [ascii_host(h) for h in options.video_hosts]
        for path, story in stories(record):
            provider = story.get("provider")
            if not isinstance(provider, Mapping):
                continue
            domain = _text(provider, "domain")
            links = _links(story, record.site)
            if domain is None or not links:
                continue
            cleaned = domain_issues(domain).cleaned
            if not cleaned:
                continue  # malformed domains are provider-domain-malformed's
            provider_host = ascii_host(cleaned)
            if any(_credits(host, provider_host, story, video_hosts) for *_, host in links):
                continue  # links that disagree are original-url-mismatch's
            yield Problem(
                _provider_message(path, domain, links, video_hosts),
                field=(*path, "provider", "domain"),
            )


def _provider_message(
    path: FieldPath, domain: str, links: list[tuple[str, str, str]], video_hosts: Sequence[str]
) -> str:
    name, _url, host = links[0]
    where = f"{_where(path)} links to `{shorten(host)}` (`{name}`)"
    provider = f"the provider's domain `{shorten(domain)}`"
    platform = _video_platform(host, video_hosts)
    if platform is not None:  # never credit the platform: it publishes nobody's stories
        return (
            f"{where}, a video platform, not {provider}; if the story is a video, set "
            "`type: video`, or else link the story on the provider's own site"
        )
    if len(links) > 1 and not _same_site(host, links[1][2]):
        other = links[1]
        return (
            f"{where} and `{shorten(other[2])}` (`{other[0]}`), neither of them on {provider}; "
            "point both links at the story on the publisher's site, and set "
            "`provider.domain` to the publisher's domain"
        )
    return (
        f"{where}, which is not on {provider}; set `provider.domain` to "
        f"`{shorten(_site(host))}` and the provider's name to match, or fix the link"
    )


# --------------------------------------------------------------------------- AL502


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class ProviderDomainMalformed(Rule):
    """## What it does
    Reports a `provider.domain` that is not a bare domain. That is one with a `www.`
    prefix, a scheme (`https://`), a path, a port, user info, upper case, surrounding
    blanks, a trailing dot, an IP address, a public suffix on its own (`co.uk`,
    `github.io`) or an unknown top-level domain, judged by the public suffix list. The
    message gives the cleaned domain when there is one.

    A subdomain is not reported (it was an error, with a fix dropping it): a publisher's
    own site under another's domain is a publisher of its own, as `dotnet.microsoft.com`
    (.NET) was for both findings of that kind on the validation records of two real sites,
    and links on it match it all the same.

    ## Why is this bad?
    The domain groups stories by publisher and is matched against the links' hosts:
    `www.crn.in`, `CRN.in` and `crn.in` would be three publishers, and a link to
    `crn.in/news` would not match the first.

    ## Example
    ```yaml
    provider:
      name: CRN India
      domain: https://www.crn.in/
    ```

    ## Use instead
    ```yaml
    provider:
      name: CRN India
      domain: crn.in
    ```

    ## Fix safety
    The fix writes the cleaned domain and is **safe**: only the spelling changes (a
    `www.` prefix, scheme, path, port, upper case, trailing dot, blanks); a subdomain is
    kept (`https://news.bbc.co.uk/` -> `news.bbc.co.uk`).
    """

    code = "AL502"
    name = "provider-domain-malformed"
    severity = Severity.ERROR
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, story in stories(record):
            provider = story.get("provider")
            if not isinstance(provider, Mapping):
                continue
            domain = provider.get("domain")
            if not isinstance(domain, str) or not domain.strip():
                continue  # missing or empty: the schema rules
            found = domain_issues(domain)
            # A subdomain names a publisher scope of its own (`dotnet.microsoft.com`).
            issues = [i for i in found.issues if not i.startswith("a subdomain part")]
            if not issues:
                continue
            remedy = (
                f"write `{shorten(found.spelled)}`"
                if found.spelled
                else "write the publisher's registrable domain, such as `zdnet.com`"
            )
            yield Problem(
                f"provider domain `{shorten(domain)}` has {_join(issues)}; {remedy}",
                field=(*path, "provider", "domain"),
                fix=_domain_fix((*path, "provider", "domain"), found),
            )


def _domain_fix(field: FieldPath, found: DomainIssues) -> FixIntent | None:
    """See *Fix safety* in :class:`ProviderDomainMalformed`: spelling only, so safe."""
    if not found.spelled:
        return None
    change = ReplaceValue(field, found.spelled)
    return FixIntent.safe(f"Write `{shorten(found.spelled)}`", change)


# --------------------------------------------------------------------------- AL503


class OriginalUrlMismatch(Rule):
    """## What it does
    Reports a story whose `originalUrl` and `webUrl` are on different registrable
    domains (`www.bbc.co.uk` and `news.bbc.co.uk` are the same one). It is reported at the
    link that disagrees with the provider when the other one is on `provider.domain` (or,
    for a video, on a video platform), else at `originalUrl`.

    A `webUrl` or `originalUrl` on the site's own pages (a host of the site profile, or
    site-relative) is not a mismatch: the site shows the story, whose source is the other
    link. Without a site profile, the message says how to declare the site.

    ## Why is this bad?
    `originalUrl` is where the story first appeared and `webUrl` where readers are sent;
    both are the same story, usually the very same URL. Two different sites mean one of
    them belongs to another record.

    ## Example
    ```yaml
    originalUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    ```

    ## Use instead
    ```yaml
    originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    ```
    """

    code = "AL503"
    name = "original-url-mismatch"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        site = record.site
        for path, story in stories(record):
            original_url, web_url = _text(story, "originalUrl"), _text(story, "webUrl")
            original, web = _host(original_url), _host(web_url)
            if original is None or web is None or _same_site(original, web):
                continue
            if site is not None and (site.owns_host(web) or site.owns_host(original)):
                continue  # the site's own page of the story, whose source is the other link
            yield _mismatch(path, story, original, web, site)


def _mismatch(
    path: FieldPath,
    story: Mapping[str, Any],
    original: str,
    web: str,
    site: SiteProfile | None,
) -> Problem:
    provider = story.get("provider")
    domain = _text(provider, "domain") if isinstance(provider, Mapping) else None
    cleaned = domain_issues(domain).cleaned if domain is not None else ""
    provider_host = ascii_host(cleaned) if cleaned else None

    def credits(host: str) -> bool:
        return provider_host is not None and _credits(
            host, provider_host, story, DEFAULT_VIDEO_HOSTS
        )

    web_site, original_site = f"`{_shown_site(web)}`", f"`{_shown_site(original)}`"
    if credits(original) and not credits(web):
        on_provider = provider_host is not None and host_within(original, provider_host)
        source = "the provider's domain" if on_provider else "a video platform"
        remedy = "point `webUrl` at the same story as `originalUrl` (usually the very same URL)"
        return Problem(
            f"`webUrl` is on {web_site} but `originalUrl` is on {original_site}, {source}; "
            + _unless_own(_site(web), site, remedy),
            field=(*path, "webUrl"),
        )
    if credits(web) and not credits(original):
        return Problem(
            f"`originalUrl` is on {original_site} but `webUrl` is on {web_site}, the "
            "provider's domain; point `originalUrl` at the same story as `webUrl` (usually "
            "the very same URL)",
            field=(*path, "originalUrl"),
        )
    return Problem(
        f"`originalUrl` is on {original_site} but `webUrl` is on {web_site}; "
        + _unless_own(_site(web), site, "point both at the same story"),
        field=(*path, "originalUrl"),
    )


# --------------------------------------------------------------------------- AL504


#: AMP caches, whose URLs belong in `cdnAmpWebUrl`, never in `ampWebUrl`.
_AMP_CACHES = (GOOGLE_AMP_CACHE, "bing-amp.com")
#: An article id in a URL: five digits or more (dates in paths have at most four).
_ARTICLE_ID = re.compile(r"(?<![0-9])[0-9]{5,}(?![0-9])")
_PAGE_SUFFIX = re.compile(r"\.(?:cms|s?html?|php|aspx?|jsp)$")
_AMP_AFFIX = re.compile(r"^amp[-_.]|[-_.]amp$")


@functools.lru_cache(maxsize=4096)
def _story_marks(url: str) -> frozenset[str]:
    """What identifies the story a URL names: its article ids, and its slugs (path
    segments of 12 characters or more with a `-` or `_`, without `amp` affixes or a page
    suffix). Two URLs that share one name the same story."""
    try:
        parts = split_url(url.strip())
    except ValueError:
        return frozenset()
    path = unquote(parts.path).lower()
    marks = {"#" + found for found in _ARTICLE_ID.findall(f"{path}?{parts.query}")}
    for segment in path.split("/"):
        segment = _AMP_AFFIX.sub("", _PAGE_SUFFIX.sub("", segment))
        if len(segment) >= 12 and ("-" in segment or "_" in segment):
            marks.add(segment)
    return frozenset(marks)


class AmpDomainMismatch(Rule):
    """## What it does
    Reports an `ampWebUrl` that is not the AMP page of the story. That is one on an AMP
    cache (that URL belongs in `cdnAmpWebUrl`), or one on another registrable domain than
    the story's `webUrl` (or `originalUrl` when there is no `webUrl`, or when it is the
    site's own page) that shares neither its article id (5 digits or more) nor its slug.

    Publishers serve AMP pages from sister domains too (`economictimes.indiatimes.com` ->
    `m.economictimes.com`, the same article id): on a real folder none of the 6 findings of
    the old premise (any other domain) was true, and all 3 in the shared corpus were such
    sister domains, so the same story on another domain is no longer reported.

    ## Why is this bad?
    Readers on AMP surfaces are sent to the AMP page: if it is another story's, they read
    the wrong story; if it is an AMP cache URL, the `cdnAmpWebUrl` derived from it points
    at nothing.

    ## Example
    ```yaml
    webUrl: "https://www.gamespot.com/articles/diablo-4-beta-dates-announced/"
    ampWebUrl: "https://www.ign.com/amp/articles/overwatch-2-season-3-patch-notes"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.gamespot.com/articles/diablo-4-beta-dates-announced/"
    ampWebUrl: "https://www.gamespot.com/amp-articles/diablo-4-beta-dates-announced/"
    ```
    """

    code = "AL504"
    name = "amp-domain-mismatch"
    severity = Severity.INFO

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, story in stories(record):
            amp_url = _text(story, "ampWebUrl")
            amp = _host(amp_url)
            link = _link(story, record.site)
            if amp is None or amp_url is None:
                continue
            cache = next((c for c in _AMP_CACHES if host_within(amp, c)), None)
            if cache is not None:
                origin = amp_origin_url(amp_url)
                page = f" (`{origin}`)" if origin and len(origin) <= _MAX_SHOWN_URL else ""
                yield Problem(
                    f"`ampWebUrl` is a URL of the AMP cache `{cache}`, not the publisher's AMP "
                    f"page; write the page it serves{page} there, and the cache URL in "
                    "`cdnAmpWebUrl`",
                    field=(*path, "ampWebUrl"),
                )
                continue
            web = _host(link[1]) if link else None
            if web is None or link is None or _same_site(amp, web):
                continue
            if _story_marks(amp_url) & _story_marks(link[1]):
                continue  # the same story on a sister domain (m.economictimes.com)
            yield Problem(
                f"`ampWebUrl` is on `{_shown_site(amp)}` and names another story than "
                f"`{link[0]}` on `{_shown_site(web)}` (no article id or slug in common); use "
                "the AMP page of the same story, or remove `ampWebUrl`",
                field=(*path, "ampWebUrl"),
            )


# --------------------------------------------------------------------------- AL505


class AmpCacheUrlMismatchOptions(RuleOptions):
    """Options of ``amp-cache-url-mismatch``."""

    caches: list[str] = setting(
        default_factory=lambda: [GOOGLE_AMP_CACHE, "bing-amp.com"],
        description="AMP cache domains; the first is assumed when the URL names none.",
    )


class AmpCacheUrlMismatch(Rule):
    """## What it does
    Reports a `cdnAmpWebUrl` that is not what the AMP cache URL algorithm gives for the
    story's `ampWebUrl`, and gives the right URL. The algorithm (Google AMP cache): the
    host is decoded from punycode, each `-` doubled and each `.` turned into `-`
    (`www.pc-gamer.com` -> `www-pc--gamer-com`), re-encoded to punycode; a result with
    `--` at positions 3-4 is wrapped as `0-…-0`; a host that cannot be written that way
    (too long, mixed-direction, invalid) gets a base32 SHA-256 label. The path is `/c/s/`
    (or `/c/` for `http:` pages) followed by the AMP URL without its scheme.

    ## Why is this bad?
    The cache URL is derived, never chosen: one that does not match points at another page
    or at nothing, and the cache answers with an error or a redirect.

    ## Example
    ```yaml
    ampWebUrl: "https://www.pc-gamer.com/amp/diablo-4-review/"
    cdnAmpWebUrl: "https://www-pc-gamer-com.cdn.ampproject.org/c/s/www.pc-gamer.com/amp/diablo-4-review/"
    ```

    ## Use instead
    ```yaml
    ampWebUrl: "https://www.pc-gamer.com/amp/diablo-4-review/"
    cdnAmpWebUrl: "https://www-pc--gamer-com.cdn.ampproject.org/c/s/www.pc-gamer.com/amp/diablo-4-review/"
    ```

    ## Options
    - `caches` (default `["cdn.ampproject.org", "bing-amp.com"]`): AMP cache domains; a
      `cdnAmpWebUrl` on one of them is compared with that cache's URL, any other with the
      first one's.

    ## Fix safety
    The fix writes the URL the AMP cache algorithm gives for `ampWebUrl`; it is **safe**:
    the field is derived data, and the computed value is the only correct one.
    """

    code = "AL505"
    name = "amp-cache-url-mismatch"
    severity = Severity.ERROR
    Options = AmpCacheUrlMismatchOptions
    fixable = True

    def check(self, record: Record, options: AmpCacheUrlMismatchOptions) -> Iterator[Problem]:
        for path, story in stories(record):
            amp = _text(story, "ampWebUrl")
            cdn = _text(story, "cdnAmpWebUrl")
            if amp is None or cdn is None or _host(amp) is None:
                continue
            cdn_host = _host(cdn) or ""
            cache = next(
                (c for c in options.caches if host_within(cdn_host, ascii_host(c))),
                options.caches[0] if options.caches else GOOGLE_AMP_CACHE,
            )
            expected = amp_cache_url(amp, cache)
            if cdn != expected:
                fix = FixIntent.safe(
                    "Write the AMP cache URL computed from `ampWebUrl`",
                    ReplaceValue((*path, "cdnAmpWebUrl"), expected),
                )
                yield Problem(
                    "`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`; "
                    + (
                        f"it should be `{expected}`"
                        if len(expected) <= _MAX_SHOWN_URL
                        else "compute it from `ampWebUrl` with the AMP cache URL algorithm"
                    ),
                    field=(*path, "cdnAmpWebUrl"),
                    fix=fix,
                )


# --------------------------------------------------------------------------- AL506


class IncompleteAmpPair(Rule):
    """## What it does
    Reports a story that has only one of `ampWebUrl` and `cdnAmpWebUrl` (an empty value
    counts as missing), and says what the other one should be.

    ## Why is this bad?
    Readers on AMP surfaces are sent to `cdnAmpWebUrl`, which is derived from
    `ampWebUrl`; with only one of them, the AMP link is either unusable or unverifiable.

    ## Example
    ```yaml
    ampWebUrl: "https://comicbook.com/gaming/amp/news/diablo-4-pvp/"
    ```

    ## Use instead
    ```yaml
    ampWebUrl: "https://comicbook.com/gaming/amp/news/diablo-4-pvp/"
    cdnAmpWebUrl: "https://comicbook-com.cdn.ampproject.org/c/s/comicbook.com/gaming/amp/news/diablo-4-pvp/"
    ```
    """

    code = "AL506"
    name = "incomplete-amp-pair"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        for path, story in stories(record):
            amp = _text(story, "ampWebUrl")
            cdn = _text(story, "cdnAmpWebUrl")
            if amp is not None and cdn is None:
                hint = (
                    f'add `cdnAmpWebUrl: "{amp_cache_url(amp)}"`'
                    if _host(amp) is not None and len(amp) <= _MAX_SHOWN_URL
                    else "add its AMP cache URL as `cdnAmpWebUrl`"
                )
                yield Problem(
                    f"{_where(path)} has `ampWebUrl` but no `cdnAmpWebUrl`; {hint}, "
                    "or remove `ampWebUrl`",
                    field=(*path, "ampWebUrl"),
                )
            elif cdn is not None and amp is None:
                origin = amp_origin_url(cdn)
                hint = (
                    f'add the page it serves as `ampWebUrl: "{origin}"`'
                    if origin is not None and len(origin) <= _MAX_SHOWN_URL
                    else "add the AMP page's URL as `ampWebUrl`"
                )
                yield Problem(
                    f"{_where(path)} has `cdnAmpWebUrl` but no `ampWebUrl`; {hint}, "
                    "or remove `cdnAmpWebUrl`",
                    field=(*path, "cdnAmpWebUrl"),
                )


# --------------------------------------------------------------------------- AL507


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


class DuplicateRelatedStory(Rule):
    """## What it does
    Reports a related story listed twice, with the same link or the same title. Links are
    compared without regard to scheme, host case, a default port, a fragment or a trailing
    slash; titles ignoring case and runs of blanks. It is reported at the later item,
    naming the earlier one.

    ## Why is this bad?
    The reader sees the same story twice in the list, and one of the few related slots
    is wasted.

    ## Example
    ```yaml
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail"
    ```

    ## Use instead
    ```yaml
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    ```
    """

    code = "AL507"
    name = "duplicate-related-story"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        urls: dict[str, int] = {}
        titles: dict[str, int] = {}
        for index, item in _related(record.data):
            url = _text(item, "webUrl")
            title = _text(item, "title")
            url_seen = urls.get(url_key(url)) if url is not None else None
            title_seen = titles.get(_title_key(title)) if title is not None else None
            if url_seen is not None:
                yield Problem(
                    f"`related[{index}]` links to the same story as `related[{url_seen}]`; "
                    "remove one of them",
                    field=("related", index, "webUrl"),
                )
            elif title_seen is not None:
                yield Problem(
                    f"`related[{index}]` has the same title as `related[{title_seen}]`; "
                    "remove the duplicate, or keep both only if they are different stories",
                    field=("related", index, "title"),
                )
            if url is not None:
                urls.setdefault(url_key(url), index)
            if title is not None:
                titles.setdefault(_title_key(title), index)


# --------------------------------------------------------------------------- AL508


class SelfReferencingRelatedStory(Rule):
    """## What it does
    Reports a related story whose `webUrl` is the record's own `webUrl` or `originalUrl`.
    Links are compared without regard to scheme, host case, a default port, a fragment or
    a trailing slash.

    ## Why is this bad?
    A story is not related to itself: the reader is offered the page they are reading.

    ## Example
    ```yaml
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    related:
      - title: "Microsoft restricts facial recognition tech"
        webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition/"
    ```

    ## Use instead
    ```yaml
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    ```
    """

    code = "AL508"
    name = "self-referencing-related-story"
    severity = Severity.WARNING

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        own: dict[str, str] = {}
        for name in ("originalUrl", "webUrl"):
            url = _text(record.data, name)
            if url is not None:
                own[url_key(url)] = name
        if not own:
            return
        for index, item in _related(record.data):
            url = _text(item, "webUrl")
            if url is not None and url_key(url) in own:
                yield Problem(
                    f"`related[{index}]` is this record itself (its `webUrl` is the record's "
                    f"`{own[url_key(url)]}`); remove it from `related`",
                    field=("related", index, "webUrl"),
                )


# --------------------------------------------------------------------------- AL509


class DuplicateRecordUrl(ProjectRule):
    """## What it does
    Reports the same `webUrl` in two or more records of one run (two files, or two records
    of one JSON Lines, JSON or Parquet file), once in each record, naming the other files
    and lines. Links are compared without regard to scheme, host case, a
    default port, a fragment or a trailing slash.

    ## Why is this bad?
    Each story should have one record. Duplicates are shown twice, drift apart when only
    one is edited, and usually come from a scraper that ran twice under different file
    names.

    ## Example
    ```yaml
    # _news/2022-06-22-microsoft-facial-recognition.md
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
    ```
    ```yaml
    # _news/2022-06-23-microsoft-restricts-face-tech.md
    webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition/"
    ```

    ## Use instead
    Keep one of the two records (merge their related stories if needed) and delete the
    other.
    """

    code = "AL509"
    name = "duplicate-record-url"
    severity = Severity.ERROR

    def collect(self, record: Record, options: Any) -> Iterator[Fact]:
        url = _text(record.data, "webUrl")
        if url is not None:
            yield Fact(url_key(url), ("webUrl",), url)

    def group_key(self, fact: LocatedFact) -> Hashable:
        return fact.fact.key  # records with different links never meet

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterator[tuple[LocatedFact, Problem]]:
        groups: dict[Any, list[LocatedFact]] = {}
        for fact in facts:
            groups.setdefault(fact.fact.key, []).append(fact)
        for group in groups.values():
            # One fact per record; a file of many records (JSON Lines, Parquet) gives each
            # its own place, so two records of one file are two records too.
            if len({(f.path, f.span) for f in group}) < 2:
                continue
            group = sorted(group, key=lambda f: (f.path, f.span.line if f.span else 0))
            for fact in group:
                others = [o for o in group if (o.path, o.span) != (fact.path, fact.span)]
                named = ", ".join(
                    f"`{o.path}`" + (f" (line {o.span.line})" if o.span and o.span.line else "")
                    for o in others[:3]
                )
                more = f" and {len(others) - 3} more" if len(others) > 3 else ""
                yield (
                    fact,
                    Problem(
                        f"the same `webUrl` is also in {named}{more}; keep one record per "
                        "story and delete or merge the others",
                        field=("webUrl",),
                    ),
                )


# --------------------------------------------------------------------------- AL510


class RelatedOrder(Rule):
    """## What it does
    Reports related stories not sorted by `quality`, highest first, at the first item
    that has a higher quality than one before it. Items without a numeric quality are
    skipped.

    ## Why is this bad?
    Readers see the first related stories first; publishing tools sort them by quality,
    so an unsorted list means it was edited by hand or merged from two sources, and the
    best stories may not be shown at all.

    ## Example
    ```yaml
    related:
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
        quality: 68
      - title: "Microsoft retires emotion recognition in Azure"
        webUrl: "https://www.theverge.com/2022/6/21/microsoft-emotion-recognition"
        quality: 91
    ```

    ## Use instead
    ```yaml
    related:
      - title: "Microsoft retires emotion recognition in Azure"
        webUrl: "https://www.theverge.com/2022/6/21/microsoft-emotion-recognition"
        quality: 91
      - title: "Microsoft to curtail some of its facial recognition capabilities"
        webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
        quality: 68
    ```
    """

    code = "AL510"
    name = "related-order"
    severity = Severity.INFO

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        lowest: tuple[int, float] | None = None  # (index, quality) of the lowest so far
        for index, item in _related(record.data):
            quality = item.get("quality")
            if isinstance(quality, bool) or not isinstance(quality, int | float):
                continue
            if lowest is not None and quality > lowest[1]:
                yield Problem(
                    f"`related[{index}]` has quality {quality}, higher than "
                    f"`related[{lowest[0]}]` ({lowest[1]}) before it; sort related stories "
                    "by quality, highest first",
                    field=("related", index, "quality"),
                )
                return
            lowest = (index, quality)
