"""What must hold for the result of linting *any* input: shared by the hypothesis suite,
the regression folder, the corpus mutation run and the atheris fuzz target.

Each check raises ``AssertionError`` with a message that says which invariant broke.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from articlelint.config import Config
from articlelint.diagnostics import Diagnostic, FieldPath, render_field
from articlelint.engine import LintResult
from articlelint.loading import Document, load_text, split_lines

__all__ = [
    "FIXED_CLOCK",
    "check_diagnostic_positions",
    "check_lint_result",
    "check_positions",
    "field_paths",
    "result_key",
    "tree_shape",
]


#: The configuration for determinism checks: `future-date` (AL304) compares with the
#: wall clock and prints it, so two runs a second apart differ unless `now` is fixed.
FIXED_CLOCK = Config(options={"future-date": {"now": "2026-01-01T00:00:00Z"}})


def tree_shape(tree: Any) -> object:
    """Everything a loaded YAML tree or document carries (node order included): what the
    loading paths (compiled, pure-Python events, reference) must agree on."""
    return (
        tree.data,
        list(tree.nodes.items()),
        tree.ambiguities,
        tree.duplicate_keys,
        tree.syntax_notes,
    )


def result_key(result: LintResult) -> list[dict[str, Any]]:
    """Everything a reporter would print, in order (for determinism checks)."""
    return [d.to_dict() for d in result.diagnostics]


def field_paths(data: Any, prefix: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every (path, value) in a record, the root included."""
    yield prefix, data
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from field_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from field_paths(value, (*prefix, index))


def check_positions(result: LintResult, text: str, path: str) -> None:
    """Every diagnostic on ``path`` points inside ``text`` (1-based, YAML's line breaks)."""
    check_diagnostic_positions([d for d in result.diagnostics if d.path == path], text)


def check_diagnostic_positions(diagnostics: Iterable[Diagnostic], text: str) -> None:
    """Each of ``diagnostics`` (all on one file holding ``text``) points inside it."""
    lines = split_lines(text)
    for d in diagnostics:
        path = d.path
        where = f"{d.code} at {d.line}:{d.column}-{d.end_line}:{d.end_column} in {path!r}"
        assert 1 <= d.line <= len(lines), f"line out of range: {where} ({len(lines)} lines)"
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, f"column out of range: {where}"
        assert d.line <= d.end_line <= len(lines), f"end line out of range: {where}"
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, f"end column: {where}"
        if d.end_line == d.line:
            assert d.end_column >= d.column, f"span ends before it starts: {where}"


def _check_fields(result: LintResult, document: Document, path: str) -> None:
    present: dict[str | None, Any] = {}
    for field_path, value in field_paths(document.data):
        present[render_field(field_path)] = value
    for d in result.diagnostics:
        if d.path != path or d.field is None or d.field in present:
            continue
        # A missing field: its parent must be a mapping that exists in the record.
        parent = d.field.rsplit(".", 1)[0] if "." in d.field else None
        assert isinstance(present.get(parent), Mapping), (
            f"{d.code} names field {d.field!r}, which is not in the record and whose parent "
            f"{parent!r} is not a mapping in it"
        )


def check_lint_result(
    result: LintResult,
    text: str | None,
    path: str,
    *,
    allow_internal_errors: bool = False,
) -> None:
    """The invariants of one single-file result. ``text`` is the decoded file (``None``
    when it is not valid text: then only the position of line 1 is meaningful)."""
    assert result.files == [path], f"file missing from the result: {result.files} != {[path]}"
    assert result.files_checked == 1
    assert all(d.path == path for d in result.diagnostics), "diagnostic on another path"
    if not allow_internal_errors:
        internal = [d.message for d in result.diagnostics if d.code == "AL000"]
        assert not internal, f"internal error (a bug): {internal}"
    assert result.exit_code in ((0, 1, 2) if allow_internal_errors else (0, 1))
    assert result.diagnostics == sorted(result.diagnostics, key=lambda d: d.sort_key())
    if text is None:
        return
    check_positions(result, text, path)
    loaded = load_text(text, path)
    if isinstance(loaded, Document):
        _check_fields(result, loaded, path)
