"""The checked-in JSON Schema is exactly what the models export."""

from __future__ import annotations

import json
from pathlib import Path

from articlelint.models import json_schema
from tests.conftest import CORPUS, ROOT


def test_checked_in_schema_matches_models() -> None:
    checked_in = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    assert checked_in == json_schema(), (
        "schemas/article.schema.json drifted from the models; regenerate it with "
        "`python -m articlelint schema > schemas/article.schema.json`"
    )


def _records() -> list[tuple[str, Path]]:
    """Every record file there is to try: the shared corpus, the validation set of other
    real sites (when present), the seeds (valid and broken)."""
    folders = [CORPUS, ROOT.parent / "validation", ROOT / "seeds"]
    found = []
    for folder in folders:
        if folder.is_dir():
            found.extend(
                (str(p.relative_to(folder.parent)), p)
                for p in sorted(folder.rglob("*"))
                if p.suffix in (".md", ".markdown", ".txt", ".yaml", ".yml") and p.is_file()
            )
    return found


def test_the_shipped_schema_accepts_every_record_the_models_accept() -> None:
    """Generic on purpose: whatever record kinds the models grow, a record they accept is
    one `--schema schemas/article.schema.json` must accept too."""
    from jsonschema.validators import validator_for
    from pydantic import ValidationError

    from articlelint.loading import Document, load_path
    from articlelint.models import record_adapter

    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    validator = validator_for(schema)(schema)
    adapter = record_adapter()
    accepted = 0
    rejected: list[str] = []
    for name, path in _records():
        loaded = load_path(path)
        if not isinstance(loaded, Document):
            continue
        try:
            adapter.validate_python(loaded.data)
        except ValidationError:
            continue
        accepted += 1
        errors = list(validator.iter_errors(loaded.data))
        if errors:
            rejected.append(f"{name}: {errors[0].message[:200]}")
    assert accepted >= 3  # the valid seeds at least
    assert rejected == []
    if CORPUS.is_dir():
        assert accepted > 2000
