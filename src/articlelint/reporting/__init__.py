"""Reporters: each turns a :class:`~articlelint.engine.LintResult` into text, chosen by name.

Reporters are imported lazily, so a one-file pre-commit run pays only for the one it uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from articlelint.engine.results import LintResult

__all__ = ["FORMATS", "Reporter", "get_reporter"]

#: Format name -> "module:Class".
FORMATS: dict[str, str] = {
    "text": "articlelint.reporting.text:TextReporter",
    "concise": "articlelint.reporting.text:ConciseReporter",
    "json": "articlelint.reporting.json:JsonReporter",
    "sarif": "articlelint.reporting.sarif:SarifReporter",
    "github": "articlelint.reporting.github:GithubReporter",
    "junit": "articlelint.reporting.junit:JunitReporter",
    "html": "articlelint.reporting.html:HtmlReporter",
}


class Reporter(Protocol):
    """Formats a result. ``color`` is only ever true for a terminal."""

    def render(self, result: LintResult) -> str: ...


def get_reporter(
    name: str,
    *,
    color: bool = False,
    group: bool = True,
    output: str | None = None,
    config: Any = None,
    inputs: Sequence[str] | None = None,
    rules_on: Sequence[str] | None = None,
) -> Reporter:
    """The reporter called ``name`` (one of :data:`FORMATS`). ``group=False`` makes
    ``text`` show one block per finding (the other formats always list every finding).
    ``html`` also takes the file it will be written to (``output``: its links to the records
    are relative to that file's folder), and the ``config``, the ``inputs`` and the codes of
    the rules on (``rules_on``) of the run, which it shows; it needs the ``report`` extra,
    and raises
    :class:`~articlelint.reporting.html.MissingReportDependency` without it."""
    try:
        target = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter
    if name == "text":
        reporter = cls(color=color, group=group)
    elif name == "html":
        reporter = cls(output=output, config=config, inputs=inputs, rules_on=rules_on)
    else:
        reporter = cls(color=color)
    return reporter
