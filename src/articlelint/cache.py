"""The result cache (like ``.ruff_cache``): what checking a file produced, keyed on its content.

One cache file per *settings key* -- a hash of the articlelint version, the effective
configuration, the active rules (with the source files of the modules that define them, so a
changed plugin or an edited checkout is never served old results) and the contents of files
that options point at (``--schema``). Inside it, one entry per file path::

    absolute path -> (stat stamp, trusted, content digest, FileReport)

A hit needs the same content digest. Reading and hashing every file is the slow part of a
warm run, so an entry whose *stat stamp* (size, mtime, ctime, inode) still matches is served
without reading the file -- but only when the entry was *trusted*: the file had not been
modified in the few seconds before it was stamped. A file written again within the file
system's timestamp granularity can keep its stamp (git's "racy clean" problem), so recently
modified files are always re-hashed.

Writes are atomic (a temporary file, then :func:`os.replace`) and merge with what another
run wrote meanwhile, so concurrent runs never see a torn file; the worst case of a race is a
lost entry, which only means a file is checked again. A cache file that cannot be read (other
version, corrupt, truncated) is ignored and rewritten. Nothing here raises for I/O problems:
a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from articlelint import __version__

if TYPE_CHECKING:
    from articlelint.diagnostics import Diagnostic, Severity, Span
    from articlelint.engine import FileReport, RuleSet
    from articlelint.rules.base import Fact, LocatedFact

__all__ = ["DEFAULT_CACHE_DIR", "Entry", "ResultCache", "digest", "stamp"]

#: Default cache folder (relative to the working directory), as ``.ruff_cache``.
DEFAULT_CACHE_DIR = ".articlelint_cache"
_FORMAT = 3
#: Files modified less than this many seconds before they were stamped are re-hashed.
_RACY_SECONDS = 3.0

#: ``(size, mtime_ns, ctime_ns, inode, device)`` of a file.
Stamp = tuple[int, int, int, int, int]


def stamp(path: str) -> tuple[Stamp, bool] | None:
    """The file's stat stamp and whether it can be trusted later; ``None`` if it can't be
    stat-ed (the loader reports why)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    newest = max(st.st_mtime_ns, st.st_ctime_ns) / 1e9
    trusted = time.time() - newest > _RACY_SECONDS
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev), trusted


def digest(data: bytes) -> bytes:
    """The content hash a cache entry is keyed on."""
    return hashlib.blake2b(data, digest_size=16).digest()


#: One file's cached result: (stat stamp, trusted, content digest, packed report); a plain
#: tuple so that the cache file loads at C speed.
Entry = tuple[Stamp, bool, bytes, "Packed"]


class ResultCache:
    """Cached :class:`~articlelint.engine.FileReport` values for one settings key."""

    def __init__(self, directory: str | os.PathLike[str], ruleset: RuleSet) -> None:
        self.directory = os.path.join(os.fspath(directory), __version__)
        self.file = os.path.join(self.directory, settings_key(ruleset) + ".pickle")
        self.entries: dict[str, Entry] = self._read()
        self.updates: dict[str, Entry] = {}
        self._cwd = os.getcwd()

    def _key(self, path: str) -> str:
        """The absolute path ``path`` names (``os.path.abspath`` without a ``getcwd`` call
        for every file)."""
        if not os.path.isabs(path):
            path = os.path.join(self._cwd, path)
        return os.path.normpath(path)

    def _read(self) -> dict[str, Entry]:
        # The load makes thousands of containers: it runs inside lint_paths, whose raised
        # collector thresholds (engine._fewer_collections) keep it free of collections.
        try:
            with open(self.file, "rb") as handle:
                payload = pickle.load(handle)
        except Exception:  # absent, unreadable, corrupt, from another version: start afresh
            return {}
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
            return {}
        entries = payload.get("entries")
        return entries if isinstance(entries, dict) else {}

    def lookup(self, path: str) -> FileReport | None:
        """The cached report of ``path`` if its stamp is unchanged and trusted, else ``None``
        (the caller then reads the file and asks :meth:`lookup_content`)."""
        entry = self.entries.get(self._key(path))
        if entry is None:
            return None
        try:
            if not entry[1]:
                return None
            st = os.stat(path)
            if (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev) != entry[0]:
                return None
            return unpack_report(entry[3], path)
        except Exception:  # unreadable file, or an entry that is not well formed: a miss
            return None

    def lookup_content(self, path: str, content_digest: bytes) -> FileReport | None:
        """The cached report of ``path`` if its content is unchanged."""
        entry = self.entries.get(self._key(path))
        if entry is None:
            return None
        try:
            if entry[2] != content_digest:
                return None
            return unpack_report(entry[3], path)
        except Exception:  # not well formed: a miss
            return None

    def known_digest(self, path: str) -> bytes | None:
        """The content digest remembered for ``path`` (to skip re-checking a touched file)."""
        entry = self.entries.get(self._key(path))
        try:
            return entry[2] if entry is not None and type(entry[2]) is bytes else None
        except Exception:  # not well formed
            return None

    def store(
        self,
        path: str,
        file_stamp: Stamp,
        trusted: bool,
        content_digest: bytes,
        report: FileReport,
    ) -> None:
        """Remember ``report`` for the file whose stamp (taken *before* reading) and content
        digest are given."""
        self.updates[self._key(path)] = (
            file_stamp,
            trusted,
            content_digest,
            pack_report(report),
        )

    def save(self) -> None:
        """Write the updates atomically, merged with what is on disk now."""
        if not self.updates:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            _write_gitignore(os.path.dirname(self.directory))
            merged = self._read()
            merged.update(self.updates)
            import tempfile

            handle, temp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(
                        {"format": _FORMAT, "entries": merged},
                        out,
                        protocol=pickle.HIGHEST_PROTOCOL,
                    )
                os.replace(temp, self.file)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            return  # a read-only checkout: run without a cache
        self.entries = merged
        self.updates = {}


#: A report as plain tuples: pickling thousands of value objects (named tuples) goes through
#: ``copyreg`` one object at a time, tuples of built-in values are C-speed both ways.
#: ``(diagnostics, facts, suppressions, source lines)``; the path is the key of the entry.
Packed = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[Any], dict[int, str]]


def pack_report(report: FileReport) -> Packed:
    """``report`` as tuples of built-in values (see :func:`unpack_report`)."""
    diagnostics = [
        (
            d.code,
            d.name,
            d.severity.value,
            d.message,
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            d.field,
            d.fix,
        )
        for d in report.diagnostics
    ]
    facts = [
        (
            code,
            f.fact.key,
            f.fact.field,
            f.fact.value,
            None if f.span is None else _span_tuple(f.span),
        )
        for code, f in report.facts
    ]
    return (diagnostics, facts, list(report.suppressions), dict(report.lines))


def unpack_report(packed: Packed, path: str) -> FileReport:
    """The :class:`~articlelint.engine.FileReport` that :func:`pack_report` packed, for the
    file spelt ``path`` (the same file may be given differently from one run to the next)."""
    file_report, diagnostic, severities, fact, located, span = _classes()
    diagnostics, facts, suppressions, lines = packed
    if not (diagnostics or facts or suppressions):
        return file_report(path, [], [], [], lines)
    return file_report(
        path,
        [
            diagnostic(code, name, severities[sev], message, path, *rest)
            for code, name, sev, message, *rest in diagnostics
        ],
        [
            (code, located(path, fact(key, field, value), None if where is None else span(*where)))
            for code, key, field, value, where in facts
        ],
        suppressions,
        lines,
    )


_Classes = tuple[
    "type[FileReport]",
    "type[Diagnostic]",
    "dict[str, Severity]",
    "type[Fact]",
    "type[LocatedFact]",
    "type[Span]",
]
_CLASSES: _Classes | None = None


def _classes() -> _Classes:
    """The classes a report is rebuilt from (imported on first use: no import cycle)."""
    global _CLASSES
    if _CLASSES is None:
        from articlelint.diagnostics import Diagnostic, Severity, Span
        from articlelint.engine import FileReport
        from articlelint.rules.base import Fact, LocatedFact

        severities = {s.value: s for s in Severity}
        _CLASSES = (FileReport, Diagnostic, severities, Fact, LocatedFact, Span)
    return _CLASSES


def _span_tuple(span: Any) -> tuple[int, int, int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column, span.start, span.end)


def _write_gitignore(directory: str) -> None:
    marker = os.path.join(directory, ".gitignore")
    if not os.path.exists(marker):
        with open(marker, "w", encoding="utf-8") as out:
            out.write("# Created by articlelint automatically.\n*\n")


def settings_key(ruleset: RuleSet) -> str:
    """A hash of everything besides a file's content that changes what checking it reports."""
    config = ruleset.config
    parts: dict[str, Any] = {
        "version": __version__,
        "python": sys.version_info[:2],
        "config": config.model_dump(mode="json", exclude=_RUN_ONLY_KEYS),
        "rules": [
            [a.rule.code, type(a.rule).__module__, type(a.rule).__qualname__, a.severity.value]
            for a in ruleset.active
        ],
        "sources": _source_stamps(
            {sys.modules[type(a.rule).__module__] for a in ruleset.active} | {sys.modules[__name__]}
        ),
        "option_files": _option_files(config.options),
    }
    blob = json.dumps(parts, sort_keys=True, default=repr).encode("utf-8")
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


#: Settings that change how a run goes, never what it reports.
_RUN_ONLY_KEYS = {"jobs", "cache_dir"}


def _source_stamps(modules: Iterable[Any]) -> list[list[Any]]:
    """(file, size, mtime) of the modules rules come from, and of articlelint's own sources."""
    files: set[str] = set()
    for module in modules:
        name = getattr(module, "__file__", None)
        if name:
            files.add(name)
    package = os.path.dirname(os.path.abspath(__file__))
    for folder, _dirs, names in os.walk(package):
        files.update(os.path.join(folder, n) for n in names if n.endswith(".py"))
    out: list[list[Any]] = []
    for name in sorted(files):
        try:
            st = os.stat(name)
        except OSError:
            continue
        out.append([name, st.st_size, st.st_mtime_ns])
    return out


def _option_files(options: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Digests of files that rule options name (a JSON Schema, a word list...)."""
    out: list[list[str]] = []
    for rule, values in sorted(options.items()):
        for key, value in sorted(values.items()):
            if isinstance(value, str) and os.path.isfile(value):
                try:
                    with open(value, "rb") as handle:
                        out.append([rule, key, digest(handle.read()).hex()])
                except OSError:
                    out.append([rule, key, "unreadable"])
    return out
