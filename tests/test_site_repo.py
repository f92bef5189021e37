"""A Jekyll site repository: walking it (or running `articlelint` with no path in it)
checks the records of its collection folders, not its README, configuration, data, CI
files, pages or templates; the pre-commit hook's pattern is the same rule."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from articlelint.cli import main
from articlelint.engine import JEKYLL_RECORDS, discover
from tests.conftest import ROOT, VALID, own_web_url
from tests.sites import BAD, BAD_FINDING, BAD_NAME, RECORDS, build_site


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--no-cache", *args], stdout=out)
    return code, out.getvalue()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = build_site(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


def test_no_path_checks_the_records_of_the_site_here(site: Path) -> None:
    assert run() == (0, "All checks passed: 2 files checked, no problems.\n")
    assert run(".") == (0, "All checks passed: 2 files checked, no problems.\n")
    assert sorted(discover(["."])) == sorted(f"./{name}" for name in RECORDS)


def test_a_bad_record_of_the_site_fails_with_its_finding(site: Path) -> None:
    (site / BAD_NAME).write_text(BAD, encoding="utf-8")
    code, out = run("--format", "concise")
    assert code == 1
    assert out == f"./{BAD_NAME}:{BAD_FINDING}\n"


def test_the_site_walked_from_outside_and_below(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site.parent)
    assert sorted(discover(["site"])) == sorted(f"site/{name}" for name in RECORDS)
    # A site in a folder of a bigger repository (GitHub Pages' docs/): found while walking.
    (site.parent / "notes.md").write_text(own_web_url(VALID, "notes"), encoding="utf-8")
    assert sorted(discover(["."])) == sorted(
        ["./notes.md", *(f"./site/{name}" for name in RECORDS)]
    )
    # A collection folder walked on its own: every record in it.
    assert list(discover(["site/_news"])) == [f"site/{next(iter(RECORDS))}"]


def test_a_folder_named_explicitly_is_walked_whatever_it_holds(site: Path) -> None:
    assert sorted(discover(["_data"])) == ["_data/authors.yml", "_data/topics/00-power-apps.yaml"]
    # Files named explicitly are always checked (pre-commit names files).
    code, out = run("--format", "concise", "--select", "AL101", "_config.yml")
    assert code == 1
    assert out.startswith("_config.yml:5:1: AL101 required field `provider` is missing")


def test_exclude_applies_to_walks_and_to_files_named_explicitly(site: Path) -> None:
    video = next(name for name in RECORDS if "videos" in name)
    assert run("--exclude", "_learning", ".") == (
        0,
        "All checks passed: 1 file checked, no problems.\n",
    )
    code, out = run("--extend-exclude", "_learning/videos/*", video)
    assert (code, out) == (0, "All checks passed: 0 files checked, no problems.\n")
    (site / "pyproject.toml").write_text('[tool.articlelint]\nexclude = ["_news"]\n', "utf-8")
    assert run(".")[1] == "All checks passed: 1 file checked, no problems.\n"
    # --exclude replaces the configuration's list, --extend-exclude adds to it.
    assert (
        run("--exclude", "nothing", ".")[1] == "All checks passed: 2 files checked, no problems.\n"
    )
    assert run("--extend-exclude", "_learning", ".")[1] == (
        "All checks passed: 0 files checked, no problems.\n"
    )


def test_cli_exclude_globs_are_relative_to_the_working_directory(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "pyproject.toml").write_text("[tool.articlelint]\nfail-on = 'error'\n", "utf-8")
    monkeypatch.chdir(site / "_learning")
    assert (
        run("--exclude", "videos/*", "..")[1] == "All checks passed: 1 file checked, no problems.\n"
    )


def test_no_records_at_all_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "_config.yml").write_text("title: empty\n", "utf-8")
    (tmp_path / "README.md").write_text("# nothing yet\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run() == (0, "All checks passed: 0 files checked, no problems.\n")
    assert capsys.readouterr().err == "articlelint: warning: no records to check in .\n"
    assert run("-q") == (0, "")
    assert capsys.readouterr().err == ""


# Paths relative to a site's folder, and whether they are records.
PATHS = {
    "_posts/2022-06-22-a.md": True,
    "_posts/2022-06-22-a.markdown": True,
    "_drafts/a.md": True,
    "_news/a.md": True,
    "_learning/videos/a.md": True,
    "_learning/courses/deep/er/a.md": True,
    "collections/_news/a.md": True,  # collections_dir
    "docs/_posts/a.md": True,
    "README.md": False,
    "index.md": False,
    "about/index.md": False,
    "_config.yml": False,
    ".pre-commit-config.yaml": False,
    ".github/workflows/ci.yml": False,
    "_data/authors.yml": False,
    "_data/a.md": False,
    "_data/_nested/a.md": False,
    "_includes/card.md": False,
    "_layouts/post.md": False,
    "_sass/main.md": False,
    "_site/news/a.md": False,
    "_plugins/a.md": False,
    "_news/a.yml": False,
    "_news/a.txt": False,
    "_news/.hidden/a.md": False,
    ".jekyll-cache/_posts/a.md": False,
    "_datasets/a.md": True,  # only Jekyll's own `_data` is data
}


@pytest.mark.parametrize(("path", "record"), PATHS.items())
def test_which_paths_are_records(path: str, record: bool) -> None:
    assert (re.match(JEKYLL_RECORDS, path) is not None) is record


def test_the_pre_commit_hooks_use_the_same_pattern() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [hook["files"] for hook in hooks] == [JEKYLL_RECORDS, JEKYLL_RECORDS]
    # pre-commit matches `files` with re.search on the path from the repository's root.
    for path, record in PATHS.items():
        assert (re.search(hooks[0]["files"], path) is not None) is record, path
