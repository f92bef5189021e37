"""Take the README's screenshot of the HTML report (docs/report.png).

    python docs/screenshot.py [FOLDER] [--output docs/report.png]

Renders ``articlelint --format html`` for FOLDER (default: the shared corpus, ../shared/corpus)
and photographs the top of the page (summary and charts) in the same headless Chromium the
browser test uses (tests/browser.py). Prints the PNG's size; the README's is kept under
300 KB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launch, load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1420)
    args = parser.parse_args()
    output = args.output.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.html"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "articlelint",
                "--no-cache",
                "--format=html",
                f"-o{report}",
                ".",
            ],
            cwd=args.folder,
            env=env,
            check=False,
        )
        with launch() as browser:
            loaded = load(browser, report, width=args.width, height=args.height)
            assert not loaded.console, loaded.console
            loaded.page.screenshot(path=str(output))
    print(f"{output}: {output.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main()
