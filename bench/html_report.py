"""Size and render time of the HTML report of a folder at real size.

    python bench/html_report.py                      # 5,000 generated records, ~85,000 findings
    python bench/html_report.py --corpus ../shared/corpus
    python bench/html_report.py --count 5000 --repeat 3 --keep /tmp/report-bench

The generated folder is bench/generate.py's (``--defects`` of the records with one defect
of their own), with defects then copied into the ``related`` lists the way real folders
copy one bad source story into every record that cites it: a pool of bad values (an
``http://`` link, an HTML entity or a tracking parameter in a URL, blanks around a title,
a date without a time zone), each related story taking one from the pool with the
``--related-share`` probabilities. On a real 5,000-record folder 92 % of the findings sat
in such copies, and this gives the same shape (about 85,000 findings, 7,000 distinct).

Prints: the records and findings (from ``--format json``), the distinct problems, the time
``articlelint --format html`` takes next to ``--format json`` (separate processes,
``--no-cache``), the report's size, and in headless Chromium (tests/browser.py) the time
from navigation to the page's script having drawn the list (``articlelint-ready`` mark)
and to the load event, median of ``--repeat``; also what the page requested besides
itself and what it logged (both must be empty).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

#: Bad related stories in the pool the records copy from.
POOL = 7_000
#: What is wrong with a pooled story (one or, for every other story, two of these).
_SPOIL = ("http", "entity", "tracking", "blank-title", "no-timezone")


def _items(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, stop)`` line ranges of the related stories of one record's lines."""
    try:
        first = lines.index("related:") + 1
    except ValueError:
        return []
    end = lines.index("---", first)
    starts = [i for i in range(first, end) if lines[i].startswith("  - ")]
    return list(zip(starts, [*starts[1:], end], strict=True))


def _spoil(item: list[str], how: str) -> list[str]:
    out = []
    for line in item:
        if how == "http" and line.startswith("    webUrl: "):
            line = line.replace("https://", "http://")
        elif how == "entity" and line.startswith("    webUrl: "):
            line = line[:-1] + '?a=1&#038;b=2"'
        elif how == "tracking" and line.startswith("    webUrl: "):
            line = line[:-1] + '?utm_source=feed"'
        elif how == "blank-title" and line.startswith("  - title: "):
            line = line.replace('title: "', 'title: "  ', 1)
        elif how == "no-timezone" and line.startswith("    publishedDateTime: "):
            line = line.rstrip("Z")
        out.append(line)
    return out


def copy_defects(folder: Path, *, seed: int, share: float) -> None:
    """Replace a ``share`` of the related stories of every record in ``folder`` by copies
    of bad stories from one pool (a few copied most), each copy keeping the ``quality`` of
    the story it replaces (so the list stays in order)."""
    rng = random.Random(seed)
    paths = sorted(folder.glob("*.md"))
    pool: list[list[str]] = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        for start, stop in _items(lines):
            if len(pool) < POOL:
                n = len(pool)
                item = _spoil(lines[start:stop], _SPOIL[n % len(_SPOIL)])
                if n % 2 == 0:
                    item = _spoil(item, _SPOIL[(n + 2) % len(_SPOIL)])
                pool.append(item)
        if len(pool) >= POOL:
            break
    weights = [1 / (k + 1) ** 0.8 for k in range(len(pool))]
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        for start, stop in reversed(_items(lines)):
            if rng.random() >= share:
                continue
            (copy,) = rng.choices(pool, weights)
            quality = next(line for line in lines[start:stop] if line.startswith("    quality: "))
            lines[start:stop] = [
                quality if line.startswith("    quality: ") else line for line in copy
            ]
        path.write_text("\n".join(lines), encoding="utf-8")


def run(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "articlelint", "--no-cache", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start, proc


def render_times(
    report: Path, repeat: int
) -> tuple[list[float], list[float], list[float], list[str], list[Any]]:
    from tests.browser import launch, load

    painted: list[float] = []
    ready: list[float] = []
    loaded: list[float] = []
    others: list[str] = []
    console: list[Any] = []
    with launch() as browser:
        for _ in range(repeat):
            page = load(browser, report)
            marks = page.page.evaluate(
                "() => [performance.getEntriesByName('articlelint-ready')[0].startTime,"
                " performance.getEntriesByType('navigation')[0].loadEventEnd,"
                " (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime]"
            )
            ready.append(marks[0] / 1000)
            loaded.append(marks[1] / 1000)
            painted.append((marks[2] or 0) / 1000)
            others += [url for url in page.requests if url != report.resolve().as_uri()]
            console += page.console
            page.page.close()
    return painted, ready, loaded, others, console


def reporter_times(folder: Path) -> tuple[float, float]:
    """Seconds to render the finished result as JSON and as HTML, in this process."""
    sys.path.insert(0, str(ROOT / "src"))
    from articlelint import lint_paths
    from articlelint.config import Config
    from articlelint.reporting import get_reporter

    result = lint_paths([str(folder)], Config())
    times = []
    for name in ("json", "html"):
        reporter = get_reporter(name, output=str(folder.parent / "report.html"))
        start = time.perf_counter()
        reporter.render(result)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="records to report on (default: generated)")
    parser.add_argument("--count", type=int, default=5000, help="records to generate")
    parser.add_argument("--defects", type=float, default=0.1, help="generate.py --defects")
    parser.add_argument(
        "--related-share", type=float, default=0.76, help="share of related stories replaced"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep the records and report in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        if args.corpus is not None:
            folder = args.corpus.resolve()
        else:
            folder = work / "records"
            generate(folder, args.count, seed=1, defect_share=args.defects)
            copy_defects(folder, seed=2, share=args.related_share)
        report = work / "report.html"
        json_time, proc = run(["--format", "json", str(folder)], work)
        result = json.loads(proc.stdout)
        html_time, proc = run(["--format", "html", "--output", str(report), str(folder)], work)
        if proc.returncode not in (0, 1):
            sys.exit(proc.stderr.decode())
        text = report.read_text(encoding="utf-8")
        marker = 'id="report-data">'
        data = json.loads(text[text.index(marker) + len(marker) : text.index("</script>")])
        painted, ready, loaded, others, console = render_times(report, args.repeat)
        json_render, html_render = reporter_times(folder)
        size = report.stat().st_size
        print(f"records: {result['files_checked']:,}")
        print(f"findings: {len(result['diagnostics']):,} ({result['summary']})")
        print(f"distinct problems: {len(data['problems']):,}")
        print(
            f"articlelint --format json: {json_time:.2f} s; --format html: {html_time:.2f} s "
            f"(of which rendering the result: json {json_render:.2f} s, html {html_render:.2f} s)"
        )
        print(f"report: {size / 1e6:.2f} MB ({size:,} bytes)")
        print(
            f"Chromium, median of {args.repeat}: first paint {statistics.median(painted):.2f} s, "
            f"list drawn {statistics.median(ready):.2f} s, load event "
            f"{statistics.median(loaded):.2f} s after navigation "
            f"(all: {', '.join(f'{t:.2f}' for t in ready)})"
        )
        print(f"requests besides the page: {len(others)}; console messages: {len(console)}")
        for item in [*others, *console][:10]:
            print(f"  {item}")


if __name__ == "__main__":
    main()
