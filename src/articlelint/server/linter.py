"""The one place the language server meets the engine.

A :class:`FolderLinter` checks records for one workspace folder's configuration through
the engine's :class:`~articlelint.engine.Linter`: a document's text in memory, or a file
of the folder on disk, each into a report kept by the session; and finishes the
cross-file rules over all the reports it is given. The session decides what to check and
when; the rules, suppressions and fixes are the engine's own, so a document gets exactly
the findings ``articlelint`` prints for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from articlelint.config import Config
from articlelint.diagnostics import Diagnostic
from articlelint.engine import FileReport, Linter, discover
from articlelint.engine.discovery import would_check
from articlelint.loading import LoadError

__all__ = ["RUN_DEPENDENT", "FolderLinter"]

#: Cross-file rules whose verdict depends on which files the run holds, not only on what
#: they say: reported only once the whole folder has been read, or a record not read yet
#: would look "not checked".
RUN_DEPENDENT = frozenset({"AL512"})


class FolderLinter:
    """Checks records with one configuration (a workspace folder's, found as the CLI
    finds it)."""

    def __init__(self, config: Config) -> None:
        self.linter = Linter(config)
        self.config = self.linter.config

    # ---------------------------------------------------------------- checking

    def check_text(self, text: str, path: str, version: int | None = None) -> FileReport:
        """One record's text, as an editor holds it (named ``path`` in diagnostics; its
        suffix says whether front matter is expected; over ``max-file-size``: AL001)."""
        return self.linter.check_text(text, path, version=version)

    def check_file(self, path: str) -> FileReport:
        """One file of the folder, read from disk (never opened when it is not a regular
        file, never read past ``max-file-size``)."""
        return self.linter.check_path(path)

    def report_of(self, error: LoadError) -> FileReport:
        """The report of a file the walk could not read (a symlink out of the tree...)."""
        return self.linter.check_loaded(error)

    # ---------------------------------------------------------------- finishing

    def cross_file(
        self, reports: Iterable[FileReport], *, complete: bool = True
    ) -> dict[str, list[Diagnostic]]:
        """The cross-file rules' findings over ``reports``, by path. ``complete``: the
        reports are every record of the folder (else :data:`RUN_DEPENDENT` rules are
        left out)."""
        out: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.linter.cross_record(reports):
            if complete or diagnostic.code not in RUN_DEPENDENT:
                out.setdefault(diagnostic.path, []).append(diagnostic)
        return out

    def diagnostics(self, report: FileReport, cross: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
        """A document's findings: its own and the cross-file ones, with its suppression
        comments applied (and ``AL901`` for those that silence nothing), sorted."""
        return self.linter.findings(report, cross)

    def fix_all(self, text: str, path: str) -> str:
        """What ``articlelint --fix`` makes of the record: its safe fixes, applied."""
        from articlelint.fixing import fix_text

        return fix_text(text, path, config=self.config)[0]

    # ---------------------------------------------------------------- files

    def walk(self, folder: str) -> tuple[list[str], list[LoadError]]:
        """The records ``articlelint FOLDER`` checks (include, exclude, a Jekyll site's
        collection folders, symlinks out of the tree not followed), and the files it
        reports instead of reading."""
        errors: list[LoadError] = []
        files = list(discover([folder], self.config, errors=errors))
        return files, errors

    def wants(self, folder: str | None, path: str) -> bool:
        """Whether ``articlelint FOLDER`` would check the file ``path`` (which may not be
        on disk yet); without a folder, as a file named on the command line."""
        return would_check(path, self.config, folder)
