"""The bare rapidyaml floor: read every file and parse its front matter with rapidyaml
(``ryml``, a C++ parser, the fastest with a Python binding), building nothing in Python.
No positions, no values: the least any YAML tool could spend on the same bytes.

    python bench/floor_ryml.py FOLDER

Needs ``pip install -e '.[bench]'`` (rapidyaml). rapidyaml accepts and rejects other
documents than libyaml (it stops at some that libyaml reads); those count as parsed too,
since it did read them up to its error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ryml


def main() -> None:
    parsed = failed = 0
    files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt"))
    for path in files:
        data = path.read_bytes()
        end = data.find(b"\n---", 3)
        block = data[4 : end + 1] if data.startswith(b"---\n") and end > 0 else data
        try:
            ryml.parse_in_arena(block)
            parsed += 1
        except Exception:  # rapidyaml's parse errors (it also prints them to stderr)
            failed += 1
    print(f"{len(files)} files, {parsed} parsed, {failed} rejected")


if __name__ == "__main__":
    main()
