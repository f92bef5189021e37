"""The naive loop most pipelines start with: python-frontmatter, then the pydantic model.

    python bench/naive.py FOLDER

No positions, no rules beyond the model; counts the records that fail validation.
"""

from __future__ import annotations

import sys
from pathlib import Path

import frontmatter
from pydantic import ValidationError

from articlelint.models import model_for


def main() -> None:
    failed = 0
    files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt"))
    for path in files:
        try:
            metadata = frontmatter.load(str(path)).metadata
            model_for(metadata).model_validate(metadata)
        except ValidationError:
            failed += 1
        except Exception:  # YAML errors, bad encodings: the naive loop just counts them
            failed += 1
    print(f"{len(files)} files, {failed} failed")


if __name__ == "__main__":
    main()
