"""Spark adapter: ``articlelint.spark.lint_dataframe`` (see
:mod:`articlelint.pipelines.spark`). Needs the ``spark`` extra:
``pip install "articlelint[spark]"`` (and Java for Spark itself)."""

from articlelint.pipelines.spark import FINDING_COLUMNS, FINDINGS_SCHEMA, lint_dataframe

__all__ = ["FINDINGS_SCHEMA", "FINDING_COLUMNS", "lint_dataframe"]
