"""The engine: checking records, one at a time or a folder at once. Its modules, bottom
to top (each imports only those below it; ``lint-imports`` enforces it, see README
"Architecture"):

- :mod:`~articlelint.engine.results`: the values that come out (``FileReport``,
  ``RecordSummary``, ``Suppression``, ``LintResult``); :mod:`~articlelint.engine._pool`:
  process counts, start method, collector thresholds;
- :mod:`~articlelint.engine.ruleset`: what is on, with what severity and options;
- :mod:`~articlelint.engine.suppressions`: suppression comments, ``AL901``;
- :mod:`~articlelint.engine.check`: checking one record (pure: no I/O, no processes);
- :mod:`~articlelint.engine.project`: cross-record rules, finishing many reports;
- :mod:`~articlelint.engine.discovery` and :mod:`~articlelint.engine.cache`: which files a
  run checks, and the result cache;
- :mod:`~articlelint.engine.runner`: running many (discovery, workers, cache);
- :mod:`~articlelint.engine.linter`: ``Linter``, the one way in, and ``lint_paths``,
  ``lint_text``, ``lint_record``.

The names below are exported lazily, so importing one module of the engine (a reporter
needs only ``results``) does not import the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports

__all__ = [
    "JEKYLL_CONFIGS",
    "JEKYLL_NON_RECORD_DIRS",
    "JEKYLL_RECORDS",
    "PARALLEL_MIN_FILES",
    "RECORD_PATH",
    "STDIN",
    "STDIN_NAME",
    "ActiveRule",
    "FileReport",
    "LintResult",
    "Linter",
    "RecordSummary",
    "RuleSet",
    "Suppression",
    "check_loaded",
    "discover",
    "lint_paths",
    "lint_record",
    "lint_text",
]

if TYPE_CHECKING:
    from articlelint.engine._pool import PARALLEL_MIN_FILES
    from articlelint.engine.check import RECORD_PATH, check_loaded
    from articlelint.engine.discovery import (
        JEKYLL_CONFIGS,
        JEKYLL_NON_RECORD_DIRS,
        JEKYLL_RECORDS,
        STDIN,
        STDIN_NAME,
        discover,
    )
    from articlelint.engine.linter import Linter, lint_paths, lint_record, lint_text
    from articlelint.engine.results import FileReport, LintResult, RecordSummary, Suppression
    from articlelint.engine.ruleset import ActiveRule, RuleSet

_LAZY = {
    "PARALLEL_MIN_FILES": "articlelint.engine._pool",
    "RECORD_PATH": "articlelint.engine.check",
    "check_loaded": "articlelint.engine.check",
    "JEKYLL_CONFIGS": "articlelint.engine.discovery",
    "JEKYLL_NON_RECORD_DIRS": "articlelint.engine.discovery",
    "JEKYLL_RECORDS": "articlelint.engine.discovery",
    "STDIN": "articlelint.engine.discovery",
    "STDIN_NAME": "articlelint.engine.discovery",
    "discover": "articlelint.engine.discovery",
    "Linter": "articlelint.engine.linter",
    "lint_paths": "articlelint.engine.linter",
    "lint_record": "articlelint.engine.linter",
    "lint_text": "articlelint.engine.linter",
    "FileReport": "articlelint.engine.results",
    "LintResult": "articlelint.engine.results",
    "RecordSummary": "articlelint.engine.results",
    "Suppression": "articlelint.engine.results",
    "ActiveRule": "articlelint.engine.ruleset",
    "RuleSet": "articlelint.engine.ruleset",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
