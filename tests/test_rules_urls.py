"""AL203 unsafe-url-characters, AL204 non-public-host, AL205 tracking-parameter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlelint import fix_text, lint_text
from articlelint.config import Config
from articlelint.rules.amp import amp_origin_url
from articlelint.rules.domains import domain_issues, url_key
from articlelint.rules.urls import (
    is_tracking_parameter,
    strip_tracking,
    tracking_parameters,
    unsafe_characters,
    url_characters,
)
from tests.conftest import VALID, Lint, crlf, replace_line

WEB = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
IMAGE = '  - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/face.jpeg"'
RELATED = '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"'


def web(url: str) -> str:
    return replace_line(VALID, WEB, f"webUrl: {url}")


def messages(text: str, code: str, config: Config | None = None) -> list[str]:
    return [d.message for d in lint_text(text, "record.md", config).diagnostics if d.code == code]


# --------------------------------------------------------------------------- AL203, AL206


def test_valid_record_has_no_url_findings(lint: Lint) -> None:
    assert lint(VALID, "AL203", "AL204", "AL205", "AL206") == []


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ('"https://www.siliconrepublic.com/enterprise/facial recognition"', "AL203"),
        ('" https://www.siliconrepublic.com/enterprise/facial-recognition"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial-recognition "', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial\\trecognition"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial-recognition-é"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial-recognition?a=1&#038;b=2"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial-recognition?a=1&amp;b=2"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/<facial-recognition>"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise\\\\facial-recognition"', "AL203"),
        ('"https://www.siliconrepublic.com/enterprise/facial\\x07recognition"', "AL206"),
        ('"https://www.siliconrepublic.com/enterprise/best-â€“-facial-recognition"', "AL206"),
        ('"https://www.siliconrepublic.com/enterprise/100%-facial-recognition"', "AL206"),
        ('"https://www.siliconrepublic.com/enterprise/facial-recognition%2"', "AL206"),
        ('"https://www.siliconrepublic.com/enterprise/facial&#038;recognition"', "AL206"),
        ('"https://www.siliconrepublic.com/enterprise/facial\\u200brecognition"', "AL206"),
        ('"\\u00a0https://www.siliconrepublic.com/enterprise/facial-recognition"', "AL206"),
    ],
)
def test_unsafe_and_broken_url_characters_found(lint: Lint, url: str, code: str) -> None:
    assert lint(web(url), "AL203", "AL206") == [(code, 7, 9, "webUrl")]


@pytest.mark.parametrize(
    "url",
    [
        '"https://www.siliconrepublic.com/enterprise/facial%20recognition"',
        '"https://www.siliconrepublic.com/enterprise/best-%E2%80%93-facial"',
        '"https://www.siliconrepublic.com/enterprise/facial?a=1&b=2&c=%25"',
        '"https://xn--bcher-kva.ch/enterprise/facial-recognition"',
    ],
)
def test_safe_urls_pass(lint: Lint, url: str) -> None:
    assert lint(web(url), "AL203", "AL206") == []


def test_severity_follows_impact() -> None:
    text = web('"https://www.siliconrepublic.com/best-â€“-facial?a=1&#038;b=2"')
    assert [(d.code, d.severity.value) for d in lint_text(text).diagnostics] == [
        ("AL203", "warning"),  # browsers still open it (a parameter is lost)
        ("AL206", "error"),  # another page: the link is broken
    ]


def test_unsafe_messages_give_position_and_remedy() -> None:
    text = web('"https://www.siliconrepublic.com/enterprise/facial recognition"')
    assert messages(text, "AL203") == [
        "URL has a space at character 50 (`…prise/facial recognition`); encode it as `%20`"
    ]
    text = web('"https://www.siliconrepublic.com/best-â€“-facial?a=1&#038;b=2 "')
    assert messages(text, "AL206") == [
        "URL has mis-decoded text `â€“` at character 38 (`…ic.com/best-â€“-facial?a=1&…`): "
        "UTF-8 read as Windows-1252, it was `\u2013`; write `%E2%80%93` instead"
    ]
    assert messages(text, "AL203") == [
        "URL has the HTML entity `&#038;` at character 52; write `&` instead (an HTML escape "
        "leaked into the URL, and browsers read its `#` as the start of the fragment, so the "
        "server never gets what follows) (1 more after it)"
    ]
    text = web('"https://www.siliconrepublic.com/a&#038;b"')
    assert messages(text, "AL206") == [
        "URL has the HTML entity `&#038;` at character 34; write `&` instead (an HTML escape "
        "leaked into the URL, and browsers read its `#` as the start of the fragment, so the "
        "link points at another page)"
    ]


def test_unsafe_characters_lists_every_finding_in_order() -> None:
    found = url_characters(" https://a.com/x y?a=1&#038;b=%zz\t")
    assert [
        (item.start, item.message.split(" at ")[0].split("; ")[0], item.safe, item.breaks)
        for item in found
    ] == [
        (0, "leading white space", True, False),
        (16, "a space", True, False),
        (22, "the HTML entity `&#038;`", False, False),
        (30, "a `%` not followed by two hex digits", False, True),
        (33, "trailing white space", True, False),
    ]
    assert [position for position, _ in unsafe_characters(" https://a.com/x y")] == [0, 16]


@pytest.mark.parametrize(
    ("url", "replacement", "safe"),
    [
        ("https://a.com/?a=1&#x26;b", "&", False),
        ("https://a.com/?q=&quot;x", "%22", False),
        ("https://a.com/?q=&lt;x&#62;", "%3C", False),
        ("https://a.com/a\\b", "/", True),  # browsers read `\` as `/` in the path
        ("https://a.com/a?q=\\", "%5C", False),  # ... and send it as it is in the query
        ("https://a.com/a`b", "%60", True),
        ("https://a.com/a?q=`", "%60", False),
        ('https://a.com/a?q="', "%22", True),
        ("https://a.com/a\tb", "", True),
        ("https://a.com/a\u200bb", "", False),
    ],
)
def test_replacements_and_their_safety(url: str, replacement: str, safe: bool) -> None:
    first = url_characters(url)[0]
    assert (first.replacement, first.safe) == (replacement, safe)


def test_non_ascii_host_suggests_its_idna_form() -> None:
    [item] = url_characters("https://bücher.ch/a")
    assert (item.start, item.end, item.replacement, item.safe) == (8, 17, "xn--bcher-kva.ch", True)
    assert item.message == (
        "the non-ASCII host name character `ü` at character 10 (`https://bücher.ch/a`); "
        "write it as `xn--bcher-kva.ch`, its IDNA (punycode) form, as browsers do"
    )
    [item] = url_characters("https://user@bücher.ch:8080/a")
    assert (item.replacement, item.start, item.end) == ("xn--bcher-kva.ch", 13, 22)


def test_site_relative_urls_have_no_host() -> None:
    # `//` later in a path is not an authority: `ü` is a path character here.
    [item] = url_characters("/a//bü")
    assert item.replacement == "%C3%BC"


def test_unsafe_in_related_story_and_image(lint: Lint) -> None:
    text = replace_line(
        VALID, RELATED, '    webUrl: "https://www.zdnet.com/article/microsoft to curtail/"'
    )
    text = replace_line(
        text,
        IMAGE,
        '  - url: "https://www.siliconrepublic.com/face.jpeg?fit=1280%2C720&#038;ssl=1"',
    )
    assert lint(text, "AL203", "AL206") == [
        ("AL203", 21, 10, "images[0].url"),
        ("AL203", 30, 13, "related[0].webUrl"),
    ]


def test_unsafe_in_crlf_file(lint: Lint) -> None:
    text = replace_line(
        VALID, IMAGE, '  - url: "https://www.siliconrepublic.com/face jpeg.jpeg"'
    ).replace("\n", "\r\n")
    assert lint(text, "AL203") == [("AL203", 21, 10, "images[0].url")]


def test_plain_scalar_and_single_quoted_urls(lint: Lint) -> None:
    text = web("https://www.siliconrepublic.com/a&amp;b")
    assert lint(text, "AL203", "AL206") == [("AL206", 7, 9, "webUrl")]
    text = web("'https://www.siliconrepublic.com/a b'")
    assert lint(text, "AL203", "AL206") == [("AL203", 7, 9, "webUrl")]


def test_safe_fix_writes_what_browsers_request() -> None:
    text = web('"  https://www.siliconrepublic.com/facial recognition-é\\t"')
    [found] = [d for d in lint_text(text).diagnostics if d.code == "AL203"]
    assert found.fix is not None
    assert found.fix.applicability == "safe"
    fixed, result = fix_text(text)
    assert fixed == web('"https://www.siliconrepublic.com/facial%20recognition-%C3%A9"')
    assert result.diagnostics == []
    # In a CRLF file, and a plain scalar stays plain.
    plain = web("https://www.siliconrepublic.com/a\\b")
    assert fix_text(crlf(plain))[0] == crlf(web("https://www.siliconrepublic.com/a/b"))


def test_unsafe_fixes_repair_entities_and_mojibake() -> None:
    text = web('"https://www.siliconrepublic.com/best-â€“-facial?a=1&#038;b=2"')
    assert fix_text(text)[0] == text  # both unsafe: only with --unsafe-fixes
    fixed, result = fix_text(text, unsafe=True)
    assert fixed == web('"https://www.siliconrepublic.com/best-%E2%80%93-facial?a=1&b=2"')
    assert result.diagnostics == []
    image = replace_line(
        VALID, IMAGE, '  - url: "https://i2.wp.com/a.com/art.jpg?fit=1280%2C720&#038;ssl=1"'
    )
    assert fix_text(image, unsafe=True)[0] == replace_line(
        VALID, IMAGE, '  - url: "https://i2.wp.com/a.com/art.jpg?fit=1280%2C720&ssl=1"'
    )


def test_a_url_with_too_many_problems_has_no_fix() -> None:
    text = web('"https://www.siliconrepublic.com/' + "a " * 120 + 'b"')
    [found] = [d for d in lint_text(text).diagnostics if d.code == "AL203"]
    assert found.fix is None
    assert found.message.endswith("(at least 99 more after it)")
    [found] = [d for d in lint_text(web('"https://a.com/a b c"')).diagnostics if d.code == "AL203"]
    assert found.message.endswith("(1 more after it)")
    assert found.fix is not None


# --------------------------------------------------------------------------- AL204


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://localhost/facial", "points at `localhost`"),
        ("https://preview.localhost/facial", "points at `preview.localhost`"),
        ("https://127.0.0.1/facial", "the IP address `127.0.0.1`"),
        ("https://[::1]/facial", "the IP address `::1`"),
        ("https://127.1/facial", "`127.1`, which reads as an IP address"),
        ("https://0x7f.0x1/facial", "`0x7f.0x1`, which reads as an IP address"),
        ("https://intranet/facial", "single-label host `intranet`"),
        ("https://news.test/facial", "points at `news.test`"),
        ("https://cms.local/facial", "points at `cms.local`"),
        ("https://site.example/facial", "points at `site.example`"),
        ("https://site.invalid/facial", "points at `site.invalid`"),
        ("https://api.internal/facial", "points at `api.internal`"),
        ("https://www.example.com/facial", "placeholder domain `www.example.com`"),
        ("https://example.org/facial", "placeholder domain `example.org`"),
        ("https://editor:s3cret@www.siliconrepublic.com/facial", "user info `editor:***@`"),
        ("https://www.siliconrepublic.com:8443/facial", "uses the port 8443"),
    ],
)
def test_non_public_hosts(lint: Lint, url: str, fragment: str) -> None:
    text = web(f'"{url}"')
    assert lint(text, "AL204") == [("AL204", 7, 9, "webUrl")]
    [message] = messages(text, "AL204")
    assert fragment in message
    assert "s3cret" not in message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.siliconrepublic.com:443/facial",
        "http://www.siliconrepublic.com:80/facial",
        "https://www.example-news.com/facial",
        "https://example.co.uk/facial",
        "https://testing.com/facial",
        "https://www.siliconrepublic.com./facial",
    ],
)
def test_public_hosts_pass(lint: Lint, url: str) -> None:
    assert lint(web(f'"{url}"'), "AL204") == []


def test_invalid_urls_are_left_to_invalid_url(lint: Lint) -> None:
    assert lint(web('"localhost/facial"'), "AL201", "AL204") == [("AL201", 7, 9, "webUrl")]


def test_allowed_ports_option(lint: Lint) -> None:
    text = web('"https://www.siliconrepublic.com:8443/facial"')
    config = Config(options={"non-public-host": {"allowed-ports": [8443]}})
    assert lint(text, "AL204", config=config) == []


def test_two_problems_of_one_url_are_two_findings(lint: Lint) -> None:
    text = web('"https://u@localhost:9000/facial"')
    assert lint(text, "AL204") == [("AL204", 7, 9, "webUrl")] * 3


# --------------------------------------------------------------------------- AL205


def test_tracking_parameters_found(lint: Lint) -> None:
    text = web(
        '"https://www.siliconrepublic.com/enterprise/facial?utm_source=rss&id=4&fbclid=IwAR0"'
    )
    assert lint(text, "AL205") == [("AL205", 7, 9, "webUrl")]
    assert messages(text, "AL205") == [
        "URL has the tracking parameters `utm_source`, `fbclid`; store the link without them: "
        "`https://www.siliconrepublic.com/enterprise/facial?id=4`"
    ]


def test_tracking_parameter_in_related_story(lint: Lint) -> None:
    text = replace_line(
        VALID, RELATED, '    webUrl: "https://www.zdnet.com/article/microsoft/?ncid=dcm_306416306"'
    )
    assert lint(text, "AL205") == [("AL205", 30, 13, "related[0].webUrl")]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.siliconrepublic.com/enterprise/facial?id=4&page=2",
        "https://www.siliconrepublic.com/utm_source/facial",
        "https://www.siliconrepublic.com/enterprise/facial#utm_source=x",
        "https://www.siliconrepublic.com/enterprise/facial?butm_source=x",
    ],
)
def test_non_tracking_queries_pass(lint: Lint, url: str) -> None:
    assert lint(web(f'"{url}"'), "AL205") == []


def test_tracking_options() -> None:
    text = web('"https://www.siliconrepublic.com/facial?ocid=msn&ref_src=twitter&ico=x"')
    assert messages(text, "AL205") == [
        "URL has the tracking parameter `ocid`; store the link without it: "
        "`https://www.siliconrepublic.com/facial?ref_src=twitter&ico=x`"
    ]
    config = Config(
        options={
            "tracking-parameter": {
                "extra-parameters": ["ref_*", "ico"],
                "allowed-parameters": ["OCID"],
            }
        }
    )
    assert messages(text, "AL205", config) == [
        "URL has the tracking parameters `ref_src`, `ico`; store the link without them: "
        "`https://www.siliconrepublic.com/facial?ocid=msn`"
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.com/p?utm_source=x&id=3&fbclid=9#frag", "https://a.com/p?id=3#frag"),
        ("https://a.com/p?ncid=1", "https://a.com/p"),
        ("https://a.com/p?ncid=1#x", "https://a.com/p#x"),
        ("https://a.com/p?a=%20b&UTM_Medium=1", "https://a.com/p?a=%20b"),
        ("https://a.com/p?utm%5Fsource=1&b", "https://a.com/p?b"),
        ("https://a.com/p#?utm_source=1", "https://a.com/p#?utm_source=1"),
        ("https://a.com/p", "https://a.com/p"),
    ],
)
def test_strip_tracking(url: str, expected: str) -> None:
    assert strip_tracking(url) == expected


def test_tracking_helpers() -> None:
    assert tracking_parameters("https://a.com/?gclid=1&x=2&_hsenc=3") == ["gclid", "_hsenc"]
    assert is_tracking_parameter("utm_campaign")
    assert not is_tracking_parameter("utm_campaign", allowed=["utm_campaign"])
    assert not is_tracking_parameter("id")


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [*"ab.-:/?#&=%@[] \t", "é", "\u0627", "xn--", "https://", "&#038;", "utm_a=1", "%2", "www."]
)
_URLISH = st.one_of(st.text(max_size=30), st.lists(_PIECES, max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(_URLISH)
def test_url_helpers_never_raise_and_stripping_is_idempotent(text: str) -> None:
    once = strip_tracking(text)
    assert strip_tracking(once) == once
    assert tracking_parameters(once) == []
    found = unsafe_characters(text)
    assert [p for p, _ in found] == sorted(p for p, _ in found)
    assert len(unsafe_characters(text, 2)) == min(len(found), 2)
    domain_issues(text)
    url_key(text)
    amp_origin_url(text)
