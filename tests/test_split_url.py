"""``split_url`` splits plain URLs itself: it must give exactly what ``urlsplit`` gives,
``hostname`` and ``port`` (or the ``ValueError``) included, for any text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articlelint.rules.domains import split_url

from .conftest import CORPUS


def _urllib(text: str) -> object:
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return ("error", str(exc))
    try:
        port: object = parts.port
    except ValueError as exc:
        port = ("port error", str(exc))
    return (tuple(parts), parts.hostname, port)


def _ours(text: str) -> object:
    split_url.cache_clear()  # each call splits afresh, then from the cache
    results = []
    for _ in range(2):
        try:
            parts = split_url(text)
        except ValueError as exc:
            results.append(("error", str(exc)))
            continue
        try:
            port: object = parts.port
        except ValueError as exc:
            port = ("port error", str(exc))
        results.append((tuple(parts), parts.hostname, port))
    assert results[0] == results[1]
    return results[0]


@pytest.mark.parametrize(
    "text",
    [
        "https://www.example.com/a/b?c=d#e", "HTTP://Example.COM", "https://a.com:",
        "https://a.com:/x", "https://a.com:80", "https://a.com:00080/", "https://a.com:65535",
        "https://a.com:65536", "https://a.com:99999/", "https://a.com:123456", "https://a.com:8x/",
        "https:///path", "https://", "http://a.com?x#y?z", "http://a.com#x?y", "https://u:p@a.com/",
        "https://[::1]:8/", "https://[::1/", "https://a%20b.com/", "https://a.com\\x",
        " https://a.com", "https://a.com/ x", "https://a.com/\tx", "https://ä.com/",
        "https://a.com/ä", "htp://a.com", "https:/a.com", "https:a.com", "//a.com/x",
        "https://a.com/\x7f", "httpS://A.b.C:443?q",
    ],
)  # fmt: skip
def test_split_url_is_urlsplit(text: str) -> None:
    assert _ours(text) == _urllib(text)


_URLISH = st.text(alphabet="hHtTpPsS:/.?#@[]%a-z0-9AZ_~ \t\n\x7fä:", max_size=40)


@given(st.one_of(_URLISH, _URLISH.map(lambda rest: "https://" + rest)))
def test_split_url_is_urlsplit_on_any_text(text: str) -> None:
    assert _ours(text) == _urllib(text)


def test_split_url_is_urlsplit_on_the_corpus_urls() -> None:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus absent")
    import re

    urls = set()
    for path in CORPUS.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            urls.update(re.findall(r"https?://[^\s'\"]+", text))
    assert len(urls) > 1000
    for url in sorted(urls):
        assert _ours(url) == _urllib(url), url
