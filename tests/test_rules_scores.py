"""AL801 heat-below-quality and AL802 malformed-secured: exact code, line, column and field
(LF and CRLF), and the strict base64 reading of `secured`."""

from __future__ import annotations

import base64

import pytest

from articlelint import lint_text
from articlelint.rules.scores import secured_problem
from tests.conftest import VALID, Lint, crlf, replace_line

IV = base64.b64encode(bytes(range(16))).decode()
PAYLOAD = base64.b64encode(b"x" * 48).decode()
GOOD = f"{PAYLOAD};{IV}"


def with_secured(value: str) -> str:
    """VALID with a last top-level field `secured` (line 36, value at column 10)."""
    assert VALID.endswith("\n---\n")
    return VALID[: -len("---\n")] + f'secured: "{value}"\n---\n'


def message(text: str, code: str) -> str:
    [diagnostic] = [d for d in lint_text(text).diagnostics if d.code == code]
    return diagnostic.message


# --- AL801 heat-below-quality -----------------------------------------------------------


@pytest.mark.parametrize("heat", ["70", "71", "500", "-1"])
def test_heat_at_or_above_quality(lint: Lint, heat: str) -> None:
    assert lint(replace_line(VALID, "heat: 70", f"heat: {heat}"), "AL801") == []


@pytest.mark.parametrize("heat", ["0", "69"])
def test_heat_below_quality(lint: Lint, heat: str) -> None:
    text = replace_line(VALID, "heat: 70", f"heat: {heat}")
    assert lint(text, "AL801") == [("AL801", 10, 7, "heat")]
    assert lint(crlf(text), "AL801") == [("AL801", 10, 7, "heat")]
    assert message(text, "AL801") == (
        f"`heat` ({heat}) is below `quality` (70); heat starts at the quality and only "
        "grows: check both scores"
    )


def test_heat_below_quality_needs_both_numbers(lint: Lint) -> None:
    assert lint(replace_line(VALID, "quality: 70", ""), "AL801") == []
    assert lint(replace_line(VALID, "heat: 70", 'heat: "1"'), "AL801") == []
    assert lint(replace_line(VALID, "quality: 70", "quality: true"), "AL801") == []


def test_related_quality_is_not_compared(lint: Lint) -> None:
    text = replace_line(VALID, "    quality: 68", "    quality: 99")
    assert lint(text, "AL801") == []


# --- AL802 malformed-secured ------------------------------------------------------------


def test_secured_helper_places_the_field_last(lint: Lint) -> None:
    text = with_secured(GOOD)
    assert text.splitlines()[35] == f'secured: "{GOOD}"'
    assert lint(text, "AL802", "AL102", "AL103") == []
    assert lint(crlf(text), "AL802") == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (IV, "has 0 `;` separators; it must be two base64 texts separated by one `;`"),
        (f"{PAYLOAD};{IV};{IV}", "has 2 `;` separators; it must be two base64 texts separated by one `;`"),
        (f";{IV}", "has an empty ciphertext"),
        (f"{PAYLOAD};", "has an empty initialisation vector"),
        (f"{PAYLOAD[:-1]};{IV}", "has a ciphertext that is not valid base64 (only `A-Z a-z 0-9 + /`, with `=` padding to a multiple of 4 characters)"),
        (f"{PAYLOAD};{IV.rstrip('=')}", "has a initialisation vector that is not valid base64 (only `A-Z a-z 0-9 + /`, with `=` padding to a multiple of 4 characters)"),
        (f"{PAYLOAD[:8]} {PAYLOAD[8:]};{IV}", "has a ciphertext that is not valid base64 (only `A-Z a-z 0-9 + /`, with `=` padding to a multiple of 4 characters)"),
        (f"{PAYLOAD};{IV.replace('A', '-')}", "has a initialisation vector that is not valid base64 (only `A-Z a-z 0-9 + /`, with `=` padding to a multiple of 4 characters)"),
        (f"{PAYLOAD};{base64.b64encode(bytes(12)).decode()}", "has a 12-byte initialisation vector; it must be 16 bytes"),
        (f"{PAYLOAD};{PAYLOAD}", "has a 48-byte initialisation vector; it must be 16 bytes"),
    ],
)  # fmt: skip
def test_malformed_secured(lint: Lint, value: str, problem: str) -> None:
    assert secured_problem(value) == problem
    text = with_secured(value)
    assert lint(text, "AL802", "AL104") == [("AL802", 36, 10, "secured")]
    assert lint(crlf(text), "AL802") == [("AL802", 36, 10, "secured")]
    assert message(text, "AL802") == f"`secured` {problem}; copy the value again from its source"


def test_empty_secured_is_like_no_secured(lint: Lint) -> None:
    # `secured` is optional: empty, it is the field left out (see AL104).
    assert lint(with_secured(""), "AL802", "AL104") == []
    assert lint(with_secured(" "), "AL802", "AL104") == []


def test_secured_of_the_corpus_shape() -> None:
    real = (
        "gCmI1Tak/Ubyjw1FM1p6E6nygLWZP7HJ6gjaWj1JoJVfrDRB1bPN2XjuEisEPWrqsBYw05DY8Bq5CaKxhvoQ3bvU2A8"
        "SiqATHGQ8XfJeD6s5RQaqw4JZUwDhEl9ld/UWaM/ZiI5r5ZALIhUFH2nOHyCyh3IkAG3aJ+EWqfzjBwh8w4ZlmV0cC+"
        "645KbpxoFyZAm4SWl1TcwIE0Aof/enjqr6mLAIauWcRhR1mzrvYW0fz/83UsIU9bAHB/CH0g/YxxCxQpoJe2DhEN6V"
        "IhKLES9fFRTAaMQzwtxqB3RHGlV0odIeHGNKfGoe+TqeWjjW1f77ujR5O2DWCApkLbIEeFF7WZCVNs12a2o8GPVCk/o"
        "=;Grs51Eq4oDDzx2fQfLUIHA=="
    )
    assert secured_problem(real) is None


def test_huge_numbers_are_shown_short() -> None:
    from articlelint import lint_record
    from articlelint.rules._format import show_number

    assert show_number(999_999_999_999) == "999999999999"
    assert show_number(-(10**12)) == "a negative 13-digit number"
    assert show_number(10**500) == "a 501-digit number"
    result = lint_record({"quality": 10**500, "heat": 10**499})
    [diagnostic] = [d for d in result.diagnostics if d.code == "AL801"]
    assert diagnostic.message.startswith(
        "`heat` (a 500-digit number) is below `quality` (a 501-digit number);"
    )
