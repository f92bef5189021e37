"""Moved: the result cache is :mod:`articlelint.engine.cache`.

This module is an alias kept for one release after 0.1.0, then removed: it re-exports the
new module's names (and, for reading, any other attribute of it), with a
``DeprecationWarning`` on import. Setting an attribute here does not change the engine's.
"""

from __future__ import annotations

import warnings
from typing import Any

from articlelint.engine import cache as _moved
from articlelint.engine.cache import (
    DEFAULT_CACHE_DIR,
    KEY_FILE,
    Entry,
    ResultCache,
    digest,
    settings_key,
    stamp,
)

__all__ = [
    "DEFAULT_CACHE_DIR",
    "KEY_FILE",
    "Entry",
    "ResultCache",
    "digest",
    "settings_key",
    "stamp",
]

warnings.warn(
    "articlelint.cache is now articlelint.engine.cache; this alias goes in the next release",
    DeprecationWarning,
    stacklevel=2,
)


def __getattr__(name: str) -> Any:
    return getattr(_moved, name)
