"""The checked-in JSON Schema is exactly what the models export."""

from __future__ import annotations

import json

from articlelint.models import json_schema
from tests.conftest import ROOT


def test_checked_in_schema_matches_models() -> None:
    checked_in = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    assert checked_in == json_schema(), (
        "schemas/article.schema.json drifted from the models; regenerate it with "
        "`python -m articlelint schema > schemas/article.schema.json`"
    )
