"""``--format junit``: JUnit XML for CI test reporters (Jenkins, GitLab, Azure, ...).

One ``<testsuite>`` for the run, one ``<testcase>`` per checked file (its name is the path;
a clean file is a passing test case), one ``<failure>`` per finding.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from articlelint.diagnostics import Diagnostic
from articlelint.engine.results import LintResult

__all__ = ["JunitReporter"]


def _failure_text(d: Diagnostic) -> str:
    where = f" [{d.field}]" if d.field else ""
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}{where}"


class JunitReporter:
    def __init__(self, *, color: bool = False) -> None:
        del color

    def render(self, result: LintResult) -> str:
        by_path: dict[str, list[Diagnostic]] = {path: [] for path in result.paths}
        for d in result.diagnostics:
            by_path.setdefault(d.path, []).append(d)
        failures = len(result.diagnostics)
        tests = len(by_path)
        counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "time": "0"}
        root = ET.Element("testsuites", {"name": "articlelint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "articlelint", **counts, "skipped": "0"})
        for path, diagnostics in by_path.items():
            case = ET.SubElement(
                suite, "testcase", {"classname": "articlelint", "name": path, "time": "0"}
            )
            for d in diagnostics:
                failure = ET.SubElement(
                    case,
                    "failure",
                    {"message": f"{d.code} {d.message}", "type": f"{d.code} {d.name}"},
                )
                failure.text = _failure_text(d)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
