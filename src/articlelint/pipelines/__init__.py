"""Records in pipelines: records held as data (mappings, JSON strings, DataFrame rows)
checked in a stream (:func:`lint_records`), on Dask (:mod:`articlelint.dask`) and on Spark
(:mod:`articlelint.spark`), with findings in one schema (:class:`Finding`).

A front-end on top of the engine (the engine never imports it). Dask, Spark and pyarrow
are optional extras, imported only when their adapter is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports

__all__ = ["FINDING_COLUMNS", "Finding", "lint_records"]

if TYPE_CHECKING:
    from articlelint.pipelines.records import FINDING_COLUMNS, Finding, lint_records

_LAZY = {
    "FINDING_COLUMNS": "articlelint.pipelines.records",
    "Finding": "articlelint.pipelines.records",
    "lint_records": "articlelint.pipelines.records",
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
