"""The floor: read every file and run the chosen YAML parser (libyaml's event parser, as
articlelint's fast path does) over its front matter, and nothing else.

    python bench/floor.py FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main() -> None:
    events = 0
    files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt"))
    for path in files:
        text = path.read_bytes().decode("utf-8")
        end = text.find("\n---", 3)
        block = text[4:end] if text.startswith("---\n") and end > 0 else text
        loader = _Loader(block)
        try:
            while loader.get_event() is not None:
                events += 1
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    print(f"{len(files)} files, {events} events")


if __name__ == "__main__":
    main()
