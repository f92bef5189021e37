"""The version of articlelint, in a module of its own: modules that need it import it from
here, so that nothing inside the package imports the package itself (whose ``__init__`` is
the public API, at the top of the layers; see README "Architecture")."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
