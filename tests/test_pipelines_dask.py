"""Dask: on a `distributed.LocalCluster` (2 worker processes) and on the synchronous
scheduler, the findings are exactly those of the serial `lint_records` run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from articlelint import lint_records  # noqa: E402
from articlelint.dask import FINDING_COLUMNS, lint_bag, lint_dataframe  # noqa: E402
from articlelint.pipelines import Finding  # noqa: E402
from tests.pipeline_data import rows, serial, serial_of_table, table_rows  # noqa: E402

# The tests without a client come first: a module's client, once made, serves them all.


def test_lint_bag_runs_on_any_scheduler() -> None:
    ids, lines, paths = rows()
    bag = db.from_sequence(list(zip(ids, lines, paths, strict=True)), npartitions=3)
    assert as_findings(lint_bag(bag).compute(scheduler="sync")) == serial()
    # Records without ids are named by their place in the bag.
    unnamed = lint_bag(db.from_sequence(['{"title": 3}', "{}"], npartitions=2))
    assert sorted({d["record_id"] for d in unnamed.compute(scheduler="sync")}) == ["0:0", "1:0"]


def test_the_row_index_names_records_without_an_id_column() -> None:
    frame = pd.DataFrame({"title": ["A title", "   "], "quality": [70, -5]})
    found = lint_dataframe(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert ("1", "AL105", "quality") in {(r.record_id, r.code, r.field) for r in found.itertuples()}


@pytest.fixture(scope="module")
def client() -> Any:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def as_findings(dicts: list[dict[str, Any]]) -> list[Finding]:
    assert all(list(d) == list(FINDING_COLUMNS) for d in dicts)
    return sorted(Finding(**d) for d in dicts)


def test_lint_bag_on_a_local_cluster_equals_the_serial_run(client: Any) -> None:
    ids, lines, paths = rows()
    # (id, JSON text, path) triples, in 7 partitions: the twin stories and the collection
    # and its item sit in different partitions.
    bag = db.from_sequence(list(zip(ids, lines, paths, strict=True)), npartitions=7)
    assert as_findings(lint_bag(bag).compute()) == serial()


def test_lint_dataframe_of_json_texts_equals_the_serial_run(client: Any) -> None:
    ids, lines, paths = rows()
    frame = pd.DataFrame({"id": ids, "value": lines, "path": paths})
    found = lint_dataframe(dd.from_pandas(frame, npartitions=5), "id", path_column="path")
    assert list(found.columns) == list(FINDING_COLUMNS)
    computed = found.compute()
    assert as_findings(computed.to_dict("records")) == serial()


def test_lint_dataframe_of_nested_records_from_parquet(client: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids, records = table_rows()
    rows = [{"id": i, **r} for i, r in zip(ids, records, strict=True)]
    table = pa.Table.from_struct_array(pa.array(rows))  # the keys of every row
    assert pa.types.is_list(table.schema.field("related").type)  # structs in lists
    for index, start in enumerate(range(0, len(records), 500)):
        pq.write_table(table.slice(start, 500), tmp_path / f"part-{index}.parquet")
    frame = dd.read_parquet(str(tmp_path))
    found = lint_dataframe(frame, "id").compute()
    assert as_findings(found.to_dict("records")) == serial_of_table()


def test_integer_columns_with_nulls_stay_integers(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"title": "A", "quality": 70}, {"title": "B", "quality": None}]
    pq.write_table(pa.Table.from_struct_array(pa.array(rows)), tmp_path / "r.parquet")
    frame = dd.read_parquet(str(tmp_path / "r.parquet"))  # pandas makes 70.0 of 70 here
    found = lint_dataframe(frame).compute()
    assert "AL103" not in set(found["code"])
    assert sorted(found.to_dict("records"), key=str) == sorted(
        (f.to_dict() for f in lint_records([{"title": "A", "quality": 70}, {"title": "B"}])),
        key=str,
    )
