"""The AMP cache URL algorithm, checked against the published reference implementation.

Expected values are the test cases of ``amp-toolbox-cache-url`` (ampproject/amp-toolbox,
``packages/cache-url/spec/AmpUrlSpec.js``), not output of our own code.
"""

from __future__ import annotations

import pytest

from articlelint.rules.amp import amp_cache_url, amp_origin_url, curls_subdomain


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("something.com", "something-com"),
        ("SOMETHING.COM", "something-com"),
        ("hello-world.com", "hello--world-com"),
        ("hello--world.com", "hello----world-com"),
        # no dot: base32 SHA-256 fallback
        ("toplevelnohyphens", "qsgpfjzulvuaxb66z77vlhb5gu2irvcnyp6t67cz6tqo5ae6fysa"),
        ("no-dot-domain", "4lxc7wqq7b25walg4rdiil62veijrmqui5z3ept2lyfqqwpowryq"),
        # longer than 63 characters: fallback
        (
            "itwasadarkandstormynight.therainfellintorrents.exceptatoccasionalintervals"
            "whenitwascheckedby.aviolentgustofwindwhichsweptupthestreets.com",
            "dgz4cnrxufaulnwku4ow5biptyqnenjievjht56hd7wqinbdbteq",
        ),
        # punycode decoded, transformed, re-encoded ("bücher.ch" -> "bücher-ch")
        ("xn--bcher-kva.ch", "xn--bcher-ch-65a"),
        # wholly right-to-left: stays human-readable
        (
            "xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c",
            "xn-------i5fvcbaopc6fkc0de0d9jybegt6cd",
        ),
        # mixed left-to-right and right-to-left: fallback
        (
            "hello.xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c",
            "a6h5moukddengbsjm77rvbosevwuduec2blkjva4223o4bgafgla",
        ),
        # "--" at positions 3-4 of the result: wrapped as 0-...-0
        ("en-us.example.com", "0-en--us-example-com-0"),
    ],
)
def test_curls_subdomain_matches_reference(host: str, expected: str) -> None:
    assert curls_subdomain(host) == expected


def test_unicode_host_is_encoded_like_its_punycode_form() -> None:
    assert curls_subdomain("bücher.ch") == "xn--bcher-ch-65a"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.example.com",
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com",
        ),
        ("http://www.example.com", "https://www-example-com.cdn.ampproject.org/c/www.example.com"),
        (
            "https://www.example.com/index.html",
            "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/index.html",
        ),
        (
            "http://www.example.com/index.html",
            "https://www-example-com.cdn.ampproject.org/c/www.example.com/index.html",
        ),
        (
            "https://example.com/g?value=Hello%20World",
            "https://example-com.cdn.ampproject.org/c/s/example.com/g?value=Hello%20World",
        ),
        ("https://點看.com", "https://xn---com-k47jg78q.cdn.ampproject.org/c/s/點看.com"),
    ],
)
def test_amp_cache_url_matches_reference(url: str, expected: str) -> None:
    assert amp_cache_url(url) == expected


def test_amp_cache_url_keeps_fragment_drops_port_and_uses_other_caches() -> None:
    assert amp_cache_url("https://Pub.com:443/a/b?x=1#top", "bing-amp.com") == (
        "https://pub-com.bing-amp.com/c/s/pub.com/a/b?x=1#top"
    )


@pytest.mark.parametrize("url", ["ftp://example.com/a", "example.com/a", "https:///a"])
def test_amp_cache_url_rejects_non_http_urls(url: str) -> None:
    with pytest.raises(ValueError, match="not an absolute http"):
        amp_cache_url(url)


@pytest.mark.parametrize(
    ("cache", "origin"),
    [
        (
            "https://comicbook-com.cdn.ampproject.org/c/s/comicbook.com/gaming/amp/news/x/",
            "https://comicbook.com/gaming/amp/news/x/",
        ),
        (
            "https://www-example-com.cdn.ampproject.org/c/www.example.com/a",
            "http://www.example.com/a",
        ),
        ("https://www-example-com.cdn.ampproject.org/www.example.com/a", None),
        ("https://www-example-com.cdn.ampproject.org/c/s/", None),
    ],
)
def test_amp_origin_url(cache: str, origin: str | None) -> None:
    assert amp_origin_url(cache) == origin
