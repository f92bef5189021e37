"""The language server's session, without a client: documents in, the engine's findings
out, the workspace read in the background for cross-file rules, configuration followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlelint import lint_paths, lint_text
from articlelint.config import discover_config
from articlelint.diagnostics import Diagnostic
from articlelint.server.session import Folder, Session
from tests.conftest import VALID, own_web_url


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str | None]]:
    return [(d.code, d.line, d.column, d.field) for d in diagnostics]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Jekyll site: `_config.yml`, a README, two records in `_news/`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "_config.yml").write_text("url: https://news.example.org\n", "utf-8")
    (tmp_path / "README.md").write_text("# The site\n", "utf-8")
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(own_web_url(VALID, "a"), "utf-8")
    (news / "b.md").write_text(own_web_url(VALID, "b"), "utf-8")
    return tmp_path


def scanned(session: Session) -> Folder:
    [folder] = session.folders.values()
    while session.scan(folder, budget=0) is None:
        pass
    return folder


def test_a_document_gets_what_the_cli_reports_for_it(site: Path) -> None:
    session = Session([str(site)])
    text = VALID.replace("published: true", "published: no")
    [document] = session.update("file:///a", str(site / "_news" / "a.md"), text, 1)
    assert document.name == "_news/a.md"  # as the CLI names it, run in the site
    assert document.version == 1
    expected = lint_text(text, "_news/a.md", discover_config([str(site)])).diagnostics
    assert found(document.diagnostics) == found(expected)
    assert ("AL404", 11, 12, "published") in found(document.diagnostics)


def test_cross_file_rules_see_the_workspace_with_the_open_text(site: Path) -> None:
    session = Session([str(site)])
    folder = session.folders[str(site)]
    copy = own_web_url(VALID, "b")  # the same webUrl as _news/b.md on disk
    [document] = session.update("file:///a", str(site / "_news" / "a.md"), copy, 1)
    assert "AL509" not in {d.code for d in document.diagnostics}  # not read yet
    # Reading the folder, one file per call: done after the last one, and then the open
    # document's cross-file findings changed.
    assert session.scan(folder, budget=0) is None
    changed = session.scan(folder, budget=0)
    assert changed == [document]
    [duplicate] = [d for d in document.diagnostics if d.code == "AL509"]
    assert (duplicate.line, duplicate.column, duplicate.field) == (7, 9, "webUrl")
    assert "`_news/b.md` (line 7)" in duplicate.message
    # The CLI on the same files says the same (the open text saved to disk).
    (site / "_news" / "a.md").write_text(copy, "utf-8")
    cli = lint_paths(["_news/a.md", "_news/b.md"], discover_config([str(site)]))
    assert [d for d in cli.diagnostics if d.path == "_news/a.md"] == document.diagnostics
    # Editing the open document away from the duplicate takes the finding away.
    [document] = session.update("file:///a", str(site / "_news" / "a.md"), VALID, 2)
    assert "AL509" not in {d.code for d in document.diagnostics}


def test_other_open_documents_follow_a_cross_file_change(site: Path) -> None:
    session = Session([str(site)])
    scanned(session)
    a = session.update("file:///a", str(site / "_news" / "a.md"), own_web_url(VALID, "a"), 1)[0]
    b = session.update("file:///b", str(site / "_news" / "b.md"), own_web_url(VALID, "b"), 1)[0]
    assert not any(d.code == "AL509" for d in a.diagnostics + b.diagnostics)
    changed = session.update("file:///a", str(site / "_news" / "a.md"), own_web_url(VALID, "b"), 2)
    assert changed == [a, b]  # the edited document first, then the one it now duplicates
    assert [d.code for d in b.diagnostics if d.code == "AL509"] == ["AL509"]
    # Closing `a` puts its file's text on disk back in its place: no duplicate left.
    assert session.close("file:///a") == [b]
    assert not any(d.code == "AL509" for d in b.diagnostics)


def test_files_the_cli_would_not_check_get_no_findings(site: Path) -> None:
    session = Session([str(site)])
    [readme] = session.update("file:///r", str(site / "README.md"), "# The site\n", 1)
    assert readme.report is None  # a page, not a record
    assert readme.diagnostics == []
    [hidden] = session.update("file:///h", str(site / ".github" / "x.md"), "no front matter", 1)
    assert hidden.diagnostics == []
    [record] = session.update("file:///n", str(site / "_news" / "new.md"), "no front matter", 1)
    assert [d.code for d in record.diagnostics] == ["AL002"]  # not saved yet, still checked


def test_a_document_outside_every_folder_is_checked_as_a_named_file(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / ".articlelint.toml").write_text('ignore = ["AL404"]\n', "utf-8")
    session = Session([str(site)])
    text = VALID.replace("published: true", "published: no")
    [document] = session.update("file:///e", str(elsewhere / "story.md"), text, 1)
    assert document.name == str(elsewhere / "story.md")  # outside the base: absolute
    assert document.diagnostics == []  # its own configuration ignores AL404


def test_configuration_changes_are_followed_and_bad_ones_reported(site: Path) -> None:
    messages: list[str] = []
    session = Session([str(site)], notify=messages.append)
    scanned(session)
    text = VALID.replace("published: true", "published: no")
    [document] = session.update("file:///a", str(site / "_news" / "a.md"), text, 1)
    assert [d.code for d in document.diagnostics] == ["AL404"]
    pyproject = site / "pyproject.toml"
    pyproject.write_text('[tool.articlelint]\nignore = ["AL404"]\n', "utf-8")
    assert session.file_changed(str(pyproject), deleted=False) == [document]
    assert document.diagnostics == []
    assert session.pending_scans() == [session.folders[str(site)]]  # read again
    # A mistake: reported, and the last valid configuration kept.
    pyproject.write_text('[tool.articlelint]\nignroe = ["AL404"]\n', "utf-8")
    assert session.file_changed(str(pyproject), deleted=False) == [document]
    assert document.diagnostics == []
    [message] = messages
    assert "unknown key `ignroe` (did you mean `ignore`?)" in message
    assert message.endswith("(the last valid configuration is used until it is fixed)")
    pyproject.unlink()
    assert session.file_changed(str(pyproject), deleted=True) == [document]
    assert [d.code for d in document.diagnostics] == ["AL404"]


def test_records_changed_on_disk_are_read_again(site: Path) -> None:
    session = Session([str(site)])
    scanned(session)
    [document] = session.update(
        "file:///a", str(site / "_news" / "a.md"), own_web_url(VALID, "a"), 1
    )
    assert not any(d.code == "AL509" for d in document.diagnostics)
    c = site / "_news" / "c.md"
    c.write_text(own_web_url(VALID, "a"), "utf-8")
    assert session.file_changed(str(c), deleted=False) == [document]
    assert [d.message for d in document.diagnostics if d.code == "AL509"] == [
        "the same `webUrl` is also in `_news/c.md` (line 7); keep one record per story and "
        "delete or merge the others"
    ]
    c.unlink()
    assert session.file_changed(str(c), deleted=True) == [document]
    assert not any(d.code == "AL509" for d in document.diagnostics)
    # A file the CLI would not check changes nothing.
    assert session.file_changed(str(site / "README.md"), deleted=False) == []


def test_hostile_text_is_a_finding_and_the_session_goes_on(site: Path) -> None:
    session = Session([str(site)])
    path = str(site / "_news" / "a.md")
    for text, code in [
        ("---\nx: " + "[" * 100_000 + "\n---\n", "AL003"),
        ("---\ntitle: a\x00b\n---\n", "AL003"),
        ("\ud800", "AL001"),
    ]:
        [document] = session.update("file:///a", path, text, 1)
        assert [d.code for d in document.diagnostics] == [code]
    [document] = session.update("file:///a", path, VALID, 2)
    assert document.diagnostics == []


def test_a_document_over_the_size_limit_is_not_parsed(site: Path) -> None:
    (site / ".articlelint.toml").write_text("max-file-size = 100\n", "utf-8")
    session = Session([str(site)])
    [document] = session.update("file:///a", str(site / "_news" / "a.md"), VALID, 1)
    assert [(d.code, d.message) for d in document.diagnostics] == [
        (
            "AL001",
            "the text is larger than the 100-byte limit; raise `max-file-size` to check it",
        )
    ]
