"""Parquet files through the CLI and the library: one record a row, findings at the row
(`line` = the 1-based row number, `column` 0) with the field path; table values read as
the record they stand for (a null is an absent field, a map a mapping, a timestamp its
RFC 3339 text)."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
from pathlib import Path

import pytest

from articlelint import lint_paths
from articlelint.cli import main
from articlelint.loading.records import plain_value
from tests.conftest import findings
from tests.test_json_input import STORY


def test_plain_values_of_tables() -> None:
    utc = dt.timezone.utc
    row = {
        "title": "x",
        "excerpt": None,  # a null column: the field is absent
        "quality": float("nan"),  # pandas' null
        "published": dt.datetime(2022, 6, 21, 16, 58, tzinfo=utc),
        "local": dt.datetime(2022, 6, 21, 16, 58, 0, 5),
        "day": dt.date(2022, 6, 21),
        "heat": decimal.Decimal("70"),
        "ratio": decimal.Decimal("1.5"),
        "ratings": [("count", 3), ("average", 4.5)],  # an Arrow map
        "topics": ("AI", None),
        "blob": b"text",
    }
    assert plain_value(row) == {
        "title": "x",
        "published": "2022-06-21T16:58:00+00:00",
        "local": "2022-06-21T16:58:00.000005",
        "day": "2022-06-21",
        "heat": 70,
        "ratio": 1.5,
        "ratings": {"count": 3, "average": 4.5},
        "topics": ["AI", None],
        "blob": "text",
    }


def test_numpy_and_pandas_values() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    row = {
        "topics": np.array(["AI", "Cloud"], dtype=object),
        "quality": np.int64(70),
        "published": pd.Timestamp("2022-06-21T16:58:00Z"),
        "missing": pd.NaT,
        "na": pd.NA,
    }
    assert plain_value(row) == {
        "topics": ["AI", "Cloud"],
        "quality": 70,
        "published": "2022-06-21T16:58:00+00:00",
    }


def test_a_parquet_file_is_checked_row_by_row(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [
        STORY,
        dict(STORY, webUrl="http://www.zdnet.com/article/other/", excerpt="  padded"),
        dict(STORY, publishedDateTime="2022-06-21T16:58:00", quality=-1),
    ]
    path = tmp_path / "records.parquet"
    table = pa.Table.from_struct_array(pa.array(rows))  # the keys of every row
    pq.write_table(table, path, row_group_size=2)
    result = lint_paths([path])
    assert findings(result.diagnostics) == [
        ("AL509", 1, 0, "webUrl"),
        ("AL202", 2, 0, "webUrl"),
        ("AL601", 2, 0, "excerpt"),
        ("AL105", 3, 0, "quality"),
        ("AL302", 3, 0, "publishedDateTime"),
        ("AL509", 3, 0, "webUrl"),
    ]
    assert "also in `" + str(path) + "` (line 3)" in result.diagnostics[0].message
    out = io.StringIO()
    assert main(["--no-cache", "--format", "json", str(path)], stdout=out) == 1
    assert [d["line"] for d in json.loads(out.getvalue())["diagnostics"]] == [1, 2, 2, 3, 3, 3]
    out = io.StringIO()
    assert main(["--no-cache", str(path)], stdout=out) == 1  # the text report shows no source
    assert f"{path}:2:0: AL202" in out.getvalue()


def test_a_broken_parquet_file_is_al001(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    [error] = lint_paths([path]).diagnostics
    assert error.code == "AL001"
    assert error.message.startswith("not a readable Parquet file: ")


def test_without_pyarrow_the_finding_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    path = tmp_path / "records.parquet"
    path.write_bytes(b"PAR1")
    [error] = lint_paths([path]).diagnostics
    assert (error.code, error.message) == (
        "AL001",
        "reading Parquet needs pyarrow, which is not installed: `pip install pyarrow` (or "
        "articlelint's `parquet` extra)",
    )
