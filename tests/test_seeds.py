"""The seeds folder is the README's demo: valid records are clean, the broken ones show
(nearly) every rule, and the original seed reports `published: false` at line 11."""

from __future__ import annotations

from articlelint import lint_paths
from articlelint.rules import registry
from tests.conftest import SEED, SEEDS, findings

#: Rules the seeds do not show, and why.
NOT_SHOWN = {
    "AL000": "an articlelint bug",
    "AL100": "needs a user's --schema",
    "AL504": "info-level AMP domain difference",
}


def test_valid_seeds_are_clean() -> None:
    # Two news stories, and a record of every other kind (a learning video, a course, a
    # collection of those two, a book, a download, an answer, a forum).
    result = lint_paths([SEEDS / "valid"])
    assert result.files_checked == 9
    assert result.diagnostics == []


def test_original_seed() -> None:
    assert findings(lint_paths([SEED]).diagnostics) == [
        ("AL401", 11, 12, "published"),
        ("AL601", 60, 14, "related[2].excerpt"),
    ]


def test_broken_seeds_show_every_default_rule() -> None:
    # A walk picks up front matter and YAML (`include`); JSON Lines files are named.
    shown = {d.code for d in lint_paths([SEEDS, SEEDS / "broken" / "records.jsonl"]).diagnostics}
    expected = {r.code for r in registry() if r.default_enabled and r.code.startswith("AL")}
    assert expected - shown == set(NOT_SHOWN)
