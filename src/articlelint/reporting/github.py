"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::message``; values are escaped
as the runner expects (``%``, CR and LF everywhere; also ``:`` and ``,`` in properties).
Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given.
"""

from __future__ import annotations

from articlelint.diagnostics import Diagnostic, Severity
from articlelint.engine.results import LintResult

__all__ = ["GithubReporter", "escape_data", "escape_property"]

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [("file", d.path)]
    if d.line > 0:
        props += [("line", str(d.line)), ("col", str(d.column))]
        if d.end_line > 0:
            props += [("endLine", str(d.end_line)), ("endColumn", str(d.end_column))]
    props.append(("title", f"{d.code} {d.name}"))
    where = f" [{d.field}]" if d.field else ""
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_LEVEL[d.severity]} {rendered}::{escape_data(d.message + where)}"


class GithubReporter:
    def __init__(self, *, color: bool = False) -> None:
        del color

    def render(self, result: LintResult) -> str:
        return "".join(annotation(d) + "\n" for d in result.diagnostics)
