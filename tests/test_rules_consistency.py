"""AL501-AL510: links, provider, AMP pair and related stories agree with each other."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from articlelint import lint_paths, lint_record, lint_text
from articlelint.cli import main
from articlelint.config import Config
from articlelint.rules.domains import clean_domain, registrable_domain, url_key
from tests.conftest import VALID, Lint, findings, replace_line

WEB = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
ORIGINAL = 'originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
DOMAIN = "  domain: siliconrepublic.com"
RELATED_DOMAIN = "      domain: zdnet.com"
TYPE = "type: article"
AMP = "https://www.siliconrepublic.com/amp/facial-recognition"
CDN = (
    "https://www-siliconrepublic-com.cdn.ampproject.org/c/s/"
    "www.siliconrepublic.com/amp/facial-recognition"
)
CODES = ("AL501", "AL502", "AL503", "AL504", "AL505", "AL506", "AL507", "AL508", "AL510")


def messages(text: str, code: str, config: Config | None = None) -> list[str]:
    return [d.message for d in lint_text(text, "record.md", config).diagnostics if d.code == code]


def after_web(*lines: str) -> str:
    """VALID with ``lines`` inserted after ``webUrl`` (so they start at line 8)."""
    return replace_line(VALID, WEB, "\n".join((WEB, *lines)))


def add_related(text: str, *items: str) -> str:
    """``text`` with related stories appended (the first new line is line 36 of VALID)."""
    end = "    quality: 68\n---\n"
    assert text.endswith(end)
    return text[: -len("---\n")] + "".join(items) + "---\n"


def item(title: str, url: str, quality: int | None = None, extra: str = "") -> str:
    lines = [f'  - title: "{title}"\n', f'    webUrl: "{url}"\n']
    if quality is not None:
        lines.append(f"    quality: {quality}\n")
    return "".join(lines) + extra


def test_valid_record_is_consistent(lint: Lint) -> None:
    assert lint(VALID, *CODES) == []


# --------------------------------------------------------------------------- AL501


def test_provider_domain_mismatch(lint: Lint) -> None:
    text = replace_line(VALID, DOMAIN, "  domain: cnet.com")
    assert lint(text, *CODES) == [("AL501", 15, 11, "provider.domain")]
    assert messages(text, "AL501") == [
        "the record links to `www.siliconrepublic.com` (`webUrl`), which is not on the "
        "provider's domain `cnet.com`; set `provider.domain` to `siliconrepublic.com` and "
        "the provider's name to match, or fix the link"
    ]


def test_related_provider_domain_mismatch(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_DOMAIN, "      domain: cnet.com")
    assert lint(text, *CODES) == [("AL501", 34, 15, "related[0].provider.domain")]


def test_original_url_is_used_without_web_url(lint: Lint) -> None:
    text = replace_line(VALID, WEB, "type: video")
    text = replace_line(text, TYPE, "")
    text = replace_line(text, DOMAIN, "  domain: cnet.com")
    assert lint(text, "AL501") == [("AL501", 15, 11, "provider.domain")]
    assert "(`originalUrl`)" in messages(text, "AL501")[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://youtube.com/watch?v=WJk-Y8LQlfE",
        "https://www.youtube.com/watch?v=WJk-Y8LQlfE",
        "https://youtu.be/WJk-Y8LQlfE",
        "https://vimeo.com/12345",
    ],
)
def test_videos_may_live_on_video_hosts(lint: Lint, url: str) -> None:
    text = replace_line(VALID, WEB, f'webUrl: "{url}"')
    text = replace_line(text, ORIGINAL, f'originalUrl: "{url}"')
    assert lint(replace_line(text, TYPE, "type: video"), "AL501") == []
    assert lint(text, "AL501") == [("AL501", 15, 11, "provider.domain")]  # an article
    config = Config(options={"provider-domain-mismatch": {"video-hosts": []}})
    video = replace_line(text, TYPE, "type: video")
    assert lint(video, "AL501", config=config) == [("AL501", 15, 11, "provider.domain")]


#: The site's own page of a video whose source is on YouTube (the real folder's case).
SITE = Config(site={"url": "https://everyday.cc/powerapps", "domains": ["everyday-cc.github.io"]})


def own_video_page(web: str = "https://everyday.cc/powerapps/videos/get-started/") -> str:
    text = replace_line(VALID, WEB, f'webUrl: "{web}"')
    text = replace_line(text, ORIGINAL, 'originalUrl: "https://youtube.com/watch?v=-H4ljf4FuTE"')
    text = replace_line(text, TYPE, "type: video")
    return replace_line(text, DOMAIN, "  domain: aprildunnam.com")


@pytest.mark.parametrize(
    "web",
    [
        "https://everyday.cc/powerapps/videos/get-started/",
        "https://everyday-cc.github.io/powerapps/videos/get-started/",
        "/videos/get-started/",
    ],
)
def test_the_sites_own_page_is_checked_through_original_url(lint: Lint, web: str) -> None:
    assert lint(own_video_page(web), *CODES, "AL201", config=SITE) == []


def test_the_sites_own_page_without_a_site_profile(lint: Lint) -> None:
    # Never "set provider.domain to everyday.cc": the video's own link backs its provider.
    text = own_video_page()
    assert lint(text, *CODES) == [("AL503", 7, 9, "webUrl")]
    assert messages(text, "AL503") == [
        "`webUrl` is on `everyday.cc` but `originalUrl` is on `youtube.com`, a video "
        "platform; if `everyday.cc` is this site's own, declare the site's address as `url` "
        "under `[tool.articlelint.site]`, else point `webUrl` at the same story as "
        "`originalUrl` (usually the very same URL)"
    ]


def test_a_story_on_the_sites_own_pages_only_is_not_checked(lint: Lint) -> None:
    text = replace_line(
        own_video_page(), 'originalUrl: "https://youtube.com/watch?v=-H4ljf4FuTE"', ""
    )
    assert lint(text, "AL501", "AL503", config=SITE) == []


def test_a_video_platform_is_never_credited(lint: Lint) -> None:
    text = replace_line(own_video_page(), "type: video", TYPE)  # an "article" on YouTube
    assert lint(text, "AL501", "AL503", config=SITE) == [("AL501", 15, 11, "provider.domain")]
    assert messages(text, "AL501", SITE) == [
        "the record links to `youtube.com` (`originalUrl`), a video platform, not the "
        "provider's domain `aprildunnam.com`; if the story is a video, set `type: video`, or "
        "else link the story on the provider's own site"
    ]


def test_related_video_without_type_or_url(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Rogue class", "https://youtube.com/watch?v=_s9AbCOLGEc", 60)
        + "    provider:\n      name: Microsoft\n      domain: microsoft.com\n",
        item("Rogue class video", "", 50)
        + "    provider:\n      name: Fextralife\n      domain: youtube.com\n",
    )
    assert lint(text, *CODES) == []


def test_malformed_domain_is_compared_cleaned(lint: Lint) -> None:
    text = replace_line(VALID, DOMAIN, "  domain: WWW.SiliconRepublic.com")
    assert lint(text, "AL501", "AL502") == [("AL502", 15, 11, "provider.domain")]


# --------------------------------------------------------------------------- AL502


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("www.siliconrepublic.com", "has a `www.` prefix; write `siliconrepublic.com`"),
        (
            '"https://www.SiliconRepublic.com/"',
            "has a scheme (`https://`), a path (`/`), upper case and a `www.` prefix; "
            "write `siliconrepublic.com`",
        ),
        ("siliconrepublic.com:443", "has a port (`:443`); write `siliconrepublic.com`"),
        ('"siliconrepublic.com."', "has a trailing dot; write `siliconrepublic.com`"),
        ('" siliconrepublic.com"', "has surrounding whitespace; write `siliconrepublic.com`"),
        # A subdomain is kept: only the spelling is cleaned.
        (
            "https://news.bbc.co.uk/",
            "has a scheme (`https://`) and a path (`/`); write `news.bbc.co.uk`",
        ),
        ("WWW.News.BBC.co.uk", "has upper case and a `www.` prefix; write `news.bbc.co.uk`"),
        (
            "co.uk",
            "has only a public suffix, which nobody can register; write the publisher's "
            "registrable domain, such as `zdnet.com`",
        ),
        ("siliconrepublic", "has no top-level domain;"),
        ("siliconrepublic.notatld", "has an unknown top-level domain (`.notatld`);"),
        ("192.0.2.7", "has an IP address instead of a domain;"),
    ],
)
def test_provider_domain_malformed(lint: Lint, domain: str, message: str) -> None:
    text = replace_line(VALID, DOMAIN, f"  domain: {domain}")
    assert lint(text, "AL502") == [("AL502", 15, 11, "provider.domain")]
    [actual] = messages(text, "AL502")
    bare = domain[1:-1] if domain.startswith('"') else domain
    assert actual.startswith(f"provider domain `{bare}` ")
    assert message in actual


@pytest.mark.parametrize(
    "domain",
    [
        "siliconrepublic.com",
        "bbc.co.uk",
        "it-online.co.za",
        "me.blogspot.com",
        "bücher.ch",
        # A publisher of its own under another's domain (.NET on two real sites' records).
        "dotnet.microsoft.com",
        "news.bbc.co.uk",
    ],
)
def test_registrable_domains_pass(lint: Lint, domain: str) -> None:
    assert lint(replace_line(VALID, DOMAIN, f"  domain: {domain}"), "AL502") == []


def test_related_provider_domain_malformed(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_DOMAIN, "      domain: www.zdnet.com")
    assert lint(text, *CODES) == [("AL502", 34, 15, "related[0].provider.domain")]


@pytest.mark.parametrize(
    ("domain", "cleaned"),
    [
        ("https://WWW.CRN.in/news", "crn.in"),
        ("www.crn.in", "crn.in"),
        ("user@crn.in:8080", "crn.in"),
        ("x.bücher.ch", "bücher.ch"),
        ("co.uk", ""),
        ("", ""),
    ],
)
def test_clean_domain(domain: str, cleaned: str) -> None:
    assert clean_domain(domain) == cleaned


def test_registrable_domain_and_url_key() -> None:
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("a.github.io") == "a.github.io"
    assert registrable_domain("127.0.0.1") is None
    assert registrable_domain("co.uk") is None
    assert registrable_domain("x.y.xn--55qx5d.cn") == "y.xn--55qx5d.cn"  # 公司.cn is a suffix
    assert registrable_domain("shop.bücher.ch") == "xn--bcher-kva.ch"


def test_public_suffix_list_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from articlelint.rules import domains

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the public suffix list must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    domains._psl.cache_clear()
    domains.registrable_domain.cache_clear()
    assert registrable_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert url_key("HTTPS://WWW.Example.com:443/a/?x=1#f") == url_key(
        "http://www.example.com/a?x=1"
    )
    assert url_key("https://a.com/a") != url_key("https://a.com/A")


# --------------------------------------------------------------------------- AL503


def test_original_url_mismatch(lint: Lint) -> None:
    text = replace_line(VALID, ORIGINAL, 'originalUrl: "https://www.zdnet.com/article/x/"')
    assert lint(text, *CODES) == [("AL503", 6, 14, "originalUrl")]
    assert messages(text, "AL503") == [
        "`originalUrl` is on `zdnet.com` but `webUrl` is on `siliconrepublic.com`, the "
        "provider's domain; point `originalUrl` at the same story as `webUrl` (usually the "
        "very same URL)"
    ]


def test_original_url_mismatch_at_the_link_the_provider_does_not_back(lint: Lint) -> None:
    # A story page that links elsewhere: `webUrl` is the odd one out, not the provider.
    text = replace_line(VALID, WEB, 'webUrl: "https://www.aclu.org/blog/face-recognition"')
    assert lint(text, *CODES) == [("AL503", 7, 9, "webUrl")]
    assert messages(text, "AL503") == [
        "`webUrl` is on `aclu.org` but `originalUrl` is on `siliconrepublic.com`, the "
        "provider's domain; if `aclu.org` is this site's own, declare the site's address as "
        "`url` under `[tool.articlelint.site]`, else point `webUrl` at the same story as "
        "`originalUrl` (usually the very same URL)"
    ]
    site = Config(site={"url": "https://everyday.cc/powerapps"})
    assert messages(text, "AL503", site) == [
        "`webUrl` is on `aclu.org` but `originalUrl` is on `siliconrepublic.com`, the "
        "provider's domain; point `webUrl` at the same story as `originalUrl` (usually the "
        "very same URL), or, if `aclu.org` also serves this site's pages, add it to "
        "`domains` under `[tool.articlelint.site]`"
    ]


def test_original_url_mismatch_backed_by_neither(lint: Lint) -> None:
    text = replace_line(VALID, ORIGINAL, 'originalUrl: "https://www.zdnet.com/article/x/"')
    text = replace_line(text, DOMAIN, "  domain: cnet.com")
    assert lint(text, *CODES) == [
        ("AL503", 6, 14, "originalUrl"),
        ("AL501", 15, 11, "provider.domain"),
    ]
    assert messages(text, "AL503") == [
        "`originalUrl` is on `zdnet.com` but `webUrl` is on `siliconrepublic.com`; if "
        "`siliconrepublic.com` is this site's own, declare the site's address as `url` under "
        "`[tool.articlelint.site]`, else point both at the same story"
    ]
    assert messages(text, "AL501") == [
        "the record links to `www.siliconrepublic.com` (`webUrl`) and `www.zdnet.com` "
        "(`originalUrl`), neither of them on the provider's domain `cnet.com`; point both "
        "links at the story on the publisher's site, and set `provider.domain` to the "
        "publisher's domain"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://siliconrepublic.com/enterprise/facial-recognition",
        "https://news.siliconrepublic.com/facial-recognition",
        "https://WWW.SILICONREPUBLIC.COM/x",
        "",
    ],
)
def test_original_url_on_same_site_passes(lint: Lint, url: str) -> None:
    assert lint(replace_line(VALID, ORIGINAL, f'originalUrl: "{url}"'), "AL503") == []


def test_registrable_domain_decides_not_the_last_two_labels(lint: Lint) -> None:
    text = replace_line(VALID, ORIGINAL, 'originalUrl: "https://alice.github.io/post"')
    text = replace_line(text, WEB, 'webUrl: "https://bob.github.io/post"')
    assert lint(text, "AL503") == [("AL503", 6, 14, "originalUrl")]
    text = replace_line(VALID, ORIGINAL, 'originalUrl: "https://www.bbc.co.uk/news/1"')
    text = replace_line(text, WEB, 'webUrl: "https://news.bbc.co.uk/1"')
    assert lint(text, "AL503") == []


# --------------------------------------------------------------------------- AL504


def test_amp_domain_mismatch(lint: Lint) -> None:
    text = after_web('ampWebUrl: "https://amp.zdnet.com/x"')
    assert lint(text, "AL504") == [("AL504", 8, 12, "ampWebUrl")]
    assert messages(text, "AL504") == [
        "`ampWebUrl` is on `zdnet.com` and names another story than `webUrl` on "
        "`siliconrepublic.com` (no article id or slug in common); use the AMP page of the "
        "same story, or remove `ampWebUrl`"
    ]


@pytest.mark.parametrize(
    "amp",
    [
        # The real folder's and the shared corpus's case: a sister domain, same id and slug.
        "https://m.economictimes.com/news/us/diablo-4-ultimate-edition-announced/"
        "amp_articleshow/96116778.cms",
        "https://m.economictimes.com/amp_articleshow/96116778.cms",  # the same article id
        "https://amp.siliconrepublic.ie/facial-recognition-microsoft/amp",  # the same slug
    ],
)
def test_the_same_story_on_a_sister_domain_passes(lint: Lint, amp: str) -> None:
    web = (
        "https://economictimes.indiatimes.com/news/us/diablo-4-ultimate-edition-announced/"
        "articleshow/96116778.cms"
    )
    if "siliconrepublic" in amp:
        web = "https://www.siliconrepublic.com/enterprise/facial-recognition-microsoft"
    text = replace_line(VALID, WEB, f'webUrl: "{web}"\nampWebUrl: "{amp}"')
    assert lint(text, "AL504") == []


def test_an_amp_cache_url_in_amp_web_url(lint: Lint) -> None:
    text = after_web(f'ampWebUrl: "{CDN}"')
    assert lint(text, "AL504") == [("AL504", 8, 12, "ampWebUrl")]
    assert messages(text, "AL504") == [
        "`ampWebUrl` is a URL of the AMP cache `cdn.ampproject.org`, not the publisher's AMP "
        f"page; write the page it serves (`{AMP}`) there, and the cache URL in `cdnAmpWebUrl`"
    ]


def test_amp_is_compared_with_original_url_when_web_url_is_the_sites_own(lint: Lint) -> None:
    text = replace_line(VALID, WEB, 'webUrl: "https://everyday.cc/powerapps/news/x/"')
    text = replace_line(
        text, ORIGINAL, f'originalUrl: "{AMP.replace("/amp", "")}"\nampWebUrl: "{AMP}"'
    )
    site = Config(site={"url": "https://everyday.cc/powerapps"})
    assert lint(text, "AL504", config=site) == []
    assert lint(text, "AL504") == [("AL504", 7, 12, "ampWebUrl")]  # without: the site's page


def test_amp_on_same_site_passes(lint: Lint) -> None:
    assert lint(after_web(f'ampWebUrl: "{AMP}"', f'cdnAmpWebUrl: "{CDN}"'), *CODES) == []
    text = after_web('ampWebUrl: "https://amp.siliconrepublic.com/x"')
    assert lint(text, "AL504") == []


# --------------------------------------------------------------------------- AL505


def test_amp_cache_url_mismatch(lint: Lint) -> None:
    wrong = CDN.replace("www-siliconrepublic-com", "siliconrepublic-com")
    text = after_web(f'ampWebUrl: "{AMP}"', f'cdnAmpWebUrl: "{wrong}"')
    assert lint(text, *CODES) == [("AL505", 9, 15, "cdnAmpWebUrl")]
    assert messages(text, "AL505") == [
        f"`cdnAmpWebUrl` is not the AMP cache URL of `ampWebUrl`; it should be `{CDN}`"
    ]


@pytest.mark.parametrize(
    ("amp", "cdn"),
    [
        (
            "https://www.pc-gamer.com/amp/review/",
            "https://www-pc--gamer-com.cdn.ampproject.org/c/s/www.pc-gamer.com/amp/review/",
        ),
        (
            "http://www.siliconrepublic.com/amp/x",
            "https://www-siliconrepublic-com.cdn.ampproject.org/c/www.siliconrepublic.com/amp/x",
        ),
        (
            "https://en-us.siliconrepublic.com/amp/x",
            "https://0-en--us-siliconrepublic-com-0.cdn.ampproject.org/c/s/"
            "en-us.siliconrepublic.com/amp/x",
        ),
        (
            "https://www.siliconrepublic.com/amp/x",
            "https://www-siliconrepublic-com.bing-amp.com/c/s/www.siliconrepublic.com/amp/x",
        ),
    ],
)
def test_correct_cache_urls_pass(lint: Lint, amp: str, cdn: str) -> None:
    assert lint(after_web(f'ampWebUrl: "{amp}"', f'cdnAmpWebUrl: "{cdn}"'), "AL505") == []


def test_cache_url_with_a_hyphen_not_doubled_is_reported(lint: Lint) -> None:
    amp = "https://www.pc-gamer.com/amp/review/"
    cdn = "https://www-pc-gamer-com.cdn.ampproject.org/c/s/www.pc-gamer.com/amp/review/"
    assert lint(after_web(f'ampWebUrl: "{amp}"', f'cdnAmpWebUrl: "{cdn}"'), "AL505") == [
        ("AL505", 9, 15, "cdnAmpWebUrl")
    ]


def test_amp_cache_mismatch_in_related_story_crlf(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Other", "https://www.zdnet.com/article/other/", 60)
        + '    ampWebUrl: "https://www.zdnet.com/google-amp/article/other/"\n'
        + '    cdnAmpWebUrl: "https://www-zdnet-com.cdn.ampproject.org/c/s/www.zdnet.com/article/other/"\n',
    ).replace("\n", "\r\n")
    assert lint(text, *CODES) == [("AL505", 40, 19, "related[1].cdnAmpWebUrl")]


# --------------------------------------------------------------------------- AL506


def test_amp_without_cache_url(lint: Lint) -> None:
    text = after_web(f'ampWebUrl: "{AMP}"')
    assert lint(text, *CODES) == [("AL506", 8, 12, "ampWebUrl")]
    assert messages(text, "AL506") == [
        f'the record has `ampWebUrl` but no `cdnAmpWebUrl`; add `cdnAmpWebUrl: "{CDN}"`, '
        "or remove `ampWebUrl`"
    ]
    assert lint(after_web(f'ampWebUrl: "{AMP}"', 'cdnAmpWebUrl: ""'), "AL506") == [
        ("AL506", 8, 12, "ampWebUrl")
    ]


def test_cache_url_without_amp(lint: Lint) -> None:
    text = after_web(f'cdnAmpWebUrl: "{CDN}"')
    assert lint(text, *CODES) == [("AL506", 8, 15, "cdnAmpWebUrl")]
    assert messages(text, "AL506") == [
        "the record has `cdnAmpWebUrl` but no `ampWebUrl`; add the page it serves as "
        f'`ampWebUrl: "{AMP}"`, or remove `cdnAmpWebUrl`'
    ]


def test_related_incomplete_amp_pair(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Other", "https://www.zdnet.com/article/other/", 60)
        + '    ampWebUrl: "https://www.zdnet.com/google-amp/article/other/"\n',
    )
    assert lint(text, *CODES) == [("AL506", 39, 16, "related[1].ampWebUrl")]
    assert messages(text, "AL506")[0].startswith("`related[1]` has `ampWebUrl` but no")


def test_neither_amp_field_passes(lint: Lint) -> None:
    assert lint(after_web('ampWebUrl: ""', 'cdnAmpWebUrl: ""'), *CODES) == []


# --------------------------------------------------------------------------- AL507


def test_duplicate_related_url(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Another title", "https://www.zdnet.com/article/other/", 60),
        item("Again", "HTTPS://WWW.ZDNET.COM/article/microsoft-to-curtail", 50),
    )
    assert lint(text, *CODES) == [("AL507", 40, 13, "related[2].webUrl")]
    assert messages(text, "AL507") == [
        "`related[2]` links to the same story as `related[0]`; remove one of them"
    ]


def test_duplicate_related_title(lint: Lint) -> None:
    text = add_related(
        VALID,
        item(
            "Microsoft  to curtail some of its FACIAL recognition capabilities",
            "https://www.msn.com/en-gb/news/microsoft-to-curtail/ar-AA1",
            60,
        ),
    )
    assert lint(text, *CODES) == [("AL507", 36, 12, "related[1].title")]
    assert messages(text, "AL507") == [
        "`related[1]` has the same title as `related[0]`; remove the duplicate, or keep both "
        "only if they are different stories"
    ]


def test_same_url_and_title_is_one_finding_and_empty_urls_are_not_duplicates(
    lint: Lint,
) -> None:
    text = add_related(
        VALID,
        item("Video one", "", 60),
        item("Video two", "", 50),
        item(
            "Microsoft to curtail some of its facial recognition capabilities",
            "https://www.zdnet.com/article/microsoft-to-curtail/",
            40,
        ),
    )
    assert lint(text, *CODES) == [("AL507", 43, 13, "related[3].webUrl")]


# --------------------------------------------------------------------------- AL508


def test_self_referencing_related_story(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Me", "http://WWW.SiliconRepublic.com/enterprise/facial-recognition/", 60),
    )
    assert lint(text, *CODES) == [("AL508", 37, 13, "related[1].webUrl")]
    assert messages(text, "AL508") == [
        "`related[1]` is this record itself (its `webUrl` is the record's `webUrl`); "
        "remove it from `related`"
    ]


def test_related_story_pointing_at_original_url(lint: Lint) -> None:
    text = replace_line(VALID, ORIGINAL, 'originalUrl: "https://www.zdnet.com/article/orig/"')
    text = add_related(text, item("Orig", "https://www.zdnet.com/article/orig", 60))
    assert lint(text, "AL508") == [("AL508", 37, 13, "related[1].webUrl")]


def test_related_story_on_same_site_is_not_self(lint: Lint) -> None:
    text = add_related(
        VALID, item("Sibling", "https://www.siliconrepublic.com/enterprise/other", 60)
    )
    assert lint(text, "AL508") == []


# --------------------------------------------------------------------------- AL509


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_duplicate_record_url_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", VALID)
    second = _write(
        tmp_path,
        "b.md",
        after_web("# comment line").replace(
            'facial-recognition"\n# comment', 'facial-recognition/"\n# comment'
        ),
    )
    # the duplicate sits on line 8 of c.md, in a CRLF file
    third = _write(
        tmp_path, "c.md", after_web().replace(WEB, "# moved\n" + WEB).replace("\n", "\r\n")
    )
    _write(
        tmp_path,
        "d.md",
        replace_line(VALID, WEB, 'webUrl: "https://www.siliconrepublic.com/enterprise/other"'),
    )
    result = lint_paths([tmp_path])
    got = [
        (Path(d.path).name, *f)
        for d, f in zip(result.diagnostics, findings(result.diagnostics), strict=True)
        if d.code == "AL509"
    ]
    assert got == [
        ("a.md", "AL509", 7, 9, "webUrl"),
        ("b.md", "AL509", 7, 9, "webUrl"),
        ("c.md", "AL509", 8, 9, "webUrl"),
    ]
    by_file = {Path(d.path).name: d.message for d in result.diagnostics if d.code == "AL509"}
    assert by_file["a.md"] == (
        f"the same `webUrl` is also in `{second}` (line 7), `{third}` (line 8); keep one "
        "record per story and delete or merge the others"
    )
    assert by_file["c.md"].startswith(
        f"the same `webUrl` is also in `{first}` (line 7), `{second}`"
    )


def test_duplicate_record_url_via_cli(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", VALID)
    _write(tmp_path, "b.md", VALID)
    out = io.StringIO()
    assert main(["--select", "AL509", "--format", "concise", str(tmp_path)], stdout=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        f"{tmp_path / 'a.md'}:7:9: AL509 the same `webUrl` is also in `{tmp_path / 'b.md'}` "
        "(line 7); keep one record per story and delete or merge the others [webUrl]"
    )
    assert lines[1].startswith(f"{tmp_path / 'b.md'}:7:9: AL509 ")


def test_one_file_alone_or_twice_is_no_duplicate(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", VALID)
    assert [d for d in lint_paths([path, path]).diagnostics if d.code == "AL509"] == []
    assert [d for d in lint_text(VALID).diagnostics if d.code == "AL509"] == []


def test_duplicate_record_url_facts_are_small_and_picklable() -> None:
    import pickle

    from articlelint.rules import ProjectRule, Record, registry

    rule = registry().get("AL509")
    assert isinstance(rule, ProjectRule)
    record = Record({"webUrl": " HTTPS://WWW.Example.org/a/ "})
    facts = list(rule.collect(record, rule.Options()))
    assert pickle.loads(pickle.dumps(facts)) == facts
    assert [(f.key, f.field, f.value) for f in facts] == [
        ("//www.example.org/a", ("webUrl",), "HTTPS://WWW.Example.org/a/")
    ]


def test_lint_record_has_no_cross_file_findings() -> None:
    result = lint_record({"webUrl": "https://www.siliconrepublic.com/x", "title": "t"})
    assert [d for d in result.diagnostics if d.code == "AL509"] == []


# --------------------------------------------------------------------------- AL510


def test_related_order(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("Second", "https://www.zdnet.com/article/2/", 68),
        item("Third", "https://www.zdnet.com/article/3/", 90),
        item("Fourth", "https://www.zdnet.com/article/4/", 95),
    )
    assert lint(text, *CODES) == [("AL510", 41, 14, "related[2].quality")]
    assert messages(text, "AL510") == [
        "`related[2]` has quality 90, higher than `related[1]` (68) before it; sort related "
        "stories by quality, highest first"
    ]


def test_related_order_skips_items_without_quality(lint: Lint) -> None:
    text = add_related(
        VALID,
        item("No quality", "https://www.zdnet.com/article/2/"),
        item("Lower", "https://www.zdnet.com/article/3/", 12),
        item("Equal", "https://www.zdnet.com/article/4/", 12),
    )
    assert lint(text, "AL510") == []
    text = add_related(
        VALID,
        item("No quality", "https://www.zdnet.com/article/2/"),
        item("Higher", "https://www.zdnet.com/article/3/", 69),
    )
    assert lint(text, "AL510") == [("AL510", 40, 14, "related[2].quality")]


# --------------------------------------------------------------------------- documentation

DOCUMENTED = ("AL203", "AL204", "AL205", "AL206", *CODES, "AL509")


def _yaml_blocks(code: str) -> dict[str, list[object]]:
    """The YAML code blocks of a rule's docs, by section title."""
    import re

    import yaml

    from articlelint.rules import registry

    rule = registry().get(code)
    assert rule is not None
    blocks: dict[str, list[object]] = {}
    for section in rule.documentation().split("## ")[1:]:
        title = section.split("\n", 1)[0].strip()
        for block in re.findall(r"```yaml\n(.*?)```", section, flags=re.S):
            blocks.setdefault(title, []).append(yaml.safe_load(block))
    return blocks


@pytest.mark.parametrize("code", DOCUMENTED)
def test_documentation_examples_are_yaml(code: str) -> None:
    blocks = _yaml_blocks(code)
    assert blocks["Example"], code
    assert all(isinstance(block, dict) for found in blocks.values() for block in found)


@pytest.mark.parametrize("code", ["AL505", "AL506"])
def test_documented_amp_cache_urls_follow_the_algorithm(code: str) -> None:
    from articlelint.rules.amp import amp_cache_url

    [good] = _yaml_blocks(code)["Use instead"]
    assert isinstance(good, dict)
    assert good["cdnAmpWebUrl"] == amp_cache_url(good["ampWebUrl"])
    if code == "AL505":
        [bad] = _yaml_blocks(code)["Example"]
        assert isinstance(bad, dict)
        assert bad["cdnAmpWebUrl"] != amp_cache_url(bad["ampWebUrl"])
