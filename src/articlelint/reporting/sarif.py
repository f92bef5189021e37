"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every known rule is in ``tool.driver.rules`` with its documentation as help text; each
finding is a result with its level and a region (1-based lines and columns, counted in
Unicode code points, as articlelint counts them).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from articlelint._version import __version__
from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine.results import LintResult
from articlelint.reporting._json import dumps

__all__ = ["SarifReporter", "sarif_log"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> dict[str, str]:
    return dict(_uri_of(path))  # a copy: the log is the caller's to change


@functools.lru_cache(maxsize=4096)
def _uri_of(path: str) -> dict[str, str]:
    """(Path parsing is slow, and a file with findings usually has several.)"""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    doc = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {
            "enabled": bool(rule.default_enabled),
            "level": _LEVEL[rule.severity],
        },
    }


def _result(d: Diagnostic, index: int | None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": _uri(d.path)}}
    if d.line > 0:
        region = {"startLine": d.line, "startColumn": max(d.column, 1)}
        if d.end_line >= d.line:
            region["endLine"] = d.end_line
            region["endColumn"] = max(d.end_column, 1)
        location["physicalLocation"]["region"] = region
    if d.field:
        location["logicalLocations"] = [{"fullyQualifiedName": d.field, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
    }
    if index is not None:
        result["ruleIndex"] = index
    if d.fix is not None and d.fix.edits:
        result["fixes"] = [_fix(d)]
    return result


def _fix(d: Diagnostic) -> dict[str, Any]:
    """A SARIF ``fix``: the edits as replacements of character ranges (``charOffset`` and
    ``charLength`` count code points, like the offsets articlelint computes)."""
    assert d.fix is not None
    unsafe = " (unsafe: check before applying)" if d.fix.applicability != "safe" else ""
    return {
        "description": {"text": d.fix.message + unsafe},
        "artifactChanges": [
            {
                "artifactLocation": _uri(d.path),
                "replacements": [
                    {
                        "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                        "insertedContent": {"text": e.content},
                    }
                    for e in d.fix.edits
                ],
            }
        ],
        "properties": {"applicability": d.fix.applicability},
    }


def sarif_log(result: LintResult) -> dict[str, Any]:
    from articlelint.rules import registry

    rules = list(registry())
    index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "articlelint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/articlelint/",
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index.get(d.code)) for d in result.diagnostics],
            }
        ],
    }


class SarifReporter:
    def __init__(self, *, color: bool = False) -> None:
        del color

    def render(self, result: LintResult) -> str:
        return dumps(sarif_log(result)) + "\n"
