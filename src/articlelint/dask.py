"""Dask adapters: ``articlelint.dask.lint_bag`` and ``articlelint.dask.lint_dataframe``
(see :mod:`articlelint.pipelines.dask`). Needs the ``dask`` extra:
``pip install "articlelint[dask]"``."""

from articlelint.pipelines.dask import FINDING_COLUMNS, lint_bag, lint_dataframe

__all__ = ["FINDING_COLUMNS", "lint_bag", "lint_dataframe"]
