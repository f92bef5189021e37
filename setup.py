"""The optional compiled loading path (README "Speed"): ``articlelint.loading._yamlc``, C over
libyaml's event API. Everything else is declared in pyproject.toml.

The extension is optional: without a C compiler or libyaml's headers (Debian/Ubuntu:
``apt-get install libyaml-dev``) the build prints a warning and goes on, and articlelint runs
its pure-Python loader (``articlelint --version`` says which). ``ARTICLELINT_PURE_PYTHON=1``
at build time skips the extension altogether.
"""

from __future__ import annotations

import os
import zlib

from setuptools import Extension, setup

_SOURCE = "src/articlelint/loading/_yamlc.c"


def _source_crc() -> int:
    with open(_SOURCE, "rb") as handle:
        return zlib.crc32(handle.read()) & 0x7FFFFFFF  # fits a C long everywhere


def _extensions() -> list[Extension]:
    if os.environ.get("ARTICLELINT_PURE_PYTHON", "") not in ("", "0"):
        return []
    return [
        Extension(
            "articlelint.loading._yamlc",
            sources=[_SOURCE],
            libraries=["yaml"],
            # What the loader compares with the source beside the module (stale builds).
            define_macros=[("ARTICLELINT_SOURCE_CRC", str(_source_crc()))],
            optional=True,
        )
    ]


setup(ext_modules=_extensions())
