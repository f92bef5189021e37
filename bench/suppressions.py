"""What ``--add-suppressions`` costs next to the lint that finds the findings.

    python bench/suppressions.py                     # 5,000 generated records, every one defective
    python bench/suppressions.py --corpus ../shared/corpus --repeat 3

Each repeat copies the records to a fresh folder and times, as separate processes with
``--no-cache``: a lint; ``--add-suppressions`` (the lint plus writing the comments); a second
``--add-suppressions`` (nothing left to add); a lint of the suppressed folder. Prints the
medians (wall and CPU, worker processes included) and the ratios to the first lint.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

RUNS = (
    ("lint", []),
    ("--add-suppressions", ["--add-suppressions"]),
    ("--add-suppressions again", ["--add-suppressions"]),
    ("lint after", []),
)


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "articlelint", "--no-cache", "--format", "concise", *args, "."],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="records to copy (default: generated)")
    parser.add_argument("--count", type=int, default=5000, help="records to generate")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        source = args.corpus
        if source is None:
            from generate import generate

            source = Path(scratch) / "source"
            generate(source, args.count, defect_share=1.0)
        files = sum(1 for p in source.rglob("*") if p.is_file())
        times: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in RUNS}
        for _ in range(args.repeat):
            work = Path(scratch) / "work"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(source, work)
            for name, extra in RUNS:
                times[name].append(timed(extra, work))
        load = os.getloadavg()[0]
        print(f"{files} files ({source}), {os.cpu_count()} cores, median of {args.repeat}, "
              f"load average {load:.1f} at the end:\n")  # fmt: skip
        print("| run | wall | vs lint | CPU | vs lint |")
        print("|---|---:|---:|---:|---:|")
        base_wall = statistics.median(w for w, _ in times["lint"])
        base_cpu = statistics.median(c for _, c in times["lint"])
        for name, _ in RUNS:
            wall = statistics.median(w for w, _ in times[name])
            cpu = statistics.median(c for _, c in times[name])
            print(f"| {name} | {wall:.2f} s | {wall / base_wall:.2f} | {cpu:.2f} s | "
                  f"{cpu / base_cpu:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
