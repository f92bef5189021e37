"""The language server: pygls over stdio, a thin layer over the session.

Threads: pygls's event loop handles the protocol (and never checks a record); one worker
thread owns the :class:`~articlelint.server.session.Session` and runs its jobs by
priority: requests that wait for an answer (code actions), then documents to check,
then configuration and file changes, then reading the workspace a few files at a time.
So a keystroke's check waits for at most one workspace file, and the loop always
answers.

Changes are debounced (:data:`DEBOUNCE` seconds after the last one), and only the
latest version of a document is checked and published: a check whose version was
overtaken is dropped before it runs, and its result before it is published. Clients
that pull diagnostics (``textDocument/diagnostic``) get them that way (and a
``workspace/diagnostic/refresh`` when other documents' findings change); the others get
``textDocument/publishDiagnostics``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import itertools
import logging
import os
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from articlelint._version import __version__
from articlelint.diagnostics import Diagnostic, Severity
from articlelint.server.features import FIX_ALL, SOURCE, Checked, code_actions, hover
from articlelint.server.session import CONFIG_FILES, Document, Session

__all__ = ["DEBOUNCE", "ArticlelintServer", "make_server"]

logger = logging.getLogger(__name__)

#: Seconds after the last change before a document is checked.
DEBOUNCE = 0.05

# Job priorities (lower runs first).
_REQUEST, _DOCUMENT, _CHANGE, _SCAN = 0, 1, 2, 3


class Worker(threading.Thread):
    """One thread that runs jobs by priority, then by order of submission."""

    def __init__(self) -> None:
        super().__init__(name="articlelint-worker", daemon=True)
        self._jobs: queue.PriorityQueue[tuple[int, int, Any]] = queue.PriorityQueue()
        self._order = itertools.count()

    def submit(
        self, priority: int, job: Callable[..., Any], *args: Any
    ) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self._jobs.put((priority, next(self._order), (future, job, args)))
        return future

    def stop(self) -> None:
        self._jobs.put((-1, next(self._order), None))

    def run(self) -> None:
        while True:
            _, _, item = self._jobs.get()
            if item is None:
                return
            future, job, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job(*args))
            except BaseException as exc:  # the job's caller sees it; the worker goes on
                logger.exception("articlelint server job failed")
                future.set_exception(exc)


def _encoding(value: Any) -> str:
    return str(getattr(value, "value", value) or "utf-16")


def _path_of(uri: str) -> str | None:
    path = to_fs_path(uri)
    return os.path.abspath(path) if path else None


class ArticlelintServer(LanguageServer):
    """``articlelint server``: diagnostics, quick fixes and rule documentation."""

    def __init__(self) -> None:
        # Full document sync: pygls applies incremental changes by lines as Python's
        # str.splitlines cuts them (at NEL, U+2028, form feeds...), LSP only at CR/LF,
        # so a title holding U+2028 would shift every later edit. The whole text per
        # change (a record is tens of kilobytes) keeps positions to one module.
        super().__init__("articlelint", __version__, types.TextDocumentSyncKind.Full)
        self.worker = Worker()
        self.session: Session | None = None
        self.debounce = DEBOUNCE
        self.encoding = "utf-16"
        self.pull = False
        self.refresh = False
        self.versioned_edits = True
        self.shows_progress = False  # the client shows work done progress
        self.scanning = False  # worker thread only
        self.shut_down = False  # `shutdown` was asked before `exit`
        #: uri -> (version, text): what the editor holds now (event loop only).
        self.latest: dict[str, tuple[int | None, str]] = {}
        self.results: dict[str, Checked] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._submitted: dict[str, int | None] = {}
        self._waiters: dict[str, list[asyncio.Future[Checked]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reading: dict[str, _Reading] = {}  # folder -> its progress in the editor

    # ------------------------------------------------------------------ set-up

    def setup(self, params: types.InitializeParams) -> None:
        self._loop = asyncio.get_running_loop()
        capabilities = params.capabilities
        self.encoding = _encoding(self.workspace.position_encoding)
        text_document = capabilities.text_document
        self.pull = text_document is not None and text_document.diagnostic is not None
        workspace = capabilities.workspace
        diagnostics = workspace.diagnostics if workspace is not None else None
        self.refresh = bool(diagnostics is not None and diagnostics.refresh_support)
        edit = workspace.workspace_edit if workspace is not None else None
        self.versioned_edits = bool(edit is not None and edit.document_changes)
        window = capabilities.window
        self.shows_progress = bool(window is not None and window.work_done_progress)
        options = params.initialization_options
        if isinstance(options, dict):
            debounce = options.get("debounce")
            if isinstance(debounce, (int, float)) and not isinstance(debounce, bool):
                self.debounce = min(max(float(debounce), 0.0), 5.0)
        folders = [p for p in (_path_of(f.uri) for f in params.workspace_folders or []) if p]
        if not folders and params.root_uri:
            root = _path_of(params.root_uri)
            folders = [root] if root else []
        elif not folders and params.root_path:
            folders = [os.path.abspath(params.root_path)]
        folders = [f for f in folders if os.path.isdir(f)]
        if folders:
            # Diagnostics name files relative to the working directory, as the CLI run
            # in the project would (`_news/a.md`, not an absolute path). Relative entries
            # of the import path (`''` for `python -c`) are pinned first, so that modules
            # imported later never come from the workspace, which is untrusted.
            sys.path[:] = [p if os.path.isabs(p) else os.path.abspath(p) for p in sys.path]
            os.chdir(folders[0])
        if not self.worker.is_alive():
            self.worker.start()
        # First of all jobs: documents opened next are checked in this session.
        self.worker.submit(_REQUEST, self._start_session, folders)

    def _start_session(self, folders: list[str]) -> None:
        self.session = Session(folders, notify=self._notify)
        self._ensure_scanning()

    def _notify(self, message: str) -> None:
        """A message for the user (a configuration that does not load, a huge folder)."""
        params = types.ShowMessageParams(type=types.MessageType.Warning, message=message)
        self._on_loop(self.window_show_message, params)

    def _on_loop(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` on the event loop (from the worker thread)."""
        if self._loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop closed (exit): nobody listens
            self._loop.call_soon_threadsafe(function, *args)

    def stop_worker(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self.worker.stop()

    # ----------------------------------------------------------------- scanning

    def _ensure_scanning(self) -> None:
        """(Worker thread.) Read the workspace folders not read yet, in the background."""
        if not self.scanning and self.session is not None and self.session.pending_scans():
            self.scanning = True
            self.worker.submit(_SCAN, self._scan_step)

    def _scan_step(self) -> None:
        session = self.session
        assert session is not None
        pending = session.pending_scans()
        if not pending:
            self.scanning = False
            return
        folder = pending[0]
        changed = session.scan(folder)
        done = changed is not None
        read = folder.total - len(folder.queue or ())
        self._on_loop(self._show_reading, folder.path, read, folder.total, done)
        if changed is not None:
            self._deliver(changed, refresh=True)
        self.worker.submit(_SCAN, self._scan_step)

    def _show_reading(self, folder: str, read: int, total: int, done: bool) -> None:
        """(Event loop.) The workspace being read, as work done progress in the editor
        (``articlelint: reading 1,611 records``), when the client shows progress."""
        if not self.shows_progress:
            return
        reading = self._reading.get(folder)
        if reading is None:
            if done and read == total:  # read in one go: nothing to show
                return
            reading = self._reading[folder] = _Reading(f"articlelint/read/{folder}", total)
            reading.task = asyncio.ensure_future(self._begin_reading(reading))
        reading.read, reading.total, reading.done = read, total, done
        self._report_reading(folder, reading)

    async def _begin_reading(self, reading: _Reading) -> None:
        try:
            await self.work_done_progress.create_async(reading.token)
        except Exception:  # the client said no: no progress shown
            reading.refused = True
            return
        self.work_done_progress.begin(
            reading.token,
            types.WorkDoneProgressBegin(
                title="articlelint",
                message=f"reading {reading.total:,} records",
                percentage=0,
                cancellable=False,
            ),
        )
        reading.begun = True
        for folder, known in list(self._reading.items()):
            if known is reading:
                self._report_reading(folder, reading)

    def _report_reading(self, folder: str, reading: _Reading) -> None:
        if not reading.begun or reading.refused:
            if reading.refused:
                self._reading.pop(folder, None)
            return
        if reading.done:
            self.work_done_progress.end(
                reading.token,
                types.WorkDoneProgressEnd(message=f"read {reading.read:,} records"),
            )
            self._reading.pop(folder, None)
            return
        percentage = reading.read * 100 // max(reading.total, 1)
        if percentage >= reading.shown + 5:  # every 5 %: a few dozen messages at most
            reading.shown = percentage
            self.work_done_progress.report(
                reading.token,
                types.WorkDoneProgressReport(
                    message=f"{reading.read:,}/{reading.total:,} records", percentage=percentage
                ),
            )

    # ------------------------------------------------------------------ checking

    def schedule(self, uri: str, version: int | None, text: str, *, delay: float) -> None:
        """(Event loop.) The editor holds a new version: check it after ``delay``."""
        self.latest[uri] = (version, text)
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if delay <= 0 or self._loop is None:
            self._submit(uri)
        else:
            self._timers[uri] = self._loop.call_later(delay, self._submit, uri)

    def _submit(self, uri: str) -> None:
        self._timers.pop(uri, None)
        latest = self.latest.get(uri)
        if latest is None:
            return
        version, text = latest
        if uri in self._submitted and self._submitted[uri] == version:
            return  # already on its way
        self._submitted[uri] = version
        path = _path_of(uri) or uri
        self.worker.submit(_DOCUMENT, self._check, uri, path, version, text)

    def _check(self, uri: str, path: str, version: int | None, text: str) -> None:
        """(Worker thread.) Check one version of a document, unless it was overtaken."""
        latest = self.latest.get(uri)
        if latest is None or latest[0] != version:
            return
        try:
            assert self.session is not None, "no session"
            changed = self.session.update(uri, path, text, version)
        except Exception as exc:  # a bug here must not stop the server or hide it
            logger.exception("checking %s failed", uri)
            self._deliver_crash(uri, path, version, text, exc)
            return
        self._deliver(changed, refresh=len(changed) > 1)

    def _snapshot(self, document: Document) -> Checked:
        suppressions = document.report.suppressions if document.report is not None else []
        return Checked(
            document.uri,
            document.version,
            document.text,
            document.name,
            document.diagnostics,
            suppressions,
            self.encoding,
        )

    def _deliver(self, documents: list[Document], *, refresh: bool) -> None:
        """(Worker thread.) Hand the documents' findings to the event loop."""
        if documents:
            snapshots = [self._snapshot(d) for d in documents]
            self._on_loop(self._publish, snapshots, refresh)
        elif refresh:
            self._on_loop(self._publish, [], refresh)

    def _deliver_crash(
        self, uri: str, path: str, version: int | None, text: str, exc: BaseException
    ) -> None:
        diagnostic = Diagnostic(
            "AL000",
            "internal-error",
            Severity.ERROR,
            f"articlelint server crashed checking this document: {type(exc).__name__}: "
            f"{str(exc)[:200]}. Please report this.",
            path,
            1,
            1,
            1,
            1,
        )
        snapshot = Checked(uri, version, text, path, [diagnostic], [], self.encoding)
        self._on_loop(self._publish, [snapshot], False)

    def _publish(self, snapshots: list[Checked], refresh: bool) -> None:
        """(Event loop.) Keep and send the findings of the latest versions."""
        for snapshot in snapshots:
            latest = self.latest.get(snapshot.uri)
            if latest is None or latest[0] != snapshot.version:
                continue  # closed, or overtaken: the newer version's check publishes
            self.results[snapshot.uri] = snapshot
            waiters = self._waiters.pop(snapshot.uri, [])
            for future in waiters:
                if not future.done():
                    future.set_result(snapshot)
            if not self.pull:
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=snapshot.uri, diagnostics=snapshot.lsp, version=snapshot.version
                    )
                )
        if self.pull and refresh and self.refresh:
            self.workspace_diagnostic_refresh(None)

    async def current(self, uri: str) -> Checked | None:
        """(Event loop.) The check of the document's latest version, now if need be."""
        latest = self.latest.get(uri)
        if latest is None:
            return None
        found = self.results.get(uri)
        if found is not None and found.version == latest[0]:
            return found
        assert self._loop is not None
        future: asyncio.Future[Checked] = self._loop.create_future()
        self._waiters.setdefault(uri, []).append(future)
        if uri in self._timers or self._submitted.get(uri) != latest[0]:
            self._submit(uri)  # still debouncing (or never checked): check it now
        return await future

    def close(self, uri: str) -> None:
        self.latest.pop(uri, None)
        self.results.pop(uri, None)
        self._submitted.pop(uri, None)
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        for future in self._waiters.pop(uri, []):
            future.cancel()
        if not self.pull:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        self.worker.submit(_CHANGE, self._closed, uri)

    def _closed(self, uri: str) -> None:
        if self.session is not None:
            self._deliver(self.session.close(uri), refresh=True)

    def files_changed(self, changes: list[tuple[str, bool]]) -> None:
        self.worker.submit(_CHANGE, self._files_changed, changes)

    def _files_changed(self, changes: list[tuple[str, bool]]) -> None:
        session = self.session
        if session is None:
            return
        changed: list[Document] = []
        for path, deleted in changes:
            changed.extend(session.file_changed(path, deleted=deleted))
        # The same document may come twice (two files changed): its last state counts.
        unique = list({id(d): d for d in changed}.values())
        self._deliver(unique, refresh=True)
        self._ensure_scanning()

    def folders_changed(self, added: list[str], removed: list[str]) -> None:
        self.worker.submit(_CHANGE, self._folders_changed, added, removed)

    def _folders_changed(self, added: list[str], removed: list[str]) -> None:
        session = self.session
        if session is None:
            return
        changed: list[Document] = []
        for path in removed:
            changed.extend(session.remove_folder(path))
        for path in added:
            session.add_folder(path)
        self._deliver(changed, refresh=True)
        self._ensure_scanning()

    # ------------------------------------------------------------------ requests

    async def actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        checked = await self.current(params.text_document.uri)
        if checked is None:
            return None
        only = [str(getattr(k, "value", k)) for k in params.context.only or []] or None
        start = checked.index.offset(params.range.start.line, params.range.start.character)
        end = checked.index.offset(params.range.end.line, params.range.end.character)
        future = self.worker.submit(_REQUEST, self._actions, checked, start, end, only)
        result: list[types.CodeAction] = await asyncio.wrap_future(future)
        return result

    def _actions(
        self, checked: Checked, start: int, end: int, only: list[str] | None
    ) -> list[types.CodeAction]:
        from articlelint.fixing.suppress import suppressed_text
        from articlelint.server.edits import minimal_edits

        session = self.session
        document = session.documents.get(checked.uri) if session is not None else None
        if document is None:
            return []
        linter = document.folder.linter

        def fixed_text() -> str:
            return linter.fix_all(checked.text, checked.name)

        def suppressed(diagnostic: Diagnostic) -> str | None:
            outcome = suppressed_text(checked.text, checked.name, [diagnostic])
            return None if outcome is None else outcome[0]

        return code_actions(
            checked,
            start,
            end,
            only=only,
            versioned=self.versioned_edits,
            fixed_text=fixed_text,
            suppressed=suppressed,
            minimal_edits=minimal_edits,
        )

    async def hover_at(self, params: types.HoverParams) -> types.Hover | None:
        checked = await self.current(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.index.offset(params.position.line, params.position.character)
        return hover(checked, offset, _explain)


class _Reading:
    """The progress of reading one workspace folder, as the editor is shown it."""

    __slots__ = ("begun", "done", "read", "refused", "shown", "task", "token", "total")

    def __init__(self, token: str, total: int) -> None:
        self.token = token
        self.total = total
        self.read = 0
        self.done = False
        self.begun = False
        self.refused = False
        self.shown = 0  # the last percentage reported
        self.task: asyncio.Future[None] | None = None


def _explain(code_or_name: str) -> str | None:
    from articlelint.explain import explain_text
    from articlelint.rules import registry

    rule = registry().get(code_or_name)
    return explain_text(rule) if rule is not None else None


def make_server() -> ArticlelintServer:
    """A server with every feature registered (one per process: it changes the working
    directory to the first workspace folder)."""
    server = ArticlelintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ArticlelintServer, params: types.InitializeParams) -> None:
        ls.setup(params)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ArticlelintServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        globs = [f"**/{name}" for name in sorted(CONFIG_FILES)]
        globs.append("**/*.{md,markdown,yaml,yml,txt}")
        registration = types.Registration(
            id="articlelint-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in globs]
            ),
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception:  # a client that says it can but cannot: no watching, no harm
            logger.warning("the client refused to watch files", exc_info=True)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: ArticlelintServer, params: None) -> None:
        ls.shut_down = True
        ls.stop_worker()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArticlelintServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        ls.schedule(document.uri, document.version, document.text, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArticlelintServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        ls.schedule(
            params.text_document.uri,
            params.text_document.version,
            document.source,
            delay=ls.debounce,
        )

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArticlelintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        latest = ls.latest.get(uri)
        if latest is not None:
            ls.schedule(
                uri, latest[0], params.text if params.text is not None else latest[1], delay=0
            )

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArticlelintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier=SOURCE, inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    async def diagnostic(
        ls: ArticlelintServer, params: types.DocumentDiagnosticParams
    ) -> types.FullDocumentDiagnosticReport:
        checked = await ls.current(params.text_document.uri)
        items = checked.lsp if checked is not None else []
        result_id = None if checked is None else f"{checked.version}"
        return types.FullDocumentDiagnosticReport(items=items, result_id=result_id)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(
        ls: ArticlelintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return await ls.actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: ArticlelintServer, params: types.HoverParams) -> types.Hover | None:
        return await ls.hover_at(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ArticlelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        changes = []
        for change in params.changes:
            path = _path_of(change.uri)
            if path is not None:
                changes.append((path, change.type == types.FileChangeType.Deleted))
        if changes:
            ls.files_changed(changes)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(ls: ArticlelintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        added = [p for p in (_path_of(f.uri) for f in params.event.added) if p]
        removed = [p for p in (_path_of(f.uri) for f in params.event.removed) if p]
        ls.folders_changed(added, removed)

    return server


def serve() -> int:
    """Run the server over standard input and output until the client says ``exit``
    (or closes them): 0 after a ``shutdown`` request, else 1, as the protocol says."""
    server = make_server()
    try:
        server.start_io()
    finally:
        server.stop_worker()
    return 0 if server.shut_down else 1
