"""The value classes (named tuples and slotted classes, not dataclasses: see
``articlelint._values``) keep the semantics they had as dataclasses where it matters:
equality is per type, ``Diagnostic`` ignores its fix, construction, ``repr`` and pickling."""

from __future__ import annotations

import pickle

import pytest

from articlelint.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from articlelint.engine import FileReport, LintResult
from articlelint.loading.document import Document, LoadError
from articlelint.rules import Fact, LocatedFact, Problem, Record, Registry
from articlelint.rules.fixes import DeleteBom, FixIntent, QuoteValue, ReplaceKey, ReplaceValue

FIX = Fix("safe", "do it", (Edit(0, 1, "x"),))
DIAGNOSTIC = Diagnostic("AL404", "n", Severity.ERROR, "m", "a.md", 1, 2, 1, 5, "published", FIX)


def test_changes_of_different_kinds_are_never_equal() -> None:
    field = ("webUrl",)
    value, key = ReplaceValue(field, "x"), ReplaceKey(field, "x")
    assert tuple(value) == tuple(key)
    assert value != key
    assert key != value
    assert not value == key  # noqa: SIM201
    assert len({value, key, ReplaceValue(field, "x")}) == 2
    assert value == ReplaceValue(("webUrl",), "x")
    assert hash(value) == hash(ReplaceValue(("webUrl",), "x"))
    assert QuoteValue(field) != (field,)
    assert (field,) != QuoteValue(field)
    assert DeleteBom() == DeleteBom()
    assert hash(DeleteBom()) == hash(DeleteBom())
    assert DeleteBom() != ()
    assert DeleteBom() != QuoteValue(field)
    assert bool(DeleteBom())  # not an empty (false) tuple
    assert FixIntent.safe("m", value) != FixIntent.safe("m", key)
    assert FixIntent.safe("m", value) == FixIntent("m", (value,), "safe")
    assert FixIntent("safe", (), "m") != Fix("safe", (), "m")  # type: ignore[arg-type]


def test_diagnostic_equality_ignores_the_fix_and_the_type_matters() -> None:
    bare = DIAGNOSTIC._replace(fix=None)
    assert bare == DIAGNOSTIC
    assert hash(bare) == hash(DIAGNOSTIC)
    assert not bare != DIAGNOSTIC  # noqa: SIM202
    assert bare != DIAGNOSTIC._replace(line=2)
    assert DIAGNOSTIC != tuple(DIAGNOSTIC)  # noqa: SIM300
    assert tuple(DIAGNOSTIC) != DIAGNOSTIC
    assert len({bare, DIAGNOSTIC}) == 1
    assert DIAGNOSTIC != "AL404"


def test_keyword_and_positional_construction_and_defaults() -> None:
    assert Span(1, 2, 3, 4) == Span(line=1, column=2, end_line=3, end_column=4, start=0, end=0)
    assert Problem("m") == Problem(message="m", field=(), on_key=False, span=None, fix=None)
    assert Fact("k", ("title",)).value is None
    assert LoadError("a.md", "AL001", "m").span == Span(1, 1, 1, 1, 0, 0)
    assert LoadError("a.md", "AL001", "m").text is None
    document = Document("a.md", "t", {}, {})
    assert (document.bom, document.front_matter, document.duplicate_keys) == (False, None, [])
    assert document.ambiguities == []
    assert document.ambiguities is not document.syntax_notes
    assert Document("b.md", "t", {}, {}).duplicate_keys is not document.duplicate_keys
    report = FileReport("a.md")
    assert (report.diagnostics, report.facts, report.suppressions, report.lines) == ([], [], [], {})
    result = LintResult([], 0)
    assert (result.fail_on, result.paths, result.source_lines) == (Severity.ERROR, [], {})
    assert Registry().rules == []
    assert Registry().plugin_errors == []


def test_mutable_records_compare_like_dataclasses() -> None:
    assert Document("a.md", "t", {"a": 1}, {}) == Document("a.md", "t", {"a": 1}, {})
    assert Document("a.md", "t", {"a": 1}, {}) != Document("a.md", "t", {"a": 2}, {})
    assert LintResult([DIAGNOSTIC], 1) == LintResult([DIAGNOSTIC], 1)
    assert LintResult([DIAGNOSTIC], 1) != LintResult([DIAGNOSTIC], 2)
    assert FileReport("a.md") != "a.md"
    record = Record({"a": 1}, "a.md")
    record.memo("k", lambda: 1)
    assert record == Record({"a": 1}, "a.md")  # the memo is not compared
    assert record.memo("k", lambda: 2) == 1
    assert repr(Record({}, "a.md")) == "Record(data={}, path='a.md', document=None)"
    assert repr(LintResult([], 3)) == (
        "LintResult(diagnostics=[], files_checked=3, fail_on=<Severity.ERROR: 'error'>, "
        "paths=[], source_lines={})"
    )
    with pytest.raises(TypeError):
        hash(record)
    with pytest.raises(AttributeError):
        record.other = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [
        DIAGNOSTIC,
        FIX,
        Span(1, 2, 3, 4, 5, 6),
        Problem("m", ("a", 0), True, Span(1, 1, 1, 2), FixIntent.unsafe("m", DeleteBom())),
        LocatedFact("a.md", Fact("k", ("title",), (1, "x")), None),
        LoadError("a.md", "AL002", "m", Span(2, 1, 2, 3, 4, 6), "text"),
        FixIntent.safe("m", ReplaceValue(("a",), 1), QuoteValue(("b",)), ReplaceKey(("c",), "d")),
    ],
)
def test_values_pickle_exactly(value: object) -> None:
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(copy) is type(value)
    assert copy == value
    assert repr(copy) == repr(value)
    if isinstance(value, Diagnostic):
        assert copy.fix == value.fix
