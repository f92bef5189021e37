"""Lazy re-exports for a package's ``__init__`` (PEP 562 module ``__getattr__``).

``import articlelint`` must stay cheap (pre-commit start-up), and importing a pydantic-free
submodule such as :mod:`articlelint.models.precheck` must not import pydantic through its
package, so both packages name their exports here and load each on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], names: Sequence[str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name in ``exports`` is
    imported from its module on first use and then kept in ``namespace`` (the package's
    ``globals()``); ``names`` is the package's ``__all__``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
