"""AL007 byte-order-mark: exact positions, in LF and CRLF files, and its fix helper."""

from __future__ import annotations

import pytest

from articlelint import lint_record, lint_text
from articlelint.rules.files import strip_bom
from tests.conftest import VALID, Lint, crlf

BOM = "\ufeff"


@pytest.mark.parametrize("text", [VALID, crlf(VALID)], ids=["lf", "crlf"])
def test_no_bom_is_clean(lint: Lint, text: str) -> None:
    assert lint(text, "AL007") == []


@pytest.mark.parametrize("text", [BOM + VALID, BOM + crlf(VALID)], ids=["lf", "crlf"])
def test_bom_before_front_matter(lint: Lint, text: str) -> None:
    # The BOM is the first character of line 1; everything else stays where it was.
    assert lint(text, "AL007", "AL601", "AL002") == [("AL007", 1, 1, None)]
    [diagnostic] = [d for d in lint_text(text).diagnostics if d.code == "AL007"]
    assert (diagnostic.end_line, diagnostic.end_column) == (1, 2)
    assert diagnostic.message == (
        "the file starts with a UTF-8 byte-order mark (U+FEFF) before the front matter; "
        "save it as UTF-8 without BOM"
    )
    assert lint(text, "AL401", "AL102") == lint(VALID, "AL401", "AL102")


def test_bom_in_bare_yaml_file(lint: Lint) -> None:
    body = VALID.split("---\n")[1]
    text = BOM + body
    assert lint(text, "AL007", path="record.yaml") == [("AL007", 1, 1, None)]
    [diagnostic] = [d for d in lint_text(text, "r.yaml").diagnostics if d.code == "AL007"]
    assert "before the front matter" not in diagnostic.message


def test_bom_elsewhere_is_not_this_rule(lint: Lint) -> None:
    # A U+FEFF inside a value is a text problem (AL601 trims it), not a file BOM.
    text = VALID.replace('title: "Microsoft', f'title: "{BOM}Microsoft', 1)
    assert lint(text, "AL007") == []
    assert lint(text, "AL601") == [("AL601", 3, 8, "title")]


def test_no_file_no_bom() -> None:
    codes = {d.code for d in lint_record({"title": BOM + "x"}).diagnostics}
    assert "AL101" in codes
    assert "AL007" not in codes


def test_strip_bom() -> None:
    assert strip_bom(BOM + "---\n") == "---\n"
    assert strip_bom("---\n") == "---\n"
    assert strip_bom(BOM + BOM + "x") == BOM + "x"  # one mark, once
