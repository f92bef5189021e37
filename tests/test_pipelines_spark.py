"""Spark (local mode, one session for the module): the findings are exactly those of the
serial `lint_records` run, for a column of JSON texts and for nested records read from
Parquet, in the fixed findings schema."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

if shutil.which("java") is None:
    pytest.skip("Spark needs Java, and there is no `java` here", allow_module_level=True)
pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

from articlelint.pipelines import Finding
from articlelint.spark import FINDINGS_SCHEMA, lint_dataframe
from tests.pipeline_data import rows, serial, serial_of_table, table_rows


@pytest.fixture(scope="module")
def spark() -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("articlelint-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def collected(df: Any) -> list[Finding]:
    return sorted(Finding(*row) for row in df.collect())


def test_json_texts_give_the_serial_findings_in_the_fixed_schema(spark: Any) -> None:
    ids, lines, paths = rows()
    df = spark.createDataFrame(
        list(zip(ids, lines, paths, strict=True)), "id string, value string, path string"
    ).repartition(5)
    found = lint_dataframe(df, "id", path_column="path")
    assert found.schema.simpleString() == (
        "struct<record_id:string,code:string,name:string,severity:string,field:string,"
        "message:string>"
    )
    assert [f.nullable for f in found.schema.fields] == [False, False, False, False, True, False]
    assert collected(found) == serial()


def test_nested_records_from_parquet_give_the_serial_findings(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids, records = table_rows()
    rows = [{"id": i, **r} for i, r in zip(ids, records, strict=True)]
    table = pa.Table.from_struct_array(pa.array(rows))  # the keys of every row
    pq.write_table(table, tmp_path / "records.parquet", row_group_size=400)
    df = spark.read.parquet(str(tmp_path / "records.parquet"))
    assert df.schema["related"].dataType.typeName() == "array"
    assert collected(lint_dataframe(df, "id")) == serial_of_table()


def test_rows_without_an_id_column_get_one(spark: Any) -> None:
    df = spark.createDataFrame([("A title", 70), ("B", -5)], "title string, quality long")
    found = collected(lint_dataframe(df))
    assert len({f.record_id for f in found}) == 2  # monotonically_increasing_id() of each row
    assert all(f.record_id.isdigit() for f in found)
    assert [(f.code, f.field) for f in found if f.code == "AL105"] == [("AL105", "quality")]


def test_the_schema_constant_is_the_schema(spark: Any) -> None:
    df = spark.createDataFrame([("x", '{"title": 1}')], "id string, value string")
    found = lint_dataframe(df, "id")
    expected = spark.createDataFrame([], FINDINGS_SCHEMA).schema
    assert found.schema == expected
