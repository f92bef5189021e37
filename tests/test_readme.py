"""The README's rule table is generated from the registry and must not drift."""

from __future__ import annotations

from articlelint.cli import rules_markdown
from tests.conftest import ROOT


def test_readme_rule_table_matches_registry() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("<!-- rules-table:start -->\n") + len("<!-- rules-table:start -->\n")
    end = readme.index("<!-- rules-table:end -->")
    assert readme[start:end] == rules_markdown(), (
        "README rule table drifted; regenerate it with `python -m articlelint rules --markdown`"
    )
