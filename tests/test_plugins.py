"""Plugin rules from the `articlelint.rules` entry-point group: listed, selectable,
suppressible, configurable; broken plugins are skipped with a warning, never a crash."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import articlelint.rules
from articlelint import lint_text
from articlelint.config import Config
from articlelint.errors import PluginWarning
from articlelint.rules import registry
from tests.conftest import ROOT, VALID, replace_line

PLUGIN = '''
"""A tiny third-party rule family."""
from pydantic import Field

from articlelint.diagnostics import Severity
from articlelint.rules import Problem, Rule, RuleOptions

__all__ = ["TitleAllCaps"]


class CapsOptions(RuleOptions):
    min_length: int = Field(default=5, gt=0)


class TitleAllCaps(Rule):
    """## What it does
    Reports a title written in capitals only.

    ## Why is this bad?
    It shouts.

    ## Example
    ```yaml
    title: BREAKING NEWS
    ```

    ## Use instead
    ```yaml
    title: Breaking news
    ```
    """

    code = "XYZ001"
    name = "title-all-caps"
    severity = Severity.WARNING
    Options = CapsOptions

    def check(self, record, options):
        title = record.data.get("title")
        if isinstance(title, str) and len(title) >= options.min_length and title.isupper():
            yield Problem("title is all capitals; write it in sentence case", field=("title",))
'''

TITLE = 'title: "Microsoft restricts facial recognition tech"'
SHOUTING = replace_line(VALID, TITLE, "title: MICROSOFT RESTRICTS")


def make_plugin(site: Path, dist: str, entry_points: str, modules: dict[str, str]) -> None:
    """A minimal installed distribution: ``<dist>.dist-info`` with entry_points.txt."""
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[articlelint.rules]\n" + textwrap.dedent(entry_points))
    for name, source in modules.items():
        (site / f"{name}.py").write_text(source)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    make_plugin(site, "xyz_rules", "xyz = xyz_rules\n", {"xyz_rules": PLUGIN})
    return site


@pytest.fixture
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuild the registry for this test (and restore the cached one afterwards)."""
    monkeypatch.setattr(articlelint.rules, "_REGISTRY", None)


def cli(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(site)])}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "articlelint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_plugin_rules_through_the_cli(site: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SHOUTING, encoding="utf-8")
    listed = cli(site, "rules", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    # columns are as wide as the longest built-in rule name
    assert re.search(r"^XYZ001 +title-all-caps +warning ", listed.stdout, re.MULTILINE)
    found = cli(site, "--format", "concise", "a.md", cwd=tmp_path)
    assert (found.returncode, found.stderr) == (0, ""), found.stdout
    assert found.stdout == (
        "a.md:3:8: XYZ001 title is all capitals; write it in sentence case [title]\n"
    )
    assert cli(site, "--ignore", "XYZ001", "a.md", cwd=tmp_path).stdout.startswith(
        "All checks passed"
    )
    assert cli(site, "--select", "XYZ", "--format", "concise", "a.md", cwd=tmp_path).stdout == (
        found.stdout
    )
    assert cli(site, "--explain", "XYZ001", cwd=tmp_path).stdout.startswith(
        "# title-all-caps (XYZ001)\n"
    )
    # Suppressible like built-in rules, by code or name.
    (tmp_path / "a.md").write_text(
        replace_line(
            VALID, TITLE, "title: MICROSOFT RESTRICTS  # articlelint: ignore[title-all-caps]"
        ),
        encoding="utf-8",
    )
    assert cli(site, "--format", "concise", "a.md", cwd=tmp_path).stdout == ""
    # Its options validate through its own Options model, from the config file.
    (tmp_path / "a.md").write_text(SHOUTING, encoding="utf-8")
    (tmp_path / ".articlelint.toml").write_text("[title-all-caps]\nmin-length = 100\n")
    assert cli(site, "--format", "concise", "a.md", cwd=tmp_path).stdout == ""
    (tmp_path / ".articlelint.toml").write_text("[title-all-caps]\nmin-length = 0\n")
    bad = cli(site, "a.md", cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == (
        "articlelint: error: .articlelint.toml: `title-all-caps.min-length`: "
        "Input should be greater than 0\n"
    )


def test_broken_and_misdeclared_plugins_are_skipped_with_a_warning(
    site: Path, tmp_path: Path
) -> None:
    make_plugin(site, "broken_rules", "broken = broken_rules\n", {"broken_rules": "import nope\n"})
    thief = PLUGIN.replace('"XYZ001"', '"AL777"').replace("title-all-caps", "al-thief")
    make_plugin(site, "thief_rules", "thief = thief_rules\n", {"thief_rules": thief})
    (tmp_path / "a.md").write_text(SHOUTING, encoding="utf-8")
    proc = cli(site, "--format", "concise", "a.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == (
        "a.md:3:8: XYZ001 title is all capitals; write it in sentence case [title]\n"
    )
    assert proc.stderr.splitlines() == [
        "articlelint: warning: plugin 'broken' (broken_rules) could not be loaded, its rules "
        "are skipped: ModuleNotFoundError: No module named 'nope'",
        "articlelint: warning: plugin 'thief' (thief_rules) could not be loaded, its rules are "
        "skipped: ValueError: rule AL777 uses the prefix 'AL' reserved for built-in rules; "
        "give plugin rules a prefix of their own (e.g. XYZ001)",
    ]


@pytest.mark.usefixtures("fresh_registry")
def test_plugin_rules_through_the_library(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(site))
    result = lint_text(SHOUTING, "a.md")
    assert [(d.code, d.name, d.line, d.column, d.field) for d in result.diagnostics] == [
        ("XYZ001", "title-all-caps", 3, 8, "title")
    ]
    assert lint_text(SHOUTING, "a.md", Config(ignore=["XYZ"])).diagnostics == []
    assert registry().get("title-all-caps") is registry().get("XYZ001")


@pytest.mark.usefixtures("fresh_registry")
def test_broken_plugin_is_a_warning_for_library_users(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_plugin(site, "broken_rules", "broken = broken_rules:Missing\n", {"broken_rules": ""})
    monkeypatch.syspath_prepend(str(site))
    with pytest.warns(PluginWarning, match="plugin 'broken' .* AttributeError"):
        reg = registry()
    assert reg.get("XYZ001") is not None
    assert [d.code for d in lint_text(VALID, "a.md").diagnostics] == []


@pytest.mark.usefixtures("fresh_registry")
def test_finding_plugins_imports_nothing_but_the_declared_plugins(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """entry_points.txt is metadata of installed code, but it is read as data: other
    groups, malformed lines and names that are no module path import nothing (issue 18)."""
    marker = tmp_path / "imported"
    spy = f"import pathlib; pathlib.Path({str(marker)!r}).write_text(__name__)\n"
    info = site / "mixed-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mixed\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nmixed = spy_a:main\n"
        "[articlelint.rules]\nnot a line\npath = ../spy_b\ncall = spy_c()\n"
        "[articlelint.rules.extra]\nx = spy_d\n"
    )
    for name in ("spy_a", "spy_b", "spy_c", "spy_d"):
        (site / f"{name}.py").write_text(spy)
    monkeypatch.syspath_prepend(str(site))
    from articlelint.rules._entry_points import entry_points

    found = entry_points("articlelint.rules")
    assert sorted(e.name for e in found) == ["call", "not a line", "path", "xyz"]
    with pytest.warns(PluginWarning) as caught:
        reg = registry()
    assert reg.get("XYZ001") is not None  # the declared plugin is loaded
    assert len(caught) == 3  # the three bad lines are reported...
    assert not marker.exists()  # ...and none of the spies was imported
