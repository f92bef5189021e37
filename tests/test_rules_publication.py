"""AL403 publication-state-conflict: exact code, line, column and field (LF and CRLF)."""

from __future__ import annotations

import pytest

from articlelint import lint_record, lint_text
from tests.conftest import VALID, Lint, crlf, replace_line


def variant(heat: str, published: str | None) -> str:
    text = replace_line(VALID, "heat: 70", f"heat: {heat}")
    if published is None:
        return replace_line(text, "published: true", "")
    return replace_line(text, "published: true", f"published: {published}")


@pytest.mark.parametrize(
    ("heat", "published"),
    [("70", "true"), ("70", "false"), ("-1", "false"), ("0", "false"), ("70", None)],
)
def test_consistent_states(lint: Lint, heat: str, published: str | None) -> None:
    assert lint(variant(heat, published), "AL403") == []


@pytest.mark.parametrize("crlf_file", [False, True], ids=["lf", "crlf"])
def test_withdrawn_but_published(lint: Lint, crlf_file: bool) -> None:
    text = variant("-1", "true")
    text = crlf(text) if crlf_file else text
    assert lint(text, "AL403") == [("AL403", 11, 12, "published")]
    [diagnostic] = [d for d in lint_text(text).diagnostics if d.code == "AL403"]
    assert diagnostic.message == (
        "`heat: -1` marks a withdrawn story, but `published: true` shows it; set "
        "`published: false`, or give `heat` a real score"
    )


def test_withdrawn_without_a_flag(lint: Lint) -> None:
    assert lint(variant("-1", None), "AL403") == [("AL403", 10, 7, "heat")]
    assert lint(crlf(variant("-1", None)), "AL403") == [("AL403", 10, 7, "heat")]


def test_malformed_flags_are_left_to_al404(lint: Lint) -> None:
    # `published: yes` is true only in YAML 1.1, `"true"` is text: AL404 reports them.
    assert lint(variant("-1", "yes"), "AL403", "AL404") == [("AL404", 11, 12, "published")]
    assert lint(variant("-1", '"true"'), "AL403", "AL404") == [("AL404", 11, 12, "published")]


def test_heat_that_is_not_a_number(lint: Lint) -> None:
    assert lint(variant("true", "true"), "AL403") == []
    assert lint(variant('"-1"', "true"), "AL403") == []


def test_without_a_file() -> None:
    data = {"heat": -1, "published": True}
    found = [(d.code, d.field) for d in lint_record(data).diagnostics if d.code == "AL403"]
    assert found == [("AL403", "published")]


# --- AL401 unpublished-record ----------------------------------------------------------


def al401(text: str) -> list[tuple[str, str, int, int]]:
    return [
        (d.severity.value, d.message, d.line, d.column)
        for d in lint_text(text).diagnostics
        if d.code == "AL401"
    ]


def test_unpublished_is_info_by_default_and_asks_to_publish_a_draft() -> None:
    assert al401(variant("70", "false")) == [
        (
            "info",
            "record has `published: false`, so the story will not be shown; set "
            "`published: true` when it is ready, or remove the record",
            11,
            12,
        )
    ]


def test_a_withdrawn_record_is_not_asked_to_be_published() -> None:
    assert al401(variant("-1", "false")) == [
        (
            "info",
            "record is withdrawn (`published: false` with `heat: -1`), so the story is not "
            "shown; nothing to change if that is intended, or delete the record",
            11,
            12,
        )
    ]
    removed = replace_line(
        variant("70", "false"), "published: false", "published: false\nremoved: true"
    )
    assert [message for _, message, _, _ in al401(removed)] == [
        "record is withdrawn (`published: false` with `removed: true`), so the story is not "
        "shown; nothing to change if that is intended, or delete the record"
    ]


def test_unpublished_severity_can_be_raised() -> None:
    from articlelint.config import Config
    from articlelint.diagnostics import Severity

    config = Config(severity={"unpublished-record": "warning"})
    [found] = lint_text(variant("70", "false"), config=config).diagnostics
    assert (found.code, found.severity) == ("AL401", Severity.WARNING)
