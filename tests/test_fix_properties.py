"""Property tests of fixing (hypothesis): generated records in every quoting style, with
comments, CRLF, a BOM and a body, each full of fixable findings.

For every generated record:

* fixing twice gives the same text as fixing once;
* every edit lies inside the span of the field (or key, or BOM) its finding names, and
  every character outside the edits is unchanged;
* the fixed text re-lints without the fixed findings (nothing applicable is left);
* the loaded data differs from the original only at the fixed fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articlelint import fix_text
from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, Edit
from articlelint.engine import Linter
from articlelint.fixing.fix import (
    _fix_loop,
    _lint,
    apply_edits,
    changed_fields,
    edits_of,
    select_fixes,
)
from articlelint.loading import Document, load_text

CONFIG = Config(extend_select=["AL307"])

_TEXT = [
    "Microsoft AI",
    "Café ünïcode",
    "no",
    "yes",
    "off",
    "On",
    "y",
    "1e3",
    "010",
    "1_000",
    "  padded\xa0",
    'tab\tand \\ back"slash ',
]
_HOSTS = ["a.com", "www.zdnet.com", "x.example.org:8080"]
_PATHS = ["", "/", "/a/b?c=1&d=2", "/p#frag", "/it's", "/t?utm_source=x&id=1&fbclid=2#f"]
_DATES = ["2022-06-22T08:27:00Z", "2022-06-22T08:27:00+00:00", "2022-06-22T08:27:00-00:00"]
_COMMENT = st.sampled_from(["", "  # note", " #c"])


def _scalar(value: str, style: str) -> str:
    if style.startswith('"'):
        body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        if style == '"u':  # non-ASCII as escapes, as some tools write them
            body = "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in body)
        return '"' + body + '"'
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return value


@st.composite
def _styled(draw: st.DrawFn, values: Sequence[str], plain_ok: bool = True) -> str:
    value = draw(st.sampled_from(values))
    styles = ['"', '"u']
    if "\t" not in value:
        styles.append("'")
    if plain_ok and value == value.strip() and not set(value) & set("'#\\\"\t"):
        styles.append("")
    return _scalar(value, draw(st.sampled_from(styles)))


@st.composite
def _url(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP"]))
    url = f"{scheme}://{draw(st.sampled_from(_HOSTS))}{draw(st.sampled_from(_PATHS))}"
    return draw(_styled([url]))


@st.composite
def records(draw: st.DrawFn) -> str:
    lines = [
        "---" + draw(st.sampled_from(["", "  "])),
        f"title: {draw(_styled(_TEXT))}{draw(_COMMENT)}",
        f"publishedDateTime: {draw(_styled(_DATES))}",
        f"webUrl: {draw(_url())}{draw(_COMMENT)}",
        "type: article",
        "provider: &p" if (alias := draw(st.booleans())) else "provider:",
        f"  name: {draw(_styled(_TEXT))}",
        f"  domain: {draw(_styled(['a.com', 'www.a.com', 'News.A.com', 'https://a.com/']))}",
    ]
    if draw(st.booleans()):
        lines.append("ampWebUrl: https://www.a.com/amp/x/")
        cdn = ["https://www-a-com.cdn.ampproject.org/c/s/www.a.com/amp/x/", "https://x.org/"]
        lines.append(f"cdnAmpWebUrl: {draw(_styled(cdn))}")
    if draw(st.booleans()):
        lines.append(f"category: {draw(_styled(_TEXT))}{draw(_COMMENT)}")
    if draw(st.booleans()):
        flag = draw(st.sampled_from(["true", "no", "On", '"false"', "'yes'", "1", "0"]))
        lines.append(f"published: {flag}{draw(_COMMENT)}")
    if draw(st.booleans()):
        lines.append(f"custom: {draw(_styled(_TEXT))}")
    if draw(st.booleans()):
        typo = draw(st.sampled_from(["categroy", "'topic'", '"excerpts"', "Heat"]))
        lines.append(f"{typo}: {draw(_styled(['news', '7']))}")
    topics = draw(st.lists(_styled(_TEXT), max_size=4))
    if topics and draw(st.booleans()):
        lines.append(f"topics: [{', '.join(topics)}]{draw(_COMMENT)}")
    elif topics:
        lines.append("topics:")
        lines.extend(f"  - {t}{draw(_COMMENT)}" for t in topics)
    for _ in range(draw(st.integers(0, 2))):
        lines.append("images:" if "images:" not in lines else "  # another image")
        lines.append(f"  - url: {draw(_url())}")
        lines.append(f"    isCached: {draw(st.sampled_from(['yes', 'no', 'true', 'On']))}")
        lines.append(f"    width: {draw(st.sampled_from(['800', '1_000', '010']))}")
    for _ in range(draw(st.integers(0, 2))):
        lines.append("related:" if "related:" not in lines else "# more related")
        lines.append(f"  - title: {draw(_styled(_TEXT))}")
        lines.append(f"    webUrl: {draw(_url())}")
        lines.append(f"    publishedDateTime: {draw(_styled(_DATES))}")
        if alias and draw(st.booleans()):
            lines.append("    provider: *p")
    lines.append("---")
    body = draw(st.sampled_from(["", "Body: no\n", "\nhttp://a.com/ +00:00\n---\n"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    text = bom + newline.join(lines) + newline + body.replace("\n", newline)
    return text if draw(st.booleans()) else text.rstrip("\r\n")


def _spans(document: Document, field: str | None) -> list[tuple[int, int]]:
    """Value and key spans of the node whose rendered path is ``field``."""
    from articlelint.diagnostics import render_field

    for path, info in document.nodes.items():
        if render_field(path) == field:
            spans = [(info.value.start, info.value.end)]
            if info.key is not None:
                spans.append((info.key.start, info.key.end))
            return spans
    return []


def _check_round(old: str, new: str, edits: list[Edit]) -> None:
    """Every character outside the edits is the same, in order."""
    position = shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        assert new[position + shift : edit.start + shift] == old[position : edit.start]
        assert new[edit.start + shift : edit.start + shift + len(edit.content)] == edit.content
        shift += len(edit.content) - (edit.end - edit.start)
        position = edit.end
    assert new[position + shift :] == old[position:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.booleans())
def test_fixing_properties(text: str, unsafe: bool) -> None:
    original = load_text(text, "r.md")
    assert isinstance(original, Document), original

    # Round by round: edits stay inside the fixed field's span, the rest is untouched,
    # and the data changes only at the fixed fields.
    ruleset = Linter(CONFIG)
    current, document = text, original
    fixed_fields: set[str | None] = set()
    for _ in range(10):
        report = _lint(document, ruleset)
        chosen: list[Diagnostic] = select_fixes(report.diagnostics, unsafe)
        if not chosen:
            break
        for diagnostic in chosen:
            assert diagnostic.fix is not None
            for edit in diagnostic.fix.edits:
                if edit == Edit(0, 1, ""):
                    assert current.startswith("\ufeff")
                else:
                    assert any(
                        s <= edit.start <= edit.end <= e
                        for s, e in _spans(document, diagnostic.field)
                    )
            fixed_fields.add(diagnostic.field)
        edits = edits_of(chosen)
        new = apply_edits(current, edits)
        _check_round(current, new, edits)
        loaded = load_text(new, "r.md")
        assert isinstance(loaded, Document), loaded
        current, document = new, loaded
    else:
        raise AssertionError("fixes did not settle")

    from articlelint.diagnostics import render_field

    renamed_from = {
        path[:-1]
        for path in original.nodes
        if render_field(path) in fixed_fields and path not in document.nodes
    }
    for path in changed_fields(original.data, document.data):
        if path in original.nodes:
            assert render_field(path) in fixed_fields, path
        else:  # a key that appeared: only as the new name of a renamed (fixed) key
            assert path[:-1] in renamed_from, path

    # The library API agrees with the manual rounds, and fixing again changes nothing.
    fixed, result = fix_text(text, "r.md", unsafe=unsafe, config=CONFIG)
    assert fixed == current
    assert not select_fixes(result.diagnostics, unsafe)
    assert fix_text(fixed, "r.md", unsafe=unsafe, config=CONFIG)[0] == fixed
    outcome = _fix_loop(text, "r.md", ruleset, unsafe).fix
    assert outcome.error is None
    remaining = {(d.code, d.field) for d in result.diagnostics}
    assert not remaining & {(d.code, d.field) for d in outcome.applied}
    # Outside the front matter nothing moved: the body is byte-identical.
    assert fixed.endswith(text[original.front_matter.end :]) if original.front_matter else True
