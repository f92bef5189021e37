"""End to end: the real `articlelint server` process over stdio, driven by a real LSP
client (pytest-lsp, as pygls recommends), with the capabilities real editors send."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the server extra is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from articlelint.server.positions import units  # noqa: E402
from tests.conftest import VALID, own_web_url  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

#: `python -P -m` (3.11+): the working directory (a test's workspace) is not on the import path.
SERVER = [
    sys.executable,
    *(["-P"] if sys.version_info >= (3, 11) else []),
    "-m",
    "articlelint",
    "server",
]
#: Seconds a test waits for an answer before it fails (a hang must not hang the suite).
PATIENCE = 30

#: A record whose related story has emoji before an insecure URL on the same line: the
#: URL is code points 31-63 of line 26, UTF-16 units 33-65, UTF-8 bytes 37-69.
EMOJI_RECORD = (
    VALID.split("related:\n")[0]
    .replace(
        'title: "Microsoft restricts facial recognition tech"',
        'title: "Microsoft 😀 facial recognition"',
    )
    .replace("published: true\n", "")
    + "related:\n"
    + '  - {title: "Cats 😀😀", webUrl: "http://www.zdnet.com/article/x", type: article}\n'
    + "published: no\n---\n"
)


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) and
    every registration the server asks for."""
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(
        client,
        {
            k: v
            for k, v in DEFAULT_CLIENT_FEATURES.items()
            if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        },
    )
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


def workspace(tmp_path: Path) -> Path:
    """A Jekyll site with one record on disk, `_news/b.md`."""
    (tmp_path / "_config.yml").write_text("url: https://news.example.org\n", "utf-8")
    (tmp_path / "_news").mkdir(exist_ok=True)
    (tmp_path / "_news" / "b.md").write_text(own_web_url(VALID, "b"), "utf-8")
    return tmp_path


async def start(
    client: LanguageClient,
    tmp_path: Path,
    editor: str = "visual-studio-code",
    options: dict[str, Any] | None = None,
    refresh: bool = False,
) -> None:
    """Initialize with ``editor``'s capabilities (``refresh``: it also supports
    ``workspace/diagnostic/refresh``, as VS Code does since 1.67)."""
    capabilities = client_capabilities(editor)
    if refresh:
        assert capabilities.workspace is not None
        capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    client.initialized_with = await client.initialize_session(  # type: ignore[attr-defined]
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[
                types.WorkspaceFolder(uri=workspace(tmp_path).as_uri(), name="site")
            ],
            initialization_options=options,
        )
    )


@pytest_lsp.fixture(config=CONFIG)
async def vscode(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client with VS Code's capabilities (push diagnostics, UTF-16)."""
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def neovim(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client with Neovim 0.11's capabilities (pull diagnostics, UTF-8 preferred)."""
    await start(lsp_client, tmp_path, "neovim@v0.11.0")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def pulling(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """Neovim 0.11's capabilities, with diagnostic refresh support (as VS Code's)."""
    await start(lsp_client, tmp_path, "neovim@v0.11.0", refresh=True)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def patient(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """VS Code's capabilities, with a five-second debounce (the longest it can be)."""
    await start(lsp_client, tmp_path, options={"debounce": 5.0})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def many(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """VS Code's capabilities, in a site with 300 records on disk."""
    news = tmp_path / "_news"
    news.mkdir()
    for number in range(300):
        (news / f"r{number:03}.md").write_text(own_web_url(VALID, f"r{number}"), "utf-8")
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def emacs(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client with Emacs 29's capabilities (push, UTF-32 preferred)."""
    await start(lsp_client, tmp_path, "emacs")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def slow(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """VS Code's capabilities, with a one-second debounce (for the debounce test)."""
    await start(lsp_client, tmp_path, options={"debounce": 1.0})
    yield
    await lsp_client.shutdown_session()


# ---------------------------------------------------------------------- helpers


def uri_of(tmp_path: Path, name: str) -> str:
    return (tmp_path / name).as_uri()


def open_document(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def published(
    client: LanguageClient, uri: str, version: int | None = None, *, having: str | None = None
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` (at ``version``; with a finding ``having``
    that code), waiting for them."""
    log: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]

    def match() -> types.PublishDiagnosticsParams | None:
        for params in reversed(log):
            if params.uri != uri or (version is not None and params.version != version):
                continue
            if having is None or any(d.code == having for d in params.diagnostics):
                return params
        return None

    async def wait() -> list[types.Diagnostic]:
        while (found := match()) is None:
            await asyncio.sleep(0.01)
        return list(found.diagnostics)

    return await asyncio.wait_for(wait(), PATIENCE)


def shown(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    """(code, start line, start character, end line, end character) of each."""
    return [
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    ]


def apply(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP text edits as an editor does (positions in ``encoding``)."""
    from articlelint.server.positions import LineIndex

    index = LineIndex(text, encoding)
    spans = [
        (
            index.offset(e.range.start.line, e.range.start.character),
            index.offset(e.range.end.line, e.range.end.character),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        [document_edit] = action.edit.document_changes
        assert isinstance(document_edit, types.TextDocumentEdit)
        assert document_edit.text_document.uri == uri
        return list(document_edit.edits)  # type: ignore[arg-type]
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


async def actions_at(
    client: LanguageClient, uri: str, where: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(diagnostics=[], only=only),  # type: ignore[arg-type]
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def cli(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "articlelint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=PATIENCE,
    )


# ---------------------------------------------------------------------- diagnostics


async def test_open_publishes_the_findings_with_exact_utf16_ranges(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    diagnostics = await published(lsp_client, uri, 1)
    # The squiggle is under the URL: code points 31-63, two emoji before it (UTF-16: +2).
    assert shown(diagnostics) == [("AL202", 25, 33, 25, 65), ("AL404", 26, 11, 26, 13)]
    line = EMOJI_RECORD.split("\n")[25]
    assert line.encode("utf-16-le")[33 * 2 : 65 * 2].decode("utf-16-le") == (
        '"http://www.zdnet.com/article/x"'
    )
    insecure, flag = diagnostics
    assert insecure.source == flag.source == "articlelint"
    assert insecure.severity == types.DiagnosticSeverity.Warning
    assert flag.severity == types.DiagnosticSeverity.Error
    assert insecure.message == (
        "URL uses insecure `http://`; use `https://` if the site serves it [related[0].webUrl]"
    )
    assert insecure.data == {"name": "insecure-url", "field": "related[0].webUrl", "fix": "unsafe"}
    assert flag.data == {"name": "invalid-published-flag", "field": "published", "fix": "safe"}


async def test_a_crlf_document_has_the_same_ranges(vscode: LanguageClient, tmp_path: Path) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD.replace("\n", "\r\n"))
    assert shown(await published(lsp_client, uri, 1)) == [
        ("AL202", 25, 33, 25, 65),
        ("AL404", 26, 11, 26, 13),
    ]


async def test_utf8_when_the_client_prefers_it_and_pull_diagnostics(
    neovim: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = neovim
    encoding = lsp_client.initialized_with.capabilities.position_encoding  # type: ignore[attr-defined]
    assert encoding == types.PositionEncodingKind.Utf8
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    report = await lsp_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert report.kind == "full"
    # UTF-8: each emoji is four bytes (+6 before the URL).
    assert shown(list(report.items)) == [("AL202", 25, 37, 25, 69), ("AL404", 26, 11, 26, 13)]
    # A pull client gets no push (one would have come before the answer, on the same pipe).
    assert lsp_client.published == []  # type: ignore[attr-defined]


async def test_utf32_when_the_client_prefers_it(emacs: LanguageClient, tmp_path: Path) -> None:
    lsp_client = emacs
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    assert shown(await published(lsp_client, uri, 1)) == [
        ("AL202", 25, 31, 25, 63),
        ("AL404", 26, 11, 26, 13),
    ]


async def test_only_the_latest_version_is_checked_and_published(
    slow: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = slow
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, VALID)
    assert await published(lsp_client, uri, 1) == []
    for version in range(2, 7):  # typing: five changes within the debounce
        change(
            lsp_client,
            uri,
            VALID.replace("published: true", f"published: {'n' * version}"),
            version,
        )
    diagnostics = await published(lsp_client, uri, 6)
    assert [d.message for d in diagnostics] == [
        "`published` must be `true` or `false`, found 'nnnnnn' [published]"
    ]
    versions = [p.version for p in lsp_client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert versions == [1, 6]


async def test_saving_publishes_without_waiting_for_the_debounce(
    patient: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = patient
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, VALID)
    await published(lsp_client, uri, 1)
    change(lsp_client, uri, VALID.replace("published: true", "published: no"), 2)
    lsp_client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    # Debounced, version 2 would be published five seconds after the change, not before.
    diagnostics = await asyncio.wait_for(published(lsp_client, uri, 2), 4.0)
    assert [d.code for d in diagnostics] == ["AL404"]


async def test_closing_clears_the_diagnostics(vscode: LanguageClient, tmp_path: Path) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, VALID.replace("published: true", "published: no"))
    assert [d.code for d in await published(lsp_client, uri, 1)] == ["AL404"]
    lsp_client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )

    async def cleared() -> types.PublishDiagnosticsParams:
        while True:
            last = [p for p in lsp_client.published if p.uri == uri][-1]  # type: ignore[attr-defined]
            if last.version is None:
                return last
            await asyncio.sleep(0.01)

    assert list((await asyncio.wait_for(cleared(), PATIENCE)).diagnostics) == []


async def test_files_that_are_not_records_get_no_diagnostics(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "README.md")  # a Jekyll site's page, not a record
    open_document(lsp_client, uri, "# The site\n")
    assert await published(lsp_client, uri, 1) == []


# ---------------------------------------------------------------------- cross-file


async def test_cross_file_rules_see_the_workspace_records(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, own_web_url(VALID, "b"))  # the webUrl of _news/b.md
    [duplicate] = await published(lsp_client, uri, 1, having="AL509")
    assert duplicate.message == (
        "the same `webUrl` is also in `_news/b.md` (line 7); keep one record per story and "
        "delete or merge the others [webUrl]"
    )
    line = own_web_url(VALID, "b").split("\n")[6]
    assert shown([duplicate]) == [("AL509", 6, 8, 6, len(line))]


async def test_reading_the_workspace_is_shown_as_progress(
    many: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = many
    uri = uri_of(tmp_path, "_news/new.md")
    open_document(lsp_client, uri, own_web_url(VALID, "r299"))  # the webUrl of the last

    async def ended() -> list[Any]:
        while True:
            for reports in lsp_client.progress_reports.values():
                if reports and isinstance(reports[-1], types.WorkDoneProgressEnd):
                    return reports
            await asyncio.sleep(0.01)

    reports = await asyncio.wait_for(ended(), PATIENCE)
    begin, *steps, end = reports
    assert isinstance(begin, types.WorkDoneProgressBegin)
    assert (begin.title, begin.message, begin.percentage) == (
        "articlelint",
        "reading 301 records",
        0,
    )
    percentages = [step.percentage for step in steps]
    assert percentages == sorted(percentages)
    assert all(isinstance(step, types.WorkDoneProgressReport) for step in steps)
    assert end.message == "read 301 records"
    # Then the cross-file rules saw all of them: the new record duplicates the last one.
    [duplicate] = await published(lsp_client, uri, 1, having="AL509")
    assert "`_news/r299.md` (line 7)" in duplicate.message


async def test_pull_clients_are_asked_to_refresh_when_the_workspace_is_read(
    pulling: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = pulling
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, own_web_url(VALID, "b"))

    async def refreshed() -> None:
        while lsp_client.diagnostic_refresh_count == 0:
            await asyncio.sleep(0.01)

    await asyncio.wait_for(refreshed(), PATIENCE)
    report = await lsp_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in report.items] == ["AL509"]  # type: ignore[union-attr]


# ---------------------------------------------------------------------- code actions


async def test_a_quick_fix_applied_makes_the_diagnostic_go_away(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    insecure, flag = await published(lsp_client, uri, 1)
    actions = await actions_at(lsp_client, uri, flag.range)
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Write `false` (AL404)", "quickfix", True),
        ("Suppress AL404 on this line", "quickfix", None),
        (
            "Fix all safe articlelint problems (as `articlelint --fix`)",
            "source.fixAll.articlelint",
            None,
        ),
    ]
    fix = actions[0]
    assert list(fix.diagnostics or []) == [flag]
    edits = edits_of(fix, uri)
    assert [(e.range, e.new_text) for e in edits] == [(flag.range, "false")]  # minimal
    fixed = apply(EMOJI_RECORD, edits)
    change(lsp_client, uri, fixed, 2)
    # AL404 is gone; `published: false` is now reported as an unpublished record (info).
    assert shown(await published(lsp_client, uri, 2)) == [
        ("AL202", 25, 33, 25, 65),
        ("AL401", 26, 11, 26, 16),
    ]
    # The unsafe fix is offered, labelled, not preferred; its edit is under the emoji line.
    [unsafe, _suppress] = await actions_at(lsp_client, uri, insecure.range, only=["quickfix"])
    assert unsafe.title == "Use `https://` (AL202, unsafe fix: check the result)"
    assert unsafe.is_preferred is False
    [edit] = edits_of(unsafe, uri)
    assert edit.range == insecure.range  # the quoted URL, after the emoji (UTF-16)
    fixed = apply(fixed, [edit])
    assert 'webUrl: "https://www.zdnet.com/article/x"' in fixed
    change(lsp_client, uri, fixed, 3)
    assert [d.code for d in await published(lsp_client, uri, 3)] == ["AL401"]


async def test_fix_all_is_exactly_what_the_cli_fix_does(
    vscode: LanguageClient, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    lsp_client = vscode
    text = (
        VALID.replace("published: true", "published: no")
        .replace("domain: siliconrepublic.com", "domain: www.SiliconRepublic.com")
        .replace('excerpt: "Microsoft is retiring', 'excerpt: "  Microsoft is retiring')
        .replace("2022-06-22T08:27:00Z", "2022-06-22T08:27:00+00:00")
        .replace("\n", "\r\n")
    )
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, text)
    diagnostics = await published(lsp_client, uri, 1)
    assert {d.code for d in diagnostics} >= {"AL404", "AL502", "AL601"}
    [fix_all] = await actions_at(
        lsp_client,
        uri,
        types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        only=["source.fixAll"],
    )
    assert fix_all.kind == "source.fixAll.articlelint"
    edits = edits_of(fix_all, uri)
    assert len(edits) >= 3
    assert all(e.range.start.line == e.range.end.line for e in edits)  # small edits
    fixed = apply(text, edits)
    # The CLI, on the same file in the same kind of site.
    elsewhere = workspace(tmp_path_factory.mktemp("cli"))
    (elsewhere / "_news" / "a.md").write_bytes(text.encode("utf-8"))
    run = cli("--fix", "--no-cache", "_news/a.md", cwd=elsewhere)
    assert run.returncode in (0, 1), run.stderr
    assert fixed == (elsewhere / "_news" / "a.md").read_bytes().decode("utf-8")
    change(lsp_client, uri, fixed, 2)
    assert all(
        d.data["fix"] != "safe"
        for d in await published(lsp_client, uri, 2)  # type: ignore[index]
    )


async def test_suppress_on_this_line_adds_the_comment(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    insecure, _flag = await published(lsp_client, uri, 1)
    [_fix, suppress] = await actions_at(lsp_client, uri, insecure.range, only=["quickfix"])
    assert suppress.title == "Suppress AL202 on this line"
    [edit] = edits_of(suppress, uri)
    assert edit.new_text == "  # articlelint: ignore[AL202]"
    end_of_line = units(EMOJI_RECORD.split("\n")[25])  # in UTF-16 units
    assert (end_of_line, len(EMOJI_RECORD.split("\n")[25])) == (81, 79)
    assert edit.range.start == edit.range.end == types.Position(25, end_of_line)
    suppressed = apply(EMOJI_RECORD, [edit])
    change(lsp_client, uri, suppressed, 2)
    assert [d.code for d in await published(lsp_client, uri, 2)] == ["AL404"]


# ---------------------------------------------------------------------- hover


async def test_hover_shows_the_explain_page(vscode: LanguageClient, tmp_path: Path) -> None:
    lsp_client = vscode
    explain = cli("--explain", "AL202", cwd=tmp_path).stdout
    assert explain.startswith("# insecure-url (AL202)\n")
    uri = uri_of(tmp_path, "_news/a.md")
    text = EMOJI_RECORD.replace(
        "type: article}\n", "type: article}  # articlelint: ignore[AL202, unpublished-record]\n"
    )
    open_document(lsp_client, uri, text)
    [unused, flag] = await published(lsp_client, uri, 1)  # by line: the comment's first
    assert (unused.code, flag.code) == ("AL901", "AL404")
    assert unused.message == (
        "unused suppression: no AL401 finding on this line; remove AL401 from the comment"
    )
    assert list(unused.tags or []) == [types.DiagnosticTag.Unnecessary]
    line = text.split("\n")[25]
    code_at = len(line[: line.index("AL202")].encode("utf-16-le")) // 2 + 2  # inside `AL202`

    async def hover(line_number: int, character: int) -> types.Hover | None:
        return await lsp_client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line_number, character),
            )
        )

    on_code = await hover(25, code_at)
    assert on_code is not None
    assert isinstance(on_code.contents, types.MarkupContent)
    assert on_code.contents.kind == types.MarkupKind.Markdown
    assert on_code.contents.value == explain
    assert on_code.range == types.Range(
        start=types.Position(25, code_at - 2), end=types.Position(25, code_at + 3)
    )
    by_name = await hover(25, code_at + 9)  # on `unpublished-record`
    assert by_name is not None
    assert by_name.contents.value.startswith("# unpublished-record (AL401)\n")  # type: ignore[union-attr]
    on_finding = await hover(26, 12)  # inside `no` of `published: no`
    assert on_finding is not None
    assert on_finding.contents.value == cli("--explain", "AL404", cwd=tmp_path).stdout  # type: ignore[union-attr]
    assert on_finding.range == flag.range
    assert await hover(1, 3) is None  # nothing there


# ---------------------------------------------------------------------- configuration


async def test_a_configuration_change_refreshes_the_diagnostics(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode

    async def registered() -> list[types.Registration]:
        while not lsp_client.registrations:  # type: ignore[attr-defined]
            await asyncio.sleep(0.01)
        return list(lsp_client.registrations)  # type: ignore[attr-defined]

    registrations = await asyncio.wait_for(registered(), PATIENCE)
    watchers = [
        w
        for r in registrations
        if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        for w in r.register_options["watchers"]  # type: ignore[index]
    ]
    watchers = [w["globPattern"] if isinstance(w, dict) else w for w in watchers]
    assert "**/pyproject.toml" in watchers
    assert "**/.articlelint.toml" in watchers
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, EMOJI_RECORD)
    assert [d.code for d in await published(lsp_client, uri, 1)] == ["AL202", "AL404"]
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.articlelint]\nignore = ["AL202"]\n', "utf-8")
    lsp_client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Created)]
        )
    )

    async def refreshed() -> list[types.Diagnostic]:
        while True:
            found = await published(lsp_client, uri, 1)
            if [d.code for d in found] == ["AL404"]:
                return found
            await asyncio.sleep(0.01)

    assert [d.code for d in await asyncio.wait_for(refreshed(), PATIENCE)] == ["AL404"]
    # A mistake in it is shown to the user; the last valid configuration stays.
    pyproject.write_text('[tool.articlelint]\nignroe = ["AL202"]\n', "utf-8")
    lsp_client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]
        )
    )

    async def told() -> list[str]:
        while not lsp_client.messages:
            await asyncio.sleep(0.01)
        return [m.message for m in lsp_client.messages]

    [message] = await asyncio.wait_for(told(), PATIENCE)
    assert "unknown key `ignroe` (did you mean `ignore`?)" in message


# ---------------------------------------------------------------------- hostile input


HOSTILE = {
    "brackets": ("---\nx: " + "[" * 100_000 + "\n---\n", "AL003"),
    "billion-laughs": (
        "---\n"
        + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n"
            for i in range(8)
        )
        + "---\n",
        "AL003",
    ),
    "binary-paste": ("---\ntitle: " + bytes(range(256)).decode("latin-1") * 4 + "\n---\n", "AL003"),
    "lone-surrogate": ("---\ntitle: \ud800\n---\n", "AL001"),
}


async def test_hostile_documents_get_a_diagnostic_and_the_server_keeps_serving(
    vscode: LanguageClient, tmp_path: Path
) -> None:
    lsp_client = vscode
    for name, (text, code) in HOSTILE.items():
        uri = uri_of(tmp_path, f"_news/{name}.md")
        open_document(lsp_client, uri, text)
        diagnostics = await published(lsp_client, uri, 1)
        assert [d.code for d in diagnostics] == [code], name
        hovered = await lsp_client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=diagnostics[0].range.start,
            )
        )
        assert hovered is not None  # still answering requests
    uri = uri_of(tmp_path, "_news/a.md")
    open_document(lsp_client, uri, VALID.replace("published: true", "published: no"))
    assert [d.code for d in await published(lsp_client, uri, 1)] == ["AL404"]
