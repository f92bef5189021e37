"""The real pre-commit runs our `.pre-commit-hooks.yaml` (`pre-commit try-repo`).

Slow-ish (pre-commit builds a virtualenv and installs articlelint into it, once per test
session), so it is marked ``precommit``; it runs in CI with the rest of the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, VALID, replace_line

pytestmark = pytest.mark.precommit

_IGNORE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.egg-info", ".*_cache", ".venv", "venv", "build", "dist", ".tox"
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hooks_file_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"articlelint", "articlelint-fix"}
    assert hooks["articlelint"]["entry"] == "articlelint"
    assert hooks["articlelint-fix"]["entry"] == "articlelint --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        assert hook["types"] == ["text"]
        assert hook["files"] == r"\.(md|markdown|ya?ml|txt)$"


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


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A committed copy of this project (try-repo needs a git repository)."""
    repo = tmp_path_factory.mktemp("hook") / "articlelint"
    shutil.copytree(ROOT, repo, ignore=_IGNORE)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    return repo


def try_repo(hook_repo: Path, target: Path, env: dict[str, str], *files: str) -> tuple[int, str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "articlelint",
            "--files",
            *files,
        ],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_try_repo_fails_on_a_bad_record_and_passes_a_good_one(
    hook_repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "news"
    target.mkdir()
    (target / "good.md").write_text(VALID, encoding="utf-8")
    (target / "bad.md").write_text(
        replace_line(VALID, "type: article", "type: [blog]"), encoding="utf-8"
    )
    (target / "notes.py").write_text("x = 1\n", encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A")):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True, env=env)

    code, output = try_repo(hook_repo, target, env, "bad.md", "notes.py")
    assert code == 1, output
    assert "articlelint..............................................................Failed" in (
        output
    )
    assert "bad.md:8:7: AL103 `type` should be text, found a list [type]" in output

    code, output = try_repo(hook_repo, target, env, "good.md", "notes.py")
    assert code == 0, output
    assert "articlelint..............................................................Passed" in (
        output
    )
