"""The regression folder: nasty inputs, each with the diagnostics it must give.

``tests/regressions/NAME`` is an input file (its suffix matters: ``.md`` needs front matter,
``.yaml`` is a bare record); ``NAME.expected`` lists its diagnostics, one per line, as
``CODE LINE:COLUMN FIELD`` (``-`` for no field), in output order. Crashes found by the
fuzzers become files here. To write the ``.expected`` of a new input (then review it!)::

    ARTICLELINT_WRITE_EXPECTED=1 python -m pytest tests/test_regressions.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from articlelint import lint_paths
from tests.invariants import check_lint_result, result_key

FOLDER = Path(__file__).parent / "regressions"
INPUTS = sorted(p for p in FOLDER.iterdir() if p.suffix != ".expected")


def _render(path: Path) -> tuple[list[str], object]:
    result = lint_paths([path])
    lines = [f"{d.code} {d.line}:{d.column} {d.field or '-'}" for d in result.diagnostics]
    return lines, result


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_regression_input(path: Path, fast_path: str) -> None:
    """Each input, through each YAML fast path (pure Python and compiled)."""
    lines, result = _render(path)
    expected_file = path.with_name(path.name + ".expected")
    if os.environ.get("ARTICLELINT_WRITE_EXPECTED"):
        expected_file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    assert expected_file.exists(), f"{expected_file.name} is missing"
    assert lines == expected_file.read_text(encoding="utf-8").splitlines()
    data = path.read_bytes()
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    check_lint_result(result, text, str(path))  # type: ignore[arg-type]
    assert result_key(lint_paths([path])) == result_key(result)  # type: ignore[arg-type]


def test_the_whole_folder_in_one_run() -> None:
    """Linted together, every input appears in the result, with the same findings."""
    result = lint_paths([FOLDER])
    assert result.files == [str(p) for p in INPUTS]
    assert result.internal_errors == 0
    assert result.exit_code == 1


def test_nothing_was_executed() -> None:
    """The `!!python/...` inputs would create this file if a tag were ever executed."""
    marker = Path("/tmp/articlelint-pwned")
    marker.unlink(missing_ok=True)
    result = lint_paths([p for p in INPUTS if p.name.startswith("python-")])
    assert {d.code for d in result.diagnostics} == {"AL003"}
    assert not marker.exists()
