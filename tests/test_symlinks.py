"""Symlinks in the checked content never take a read or a write out of the checked tree
(issue 18): reported once, never followed (unless --follow-symlinks, for reading only),
and an outside target is left byte for byte unchanged, with the reason."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from articlelint import engine
from articlelint.cli import main
from articlelint.config import Config, load_config
from articlelint.engine import runner
from articlelint.errors import ConfigError
from articlelint.fixing import add_suppressions, fix_paths

from .conftest import VALID

#: A record with a safe fix (AL404 `no` -> `false`) and a finding --add-suppressions takes.
FIXABLE = VALID.replace("published: true", "published: no").replace(
    "/enterprise/facial-recognition", "/enterprise/other-story"
)
HINT = "put the file itself in the tree, or pass `--follow-symlinks` if you trust where it points"
FOLDER_HINT = HINT.replace("the file itself", "the folder itself")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with `_news/`, and `outside/secret.md` beside it (not in it)."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text("[core]\n")
    (root / "_news").mkdir()
    (root / "_news" / "a.md").write_text(VALID)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(FIXABLE)
    monkeypatch.chdir(root)
    return root


def _outside(repo: Path) -> Path:
    return repo.parent / "outside"


def _lint(*paths: str, **config: Any) -> list[tuple[str, str, str]]:
    result = engine.lint_paths(list(paths), Config(jobs=1, **config))
    return [(d.path, d.code, d.message) for d in result.diagnostics]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    original = runner.read_file

    def recording(path: str, *args: Any, **kwargs: Any) -> Any:
        read.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(runner, "read_file", recording)
    return read


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--no-cache", "-j", "1", *args], stdout=out), out.getvalue()


# --------------------------------------------------------------------------- walking


def test_a_walk_reports_links_out_of_the_tree_once_and_never_reads_them(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    (repo / "_news" / "outdir").symlink_to(_outside(repo))
    (repo / "_news" / "config.yaml").symlink_to("../.git/config")
    read = _reads(monkeypatch)
    found = _lint("_news", "_news")  # the same folder twice: still one report per link
    assert found == [
        (
            "_news/config.yaml",
            "AL001",
            "not followed: the file is a symlink to `../.git/config`, into a version-control "
            f"folder of the checked tree `{repo}`; {HINT}",
        ),
        (
            "_news/leak.md",
            "AL001",
            "not followed: the file is a symlink to `../../outside/secret.md`, outside the "
            f"checked tree `{repo}`; {HINT}",
        ),
        (
            "_news/outdir",
            "AL001",
            f"not followed: the folder is a symlink to `{_outside(repo)}`, outside the checked "
            f"tree `{repo}`; {FOLDER_HINT}",
        ),
    ]
    assert read == ["_news/a.md"]


def test_a_symlink_loop_is_reported_once_and_never_followed(repo: Path) -> None:
    (repo / "_news" / "sub").mkdir()
    (repo / "_news" / "sub" / "up").symlink_to("..")
    (repo / "_news" / "sub" / "again").symlink_to(repo / "_news")
    for follow in (False, True):  # not even with --follow-symlinks
        found = _lint("_news", follow_symlinks=follow)
        loop = "a folder that contains the link); remove the link, or exclude it"
        assert found == [
            (
                "_news/sub/again",
                "AL001",
                "not followed: the folder is a symlink loop "
                f"(`{repo / '_news'}` is `{repo / '_news'}`, {loop}",
            ),
            (
                "_news/sub/up",
                "AL001",
                f"not followed: the folder is a symlink loop (`..` is `{repo / '_news'}`, {loop}",
            ),
        ]


def test_links_that_stay_in_the_tree_are_followed(repo: Path) -> None:
    (repo / "drafts").mkdir()
    (repo / "drafts" / "b.md").write_text(FIXABLE)
    (repo / "_news" / "b.md").symlink_to("../drafts/b.md")
    (repo / "_news" / "drafts").symlink_to("../drafts")
    found = _lint("_news", ignore=["AL509"])  # (b.md is reached twice)
    assert [(p, c) for p, c, _m in found] == [
        ("_news/b.md", "AL404"),
        ("_news/drafts/b.md", "AL404"),
    ]


def test_follow_symlinks_reads_through_links_out_of_the_tree(repo: Path) -> None:
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    (repo / "_news" / "outdir").symlink_to(_outside(repo))
    found = _lint("_news", follow_symlinks=True, ignore=["AL509"])  # (one file, two paths)
    assert [(p, c) for p, c, _m in found] == [
        ("_news/leak.md", "AL404"),
        ("_news/outdir/secret.md", "AL404"),
    ]


def test_a_named_folder_that_is_a_link_out_of_the_tree_is_not_walked(repo: Path) -> None:
    (repo / "linked").symlink_to(_outside(repo))
    assert _lint("linked") == [
        (
            "linked",
            "AL001",
            f"not followed: the folder is a symlink to `{_outside(repo)}`, outside the checked "
            f"tree `{repo}`; {FOLDER_HINT}",
        )
    ]


def test_outside_any_project_the_named_folder_is_the_tree(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "news").mkdir(parents=True)
    (plain / "other.md").write_text(FIXABLE)
    (plain / "news" / "up.md").symlink_to("../other.md")
    real = os.path.realpath(plain / "news")
    assert _lint(str(plain / "news")) == [
        (
            str(plain / "news" / "up.md"),
            "AL001",
            "not followed: the file is a symlink to `../other.md`, outside the checked tree "
            f"`{real}`; {HINT}",
        )
    ]
    # Named one folder up, the link stays in the tree: it is followed.
    assert [(Path(p).name, c) for p, c, _m in _lint(str(plain), ignore=["AL509"])] == [
        ("up.md", "AL404"),
        ("other.md", "AL404"),
    ]


# --------------------------------------------------------------------------- named files


def test_a_named_file_that_links_out_of_the_tree_is_reported_not_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit never passes symlinks (its `types: [text]` excludes them), but a CI
    script that lists tracked files (`git ls-files | xargs articlelint`) does."""
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    (repo / "_news" / "outdir").symlink_to(_outside(repo))
    read = _reads(monkeypatch)
    found = _lint("_news/leak.md", "_news/outdir/secret.md", "_news/a.md")
    assert found == [
        (
            "_news/leak.md",
            "AL001",
            "not followed: the file is a symlink to `../../outside/secret.md`, outside the "
            f"checked tree `{repo}`; {HINT}",
        ),
        (
            "_news/outdir/secret.md",
            "AL001",
            "not followed: the file is reached through a symlinked folder (it is "
            f"`{_outside(repo) / 'secret.md'}`), outside the checked tree `{repo}`; {HINT}",
        ),
    ]
    assert read == ["_news/a.md"]
    assert [c for _p, c, _m in _lint("_news/leak.md", follow_symlinks=True)] == ["AL404"]


def test_follow_symlinks_is_refused_in_a_configuration_file(tmp_path: Path) -> None:
    (tmp_path / ".articlelint.toml").write_text("follow-symlinks = true\n")
    with pytest.raises(ConfigError, match="`follow-symlinks` can only be given on the command"):
        load_config(tmp_path / ".articlelint.toml")


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("follow", [False, True])
def test_fix_leaves_an_outside_target_byte_for_byte_and_says_why(
    repo: Path, capsys: pytest.CaptureFixture[str], follow: bool
) -> None:
    secret = _outside(repo) / "secret.md"
    before = secret.read_bytes()
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    flags = ["--follow-symlinks"] if follow else []
    status, out = _cli("--fix", "--format", "concise", *flags, "_news")
    assert secret.read_bytes() == before
    assert (repo / "_news" / "leak.md").is_symlink()
    err = capsys.readouterr().err
    if follow:  # read, fixable, but never written through
        assert err.splitlines() == [
            "articlelint: _news/leak.md: not fixed: it is a symlink to "
            f"`../../outside/secret.md`, outside the checked tree `{repo}`",
        ]
        assert "_news/leak.md:11:12: AL404" in out
    else:  # not even read: the report says why
        assert err == "Nothing to fix.\n"
        assert out.startswith(
            "_news/leak.md:1:1: AL001 not followed: the file is a symlink to "
            "`../../outside/secret.md`"
        )
    assert status == 1


def test_fix_paths_writes_through_a_link_that_stays_in_the_tree(repo: Path) -> None:
    (repo / "drafts").mkdir()
    (repo / "drafts" / "b.md").write_text(FIXABLE)
    (repo / "_news" / "b.md").symlink_to("../drafts/b.md")
    run = fix_paths(["_news"], config=Config(jobs=1))
    assert [f.error for f in run.files] == [None]
    assert (repo / "_news" / "b.md").is_symlink()  # the link stays a link
    assert (repo / "drafts" / "b.md").read_text() == FIXABLE.replace(
        "published: no", "published: false"
    )


@pytest.mark.parametrize("follow", [False, True])
def test_add_suppressions_leaves_an_outside_target_byte_for_byte_and_says_why(
    repo: Path, capsys: pytest.CaptureFixture[str], follow: bool
) -> None:
    secret = _outside(repo) / "secret.md"
    before = secret.read_bytes()
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    flags = ["--follow-symlinks"] if follow else []
    status, out = _cli("--add-suppressions", *flags, "_news")
    assert secret.read_bytes() == before
    assert status == 0
    # Followed or not (then the finding to suppress is the AL001 that says why), the
    # target is never written, and stderr says so.
    assert out == (
        "No suppressions added; 1 file left unchanged (see above).\n"
        if follow
        else "No suppressions to add: no finding that a comment can silence; 1 finding cannot "
        "be suppressed (files that do not load).\n"
    )
    # Not followed: its finding is the AL001, which no comment silences, and the target is
    # not even read; followed: the write is refused, and stderr says why.
    assert capsys.readouterr().err == (
        (
            "articlelint: _news/leak.md: not written: it is a symlink to "
            f"`../../outside/secret.md`, outside the checked tree `{repo}`\n"
        )
        if follow
        else ""
    )


def test_add_suppressions_reports_what_it_could_not_write(repo: Path) -> None:
    (repo / "_news" / "leak.md").symlink_to("../../outside/secret.md")
    result = engine.lint_paths(["_news"], Config(jobs=1, follow_symlinks=True))
    added = add_suppressions(result)
    assert (added.added, added.files, added.problems) == (
        0,
        0,
        (
            "_news/leak.md: not written: it is a symlink to `../../outside/secret.md`, "
            f"outside the checked tree `{repo}`",
        ),
    )


def test_output_never_writes_through_a_planted_link(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _outside(repo) / "report.txt"
    (repo / "report.sarif").symlink_to(target)  # committed by a pull request
    status, _out = _cli("--format", "sarif", "--output", "report.sarif", "_news")
    assert status == 2
    assert not target.exists()
    assert capsys.readouterr().err == (
        "articlelint: error: --output report.sarif: not written: it is a symlink to "
        f"`{target}`, outside the checked tree `{repo}`\n"
    )


def test_output_outside_any_project_is_written_as_named(repo: Path) -> None:
    elsewhere = repo.parent / "reports"
    elsewhere.mkdir()
    (elsewhere / "latest.txt").symlink_to("run-1.txt")  # the user's own link, not in a project
    status, _out = _cli("--format", "concise", "--output", str(elsewhere / "latest.txt"), "_news")
    assert status == 0
    assert (elsewhere / "run-1.txt").read_text() == ""  # no findings: an empty report
