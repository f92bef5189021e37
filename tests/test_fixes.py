"""Fixes: exact output text of every fix, the edit machinery, and the CLI flags."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from articlelint import fix_text, lint_record, lint_text
from articlelint.cli import main
from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Edit, Fix, Severity
from articlelint.fixing import apply_edits, changed_fields, select_fixes, unified_diff
from articlelint.loading import load_text
from articlelint.rules.fixes import DeleteBom, FixIntent, QuoteValue, ReplaceKey, ReplaceValue
from articlelint.yamledit import double_quoted, resolve_fix, scalar_text, single_quoted
from tests.conftest import CORPUS, VALID, replace_line

AL307 = Config(extend_select=["AL307"])
#: The findings these tests fix; other rules' findings on the same records are not their
#: concern (and change as the catalogue grows).
FIX_CODES = {
    "AL005",
    "AL007",
    "AL102",
    "AL202",
    "AL205",
    "AL307",
    "AL404",
    "AL502",
    "AL505",
    "AL601",
}


def _left(result: object) -> list[tuple[str, str | None]]:
    """(code, field) of the findings of :data:`FIX_CODES` that remain."""
    return [(d.code, d.field) for d in result.diagnostics if d.code in FIX_CODES]  # type: ignore[attr-defined]


def _record(*lines: str, body: str = "") -> str:
    head = [
        "---",
        "title: x",
        "publishedDateTime: 2022-06-22T08:27:00Z",
        "webUrl: https://a.com/",
        "type: article",
        "provider:",
        "  name: A",
        "  domain: a.com",
    ]
    return "\n".join([*head, *lines, "---"]) + "\n" + body


# -- scalar writing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("tab\there", '"tab\\there"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("crlf\r\n", '"crlf\\r\\n"'),
        ("Café ünïcode 😀", '"Café ünïcode 😀"'),
        ("nel\x85 ls\u2028 ps\u2029", '"nel\\N ls\\L ps\\P"'),
        ("nbsp\xa0", '"nbsp\xa0"'),  # printable in YAML: kept raw
        ("bom\ufeff del\x7f", '"bom\\uFEFF del\\x7F"'),
        ("bell\a nul\0 esc\x1b", '"bell\\a nul\\0 esc\\e"'),
        ("", '""'),
    ],
)
def test_double_quoted_escapes_only_what_yaml_needs(text: str, expected: str) -> None:
    assert double_quoted(text) == expected


def test_single_quoted_doubles_quotes_and_refuses_escapes() -> None:
    assert single_quoted("It's") == "'It''s'"
    assert single_quoted("a\nb") is None
    assert single_quoted("tab\t") is None


@pytest.mark.parametrize(
    ("value", "style", "old", "expected"),
    [
        ("https://a.com/x?y=1#z", None, "http://a.com/x?y=1#z", "https://a.com/x?y=1#z"),
        ("https://a.com/", '"', None, '"https://a.com/"'),
        ("https://a.com/", "'", None, "'https://a.com/'"),
        ("it's", "'", None, "'it''s'"),
        ("line\nbreak", "'", None, '"line\\nbreak"'),  # single quotes cannot escape
        ("no", None, "maybe", '"no"'),  # plain `no` would become a boolean
        ("a: b", None, "ab", '"a: b"'),  # plain would become a mapping
        ("x #y", None, "xy", '"x #y"'),  # plain would lose a comment
        (" lead", None, "lead", '" lead"'),
        ("2022-06-22T08:27:00Z", None, "2022-06-22T08:27:00+00:00", "2022-06-22T08:27:00Z"),
        ("2022-06-22T08:27:00Z", None, "some text", '"2022-06-22T08:27:00Z"'),
        ("text", "|", None, None),  # block scalars are not rewritten
        (True, '"', None, "true"),
        (False, None, "no", "false"),
        (1000, None, "1_000", "1000"),
        (None, None, "x", "null"),
        (1.5, None, "x", "1.5"),
        (2.0, None, "x", "2.0"),
    ],
)
def test_scalar_text_keeps_the_style_when_it_can(
    value: str | bool | int | float | None, style: str | None, old: str | None, expected: str
) -> None:
    assert scalar_text(value, style, old) == expected


@pytest.mark.parametrize(
    ("value", "old", "expected"),
    [
        # Trimmed: the characters kept are spelled as they were (raw NBSP, \u escapes).
        ("We\xa0are caf\xe9", '"  We\xa0are caf\\u00e9\\t"', '"We\xa0are caf\\u00e9"'),
        ("it's", "' it''s '", "'it''s'"),
        # A changed start keeps the rest as written.
        ("https://a.com/caf\xe9", '"http://a.com/caf\\xE9"', '"https://a.com/caf\\xE9"'),
        ("https://a.com/it's", "'http://a.com/it''s'", "'https://a.com/it''s'"),
        # A changed middle is written afresh.
        ("a\tz", '"a\\u0062z"', '"a\\tz"'),
        # Single quotes cannot hold a line break: double quotes instead.
        ("a\nb", "'ab'", '"a\\nb"'),
        # A malformed old spelling is ignored.
        ("abc", '"abc\\"', '"abc"'),
        ("", '" "', '""'),
    ],
)
def test_requoting_reuses_the_old_spelling(value: str, old: str, expected: str) -> None:
    style = old[0]
    assert scalar_text(value, style, old) == expected


def test_plain_in_a_flow_sequence_must_be_flow_safe() -> None:
    assert scalar_text("a,b", None, "ab", flow=False) == "a,b"
    assert scalar_text("a,b", None, "ab", flow=True) == '"a,b"'


# -- resolving intents ----------------------------------------------------------------


def _doc(text: str, path: str = "r.md"):  # type: ignore[no-untyped-def]
    document = load_text(text, path)
    assert not hasattr(document, "code"), document
    return document


def test_resolve_replaces_the_value_span_only() -> None:
    text = _record('excerpt: "old"  # note')
    fix = resolve_fix(FixIntent.safe("m", ReplaceValue(("excerpt",), "new")), _doc(text))
    assert fix is not None
    assert fix.applicability == "safe"
    assert apply_edits(text, fix.edits) == _record('excerpt: "new"  # note')


def test_resolve_rename_key_keeps_value_and_quotes() -> None:
    text = _record('"excerpt": "e"')
    fix = resolve_fix(FixIntent.safe("m", ReplaceKey(("excerpt",), "summary")), _doc(text))
    assert fix is not None
    assert apply_edits(text, fix.edits) == _record('"summary": "e"')


def test_resolve_delete_bom() -> None:
    text = "\ufeff" + _record()
    fix = resolve_fix(FixIntent.safe("m", DeleteBom()), _doc(text))
    assert fix is not None
    assert fix.edits == (Edit(0, 1, ""),)
    assert resolve_fix(FixIntent.safe("m", DeleteBom()), _doc(_record())) is None


@pytest.mark.parametrize(
    "line",
    [
        "excerpt: |\n  block text",  # block scalar
        "excerpt: !!str tagged",  # explicit tag
        "excerpt: &a anchored",  # anchor
        "excerpt: multi\n  line plain",  # multi-line plain
        "excerpt:",  # empty value
        "excerpt: [a, b]",  # a collection
    ],
)
def test_resolve_gives_up_rather_than_guess(line: str) -> None:
    text = _record(line)
    assert resolve_fix(FixIntent.safe("m", ReplaceValue(("excerpt",), "new")), _doc(text)) is None


def test_resolve_absent_field_or_noop_has_no_fix() -> None:
    text = _record('excerpt: "e"')
    assert resolve_fix(FixIntent.safe("m", ReplaceValue(("nope",), "x")), _doc(text)) is None
    assert resolve_fix(FixIntent.safe("m", ReplaceValue(("excerpt",), "e")), _doc(text)) is None


def test_resolve_all_or_nothing() -> None:
    text = _record('excerpt: "e"')
    intent = FixIntent.safe("m", ReplaceValue(("excerpt",), "x"), ReplaceValue(("nope",), "y"))
    assert resolve_fix(intent, _doc(text)) is None
    both = FixIntent.safe("m", ReplaceValue(("excerpt",), "x"), QuoteValue(("excerpt",)))
    assert resolve_fix(both, _doc(text)) is None  # two changes at one place


def test_without_a_file_the_fix_has_no_edits() -> None:
    result = lint_record(
        {
            "title": "x",
            "publishedDateTime": "2022-06-22T08:27:00Z",
            "webUrl": "http://a.com/",
            "type": "article",
            "provider": {"name": "A", "domain": "a.com"},
        }
    )
    [diagnostic] = [d for d in result.diagnostics if d.code == "AL202"]
    assert diagnostic.fix == Fix("unsafe", "Use `https://`", ())


def test_a_ready_fix_passes_through() -> None:
    fix = Fix("safe", "m", (Edit(1, 2, "x"),))
    assert resolve_fix(fix, None) is fix


# -- the fixes, exact text ----------------------------------------------------------------


def test_al202_https_is_unsafe_and_keeps_quotes_lf() -> None:
    text = replace_line(
        VALID,
        'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"',
        'webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"  # old',
    )
    unchanged, result = fix_text(text)
    assert unchanged == text
    assert _left(result) == [("AL202", "webUrl")]
    fixed, result = fix_text(text, unsafe=True)
    assert fixed == replace_line(
        VALID,
        'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"',
        'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"  # old',
    )
    assert _left(result) == []


def test_al202_plain_and_single_quoted_crlf() -> None:
    text = _record("originalUrl: HTTP://a.com/x?q=1", "ampWebUrl: 'http://a.com/amp'").replace(
        "\n", "\r\n"
    )
    fixed, result = fix_text(text, unsafe=True)
    assert fixed == _record(
        "originalUrl: https://a.com/x?q=1", "ampWebUrl: 'https://a.com/amp'"
    ).replace("\n", "\r\n")
    assert _left(result) == []


def test_al005_quotes_text_fields_and_writes_booleans() -> None:
    text = _record(
        "topics: [no, 'x', yes]",
        "category: on  # section",
        "images:",
        "  - url: https://a.com/i.jpg",
        "    isCached: yes",
        "    width: 1_000",
        body="Body: no\n",
    )
    fixed, result = fix_text(text)
    assert fixed == _record(
        'topics: ["no", \'x\', "yes"]',
        'category: "on"  # section',
        "images:",
        "  - url: https://a.com/i.jpg",
        "    isCached: true",
        "    width: 1000",
        body="Body: no\n",
    )
    assert _left(result) == []


def test_al005_unknown_field_quoting_is_unsafe_and_numbers_are_left() -> None:
    text = _record("quality: 010", "custom: off")
    fixed, result = fix_text(text)
    assert fixed == text
    by_code = {(d.code, d.field): d.fix for d in result.diagnostics}
    assert by_code[("AL005", "quality")] is None
    custom = by_code[("AL005", "custom")]
    assert custom is not None
    assert custom.applicability == "unsafe"
    fixed, _ = fix_text(text, unsafe=True)
    assert fixed == _record("quality: 010", 'custom: "off"')


def test_al307_only_when_selected_and_keeps_style() -> None:
    text = _record(
        "related:",
        "  - title: r",
        "    webUrl: https://b.com/",
        '    publishedDateTime: "2022-06-21T16:58:00+00:00"',
    ).replace("2022-06-22T08:27:00Z", "2022-06-22T08:27:00+00:00")
    assert fix_text(text)[0] == text  # off by default
    fixed, result = fix_text(text, config=AL307)
    assert fixed == _record(
        "related:",
        "  - title: r",
        "    webUrl: https://b.com/",
        '    publishedDateTime: "2022-06-21T16:58:00Z"',
    )
    assert _left(result) == []
    minus = text.replace("+00:00", "-00:00")
    assert fix_text(minus, config=AL307)[0] == minus  # -00:00 means something else


@pytest.mark.parametrize(
    ("flag", "safe", "unsafe"),
    [
        ("yes  # ok", "true  # ok", "true  # ok"),
        ("Off", "false", "false"),
        ('"false"', '"false"', "false"),
        ("' TRUE'", "' TRUE'", "true"),
        ("1", "1", "true"),
        ("0", "0", "false"),
        ("2", "2", "2"),  # no boolean spelled: no fix
    ],
)
def test_al404_published_flag(flag: str, safe: str, unsafe: str) -> None:
    text = _record(f"published: {flag}").replace("\n", "\r\n")
    assert fix_text(text)[0] == _record(f"published: {safe}").replace("\n", "\r\n")
    fixed, result = fix_text(text, unsafe=True)
    assert fixed == _record(f"published: {unsafe}").replace("\n", "\r\n")
    assert _left(result) == ([] if flag != "2" else [("AL404", "published")])


def test_al205_and_al202_on_one_url_take_two_rounds() -> None:
    import articlelint.fixing.fix as fixing

    text = _record().replace(
        "webUrl: https://a.com/", 'webUrl: "  http://a.com/a?utm_source=x&id=3&fbclid=y#f"'
    )
    # AL203 would trim the blanks (safely); without it, the blanks show that both keep them.
    config = Config(ignore=["unsafe-url-characters"])
    assert fix_text(text, config=config)[0] == text  # both unsafe
    outcome = fixing._fix_loop(text, "r.md", fixing.Linter(config), True).fix
    assert outcome.fixed == _record().replace(
        "webUrl: https://a.com/", 'webUrl: "  https://a.com/a?id=3#f"'
    )
    assert [(d.code, outcome.rounds) for d in outcome.applied] == [("AL202", 2), ("AL205", 2)]


@pytest.mark.parametrize(
    ("domain", "fixed", "applicability"),
    [
        ("www.a.com", "a.com", "safe"),
        ("'https://WWW.A.com/news'  # x", "'a.com'  # x", "safe"),
        ('"a.com."', '"a.com"', "safe"),
        ("HTTPS://News.A.com/x", "news.a.com", "safe"),  # a subdomain is kept
    ],
)
def test_al502_provider_domain(domain: str, fixed: str, applicability: str) -> None:
    text = _record().replace("  domain: a.com", f"  domain: {domain}")
    [diagnostic] = [d for d in lint_text(text, "r.md").diagnostics if d.code == "AL502"]
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability == applicability
    new, result = fix_text(text, unsafe=True)
    assert new == _record().replace("  domain: a.com", f"  domain: {fixed}")
    assert _left(result) == []


def test_al505_writes_the_computed_amp_cache_url() -> None:
    amp = "https://www.a.com/amp/x/"
    text = _record(f"ampWebUrl: {amp}", 'cdnAmpWebUrl: "https://a.cdn.ampproject.org/x"')
    fixed, result = fix_text(text)
    assert fixed == _record(
        f"ampWebUrl: {amp}",
        'cdnAmpWebUrl: "https://www-a-com.cdn.ampproject.org/c/s/www.a.com/amp/x/"',
    )
    assert _left(result) == []


def test_bom_crlf_and_body_are_kept() -> None:
    text = "\ufeff" + _record("topics:\r\n  - no # c", body="\r\nbody: yes\r\n").replace(
        "\n", "\r\n"
    ).replace("\r\r", "\r")
    fixed, result = fix_text(text, config=Config(ignore=["AL007"]))
    assert fixed == text.replace("  - no # c", '  - "no" # c')
    # AL007 removes the BOM, in the same round, and nothing else.
    fixed, result = fix_text(text)
    assert fixed == text[1:].replace("  - no # c", '  - "no" # c')
    assert _left(result) == []


@pytest.mark.parametrize(
    ("value", "fixed"),
    [
        ('"  Diablo 4\xa0"', '"Diablo 4"'),
        ('"\\tCaf\\u00e9 \\u00e0 la carte\\n"', '"Caf\\u00e9 \\u00e0 la carte"'),
        ("' It''s here '", "'It''s here'"),
        ('"Zero\\u200bwidth\\u200b"', '"Zero\\u200bwidth"'),
    ],
)
def test_al601_trims_in_place(value: str, fixed: str) -> None:
    text = _record(f"excerpt: {value}  # keep").replace("\n", "\r\n")
    new, result = fix_text(text)
    assert new == _record(f"excerpt: {fixed}  # keep").replace("\n", "\r\n")
    assert _left(result) == []


def test_al601_block_scalars_have_no_fix() -> None:
    text = _record("excerpt: |\n  text \n")
    [d] = [d for d in lint_text(text, "r.md").diagnostics if d.code == "AL601"]
    assert d.fix is None
    assert fix_text(text)[0] == text


def test_yaml_file_without_front_matter() -> None:
    text = "title: x\ntopics:\n  - off\n"
    fixed, _ = fix_text(text, "r.yaml")
    assert fixed == 'title: x\ntopics:\n  - "off"\n'


# -- machinery ------------------------------------------------------------------------


def _diag(code: str, start: int, end: int, content: str, safe: bool = True) -> Diagnostic:
    fix = Fix("safe" if safe else "unsafe", "m", (Edit(start, end, content),))
    return Diagnostic(code, "n", Severity.WARNING, "m", "p", 1, 1, 1, 1, None, fix)


def test_select_fixes_is_deterministic_and_skips_overlaps() -> None:
    a = _diag("AL202", 5, 10, "a", safe=False)
    b = _diag("AL005", 8, 12, "b")
    c = _diag("AL005", 5, 10, "c")
    d = _diag("AL307", 12, 12, "d")
    e = _diag("AL601", 12, 12, "e")
    assert select_fixes([a, b, c, d, e]) == [c, d]
    assert select_fixes([e, d, c, b, a], unsafe=True) == [c, d]


def test_apply_edits_rejects_overlaps() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "")]) == "bcdEf"
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])


def test_changed_fields() -> None:
    old = {"a": 1, "b": [1, 2], "c": {"d": True}, "e": float("nan")}
    new = {"a": 1, "b": [1, 3], "c": {"d": 1}, "e": float("nan"), "f": 0}
    assert sorted(map(str, changed_fields(old, new))) == sorted(
        map(str, [("b", 1), ("c", "d"), ("f",)])
    )


def test_fixes_iterate_until_stable() -> None:
    # Two fixes on one value (AL202 and AL307 never touch the same field, so make two
    # rounds with AL005 on a list whose items overlap nothing: both land in one round).
    text = _record("topics: [no, yes, off]")
    fixed, result = fix_text(text)
    assert fixed == _record('topics: ["no", "yes", "off"]')
    assert _left(result) == []


def test_lint_text_marks_fixes_in_json() -> None:
    text = _record("topics: [no]")
    [d] = [d for d in lint_text(text, "r.md").diagnostics if d.code == "AL005"]
    assert d.to_dict()["fix"] == {
        "applicability": "safe",
        "message": "Quote `no` as text",
        "edits": [
            {"start": text.index("[no]") + 1, "end": text.index("[no]") + 3, "content": '"no"'}
        ],
    }


def test_unified_diff_splits_lines_like_patch() -> None:
    old = "a\u2028b\r\nc\x85d\n"
    assert unified_diff(old, old.replace("c", "C"), "f.md") == (
        "--- f.md\n+++ f.md\n@@ -1,2 +1,2 @@\n a\u2028b\r\n-c\x85d\n+C\x85d\n"
    )


def test_unified_diff_marks_missing_final_newline() -> None:
    assert unified_diff("a\nb", "a\nc", "f.md") == (
        "--- f.md\n+++ f.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
        "+c\n\\ No newline at end of file\n"
    )


# -- CLI ------------------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_cli_text_marks_fixable_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(_record("topics: [no]", "originalUrl: http://a.com/"), "utf-8")
    code, out = _run("--format", "concise", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:9:10: AL005 [*] unquoted `no` is read as a boolean by YAML 1.1 but as a "
        "string by YAML 1.2; quote it, or write the value unambiguously [topics[0]]",
        f"{path}:9:10: AL103 `topics[0]` should be text, found the boolean `false` [topics[0]]",
        f"{path}:10:14: AL202 URL uses insecure `http://`; use `https://` if the site serves "
        "it [originalUrl]",
    ]
    code, out = _run("--format", "text", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:9:10: AL005 [*] unquoted `no`")
    assert out.splitlines()[-1] == (
        "Found 3 problems (1 error, 2 warnings) in 1 of 1 file. 1 fixable with --fix, 1 more "
        "with --unsafe-fixes."
    )


def test_cli_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.md"
    original = _record("topics: [no]", "originalUrl: http://a.com/")
    path.write_text(original, "utf-8")
    code, out = _run("--diff", str(path))
    assert code == 1
    assert out == (
        f"--- {path}\n+++ {path}\n@@ -6,6 +6,6 @@\n provider:\n   name: A\n   domain: a.com\n"
        '-topics: [no]\n+topics: ["no"]\n originalUrl: http://a.com/\n ---\n'
    )
    assert capsys.readouterr().err == "Would fix 1 problem (AL005 \u00d71) in 1 file.\n"
    assert path.read_text("utf-8") == original
    code, out = _run("--diff", "--unsafe-fixes", str(path))
    assert code == 1
    assert "+originalUrl: https://a.com/\n" in out
    assert path.read_text("utf-8") == original
    path.write_text(_record(), "utf-8")
    assert _run("--diff", str(path)) == (0, "")


def test_cli_fix_writes_keeps_mode_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.md"
    path.write_bytes(_record("topics: [no]", "originalUrl: http://a.com/").encode())
    os.chmod(path, 0o640)
    code, out = _run("--fix", "--format", "json", str(path))
    assert code == 0
    assert path.read_bytes() == _record('topics: ["no"]', "originalUrl: http://a.com/").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert capsys.readouterr().err == "Fixed 1 problem (AL005 \u00d71) in 1 file.\n"
    remaining = json.loads(out)["diagnostics"]
    assert [(d["code"], d["fix"]["applicability"]) for d in remaining] == [("AL202", "unsafe")]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    code, out = _run("--unsafe-fixes", str(path))
    assert code == 0
    assert path.read_text("utf-8") == _record('topics: ["no"]', "originalUrl: https://a.com/")
    assert out == "All checks passed: 1 file checked, no problems.\n"


def test_cli_fix_exit_code_reflects_what_remains(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(_record("topics: [no]", "quality: high"), "utf-8")
    code, out = _run("--fix", str(path))
    assert code == 1  # AL103 on quality remains
    assert path.read_text("utf-8") == _record('topics: ["no"]', "quality: high")
    assert "AL005" not in out
    assert "AL103" in out


def test_cli_fix_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text(_record("topics: [no]"), "utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert _run("--fix", str(link))[0] == 0
    assert link.is_symlink()
    assert target.read_text("utf-8") == _record('topics: ["no"]')


def test_cli_fix_refuses_a_file_changed_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import articlelint.fixing.fix as fixing

    path = tmp_path / "r.md"
    path.write_text(_record("topics: [no]"), "utf-8")
    real_loop = fixing._fix_loop

    def loop_then_edit(*args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real_loop(*args, **kwargs)
        path.write_text(_record("topics: [maybe]  # edited meanwhile"), "utf-8")
        return outcome

    monkeypatch.setattr(fixing, "_fix_loop", loop_then_edit)
    code, _ = _run("--fix", str(path))
    assert path.read_text("utf-8") == _record("topics: [maybe]  # edited meanwhile")
    assert capsys.readouterr().err == (
        f"articlelint: {path}: not fixed: the file changed on disk while it was being fixed\n"
    )
    assert code == 1  # the file was not fixed: AL103 on `topics[0]` remains
    assert list(tmp_path.iterdir()) == [path]


# -- iteration, overlap and rollback, with temporary rules --------------------------------

from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

from articlelint.rules import Problem, Record, Rule, registry  # noqa: E402


class _AppendSlash(Rule):
    """## What it does
    Test rule: wants `webUrl` to end with `/` (overlaps AL202's edit)."""

    code = "AL991"
    name = "test-append-slash"
    severity = Severity.WARNING
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        url = record.data.get("webUrl")
        if isinstance(url, str) and not url.endswith("/"):
            yield Problem(
                "no slash",
                field=("webUrl",),
                fix=FixIntent.safe("Append /", ReplaceValue(("webUrl",), url + "/")),
            )


class _NeverSettles(Rule):
    """## What it does
    Test rule: always wants one more `!` at the end of `excerpt`."""

    code = "AL992"
    name = "test-never-settles"
    severity = Severity.INFO
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        excerpt = record.data.get("excerpt")
        if isinstance(excerpt, str):
            yield Problem(
                "more",
                field=("excerpt",),
                fix=FixIntent.safe("More", ReplaceValue(("excerpt",), excerpt + "!")),
            )


class _Breaks(Rule):
    """## What it does
    Test rule: a raw fix that breaks the YAML, and one that changes another field."""

    code = "AL993"
    name = "test-breaks"
    severity = Severity.INFO
    fixable = True

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        document = record.document
        assert document is not None
        info = document.nodes[("title",)]
        mode = record.data.get("category")
        if mode == "break":
            content = '"unclosed'
        elif mode == "other":
            info = document.nodes[("type",)]  # says `title`, edits `type`
            content = "video"
        else:
            return
        edit = Edit(info.value.start, info.value.end, content)
        yield Problem("bad", field=("title",), fix=Fix("safe", "m", (edit,)))


@pytest.fixture
def extra_rules() -> Iterator[None]:
    reg = registry()
    added = [_AppendSlash(), _NeverSettles(), _Breaks()]
    for rule in added:
        reg.add(rule)
    yield
    for rule in added:
        reg.rules.remove(rule)
        del reg.by_code[rule.code]
        del reg.by_name[rule.name]


@pytest.mark.usefixtures("extra_rules")
def test_overlapping_fixes_land_in_later_rounds() -> None:
    import articlelint.fixing.fix as fixing

    text = _record().replace("webUrl: https://a.com/", 'webUrl: "http://a.com"')
    outcome = fixing._fix_loop(text, "r.md", fixing.Linter(), True).fix
    assert outcome.fixed == _record().replace("webUrl: https://a.com/", 'webUrl: "https://a.com/"')
    assert outcome.rounds == 2
    assert [(d.code, d.field) for d in outcome.applied] == [
        ("AL202", "webUrl"),  # same start: AL202 sorts before AL991
        ("AL991", "webUrl"),
    ]


@pytest.mark.usefixtures("extra_rules")
def test_fixes_that_never_settle_stop_after_max_rounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import articlelint.fixing.fix as fixing

    text = _record('excerpt: "e"')
    outcome = fixing._fix_loop(text, "r.md", fixing.Linter(), False).fix
    assert outcome.fixed == _record('excerpt: "e!!!!!!!!!!"')
    assert (outcome.rounds, outcome.converged) == (fixing.MAX_ROUNDS, False)
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    _run("--fix", str(path))
    assert capsys.readouterr().err == (
        f"articlelint: {path}: fixes did not settle after 10 rounds\n"
        "Fixed 10 problems (AL992 \u00d710) in 1 file.\n"
    )


@pytest.mark.usefixtures("extra_rules")
@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        (
            "break",
            "the result no longer loads (AL003: found unexpected end of stream (while "
            "scanning a quoted scalar))",
        ),
        ("other", "`type` changed although no fix for it touched it"),
    ],
)
def test_a_round_that_breaks_the_record_is_rolled_back(
    mode: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _record(f"category: {mode}", "topics: [no]")
    fixed, _ = fix_text(text)
    # The unsound fix is dropped; AL005's, chosen in the same round, still lands.
    assert fixed == _record(f"category: {mode}", 'topics: ["no"]')
    path = tmp_path / "r.md"
    path.write_text(text, "utf-8")
    _run("--fix", str(path))
    assert path.read_text("utf-8") == fixed
    assert capsys.readouterr().err == (
        f"articlelint: {path}: fixes for AL993 were rolled back: {reason} (please report "
        "this)\nFixed 1 problem (AL005 \u00d71) in 1 file.\n"
    )


def test_fix_text_leaves_unloadable_text_alone() -> None:
    text = '---\ntitle: "unclosed\n---\n'
    fixed, result = fix_text(text)
    assert fixed == text
    assert [d.code for d in result.diagnostics] == ["AL003"]


def test_sarif_carries_fixes_as_replacements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = _record("topics: [no]", "originalUrl: http://a.com/")
    Path("r.md").write_text(text, "utf-8")
    code, out = _run("--format", "sarif", "r.md")
    assert code == 1
    log = json.loads(out)
    fixes = {r["ruleId"]: r.get("fixes") for r in log["runs"][0]["results"]}
    start = text.index("[no]") + 1
    assert fixes["AL005"] == [
        {
            "description": {"text": "Quote `no` as text"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "r.md", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"charOffset": start, "charLength": 2},
                            "insertedContent": {"text": '"no"'},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    [al202] = fixes["AL202"]
    assert al202["description"] == {"text": "Use `https://` (unsafe: check before applying)"}
    assert al202["properties"] == {"applicability": "unsafe"}
    assert fixes["AL103"] is None
    schema_path = CORPUS.parent / "specs" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("SARIF schema not present")
    import jsonschema

    schema = json.loads(schema_path.read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(log)] == []


def test_suppressed_findings_are_not_fixed() -> None:
    text = _record("topics: [no]  # articlelint: ignore[AL005, AL103]", "category: off")
    fixed, result = fix_text(text)
    assert fixed == _record("topics: [no]  # articlelint: ignore[AL005, AL103]", 'category: "off"')
    assert _left(result) == []


def test_a_value_reached_through_an_alias_is_fixed_once_at_its_anchor() -> None:
    text = _record(
        "related:", "  - title: r", "    webUrl: https://a.com/r", "    provider: *p"
    ).replace(
        "provider:\n  name: A\n  domain: a.com", "provider: &p\n  name: A\n  domain: www.a.com"
    )
    [first, second] = [d for d in lint_text(text, "r.md").diagnostics if d.code == "AL502"]
    assert (first.field, second.field) == ("provider.domain", "related[0].provider.domain")
    assert first.fix == second.fix  # one edit, at the anchor
    fixed, result = fix_text(text)
    assert fixed == text.replace("domain: www.a.com", "domain: a.com")
    assert _left(result) == []


def test_al102_renames_a_misspelt_key_unless_the_right_one_exists() -> None:
    text = _record(
        '"excerpts": e  # keep', "related:", "  - title: r", "    webURL: https://b.com/"
    )
    assert fix_text(text)[0] == text  # unsafe
    fixed, result = fix_text(text, unsafe=True)
    assert fixed == _record(
        '"excerpt": e  # keep', "related:", "  - title: r", "    webUrl: https://b.com/"
    )
    assert _left(result) == []
    both = _record("excerpt: e", "excerpts: f")
    [d] = [d for d in lint_text(both, "r.md").diagnostics if d.code == "AL102"]
    assert d.fix is None  # renaming would make a duplicate key


def test_fix_paths_without_writing(tmp_path: Path) -> None:
    from articlelint import fix_paths

    (tmp_path / "a.md").write_text(_record("topics: [no]"), "utf-8")
    (tmp_path / "b.md").write_text(_record(), "utf-8")
    run = fix_paths([tmp_path], write=False)
    assert [Path(f.path).name for f in run.changed_files] == ["a.md"]
    [changed] = run.changed_files
    assert (changed.fixed, changed.written, changed.rounds) == (_record('topics: ["no"]'), False, 1)
    assert '+topics: ["no"]\n' in run.diff()
    assert run.messages(would=True) == ["Would fix 1 problem (AL005 \u00d71) in 1 file."]
    assert (tmp_path / "a.md").read_text("utf-8") == _record("topics: [no]")
    assert [d.code for d in run.result.diagnostics if d.code in FIX_CODES] == ["AL005"]
    run = fix_paths([tmp_path])
    assert run.messages() == ["Fixed 1 problem (AL005 \u00d71) in 1 file."]
    assert (tmp_path / "a.md").read_text("utf-8") == _record('topics: ["no"]')
    assert _left(run.result) == []
