"""The real pre-commit runs our `.pre-commit-hooks.yaml` (`pre-commit try-repo`) on a
realistic Jekyll site repository, with the hook exactly as the README shows it.

Slow-ish (pre-commit builds a virtualenv and installs articlelint into it from PyPI's
dependencies, once per test session), so it is marked ``precommit``; it runs in CI with the
rest of the suite. It is skipped, saying why, only when git or pre-commit is missing or PyPI
cannot be reached (pip's own error, when pre-commit builds the hook's environment).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.sites import BAD, BAD_FINDING, BAD_NAME, build_site, readme_precommit_config

pytestmark = pytest.mark.precommit

_IGNORE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.egg-info", ".*_cache", ".venv", "venv", "build", "dist", ".tox"
)


def test_hooks_file_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"articlelint", "articlelint-fix"}
    assert hooks["articlelint"]["entry"] == "articlelint"
    assert hooks["articlelint-fix"]["entry"] == "articlelint --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        assert hook["types"] == ["text"]


def test_the_readme_hook_is_the_plain_hook() -> None:
    """`try-repo` runs a hook with nothing added: the README's must be just that (no
    `files:` override, no `args:`), and its `repo:`/`rev:` plainly say they are to be
    filled in rather than pretending to be a working URL."""
    config = yaml.safe_load(readme_precommit_config())
    [repo] = config["repos"]
    assert repo["hooks"] == [{"id": "articlelint"}]
    assert repo["repo"] == "<git URL of your articlelint repository>"
    assert repo["rev"] == "<tag or commit>"


#: What pip says when it cannot reach a package index (then the hook cannot be installed).
_NO_NETWORK = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found",
)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    home = tmp_path_factory.mktemp("pre-commit-home")
    inherited = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    return {
        **inherited,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PYTHONPATH": "",
    }


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A committed copy of this project (try-repo needs a git repository): what a user's
    `repo:` URL points at."""
    repo = tmp_path_factory.mktemp("hook") / "articlelint"
    shutil.copytree(ROOT, repo, ignore=_IGNORE)
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "snapshot")
    return repo


def try_repo(hook_repo: Path, site: Path, env: dict[str, str]) -> tuple[int, str]:
    """`pre-commit try-repo REPO articlelint --all-files`: every file of the site
    repository goes through the hook's `files`/`types` filter, as in a real run."""
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "try-repo"),
            *(str(hook_repo), "articlelint", "--all-files"),
        ],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    output = proc.stdout + proc.stderr
    # The hook never ran when its environment could not be built: skip only when that is
    # for want of a package index; anything else is a failure to look at.
    never_ran = proc.returncode != 0 and "articlelint....." not in output
    if never_ran and any(marker in output for marker in _NO_NETWORK):
        pytest.skip(f"pre-commit cannot install the hook (no package index): {output[-300:]}")
    return proc.returncode, output


def test_the_hook_passes_a_clean_site_repository_and_fails_a_bad_record(
    hook_repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    site = build_site(tmp_path / "site")
    git(site, env, "init", "-q")
    git(site, env, "add", "-A")
    git(site, env, "commit", "-q", "-m", "site")

    code, output = try_repo(hook_repo, site, env)
    assert code == 0, output
    assert "articlelint..............................................................Passed" in (
        output
    )

    (site / BAD_NAME).write_text(BAD, encoding="utf-8")
    git(site, env, "add", "-A")
    code, output = try_repo(hook_repo, site, env)
    assert code == 1, output
    assert "articlelint..............................................................Failed" in (
        output
    )
    assert f"{BAD_NAME}:{BAD_FINDING}" in output
    # Only the bad record has a finding: no README, _config.yml, data or CI file in sight.
    assert "Found 1 problem (1 error) in 1 of 3 files." in output
