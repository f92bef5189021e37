"""The optional extras the adapters need, imported when an adapter is called."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtra", "require"]


class MissingExtra(ImportError):
    """An adapter was called without the packages of its extra; says what to install."""


def require(extra: str, *modules: str) -> list[ModuleType]:
    """Import ``modules``, or raise :class:`MissingExtra` naming ``articlelint[extra]``."""
    loaded = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError as exc:
            raise MissingExtra(
                f"`articlelint.{extra}` needs {name.split('.')[0]}, which is not installed: "
                f'install the extra with `pip install "articlelint[{extra}]"` (from your '
                f"articlelint clone or its git URL)"
            ) from exc
    return loaded
