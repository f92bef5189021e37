"""AL601-AL606, the text rules: exact code, line, column and field (LF and CRLF), their
pure helpers, and few false alarms on real text in many languages."""

from __future__ import annotations

import pytest

from articlelint import fix_text, lint_record, lint_text
from articlelint.config import Config
from articlelint.rules.text import (
    find_mojibake,
    fix_mojibake,
    iter_texts,
    trim_text,
    unescape_html,
)
from tests.conftest import VALID, Lint, crlf, replace_line

TEXT = ["AL601", "AL602", "AL603", "AL604", "AL605", "AL606"]
TITLE = 'title: "Microsoft restricts facial recognition tech"'
EXCERPT = 'excerpt: "Microsoft is retiring some face analysis features."'
RELATED_TITLE = '  - title: "Microsoft to curtail some of its facial recognition capabilities"'
RELATED_EXCERPT = (
    '    excerpt: "Microsoft is limiting some of its own facial-recognition technologies."'
)


def message(text: str, code: str, config: Config | None = None) -> str:
    [diagnostic] = [d for d in lint_text(text, config=config).diagnostics if d.code == code]
    return diagnostic.message


def both(lint: Lint, text: str, *codes: str) -> list[tuple[str, int, int, str | None]]:
    """The findings, asserting that the CRLF version of the file has the same ones."""
    found = lint(text, *codes)
    assert lint(crlf(text), *codes) == found
    return found


def test_valid_record_has_no_text_findings(lint: Lint) -> None:
    assert both(lint, VALID, *TEXT) == []


def test_iter_texts_order() -> None:
    data = {
        "title": "T",
        "excerpt": 3,
        "provider": {"name": "P"},
        "topics": ["a", None, "b"],
        "related": [{"title": "R", "excerpt": "E", "provider": "x"}, "junk"],
    }
    assert list(iter_texts(data)) == [
        (("title",), "T"),
        (("provider", "name"), "P"),
        (("related", 0, "title"), "R"),
        (("related", 0, "excerpt"), "E"),
        (("topics", 0), "a"),
        (("topics", 2), "b"),
    ]


# --- AL601 untrimmed-text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "what"),
    [
        (TITLE, 'title: "Microsoft restricts facial recognition tech "', ("AL601", 3, 8, "title"), "trailing white space (space)"),
        (TITLE, 'title: "Microsoft restricts facial recognition tech\\u00a0"', ("AL601", 3, 8, "title"), "trailing white space (no-break space)"),
        (EXCERPT, 'excerpt: "\\tMicrosoft is retiring some face analysis features.\\r\\n"', ("AL601", 4, 10, "excerpt"), "leading and trailing white space (tab, carriage return, line break)"),
        (EXCERPT, "excerpt: \"Microsoft is retiring some face analysis features.\\u200b\"", ("AL601", 4, 10, "excerpt"), "trailing white space (zero width space)"),
        ("  name: SiliconRepublic", "  name: ' SiliconRepublic'", ("AL601", 14, 9, "provider.name"), "leading white space (space)"),
        ("  - Microsoft AI", "  - 'Microsoft AI  '", ("AL601", 18, 5, "topics[0]"), "trailing white space (space)"),
        (RELATED_TITLE, '  - title: " Microsoft to curtail some of its facial recognition capabilities"', ("AL601", 27, 12, "related[0].title"), "leading white space (space)"),
        (RELATED_EXCERPT, '    excerpt: "Microsoft is limiting some of its own facial-recognition technologies.\\n"', ("AL601", 28, 14, "related[0].excerpt"), "trailing white space (line break)"),
        ("      name: ZDNet", '      name: "ZDNet "', ("AL601", 33, 13, "related[0].provider.name"), "trailing white space (space)"),
    ],
)  # fmt: skip
def test_untrimmed_text(
    lint: Lint, old: str, new: str, expected: tuple[object, ...], what: str
) -> None:
    text = replace_line(VALID, old, new)
    assert both(lint, text, *TEXT) == [expected]
    assert message(text, "AL601") == f"`{expected[3]}` has {what}; remove it"


@pytest.mark.parametrize("style", [">", "|", ">-", "|-"])
def test_block_scalar_final_line_break_is_style(lint: Lint, style: str) -> None:
    # `>` and `|` keep one final line break ("clip"): YAML style, not a stray blank.
    text = replace_line(
        VALID, EXCERPT, f"excerpt: {style}\n  Microsoft is retiring some face analysis features."
    )
    assert both(lint, text, "AL601") == []


@pytest.mark.parametrize("style", [">+", "|+"])
def test_block_scalar_kept_blank_lines_are_reported(lint: Lint, style: str) -> None:
    # `+` keeps the blank lines after the text too: "features.\n\n".
    text = replace_line(
        VALID, EXCERPT, f"excerpt: {style}\n  Microsoft is retiring some face analysis features.\n"
    )
    assert both(lint, text, "AL601") == [("AL601", 4, 10, "excerpt")]
    assert message(text, "AL601") == "`excerpt` has trailing white space (line break); remove it"


def test_block_scalar_without_a_file_keeps_its_line_break() -> None:
    result = lint_record({"title": "T", "excerpt": "Microsoft is retiring.\n"})
    assert [d.field for d in result.diagnostics if d.code == "AL601"] == ["excerpt"]


def test_blank_text_is_left_to_al104(lint: Lint) -> None:
    text = replace_line(VALID, TITLE, 'title: "  "')
    assert both(lint, text, "AL104", "AL601") == [("AL104", 3, 8, "title")]


def test_inner_white_space_is_not_this_rule(lint: Lint) -> None:
    text = replace_line(VALID, TITLE, 'title: "Microsoft  restricts facial recognition tech"')
    assert both(lint, text, *TEXT) == []


def test_untrimmed_without_a_file() -> None:
    found = [(d.code, d.line, d.field) for d in lint_record({"title": "x "}).diagnostics]
    assert ("AL601", 0, "title") in found


def test_trimmed_white_space_is_exactly_pythons() -> None:
    import sys

    from articlelint.rules.text import _WHITE_SPACE

    computed = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert computed == _WHITE_SPACE


def test_trim_text() -> None:
    assert trim_text(" \t\u00a0Diablo 4\r\n\u200b\ufeff") == "Diablo 4"
    assert trim_text("Diablo\u00a04") == "Diablo\u00a04"
    assert trim_text("\u3000x\u2029") == "x"


# --- AL602 title-too-long ---------------------------------------------------------------


#: AL602 is off by default.
LONG = Config(extend_select=["title-too-long"])


def test_title_too_long(lint: Lint) -> None:
    long_title = "A" * 111
    text = replace_line(VALID, TITLE, f'title: "{long_title}"')
    assert both(lint, text, *TEXT) == []  # off by default
    assert lint(text, *TEXT, config=LONG) == [("AL602", 3, 8, "title")]
    assert lint(crlf(text), *TEXT, config=LONG) == [("AL602", 3, 8, "title")]
    assert message(text, "AL602", LONG) == (
        "`title` is 111 characters long; shorten it to 110 or fewer, or search engines and "
        "cards cut it off"
    )


@pytest.mark.parametrize("title", ["A" * 110, "A" * 110 + " ", "É" * 110, "日本" * 55, "x"])
def test_title_short_enough(lint: Lint, title: str) -> None:
    assert lint(replace_line(VALID, TITLE, f'title: "{title}"'), "AL602", config=LONG) == []


def test_title_max_length_option(lint: Lint) -> None:
    short = Config(extend_select=["AL602"], options={"title-too-long": {"max-length": 40}})
    assert lint(VALID, "AL602", config=short) == [("AL602", 3, 8, "title")]
    assert "shorten it to 40 or fewer" in message(VALID, "AL602", short)


def test_related_titles_are_not_length_checked(lint: Lint) -> None:
    text = replace_line(VALID, RELATED_TITLE, f'  - title: "{"B" * 150}"')
    assert lint(text, "AL602", config=LONG) == []


# --- AL603 excerpt-same-as-title --------------------------------------------------------


@pytest.mark.parametrize(
    "excerpt",
    [
        "Microsoft restricts facial recognition tech",
        "microsoft RESTRICTS facial recognition tech",
        "Microsoft  restricts\\tfacial recognition tech ",
        "Microsoft restricts facial recognition tech...",
        "Microsoft restricts facial recognition tech …",
        "Microsoft restricts facial recognition tech.",
    ],
)
def test_excerpt_same_as_title(lint: Lint, excerpt: str) -> None:
    text = replace_line(VALID, EXCERPT, f'excerpt: "{excerpt}"')
    assert both(lint, text, "AL603") == [("AL603", 4, 10, "excerpt")]
    assert message(text, "AL603") == (
        "the excerpt repeats the title; write a summary of the story, or remove the excerpt"
    )


@pytest.mark.parametrize(
    "excerpt",
    [
        "Microsoft restricts facial recognition tech in Azure.",
        "Microsoft restricts facial recognition",
        "Microsoft restricts facial-recognition tech",
    ],
)
def test_excerpt_different_from_title(lint: Lint, excerpt: str) -> None:
    assert lint(replace_line(VALID, EXCERPT, f'excerpt: "{excerpt}"'), "AL603") == []


def test_related_excerpt_same_as_title(lint: Lint) -> None:
    text = replace_line(
        VALID,
        RELATED_EXCERPT,
        '    excerpt: "Microsoft to curtail some of its facial recognition capabilities ..."',
    )
    assert both(lint, text, "AL603") == [("AL603", 28, 14, "related[0].excerpt")]


# --- AL604 mojibake ---------------------------------------------------------------------

#: Real text (pangrams and headlines) in languages full of non-ASCII letters, typographic
#: punctuation and capitals next to punctuation. None of it is mojibake.
REAL_TEXT = [
    "Portez ce vieux whisky au juge blond qui fume sur son île intérieure, à côté de l'alcôve",
    "CHÂTEAU DE VERSAILLES : L'ÉTÉ À PARIS, ÇA VA ? « Très bien » — dit-il",
    "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich: „Fuß“",
    "El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío, añoraba a su querido cachorro. ¿Qué? ¡Sí!",
    "SÃO PAULO — À NOITE, O CORAÇÃO DA CIDADE NÃO PÁRA; AMANHÔ",
    "Pijamalı hasta yağız şoföre çabucak güvendi. İSTANBUL'DA ŞİMDİ",
    "Árvíztűrő tükörfúrógép. ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP",
    "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
    "Kæmi ný öxi hér, ykist þjófum nú bæði víl og ádrepa",
    "Tiếng Việt: Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau",
    "ÎN ROMÂNIA, ÎNTÂI: Înțelepciunea țăranului român",
    "Съешь же ещё этих мягких французских булок, да выпей чаю",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία",
    "日本語のテキスト、中文文本，한국어 텍스트",
    "Price: £5 — €10 © 2022 Blizzard™ ½ off · ±3 °C µs ¼",
    "Æble, øl og åben — blåbærsyltetøj på rødgrød med fløde; HYVÄÄ PÄIVÄÄ” PÅ…",
    "naïve café résumé façade coöperate São Tomé Curaçao CAFÉ’S",
    "Diablo IV – Season of the Malignant: “What’s new?” ‘Quick’ …",
    "Éire: Seán Ó Súilleabháin; ÅÄÖ åäö — Göteborg Malmö Västerås",
]

MOJIBAKE = [
    ("Microsoft Makes Power Apps Changes Following â€˜Sensitive Dataâ€™ Exposure", "â€˜", "‘",
     "Microsoft Makes Power Apps Changes Following ‘Sensitive Data’ Exposure"),
    ("CafÃ© au lait", "Ã©", "é", "Café au lait"),
    ("Itâ€™s here", "â€™", "’", "It’s here"),
    ("â€œQuotedâ€\x9d text", "â€œ", "“", "“Quoted” text"),
    ("Ã‰tÃ© Ã  Paris", "Ã‰", "É", "Été Ã  Paris"),
    ("price Â£5", "Â£", "£", "price £5"),
    ("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "ÐŸ", "П", "Привет мир"),
    ("Zwölf BoxkÃ¤mpfer", "Ã¤", "ä", "Zwölf Boxkämpfer"),
    ("Diablo 4â„¢", "â„¢", "™", "Diablo 4™"),
    ("SÃ£o Paulo", "Ã£", "ã", "São Paulo"),
    ("emoji ðŸ˜€ here", "ðŸ˜€", "😀", "emoji 😀 here"),
    ("ZaÅ¼Ã³Å‚Ä‡", "Å¼", "ż", "Zażółć"),
    ("Ã¢â‚¬â„¢ twice", "Ã¢", "â", "’ twice"),
]  # fmt: skip


@pytest.mark.parametrize("text", REAL_TEXT)
def test_real_text_is_not_mojibake(text: str) -> None:
    assert find_mojibake(text) == []
    assert fix_mojibake(text) == text


@pytest.mark.parametrize(("text", "wrong", "right", "fixed"), MOJIBAKE)
def test_mojibake_found_and_fixed(text: str, wrong: str, right: str, fixed: str) -> None:
    assert find_mojibake(text)[0][1:] == (wrong, right)
    assert fix_mojibake(text) == fixed


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (TITLE, 'title: "Microsoft restricts facial recognition â€“ tech"', ("AL604", 3, 8, "title")),
        ("  - Microsoft AI", '  - "PokÃ©mon"', ("AL604", 18, 5, "topics[0]")),
        ("      name: ZDNet", "      name: ZDNetâ„¢", ("AL604", 33, 13, "related[0].provider.name")),
        (RELATED_EXCERPT, '    excerpt: "Itâ€™s limiting"', ("AL604", 28, 14, "related[0].excerpt")),
    ],
)  # fmt: skip
def test_mojibake_positions(lint: Lint, old: str, new: str, expected: tuple[object, ...]) -> None:
    assert both(lint, replace_line(VALID, old, new), *TEXT) == [expected]


def test_mojibake_message(lint: Lint) -> None:
    text = replace_line(VALID, TITLE, 'title: "Following â€˜Sensitive Dataâ€™ Exposure"')
    assert message(text, "AL604") == (
        "`title` contains `â€˜` (and 1 more), UTF-8 text decoded with the wrong encoding; it "
        "should read `‘`: re-decode the source as UTF-8"
    )


def test_a_mis_decoded_byte_order_mark_is_to_be_deleted(lint: Lint) -> None:
    # `ï»¿` is EF BB BF read as Windows-1252: an invisible U+FEFF, never "what it should read".
    text = replace_line(VALID, TITLE, 'title: "ï»¿Microsoft restricts facial recognition tech"')
    assert both(lint, text, *TEXT) == [("AL604", 3, 8, "title")]
    assert message(text, "AL604") == (
        "`title` contains `ï»¿`, a byte-order mark (U+FEFF) decoded with the wrong encoding, "
        "which readers see as garbage; delete it"
    )
    [found] = lint_text(text).diagnostics
    assert found.fix is not None
    assert found.fix.applicability == "safe"
    fixed, result = fix_text(text)
    assert fixed == VALID
    assert result.diagnostics == []
    assert fix_text(crlf(text))[0] == crlf(VALID)


def test_a_byte_order_mark_among_other_mojibake() -> None:
    text = replace_line(VALID, EXCERPT, 'excerpt: "ï»¿Itâ€™s ï»¿retiring some face analysis."')
    assert message(text, "AL604") == (
        "`excerpt` contains `ï»¿` (2 times), a byte-order mark (U+FEFF) decoded with the "
        "wrong encoding, which readers see as garbage; delete it; it also has `â€™`, which "
        "should read `’`: re-decode the source as UTF-8"
    )
    # Only the marks are deleted: the rest needs the source re-decoded, so it stays reported.
    fixed, result = fix_text(text)
    assert fixed == replace_line(VALID, EXCERPT, 'excerpt: "Itâ€™s retiring some face analysis."')
    assert [(d.code, d.fix) for d in result.diagnostics] == [("AL604", None)]


def test_an_invisible_intended_character_is_named() -> None:
    # C2 A0 (a no-break space) read as Windows-1252 is `Â` and a no-break space.
    text = replace_line(VALID, TITLE, 'title: "Microsoft\\u00c2\\u00a0restricts facial tech"')
    assert message(text, "AL604") == (
        "`title` contains `Â\xa0`, UTF-8 text decoded with the wrong encoding; it should read "
        "a no-break space (U+00A0): re-decode the source as UTF-8"
    )


def test_real_text_in_a_record(lint: Lint) -> None:
    text = replace_line(VALID, TITLE, f'title: "{REAL_TEXT[1]}"')
    assert both(lint, text, *TEXT) == []


def test_mojibake_scan_is_linear() -> None:
    # Long runs of lead and continuation characters: the pattern is bounded, no backtracking.
    hostile = ("Ã" * 50_000) + ("€" * 50_000) + ("Ã€" * 50_000)
    # The first `Ã€` ends a run of capitals, so it is taken for real text.
    assert len(find_mojibake(hostile)) == 50_000


# --- AL605 duplicate-topic --------------------------------------------------------------


def test_duplicate_topic(lint: Lint) -> None:
    text = replace_line(
        VALID, "  - Microsoft AI", "  - Microsoft AI\n  - Azure\n  - microsoft  ai\n  - AZURE"
    )
    assert both(lint, text, *TEXT) == [
        ("AL605", 20, 5, "topics[2]"),
        ("AL605", 21, 5, "topics[3]"),
    ]
    assert message(text.replace("  - AZURE", "  - Cloud"), "AL605") == (
        "topic `microsoft  ai` repeats `topics[0]` (topics compare without regard to case); "
        "remove this one"
    )


def test_distinct_topics(lint: Lint) -> None:
    text = replace_line(
        VALID, "  - Microsoft AI", "  - Microsoft AI\n  - Microsoft\n  - AI\n  -\n  - 42"
    )
    assert lint(text, "AL605") == []


# --- AL606 html-in-text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected", "shown"),
    [
        (EXCERPT, 'excerpt: "Today we&#8217;re excited"', ("AL606", 4, 10, "excerpt"), "the HTML `&#8217;`; write the character itself (`’`)"),
        (EXCERPT, 'excerpt: "We&amp;#39;re overwhelmed by the response we&amp;#39;ve seen"', ("AL606", 4, 10, "excerpt"), "the HTML `&amp;` (and 1 more); write the character itself (`&`)"),
        (EXCERPT, 'excerpt: "new&nbsp;editor"', ("AL606", 4, 10, "excerpt"), "the HTML `&nbsp;`; write the character itself (no-break space)"),
        (EXCERPT, 'excerpt: "how far we&#8217"', ("AL606", 4, 10, "excerpt"), "the HTML `&#8217`; write the character itself (`’`)"),
        (EXCERPT, 'excerpt: "&#x2019;Quoted"', ("AL606", 4, 10, "excerpt"), "the HTML `&#x2019;`; write the character itself (`’`)"),
        (TITLE, 'title: "Microsoft <b>restricts</b> facial recognition tech"', ("AL606", 3, 8, "title"), "the HTML `<b>` (and 1 more); remove the markup, this field is plain text"),
        (TITLE, 'title: "Microsoft restricts<br/>facial recognition tech"', ("AL606", 3, 8, "title"), "the HTML `<br/>`; remove the markup, this field is plain text"),
        (TITLE, "title: 'Microsoft <a href=\"https://x.example/\">restricts</a> tech'", ("AL606", 3, 8, "title"), "the HTML `<a href=\"https://x.example/\">` (and 1 more); remove the markup, this field is plain text"),
        (TITLE, 'title: "Microsoft <!-- x --> tech"', ("AL606", 3, 8, "title"), "the HTML `<!--`; remove the markup, this field is plain text"),
        (RELATED_TITLE, '  - title: "Microsoft to curtail &quot;some&quot; capabilities"', ("AL606", 27, 12, "related[0].title"), "the HTML `&quot;` (and 1 more); write the character itself (`\"`)"),
    ],
)  # fmt: skip
def test_html_in_text(
    lint: Lint, old: str, new: str, expected: tuple[object, ...], shown: str
) -> None:
    text = replace_line(VALID, old, new)
    assert both(lint, text, "AL606") == [expected]
    assert message(text, "AL606") == f"`{expected[3]}` contains {shown}"


@pytest.mark.parametrize(
    "title",
    [
        "Q&A: Diablo 4 & Overwatch 2",
        "AT&T; Procter & Gamble",
        "Use <YourApp> as a placeholder",
        "a < b > c and 3 <4",
        "Watch: https://www.youtube.com/watch?v=9bRWIdOMfro&t=10s&copy=1",
        "&unknownentity; &#; &x;",
        "I <3 Diablo",
    ],
)
def test_not_html(lint: Lint, title: str) -> None:
    assert lint(replace_line(VALID, TITLE, f'title: "{title}"'), "AL606") == []


def test_html_in_other_fields_is_not_this_rule(lint: Lint) -> None:
    text = replace_line(VALID, "  name: SiliconRepublic", "  name: Silicon&amp;Republic")
    text = replace_line(text, "  - Microsoft AI", "  - <b>AI</b>")
    assert lint(text, "AL606") == []
    video = VALID.replace(
        "type: article", 'type: video\nfeaturedContent: "<iframe src=\\"x\\"></iframe>"', 1
    )
    assert lint(video, "AL606") == []


def test_unescape_html() -> None:
    assert (
        unescape_html("We&amp;#39;re &#8220;here&#8221; &amp; now&#8230") == "We're “here” & now…"
    )
    assert unescape_html("Q&A &copy=1 &t=10s") == "Q&A &copy=1 &t=10s"  # not references
    assert unescape_html("&amp;amp;amp;amp;") == "&amp;"  # at most three rounds


def test_html_scan_is_linear() -> None:
    from articlelint.rules.text import _html_findings

    hostile = "<a" * 100_000 + "&#" * 100_000 + "<b " + "x" * 100_000
    assert _html_findings(hostile) == []
