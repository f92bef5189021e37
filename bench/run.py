"""Benchmark articlelint against the alternatives, on the same files, in one invocation.

    python bench/run.py                          # a generated 2,000-record corpus
    python bench/run.py --corpus ../shared/corpus --repeat 5
    python bench/generate.py --count 10000 --defects 1.0 /tmp/d10k
    python bench/run.py --corpus ../shared/corpus --corpus /tmp/d10k --repeat 5 --slow-repeat 1

With several ``--corpus`` folders, each gets its tables, then one table of the targets
(issue 17) for all of them, from the same run.

Runs (each ``--repeat`` times, as separate processes; the table shows medians):

* articlelint cold (a fresh cache folder each time), warm (the cache filled by a previous run,
  nothing changed) and ``--jobs 1 --no-cache``;
* check-jsonschema with ``schemas/article.schema.json`` on ``.yaml`` copies of the front matter
  (it cannot read front matter itself);
* the naive python-frontmatter + pydantic loop (``bench/naive.py``);
* the floors: reading every file and running libyaml's event parser over the front matter
  (``bench/floor.py``, the parser articlelint's loader uses), and reading every file and
  parsing its front matter with rapidyaml, building nothing (``bench/floor_ryml.py``);
* one-file runs (the pre-commit case): articlelint, ``python -c "import yaml"`` and
  check-jsonschema on one record.

Wall time is the median; the spread column is (max - min) / median, to show how noisy the
machine was; CPU time (user + system, worker processes included) is less sensitive to other
load on the machine. Peak memory is the largest resident set of the process (``wait4``; worker
processes count separately, each is smaller than the parent's peak here).
Needs ``pip install -e '.[bench]'`` (check-jsonschema, rapidyaml); runs the checkout's ``src``
(build the compiled loader first: ``pip install -e .``; the table says which loader ran).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SCHEMA = ROOT / "schemas" / "article.schema.json"
SUFFIXES = (".md", ".txt", ".markdown")
#: check-jsonschema gets at most this many files per invocation (argument length limits).
BATCH = 2000


@dataclass
class Timing:
    name: str
    walls: list[float]
    peak_kb: int
    files: int
    mb: float
    cpus: list[float]

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def spread(self) -> float:
        return (max(self.walls) - min(self.walls)) / self.wall if self.wall else 0.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def _run_once(commands: Sequence[Sequence[str]]) -> tuple[float, int, float]:
    """Wall time of running ``commands`` one after the other, the largest peak RSS (KB) and
    the CPU time (user + system, worker processes included)."""
    peak = 0
    cpu = 0.0
    start = time.perf_counter()
    for command in commands:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"benchmark command failed ({process.returncode}): {command[:4]}...")
        peak = max(peak, usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, peak, cpu


def measure(
    name: str,
    commands: Callable[[int], Sequence[Sequence[str]]],
    repeat: int,
    files: int,
    mb: float,
) -> Timing:
    walls: list[float] = []
    cpus: list[float] = []
    peak = 0
    for attempt in range(repeat):
        wall, rss, cpu = _run_once(commands(attempt))
        walls.append(wall)
        cpus.append(cpu)
        peak = max(peak, rss)
    timing = Timing(name, walls, peak, files, mb, cpus)
    print(f"  {name}: {timing.wall:.3f} s (spread {timing.spread:.0%})", file=sys.stderr)
    return timing


def _front_matter(text: str) -> str:
    if not text.startswith("---"):
        return text
    end = text.find("\n---", 3)
    return text[text.index("\n") + 1 : end + 1] if end > 0 else text


def yaml_copies(files: list[Path], corpus: Path) -> list[Path]:
    """``.yaml`` copies of each record's front matter (made once per corpus)."""
    folder = OUT / "yaml" / f"{corpus.resolve().name}-{abs(hash(str(corpus.resolve()))):x}"
    copies: list[Path] = []
    for path in files:
        target = folder / path.relative_to(corpus).with_suffix(".yaml")
        if not target.exists() or target.stat().st_mtime < path.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_bytes().decode("utf-8", errors="replace")
            target.write_text(_front_matter(text), encoding="utf-8")
        copies.append(target)
    return copies


def table(rows: list[Timing], baseline: Timing, title: str) -> str:
    lines = [
        f"| {title} | wall (median) | spread | files/s | MB/s | peak RSS | vs articlelint "
        "| CPU (median) | CPU vs articlelint |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = row.wall / baseline.wall
        lines.append(
            f"| {row.name} | {row.wall:.3f} s | {row.spread:.0%} | "
            f"{row.files / row.wall:,.0f} | {row.mb / row.wall:.1f} | "
            f"{row.peak_kb / 1024:.0f} MB | {ratio:.2f} | {row.cpu:.3f} s | "
            f"{row.cpu / baseline.cpu:.2f} |"
        )
    return "\n".join(lines)


def _loading_path() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "articlelint", "--version"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        check=False,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "unknown"


def _corpus_files(corpus: Path | None, count: int) -> tuple[Path, list[Path]]:
    if corpus is None:
        corpus = OUT / f"corpus-{count}"
        manifest = corpus / "manifest.json"
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import GENERATOR_VERSION, generate

        known = json.loads(manifest.read_text()) if manifest.exists() else {}
        if known.get("count") != count or known.get("generator") != GENERATOR_VERSION:
            generate(corpus, count)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    if not files:
        raise SystemExit(f"no records ({', '.join(SUFFIXES)}) under {corpus}")
    return corpus, files


def bench_corpus(
    corpus: Path, files: list[Path], args: argparse.Namespace
) -> tuple[str, dict[str, Timing], list[Timing], list[Timing]]:
    """Every measurement on one folder: (header, rows by name, rows, one-file rows)."""
    mb = sum(p.stat().st_size for p in files) / 1e6
    n = len(files)
    print(f"{n} files, {mb:.1f} MB in {corpus}; {os.cpu_count()} cores", file=sys.stderr)

    py = sys.executable
    lint = [py, "-m", "articlelint", "--exit-zero"]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    scratch = Path(tempfile.mkdtemp(prefix="articlelint-bench-"))
    warm_dir = scratch / "warm"
    _run_once([[*lint, *jobs, "--cache-dir", str(warm_dir), str(corpus)]])  # fill it
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    slow = args.slow_repeat or args.repeat

    rows = [
        measure(
            "articlelint (cold)",
            lambda i: [[*lint, *jobs, "--cache-dir", str(scratch / f"cold{i}"), str(corpus)]],
            args.repeat,
            n,
            mb,
        ),
        measure(
            "articlelint (warm cache)",
            lambda i: [[*lint, *jobs, "--cache-dir", str(warm_dir), str(corpus)]],
            args.repeat,
            n,
            mb,
        ),
        measure(
            "articlelint --jobs 1 --no-cache",
            lambda i: [[*lint, "--jobs", "1", "--no-cache", str(corpus)]],
            args.repeat,
            n,
            mb,
        ),
    ]
    one_rows: list[Timing] = []
    one = files[0]
    if not args.only_articlelint:
        copies = yaml_copies(files, corpus)
        batches = [copies[i : i + BATCH] for i in range(0, len(copies), BATCH)]
        checker = [py, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
        rows += [
            measure(
                "check-jsonschema (.yaml copies)",
                lambda i: [[*checker, *map(str, b)] for b in batches],
                slow,
                n,
                mb,
            ),
            measure(
                "python-frontmatter + pydantic loop",
                lambda i: [[py, str(ROOT / "bench" / "naive.py"), str(corpus)]],
                slow,
                n,
                mb,
            ),
            measure(
                "floor: read + libyaml parse",
                lambda i: [[py, str(ROOT / "bench" / "floor.py"), str(corpus)]],
                args.repeat,
                n,
                mb,
            ),
            measure(
                "floor: read + bare rapidyaml parse",
                lambda i: [[py, str(ROOT / "bench" / "floor_ryml.py"), str(corpus)]],
                args.repeat,
                n,
                mb,
            ),
        ]
        one_mb = one.stat().st_size / 1e6
        one_repeat = max(args.repeat, 7)
        one_rows = [
            measure(
                "articlelint one file",
                lambda i: [[*lint, "--no-cache", str(one)]],
                one_repeat,
                1,
                one_mb,
            ),
            measure(
                'python -c "import yaml"', lambda i: [[py, "-c", "import yaml"]], one_repeat, 1, 0
            ),
            measure(
                "check-jsonschema one file",
                lambda i: [[*checker, str(copies[0])]],
                one_repeat,
                1,
                one_mb,
            ),
        ]
    header = (
        f"{n} files, {mb:.1f} MB ({corpus}), {os.cpu_count()} cores, median of {args.repeat} "
        f"(check-jsonschema and the pydantic loop: {slow}), load average {load:.1f} at the start"
    )
    by_name = {row.name: row for row in rows + one_rows}
    return header, by_name, rows, one_rows


#: Issue 17's targets: (what, numerator row, denominator row, the limit of their ratio, the
#: direction: "max" means the ratio must not exceed the limit).
TARGETS = (
    ("cold >= 20x faster than check-jsonschema", "check-jsonschema (.yaml copies)",
     "articlelint (cold)", 20.0, "min"),
    ("warm <= 5 % of cold", "articlelint (warm cache)", "articlelint (cold)", 0.05, "max"),
    ('one file <= 2x `python -c "import yaml"`', "articlelint one file",
     'python -c "import yaml"', 2.0, "max"),
    ("cold within 10x of the bare rapidyaml parse", "articlelint (cold)",
     "floor: read + bare rapidyaml parse", 10.0, "max"),
)  # fmt: skip


def targets_table(results: list[tuple[str, dict[str, Timing]]]) -> str:
    """Each target, and whether each folder's run reached it (wall-time medians)."""
    names = [name for name, _ in results]
    lines = [
        "| target | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for what, top, bottom, limit, direction in TARGETS:
        cells = []
        for _name, rows in results:
            if top not in rows or bottom not in rows:
                cells.append("not measured")
                continue
            ratio = rows[top].wall / rows[bottom].wall
            ok = ratio >= limit if direction == "min" else ratio <= limit
            shown = f"{ratio:.1%}" if limit < 1 else f"{ratio:.1f}x"
            detail = f"{rows[top].wall:.3f} s / {rows[bottom].wall:.3f} s"
            cells.append(f"{'**yes**' if ok else 'no'}: {shown} ({detail})")
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark articlelint (see module docstring).")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="folder of records (repeatable; default: generated)",
    )
    parser.add_argument("--count", type=int, default=2000, help="records to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument(
        "--slow-repeat",
        type=int,
        help="runs of check-jsonschema and the pydantic loop (default: --repeat)",
    )
    parser.add_argument("--jobs", type=int, help="articlelint --jobs for the cold/warm runs")
    parser.add_argument(
        "--only-articlelint", action="store_true", help="skip the other tools (memory checks)"
    )
    args = parser.parse_args(argv)

    loading = _loading_path()
    results: list[tuple[str, dict[str, Timing]]] = []
    for corpus in args.corpus or [None]:
        folder, files = _corpus_files(corpus, args.count)
        header, by_name, rows, one_rows = bench_corpus(folder, files, args)
        print(f"\n{header}; {loading}:\n")
        print(table(rows, rows[0], "run"))
        if one_rows:
            print()
            print(table(one_rows, one_rows[0], "one file"))
        results.append((f"{len(files)} files", by_name))
    print("\nTargets (issue 17), wall-time medians of this run:\n")
    print(targets_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
