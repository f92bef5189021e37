"""The README's rule table is generated from the registry and must not drift."""

from __future__ import annotations

import re
from pathlib import Path

from articlelint.cli import rules_markdown
from articlelint.config import Config, load_config
from articlelint.diagnostics import Severity
from tests.conftest import ROOT


def test_readme_rule_table_matches_registry() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("<!-- rules-table:start -->\n") + len("<!-- rules-table:start -->\n")
    end = readme.index("<!-- rules-table:end -->")
    assert readme[start:end] == rules_markdown(), (
        "README rule table drifted; regenerate it with `python -m articlelint rules --markdown`"
    )


def test_readme_config_example_is_a_valid_configuration(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("<!-- config-example:start -->\n```toml\n") + len(
        "<!-- config-example:start -->\n```toml\n"
    )
    end = readme.index("```\n<!-- config-example:end -->")
    (tmp_path / "pyproject.toml").write_text(readme[start:end], encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    documented = set(
        re.findall(r"^([a-z-]+) = |^\[tool\.articlelint\.([a-z-]+)\]", readme[start:end], re.M)
    )
    keys = {a or b for a, b in documented}
    # Every Config key is in the example (`options` is spelt as a rule's own table;
    # `follow-symlinks` is for the command line and the library only, never a file).
    assert {name.replace("_", "-") for name in Config.model_fields} - keys == {
        "options",
        "follow-symlinks",
    }
    assert config.severity == {"AL401": Severity.WARNING, "AL202": Severity.ERROR}
    assert config.options == {
        "json-schema-violation": {"path": str(tmp_path.resolve() / "schemas/article.schema.json")}
    }


def test_every_install_line_installs_from_a_clone_or_a_git_url() -> None:
    """articlelint is not on PyPI: `pip install articlelint` (and a GitHub Actions step
    running it) fails. Every install command in the README installs this checkout (`.`,
    `-e '.[extra]'`) or a git URL (`git+...`, spelt out or through `$ARTICLELINT`)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"pip install ((?:-e\s+)?(?:'[^']*'|\"[^\"]*\"|\S+))", readme)
    assert len(commands) >= 5
    local = re.compile(r"""^(?:-e\s+)?(?:\.|'\.\[[a-z,]+\]')$""")
    for target in commands:
        target = target.strip("`")
        if target == "articlelint":
            continue  # only where the README says it finds nothing; checked below
        assert local.match(target) or target.strip("\"'").startswith(("git+", "$ARTICLELINT")), (
            target
        )
    assert "`pip install articlelint` finds nothing" in readme
    assert re.search(r"^\s+ARTICLELINT: git\+https://", readme, re.M)
