"""The one place the language server meets the engine.

A :class:`FolderLinter` checks records for one workspace folder's configuration: a
document's text in memory, or a file of the folder on disk, each into a report kept by
the session; and finishes the cross-file rules over all the reports it is given. The
session decides what to check and when; the rules, suppressions and fixes are the
engine's own, so a document gets exactly the findings ``articlelint`` prints for it.

(Built on the engine's checking functions until the engine offers one public session
object for every front-end; then this module is the one to move onto it.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from articlelint.config import Config, path_matches
from articlelint.diagnostics import Diagnostic
from articlelint.engine import (
    _SKIP_DIRS,
    FileReport,
    RuleSet,
    _finish_project_rules,
    _JekyllFilter,
    _suffix_globs,
    _summary,
    check_loaded,
    discover,
)
from articlelint.loading import LoadError, load_path, load_text
from articlelint.suppressions import apply_suppressions

__all__ = ["RUN_DEPENDENT", "FolderLinter"]

#: Cross-file rules whose verdict depends on which files the run holds, not only on what
#: they say: reported only once the whole folder has been read, or a record not read yet
#: would look "not checked".
RUN_DEPENDENT = frozenset({"AL512"})


class FolderLinter:
    """Checks records with one configuration (a workspace folder's, found as the CLI
    finds it)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.ruleset = RuleSet(config)
        self._suffixes = _suffix_globs(config.include)

    # ---------------------------------------------------------------- checking

    def check_text(self, text: str, path: str) -> FileReport:
        """One record's text, as an editor holds it (named ``path`` in diagnostics; its
        suffix says whether front matter is expected)."""
        limit = self.config.max_file_size
        if len(text) > limit:  # characters: at least as many bytes in UTF-8
            loaded: object = LoadError(
                path,
                "AL001",
                f"the document is larger than the {limit:,}-byte limit; raise "
                "`max-file-size` to check it",
            )
        else:
            try:
                loaded = load_text(text, path)
            except Exception as exc:  # a bug in the loader: this document only
                loaded = LoadError(
                    path, "AL000", f"loading crashed: {_summary(exc)}. Please report this."
                )
        return self._check(loaded, path)

    def check_file(self, path: str) -> FileReport:
        """One file of the folder, read from disk (never opened when it is not a regular
        file, never read past ``max-file-size``)."""
        try:
            loaded: object = load_path(path, max_size=self.config.max_file_size)
        except Exception as exc:
            loaded = LoadError(
                path, "AL000", f"loading crashed: {_summary(exc)}. Please report this."
            )
        return self._check(loaded, path)

    def _check(self, loaded: object, path: str) -> FileReport:
        try:
            return check_loaded(loaded, self.ruleset)  # type: ignore[arg-type]
        except Exception as exc:  # check_loaded contains rule crashes; this is a last resort
            error = LoadError(
                path, "AL000", f"checking crashed: {_summary(exc)}. Please report this."
            )
            return check_loaded(error, self.ruleset)

    def report_of(self, error: LoadError) -> FileReport:
        """The report of a file the walk could not read (a symlink out of the tree...)."""
        return check_loaded(error, self.ruleset)

    # ---------------------------------------------------------------- finishing

    def cross_file(
        self, reports: Iterable[FileReport], *, complete: bool = True
    ) -> dict[str, list[Diagnostic]]:
        """The cross-file rules' findings over ``reports``, by path. ``complete``: the
        reports are every record of the folder (else :data:`RUN_DEPENDENT` rules are
        left out)."""
        found = _finish_project_rules(list(reports), self.ruleset)
        out: dict[str, list[Diagnostic]] = {}
        for diagnostic in found:
            if complete or diagnostic.code not in RUN_DEPENDENT:
                out.setdefault(diagnostic.path, []).append(diagnostic)
        return out

    def diagnostics(self, report: FileReport, cross: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
        """A document's findings: its own and the cross-file ones, with its suppression
        comments applied (and ``AL901`` for those that silence nothing), sorted."""
        found = [*report.diagnostics, *cross]
        if report.suppressions:
            found = apply_suppressions(found, {report.path: report.suppressions}, self.ruleset)
        found.sort(key=Diagnostic.sort_key)
        return found

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
        on disk yet): its name matches ``include``, nothing on the way is excluded,
        hidden or skipped, and in a Jekyll site it is in a collection folder. Without a
        folder, as a file named on the command line: only ``exclude`` keeps it out (and
        ``include``, since editors open any file)."""
        config = self.config
        name = os.path.basename(path)
        if self._suffixes is not None:
            included = name.endswith(self._suffixes)
        else:
            included = path_matches(path, config.include, config.root, folders=False)
        if not included or path_matches(path, config.exclude, config.root):
            return False
        if folder is None:
            return True
        relative = os.path.relpath(os.path.abspath(path), folder)
        parts = relative.replace(os.sep, "/").split("/")
        if parts[0] == "..":
            return False
        for part in parts[:-1]:
            if part in _SKIP_DIRS or part.startswith("."):
                return False
        return _JekyllFilter(folder).keeps(os.path.abspath(path))
