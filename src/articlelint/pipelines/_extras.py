"""The optional extras the adapters need, imported when an adapter is called."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtra", "require"]


class MissingExtra(ImportError):
    """An adapter was called without the packages of its extra; says what to install."""


#: What each extra installs (pyproject.toml's optional dependencies, as pip spells them).
PACKAGES = {
    "dask": "'dask[dataframe,distributed]' pyarrow",
    "spark": "'pyspark[sql]' pyarrow",
}


def require(extra: str, *modules: str) -> list[ModuleType]:
    """Import ``modules``, or raise :class:`MissingExtra` saying what to install."""
    loaded = []
    for name in modules:
        try:
            loaded.append(importlib.import_module(name))
        except ImportError as exc:
            raise MissingExtra(
                f"`articlelint.{extra}` needs {name.split('.')[0]}, which is not installed: "
                f"install articlelint's `{extra}` extra (in a clone: `pip install "
                f"'.[{extra}]'`), or `pip install {PACKAGES.get(extra, name)}`"
            ) from exc
    return loaded
