"""Per-record cost of the pure-Python pre-check against pydantic's validation.

    PYTHONPATH=src python bench/precheck.py [FOLDER] [--repeat N]

Loads every ``*.md`` record under FOLDER (default ``../shared/corpus``), then times, best
of N passes: ``conforms`` on every record, pydantic's ``model_validate`` on every record,
and both on the records pydantic accepts; plus one record with 180 related stories.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from articlelint.loading import load_text
from articlelint.models import model_for
from articlelint.models.precheck import conforms


def _validate(data: Any) -> bool:
    try:
        model_for(data).model_validate(data)
    except ValidationError:
        return False
    return True


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=Path(__file__).parents[2] / "shared/corpus")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    records = []
    for path in sorted(Path(args.folder).rglob("*.md")):
        loaded = load_text(path.read_text("utf-8"), path.name)
        if isinstance(getattr(loaded, "data", None), dict):
            records.append(loaded.data)  # type: ignore[union-attr]
    valid = [data for data in records if _validate(data)]
    accepted = sum(map(conforms, records))
    print(f"{len(records)} records, {len(valid)} valid, pre-check accepts {accepted}")
    for label, group in (("all records", records), ("valid records", valid)):
        pre = _best(lambda group=group: [conforms(d) for d in group], args.repeat)
        pyd = _best(lambda group=group: [_validate(d) for d in group], args.repeat)
        n = len(group)
        print(
            f"{label}: pre-check {pre / n * 1e6:.1f} µs/record, "
            f"pydantic {pyd / n * 1e6:.1f} µs/record"
        )
    big = copy.deepcopy(max(valid, key=lambda d: len(d.get("related") or [])))
    big["related"] = (big["related"] * 200)[:180]
    pre = min(timeit.repeat(lambda: conforms(big), number=20, repeat=args.repeat)) / 20
    pyd = min(timeit.repeat(lambda: _validate(big), number=20, repeat=args.repeat)) / 20
    print(f"180 related stories: pre-check {pre * 1e6:.0f} µs, pydantic {pyd * 1e6:.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
