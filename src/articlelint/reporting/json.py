"""``--format json``: one JSON object, the shape documented in the README."""

from __future__ import annotations

from typing import Any

from articlelint._version import __version__
from articlelint.engine.results import LintResult
from articlelint.reporting._json import dumps

__all__ = ["JsonReporter", "result_to_dict"]


def result_to_dict(result: LintResult) -> dict[str, Any]:
    return {
        "version": __version__,
        "files_checked": result.files_checked,
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "summary": result.summary,
    }


class JsonReporter:
    def __init__(self, *, color: bool = False) -> None:
        del color

    def render(self, result: LintResult) -> str:
        return dumps(result_to_dict(result)) + "\n"
