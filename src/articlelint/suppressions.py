"""Moved: suppression comments are :mod:`articlelint.engine.suppressions` (finding and
applying them, ``AL901``) and :mod:`articlelint.fixing.suppress` (``--add-suppressions``).

This module is an alias kept for one release after 0.1.0, then removed: it re-exports the
names of both (and, for reading, any other attribute of either), with a
``DeprecationWarning`` on import.
"""

from __future__ import annotations

import warnings
from typing import Any

from articlelint.engine import suppressions as _parsing
from articlelint.engine.results import Suppression
from articlelint.engine.suppressions import UNUSED_CODE, apply_suppressions, parse_suppressions
from articlelint.fixing import suppress as _adding
from articlelint.fixing.suppress import AddResult, add_suppressions, suppressed_text, suppressible

__all__ = [
    "UNUSED_CODE",
    "AddResult",
    "Suppression",
    "add_suppressions",
    "apply_suppressions",
    "parse_suppressions",
    "suppressed_text",
    "suppressible",
]

warnings.warn(
    "articlelint.suppressions is now articlelint.engine.suppressions (parsing, AL901) and "
    "articlelint.fixing.suppress (--add-suppressions); this alias goes in the next release",
    DeprecationWarning,
    stacklevel=2,
)


def __getattr__(name: str) -> Any:
    for module in (_parsing, _adding):
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
