"""What the language server knows: workspace folders, their records, the open documents.

One :class:`Session` per server, used from one thread only (the server's worker): it is
given document texts with their versions, checks them with the folder's
:class:`~articlelint.server.linter.FolderLinter`, and says which open documents' findings
changed. Each workspace folder is read once in the background (:meth:`Session.scan`, a
few files per call, so a keystroke never waits for more than one file) and each file's
report kept, so cross-file rules (duplicate record URLs, collection items) see the
workspace's records, with the open documents' current text in place of their files.

Nothing here speaks LSP: paths and texts in, articlelint diagnostics out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from articlelint.config import Config, discover_config
from articlelint.diagnostics import Diagnostic
from articlelint.engine import FileReport
from articlelint.server.linter import FolderLinter

__all__ = ["CONFIG_FILES", "MAX_WORKSPACE_FILES", "Document", "Folder", "Session"]

#: Files whose change means a folder's configuration must be read again: the
#: configuration files, and the Jekyll site files that give the site profile and decide
#: which files are records.
CONFIG_FILES = frozenset(
    {"pyproject.toml", ".articlelint.toml", "_config.yml", "_config.yaml", "_config.toml"}
)
#: Records read from one workspace folder at most (the rest are not seen by cross-file
#: rules, and the server says so): bounded memory and start-up work on any folder.
MAX_WORKSPACE_FILES = 50_000


class Folder:
    """A workspace folder (or, for documents outside every folder, their directory,
    which is not read): its linter and the report of each of its records on disk."""

    def __init__(self, path: str, linter: FolderLinter, *, workspace: bool) -> None:
        self.path = path
        self.linter = linter
        self.workspace = workspace
        #: name -> the report of that record as it is on disk.
        self.disk: dict[str, FileReport] = {}
        #: Names still to read (in order); ``None`` until the folder has been walked.
        self.queue: list[str] | None = [] if not workspace else None
        self.total = 0  # records to read (once walked)
        self.skipped = 0  # records beyond MAX_WORKSPACE_FILES

    @property
    def scanned(self) -> bool:
        return self.queue is not None and not self.queue


class Document:
    """An open document and what was found in it, for the version last checked."""

    __slots__ = (
        "diagnostics",
        "folder",
        "name",
        "path",
        "report",
        "text",
        "uri",
        "version",
        "wanted",
    )

    def __init__(self, uri: str, path: str, name: str, folder: Folder) -> None:
        self.uri = uri
        self.path = path  # absolute
        self.name = name  # the path in diagnostics
        self.folder = folder
        self.version: int | None = None
        self.text = ""
        self.report: FileReport | None = None  # None: not a record articlelint checks
        self.diagnostics: list[Diagnostic] = []
        #: Whether articlelint checks this file (its folder's walk would find it);
        #: ``None`` until asked, and again after the configuration changed.
        self.wanted: bool | None = None


class Session:
    """Workspace folders and open documents (see the module's documentation).

    ``base`` is the folder relative to which paths are shown in diagnostics (the
    process's working directory: the engine resolves relative paths against it);
    ``load_config`` finds a folder's configuration (default: as the CLI does)."""

    def __init__(
        self,
        folders: Iterable[str] = (),
        *,
        base: str | None = None,
        load_config: Callable[[list[str]], Config] = discover_config,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.base = os.path.abspath(base or os.getcwd())
        self._load_config = load_config
        self._notify = notify or (lambda message: None)
        self.folders: dict[str, Folder] = {}
        self.loose: dict[str, Folder] = {}  # directory -> folder of documents outside
        self.documents: dict[str, Document] = {}
        for folder in folders:
            self.add_folder(folder)

    # ------------------------------------------------------------------ naming

    def name_of(self, path: str) -> str:
        """``path`` as diagnostics show it: relative to :attr:`base` when inside it."""
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, self.base)
        if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
            return absolute
        return relative

    # ------------------------------------------------------------------ folders

    def _linter(self, start: str, previous: FolderLinter | None = None) -> FolderLinter:
        """The linter for the configuration found from ``start``. A configuration that
        does not load is reported (``notify``) and the previous one kept (or none used)."""
        try:
            return FolderLinter(self._load_config([start]))
        except Exception as exc:  # ConfigError, and an unreadable file
            kept = "last valid" if previous else "default"
            self._notify(f"articlelint: {exc} (the {kept} configuration is used until it is fixed)")
            return previous or FolderLinter(Config())

    def add_folder(self, path: str) -> Folder:
        path = os.path.abspath(path)
        folder = self.folders.get(path)
        if folder is None:
            folder = self.folders[path] = Folder(path, self._linter(path), workspace=True)
        return folder

    def remove_folder(self, path: str) -> list[Document]:
        """Forget a folder; its open documents move to the folder that now holds them."""
        folder = self.folders.pop(os.path.abspath(path), None)
        if folder is None:
            return []
        return self._rehome([d for d in self.documents.values() if d.folder is folder])

    def folder_of(self, path: str) -> Folder:
        """The innermost workspace folder holding ``path``, else a folder for its
        directory (with the configuration found from the file, as for a file named on
        the command line)."""
        absolute = os.path.abspath(path)
        best: Folder | None = None
        for root, folder in self.folders.items():
            if (absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep)) and (
                best is None or len(root) > len(best.path)
            ):
                best = folder
        if best is not None:
            return best
        directory = os.path.dirname(absolute)
        loose = self.loose.get(directory)
        if loose is None:
            loose = self.loose[directory] = Folder(
                directory, self._linter(absolute), workspace=False
            )
        return loose

    # ---------------------------------------------------------------- documents

    def update(self, uri: str, path: str, text: str, version: int | None) -> list[Document]:
        """Check a document's new text; the open documents whose findings changed (this
        one always first)."""
        document = self.documents.get(uri)
        if document is None:
            folder = self.folder_of(path)
            document = Document(uri, os.path.abspath(path), self.name_of(path), folder)
            self.documents[uri] = document
        document.text = text
        document.version = version
        folder = document.folder
        if document.wanted is None:
            where = folder.path if folder.workspace else None
            document.wanted = folder.linter.wants(where, document.path)
        if document.wanted:
            document.report = folder.linter.check_text(text, document.name, version)
        else:
            document.report = None
        changed = self._refinish(folder, always=document)
        return changed

    def close(self, uri: str) -> list[Document]:
        """Forget an open document: its record is read from disk again (unsaved changes
        are gone), and the other documents' cross-file findings follow."""
        document = self.documents.pop(uri, None)
        if document is None:
            return []
        folder = document.folder
        if folder.workspace and document.name in folder.disk:
            if os.path.exists(document.name):
                folder.disk[document.name] = folder.linter.check_file(document.name)
            else:
                del folder.disk[document.name]
        return self._refinish(folder)

    def _rehome(self, documents: list[Document]) -> list[Document]:
        changed: list[Document] = []
        for document in documents:
            self.documents.pop(document.uri, None)
            changed.extend(
                self.update(document.uri, document.path, document.text, document.version)
            )
        return _unique(changed)

    # ------------------------------------------------------------- the workspace

    def scan(self, folder: Folder, budget: float = 0.02) -> list[Document] | None:
        """Read some of ``folder``'s records (about ``budget`` seconds' worth). ``None``
        while there is more to read; when the folder is done, the open documents whose
        findings changed now that cross-file rules see all of it."""
        if folder.queue is None:
            files, _errors = folder.linter.walk(folder.path)
            names = [self.name_of(f) for f in files]
            if len(names) > MAX_WORKSPACE_FILES:
                folder.skipped = len(names) - MAX_WORKSPACE_FILES
                names = names[:MAX_WORKSPACE_FILES]
                self._notify(
                    f"articlelint: {folder.path} holds {len(names) + folder.skipped:,} "
                    f"records; cross-file rules see the first {MAX_WORKSPACE_FILES:,}"
                )
            folder.queue = names[::-1]  # popped from the end: in walk order
            folder.total = len(names)
            if not names:
                return self._refinish(folder)
        deadline = time.perf_counter() + budget
        queue = folder.queue
        while queue:
            name = queue.pop()
            folder.disk[name] = folder.linter.check_file(name)
            if time.perf_counter() >= deadline:
                break
        if queue:
            return None
        return self._refinish(folder)

    def pending_scans(self) -> list[Folder]:
        """Workspace folders not read to the end yet."""
        return [f for f in self.folders.values() if not f.scanned]

    def reload(self, folder: Folder) -> list[Document]:
        """Read ``folder``'s configuration again: every record is checked again (open
        documents now, the others by :meth:`scan`)."""
        folder.linter = self._linter(folder.path, folder.linter)
        folder.disk.clear()
        folder.queue = None if folder.workspace else []
        folder.total = folder.skipped = 0
        changed: list[Document] = []
        for document in [d for d in self.documents.values() if d.folder is folder]:
            document.wanted = None
            changed.extend(
                self.update(document.uri, document.path, document.text, document.version)
            )
        return _unique(changed)

    def file_changed(self, path: str, *, deleted: bool) -> list[Document]:
        """A file changed on disk (created, edited, deleted). A configuration file:
        the folders it configures are reloaded; a record of a read folder that is not
        open: its report is replaced (or dropped)."""
        absolute = os.path.abspath(path)
        if os.path.basename(absolute) in CONFIG_FILES:
            changed: list[Document] = []
            directory = os.path.dirname(absolute)
            for folder in [*self.folders.values(), *self.loose.values()]:
                root = folder.path
                inside = absolute.startswith(root.rstrip(os.sep) + os.sep)
                above = root == directory or root.startswith(directory.rstrip(os.sep) + os.sep)
                if inside or above:
                    changed.extend(self.reload(folder))
            return _unique(changed)
        folder = self.folder_of(absolute)
        if not folder.workspace or folder.queue is None:
            return []  # not read yet: the scan will see the file as it is then
        name = self.name_of(absolute)
        if any(d.name == name for d in self.documents.values()):
            return []  # open: the editor's text is what counts
        if deleted or not os.path.isfile(absolute):
            if folder.disk.pop(name, None) is None:
                return []
        elif folder.linter.wants(folder.path, absolute):
            if name in folder.queue:
                return []
            folder.disk[name] = folder.linter.check_file(name)
        else:
            return []
        return self._refinish(folder)

    # ---------------------------------------------------------------- finishing

    def _refinish(self, folder: Folder, always: Document | None = None) -> list[Document]:
        """Run the cross-file rules over ``folder``'s records (open documents' text in
        place of their files) and give each open document its findings; those whose
        findings changed are returned (``always`` first, whatever changed)."""
        documents = [d for d in self.documents.values() if d.folder is folder]
        reports: dict[str, FileReport] = dict(folder.disk)
        for document in documents:
            if document.report is not None:
                reports[document.name] = document.report
            else:
                reports.pop(document.name, None)
        linter = folder.linter
        cross = linter.cross_file(reports.values(), complete=folder.scanned)
        changed: list[Document] = [always] if always is not None else []
        for document in documents:
            if document.report is None:
                found: list[Diagnostic] = []
            else:
                found = linter.diagnostics(document.report, cross.get(document.name, ()))
            if document is always or found != document.diagnostics:
                document.diagnostics = found
                if document is not always:
                    changed.append(document)
        return changed


def _unique(documents: list[Any]) -> list[Any]:
    seen: set[int] = set()
    out = []
    for document in documents:
        if id(document) not in seen:
            seen.add(id(document))
            out.append(document)
    return out
