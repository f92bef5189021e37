"""Benchmark the pipeline entry points on the same JSON Lines records: serial
``lint_records``, Dask on a ``distributed.LocalCluster`` (2 workers) and Spark
``local[2]``.

    python bench/pipelines.py --count 1000000            # all three, on 1,000,000 records
    python bench/pipelines.py --count 20000 --modes serial,dask

The records (``bench/out/records-<count>.jsonl``, written once and reused) come from
:func:`json_record`: the record model of ``bench/generate.py`` (the same providers, words,
topics, 0-180 related stories, images, AMP pairs) as JSON, one a line; a known share (10 %)
carries one defect of ``generate.DEFECTS`` (the YAML syntax error is a broken JSON line).
The same arguments always give the same bytes.

Each mode runs in its own process, reads the file itself (serial: line by line; Dask:
``dask.bag.read_text``; Spark: ``spark.read.text``, a column of JSON texts), names each
record by the first 16 hex digits of the SHA-1 of its line (the same id in every mode), and
reduces its findings to a count and an order-independent digest (the sum, modulo 2**64, of
a hash of each finding), computed where the findings are (on the workers): the three must
agree. Peak memory is sampled (every 0.2 s, with psutil) for every process of the mode's
process tree: the driver, and the largest worker (Dask workers; Spark's JVM and its Python
workers). Needs the ``dask`` and ``spark`` extras and Java.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py: the record model)

#: Bumped whenever the records change.
RECORDS_VERSION = 1


def _image(rng: random.Random, base: str) -> dict[str, Any]:
    width = rng.randint(300, 4000)
    return {
        "url": f"{base}/wp-content/uploads/{rng.randint(2016, 2023)}/{generate._slug(rng)}.jpg",
        "width": width,
        "height": int(width * rng.uniform(0.4, 1.0)),
        "isCached": True,
    }


def json_record(rng: random.Random, defect: str | None = None) -> str:
    """One record as a line of JSON (without the line break), as ``generate.record``
    builds it in YAML."""
    name, domain, base = rng.choice(generate.PROVIDERS)
    slug = generate._slug(rng)
    published = generate._date(rng)
    when = dt.datetime.strptime(published, "%Y-%m-%dT%H:%M:00Z")
    url = f"{base}/article/{slug}/"
    quality = rng.randint(10, 110)
    record: dict[str, Any] = {
        "category": "news",
        "title": generate._words(rng, 6, 12).capitalize()[:100],
        "excerpt": f"{generate._words(rng, 20, 45)} ...",
        "publishedDateTime": published,
        "originalUrl": url,
        "webUrl": url,
        "type": "article",
        "quality": quality,
        "heat": quality + rng.randint(0, 60),
        "published": True,
        "provider": {"name": name, "domain": domain},
        "topics": rng.sample(generate.TOPICS, rng.randint(1, 3)),
        "images": [_image(rng, base)],
    }
    count = generate._related_count(rng)
    related = []
    for item_quality in sorted((rng.randint(10, 110) for _ in range(count)), reverse=True):
        other, other_domain, other_base = rng.choice(generate.PROVIDERS)
        other_slug = generate._slug(rng)
        story: dict[str, Any] = {
            "title": generate._words(rng, 6, 14).capitalize(),
            "excerpt": generate._words(rng, 15, 40),
            "publishedDateTime": generate._date(rng, when),
            "webUrl": f"{other_base}/article/{other_slug}/",
        }
        if rng.random() < 0.3:
            amp = f"{other_base}/google-amp/article/{other_slug}/"
            host = other_base.split("//", 1)[1].replace(".", "-")
            story["ampWebUrl"] = amp
            story["cdnAmpWebUrl"] = f"https://{host}.cdn.ampproject.org/c/s/{amp.split('//', 1)[1]}"
        story["type"] = "article"
        story["provider"] = {"name": other, "domain": other_domain}
        story["quality"] = item_quality
        if rng.random() < 0.6:
            story["images"] = [_image(rng, other_base)]
        related.append(story)
    if related:
        record["related"] = related
    if defect == "yaml-syntax-error":  # the JSON twin: a line cut short
        text = json.dumps(record, ensure_ascii=False)
        return text[: len(text) // 2]
    if defect is not None:
        _apply(record, defect)
    return json.dumps(record, ensure_ascii=False)


def _apply(record: dict[str, Any], defect: str) -> None:
    if defect == "insecure-url":
        record["webUrl"] = record["webUrl"].replace("https://", "http://")
    elif defect == "missing-timezone":
        record["publishedDateTime"] = record["publishedDateTime"].rstrip("Z")
    elif defect == "unpublished":
        record["published"] = False
    elif defect == "wrong-type":
        record["quality"] = "70"
    elif defect == "missing-title":
        del record["title"]
    elif defect == "bad-url":
        record["webUrl"] = record["webUrl"].replace("https://", "")
    elif defect == "yes-no-flag":
        record["published"] = "yes"
    else:  # pragma: no cover - DEFECTS lists them all
        raise ValueError(defect)


def json_lines(count: int, *, seed: int = 0, defect_share: float = 0.1) -> Iterator[str]:
    """``count`` records as JSON lines (without line breaks); deterministic."""
    rng = random.Random(seed)
    for _ in range(count):
        defect = rng.choice(generate.DEFECTS) if rng.random() < defect_share else None
        yield json_record(rng, defect)


def records_file(count: int, seed: int = 0) -> Path:
    """The JSON Lines file of ``count`` records, written on first use."""
    path = OUT / f"records-{count}-s{seed}-v{RECORDS_VERSION}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with open(partial, "w", encoding="utf-8") as handle:
            for line in json_lines(count, seed=seed):
                handle.write(line + "\n")
        partial.rename(path)
    return path


# --------------------------------------------------------------------------- the modes


def record_id(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()[:16]


def finding_hash(finding: Iterable[Any]) -> int:
    """A 64-bit hash of one finding (its six fields), the same in every process."""
    text = json.dumps(list(finding), ensure_ascii=False)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


MASK = (1 << 64) - 1


def run_serial(path: Path) -> tuple[int, int]:
    from articlelint import lint_records

    count = digest = 0
    with open(path, encoding="utf-8") as handle:
        lines, for_ids = itertools.tee(line.rstrip("\n") for line in handle)
        for finding in lint_records(lines, ids=map(record_id, for_ids)):
            count += 1
            digest = (digest + finding_hash(finding)) & MASK
    return count, digest


def run_dask(path: Path) -> tuple[int, int]:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from articlelint.dask import lint_bag

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        lines = db.read_text(str(path), blocksize="32MiB").map(str.rstrip, "\n")
        findings = lint_bag(lines.map(lambda line: (record_id(line), line)))
        hashes = findings.map(lambda f: finding_hash(f.values()))
        count, total = db.compute(hashes.count(), hashes.sum())[0:2]
    return int(count), int(total) & MASK


def run_spark(path: Path) -> tuple[int, int]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession, functions

    from articlelint.spark import lint_dataframe

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        text = spark.read.text(str(path))
        df = text.select(functions.substring(functions.sha1("value"), 1, 16).alias("id"), "value")
        findings = lint_dataframe(df, "id")
        hashes = findings.rdd.map(lambda row: finding_hash(tuple(row)))
        count, total = hashes.map(lambda h: (1, h)).fold(
            (0, 0), lambda a, b: (a[0] + b[0], (a[1] + b[1]) & MASK)
        )
    finally:
        spark.stop()
    return count, total


MODES = {"serial": run_serial, "dask": run_dask, "spark": run_spark}


def _child(mode: str, path: Path) -> None:
    """Run one mode in this process and print its result as JSON."""
    started = time.perf_counter()
    count, digest = MODES[mode](path)
    print(
        json.dumps(
            {
                "findings": count,
                "digest": f"{digest:016x}",
                "seconds": time.perf_counter() - started,
            }
        )
    )


def _measure(mode: str, path: Path) -> dict[str, Any]:
    """Run ``mode`` in a child process; sample the memory of its whole process tree."""
    import psutil

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    peaks: dict[int, tuple[str, int]] = {}
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(child.pid)
        while not done.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    name = " ".join(process.cmdline()[:3])
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                old = peaks.get(process.pid, ("", 0))
                peaks[process.pid] = (name, max(old[1], rss))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{mode} failed with status {child.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    driver = peaks.pop(child.pid, ("", 0))[1]
    workers = sorted((rss for _, rss in peaks.values()), reverse=True)
    return {
        "mode": mode,
        "load": round(os.getloadavg()[1], 2),  # 5-minute load average at the end: 2 cores
        "wall": wall,
        "findings": result["findings"],
        "digest": result["digest"],
        "driver_mib": driver / 2**20,
        "worker_mib": (workers[0] / 2**20) if workers else 0.0,
        "processes": 1 + len(workers),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="number of records")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--modes", default="serial,dask,spark", help="comma-separated")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    started = time.perf_counter()
    path = records_file(args.count, args.seed)
    size = path.stat().st_size
    print(
        f"{args.count:,} records, {size / 2**30:.2f} GiB of JSON Lines ({path.name}, "
        f"written or found in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    rows = []
    for mode in args.modes.split(","):
        row = _measure(mode, path)
        rows.append(row)
        print(json.dumps(row), flush=True)
    serial = next((r for r in rows if r["mode"] == "serial"), None)
    print()
    print(
        "| mode | wall (s) | records/s | vs serial | peak driver (MiB) | peak worker (MiB) "
        "| findings | digest |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        ratio = f"{serial['wall'] / row['wall']:.2f}x" if serial else "-"
        worker = f"{row['worker_mib']:,.0f}" if row["processes"] > 1 else "-"
        print(
            f"| {row['mode']} | {row['wall']:,.0f} | {args.count / row['wall']:,.0f} | {ratio} | "
            f"{row['driver_mib']:,.0f} | {worker} | {row['findings']:,} | `{row['digest']}` |"
        )
    same = len({(r["findings"], r["digest"]) for r in rows}) == 1
    print(f"\nsame findings in every mode: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
