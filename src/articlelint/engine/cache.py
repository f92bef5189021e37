"""The result cache (like ``.ruff_cache``): what checking a file produced, keyed on its content.

One cache file per *settings key* -- a hash of the articlelint version, the effective
configuration, the active rules (with the source files of the modules that define them, so a
changed plugin or an edited checkout is never served old results) and the contents of files
that options point at (``--schema``). Inside it, one entry per file path::

    absolute path -> [size, mtime, ctime, inode, device, trusted, content digest, report...]

The cache depends on the values it stores (:mod:`articlelint.engine.results`) and on the
rule set its key is made of, never on the runner that uses it.

Beside it, ``<settings key>.output.json`` keeps the rendered output of the last run (one
run, a few renderings: formats and options) with its files in order and the stat stamps
their reports were trusted with: a run over the same files, all unchanged, prints it
without reading a record or the reports (:func:`articlelint.engine.runner.served_output`).
It is written and checked exactly like the cache file (JSON, the same MAC, atomic writes).

A hit needs the same content digest. Reading and hashing every file is the slow part of a
warm run, so an entry whose *stat stamp* (size, mtime, ctime, inode) still matches is served
without reading the file -- but only when the entry was *trusted*: the file had not been
modified in the few seconds before it was stamped. A file written again within the file
system's timestamp granularity can keep its stamp (git's "racy clean" problem), so recently
modified files are always re-hashed.

**The cache is data, never code, and never trusted.** It lives in the checked tree, which a
pull request can write to, so:

- the file is JSON (``json.loads`` builds lists, strings and numbers, and can run nothing),
  and every entry is checked for its exact shape when it is used: anything else is a miss;
- it is authenticated: a keyed BLAKE2b MAC over the content, with a random key kept in the
  user's cache folder (``$XDG_CACHE_HOME/articlelint/cache-key``, mode 0600, outside the
  tree). A planted file -- even well-formed JSON with the right content digests, which anyone
  can compute -- fails the MAC and is a miss, so it cannot hide findings. Without a usable
  key (no home folder, another user's key) the run goes without a cache;
- it is only read from, and written to, its own folder in the checked tree: a cache folder
  that is (or goes through) a symlink to outside the tree is not used (a warning says so),
  the cache file is never read through a symlink (``O_NOFOLLOW``), and the ``.gitignore``
  beside it is only ever created (``O_EXCL``), never written through a link.

Writes are atomic (a temporary file, then :func:`os.replace`) and merge with what another
run wrote meanwhile, so concurrent runs never see a torn file; the worst case of a race is a
lost entry, which only means a file is checked again. A cache file that cannot be read (other
version, corrupt, truncated, forged) is ignored and rewritten. Nothing here raises for I/O
problems: a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat as _stat
import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from articlelint._version import __version__
from articlelint.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from articlelint.engine.results import FileReport, RecordSummary, Suppression
from articlelint.rules.base import Fact, LocatedFact

if TYPE_CHECKING:
    from articlelint.engine.ruleset import RuleSet

__all__ = ["DEFAULT_CACHE_DIR", "Entry", "ResultCache", "digest", "stamp"]

#: Default cache folder (relative to the working directory), as ``.ruff_cache``.
DEFAULT_CACHE_DIR = ".articlelint_cache"
_FORMAT = 5
#: The first line of a cache file; the second is the MAC (hex), then the JSON document.
_MAGIC = b"articlelint-cache 5\n"
#: A cache file larger than this is not read (a 10,000-record cache is about 7 MB).
_MAX_BYTES = 256 * 1024 * 1024
#: The MAC key's file in the user's cache folder.
KEY_FILE = "cache-key"
_KEY_BYTES = 32
#: Files modified less than this many seconds before they were stamped are re-hashed.
_RACY_SECONDS = 3.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

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


#: One file's cached result as the JSON file holds it: ``[size, mtime_ns, ctime_ns, inode,
#: device, trusted, content digest (hex), *report]`` (the report's five parts, see
#: :func:`_encode_report`); flat, so that it parses fast. Checked when used, not when read.
Entry = list[Any]


class ResultCache:
    """Cached :class:`~articlelint.engine.results.FileReport` values for one settings key."""

    def __init__(
        self, directory: str | os.PathLike[str], ruleset: RuleSet, *, read: bool = True
    ) -> None:
        self.directory = os.path.join(os.fspath(directory), __version__)
        self.key = settings_key(ruleset)
        self.file = os.path.join(self.directory, self.key + ".json")
        #: Why the cache is not used in this run (``None``: it is).
        self.problem: str | None = None
        self._secret = _secret_key()
        if self._secret is None:
            key_file = _key_path()
            self.problem = "no usable key in the user's cache folder"
            if key_file is not None and os.path.lexists(key_file):  # not just no home folder
                self.problem = (
                    f"the key `{key_file}` is not this user's own regular file, readable by "
                    "this user only; delete it and the next run makes a new one"
                )
                _warn(self.problem)
        else:
            self.problem = _folder_problem(os.fspath(directory), self.directory, ruleset)
            if self.problem is not None:
                _warn(self.problem)
        #: The cached reports by absolute path (read on creation, or by :meth:`read` when
        #: created with ``read=False``: a run served whole never needs them).
        self.entries: dict[str, Entry] = self._read() if read else {}
        self._entries_read = read
        self.updates: dict[str, Entry] = {}
        self._cwd = os.getcwd()

    def read(self) -> None:
        """Read the cached reports, if that was left for later (``read=False``)."""
        if not self._entries_read:
            self.entries = self._read()
            self._entries_read = True

    def _key(self, path: str) -> str:
        """The absolute path ``path`` names (``os.path.abspath`` without a ``getcwd`` call
        for every file)."""
        if not os.path.isabs(path):
            path = os.path.join(self._cwd, path)
        return os.path.normpath(path)

    def _read(self) -> dict[str, Entry]:
        # The load makes thousands of containers: it runs inside lint_paths, whose raised
        # collector thresholds (engine._pool.fewer_collections) keep it free of collections.
        if self.problem is not None or self._secret is None:
            return {}
        try:
            data = _read_regular(self.file)
            if data is None or not data.startswith(_MAGIC):
                return {}
            mac, newline, body = data[len(_MAGIC) :].partition(b"\n")
            if not newline or not hmac.compare_digest(mac, _mac(self._secret, body)):
                return {}  # not written by this user's articlelint: never trusted
            payload = json.loads(body)
        except Exception:  # unreadable, corrupt, too deep, numbers too long: start afresh
            return {}
        if (
            type(payload) is not dict
            or payload.get("format") != _FORMAT
            or payload.get("key") != self.key
        ):
            return {}
        entries = payload.get("entries")
        return entries if type(entries) is dict else {}

    def lookup(self, path: str) -> FileReport | None:
        """The cached report of ``path`` if its stamp is unchanged and trusted, else ``None``
        (the caller then reads the file and asks :meth:`lookup_content`)."""
        entry = self.entries.get(self._key(path))
        if entry is None:
            return None
        try:
            if entry[5] is not True:
                return None
            st = os.stat(path)
            if (
                st.st_size != entry[0]
                or st.st_mtime_ns != entry[1]
                or st.st_ctime_ns != entry[2]
                or st.st_ino != entry[3]
                or st.st_dev != entry[4]
            ):
                return None
            return _decode_report(entry[7:], path)
        except Exception:  # unreadable file, or an entry that is not well formed: a miss
            return None

    # -- a whole run's rendered output (the warm run's report, without decoding it) ------
    #
    # ``<settings key>.output.json`` holds one run: its files in order, each with the stat
    # stamp its cached report was trusted with, and that run's renderings. A run over the
    # same files, every stamp unchanged, prints the kept rendering: it reads neither the
    # records nor the cache index (the reports).

    @property
    def output_file(self) -> str:
        return os.path.join(self.directory, self.key + ".output.json")

    def output(self, files: list[str], render_key: str) -> list[Any] | None:
        """The rendering ``render_key`` kept for a run over exactly ``files`` (in order),
        if every file's stat stamp is the one it was trusted with: ``[text, exit code,
        internal errors, files checked, findings]``; else ``None``."""
        payload = self._read_output()
        if payload is None:
            return None
        kept_files = payload.get("files")
        outputs = payload.get("outputs")
        if type(kept_files) is not list or len(kept_files) != len(files):
            return None
        kept = outputs.get(render_key) if type(outputs) is dict else None
        if (
            type(kept) is not list
            or len(kept) != 5
            or type(kept[0]) is not str
            or any(type(n) is not int for n in kept[1:])
        ):
            return None
        try:
            for path, stamp in zip(files, kept_files, strict=True):
                # The path as spelt (the report shows it that way) and the file it names.
                if (
                    type(stamp) is not list
                    or len(stamp) != 7
                    or stamp[0] != path
                    or stamp[1] != self._key(path)
                ):
                    return None
                st = os.stat(path)
                if (
                    st.st_size != stamp[2]
                    or st.st_mtime_ns != stamp[3]
                    or st.st_ctime_ns != stamp[4]
                    or st.st_ino != stamp[5]
                    or st.st_dev != stamp[6]
                ):
                    return None
        except OSError:  # a file went away
            return None
        return kept

    def store_output(self, files: list[str], render_key: str, kept: list[Any]) -> None:
        """Keep a rendering of the run over ``files``, whose reports are all cached now
        (after :meth:`save`) with trusted stamps; otherwise keep nothing. Renderings of the
        same run are kept together (a few), any other run's are dropped."""
        if self.problem is not None or self._secret is None:
            return
        stamps: list[list[Any]] = []
        for path in files:
            key = self._key(path)
            entry = self.updates.get(key) or self.entries.get(key)
            if entry is None or len(entry) < 7 or entry[5] is not True:
                return  # not cached, or not trusted yet: the next run checks it again
            stamps.append([path, key, *entry[:5]])
        outputs: dict[str, Any] = {}
        previous = self._read_output()
        if previous is not None and previous.get("files") == stamps:
            found = previous.get("outputs")
            if type(found) is dict and len(found) < _MAX_OUTPUTS:
                outputs = found
        outputs[render_key] = kept
        body = json.dumps(
            {"format": _FORMAT, "key": self.key, "files": stamps, "outputs": outputs},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8", "surrogatepass")
        with contextlib.suppress(OSError, ValueError):
            os.makedirs(self.directory, exist_ok=True)
            _write_atomically(
                self.directory,
                self.output_file,
                _MAGIC + _mac(self._secret, body) + b"\n" + body,
            )

    def _read_output(self) -> dict[str, Any] | None:
        if self.problem is not None or self._secret is None:
            return None
        try:
            data = _read_regular(self.output_file)
            if data is None or not data.startswith(_MAGIC):
                return None
            mac, newline, body = data[len(_MAGIC) :].partition(b"\n")
            if not newline or not hmac.compare_digest(mac, _mac(self._secret, body)):
                return None  # not written by this user's articlelint: never trusted
            payload = json.loads(body)
        except Exception:  # unreadable or corrupt: render afresh
            return None
        if (
            type(payload) is not dict
            or payload.get("format") != _FORMAT
            or payload.get("key") != self.key
        ):
            return None
        return payload

    def lookup_content(self, path: str, content_digest: bytes) -> FileReport | None:
        """The cached report of ``path`` if its content is unchanged."""
        entry = self.entries.get(self._key(path))
        if entry is None:
            return None
        try:
            if entry[6] != content_digest.hex():
                return None
            return _decode_report(entry[7:], path)
        except Exception:  # not well formed: a miss
            return None

    def known_digest(self, path: str) -> bytes | None:
        """The content digest remembered for ``path`` (to skip re-checking a touched file)."""
        entry = self.entries.get(self._key(path))
        try:
            if entry is None or type(entry[6]) is not str or len(entry[6]) != 32:
                return None
            return bytes.fromhex(entry[6])
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
        digest are given. A report holding a value JSON cannot carry exactly (a plugin's
        fact of some other type) is not cached: that file is checked again next time."""
        if self.problem is not None:
            return
        try:
            encoded = _encode_report(report)
        except _NotCacheable:
            return
        self.updates[self._key(path)] = [
            *file_stamp,
            bool(trusted),
            content_digest.hex(),
            *encoded,
        ]

    def save(self) -> None:
        """Write the updates atomically, merged with what is on disk now."""
        if not self.updates or self.problem is not None or self._secret is None:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            _write_gitignore(os.path.dirname(self.directory))
            merged = self._read()
            merged.update(self.updates)
            body = json.dumps(
                {"format": _FORMAT, "key": self.key, "entries": merged},
                ensure_ascii=False,
                check_circular=False,
                separators=(",", ":"),
            ).encode("utf-8", "surrogatepass")
            _write_atomically(
                self.directory, self.file, _MAGIC + _mac(self._secret, body) + b"\n" + body
            )
        except (OSError, ValueError):
            return  # a read-only checkout (or a value JSON refuses): run without a cache
        self.entries = merged
        self.updates = {}


#: Renderings of one run kept at most (formats and options used on the same files).
_MAX_OUTPUTS = 8


def _write_atomically(directory: str, target: str, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in ``directory``, replaced in
    one step (replacing a planted link, never writing through it)."""
    import tempfile

    handle, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def _warn(problem: str) -> None:
    import warnings

    from articlelint.errors import ArticlelintWarning

    warnings.warn(f"not using the result cache: {problem}", ArticlelintWarning, 3)


def _key_path() -> str | None:
    from articlelint.rules._suffixes import user_cache_dir

    folder = user_cache_dir()
    return None if folder is None else os.path.join(folder, KEY_FILE)


def _mac(secret: bytes, body: bytes) -> bytes:
    return (
        hashlib.blake2b(body, key=secret, digest_size=32, person=b"articlelint-rc")
        .hexdigest()
        .encode()
    )


def _read_regular(path: str) -> bytes | None:
    """The bytes of the regular file ``path``, never through a symlink, never blocking on a
    FIFO, never more than :data:`_MAX_BYTES`; ``None`` when it is anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not _stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        return handle.read(_MAX_BYTES + 1)


def _secret_key() -> bytes | None:
    """This user's MAC key (made on first use), from the user's cache folder; ``None`` when
    there is none to be had: no home folder, a folder that cannot be written, or a key file
    that is not this user's own (another owner, readable by others, a symlink)."""
    path = _key_path()
    if path is None:
        return None
    folder = os.path.dirname(path)
    key = _read_key(path)
    if key is not None or os.path.lexists(path):
        return key
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(_KEY_BYTES))
            with contextlib.suppress(FileExistsError):  # another run made one: use it
                os.link(temporary, path)  # atomic, never replaces a key
        finally:
            os.unlink(temporary)
    except OSError:
        return None
    return _read_key(path)


def _read_key(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if (
            not _stat.S_ISREG(info.st_mode)
            or (hasattr(os, "getuid") and info.st_uid != os.getuid())
            or (os.name == "posix" and info.st_mode & 0o077)
        ):
            return None
        key = handle.read(_KEY_BYTES + 1)
    return key if len(key) == _KEY_BYTES else None


def _folder_problem(chosen: str, directory: str, ruleset: RuleSet) -> str | None:
    """Why the cache folder must not be used: it (or a folder on the way to it, below the
    checked tree's root) is a symlink that leads out of the checked tree."""
    from articlelint._fs import checked_tree, escape_reason

    parent = os.path.dirname(os.path.abspath(chosen))
    tree = checked_tree(parent, ruleset.config.root, folder=True)
    for folder in (chosen, directory):
        reason = escape_reason(folder, tree)
        if reason is not None:
            return f"`{folder}` {reason}"
    return None


# --- the JSON form of a report ----------------------------------------------------------
#
#   [diagnostics, facts, suppressions, lines, record]
#   diagnostic:  [code, name, severity, message, line, column, end_line, end_column, field,
#                 fix: null | [applicability, message, [[start, end, content], ...]]]
#   fact:        [rule code, key, field path, value, span: null | [6 ints]]
#   suppression: [line, file_level, codes, span (6 ints), problem, written,
#                 removal: null | [start, end]]
#   lines:       [[line number, text], ...]
#   record:      null | [kind, provider domain, publishedDateTime, published, withdrawn]
#                (text or null, text or null, text or null, boolean or null, boolean)
#
# A fact's key and value are any value a rule chose: JSON scalars as they are, and
# {"tuple": [...]}, {"list": [...]}, {"datetime": "..."} or {"date": "..."} for the rest.


class _NotCacheable(Exception):
    """A report holds a value the JSON form cannot carry exactly."""


class _Malformed(Exception):
    """A cache entry is not what :func:`_encode_report` writes."""


def _encode_value(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotCacheable
        return value
    if kind is tuple:
        return {"tuple": [_encode_value(v) for v in value]}
    if kind is list:
        return {"list": [_encode_value(v) for v in value]}
    import datetime as dt

    if kind is dt.datetime:
        return {"datetime": value.isoformat()}
    if kind is dt.date:
        return {"date": value.isoformat()}
    raise _NotCacheable


def _decode_value(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is not dict or len(value) != 1:
        raise _Malformed
    ((tag, inner),) = value.items()
    if tag == "tuple" and type(inner) is list:
        return tuple(_decode_value(v) for v in inner)
    if tag == "list" and type(inner) is list:
        return [_decode_value(v) for v in inner]
    if tag in ("datetime", "date") and type(inner) is str:
        import datetime as dt

        return (dt.datetime if tag == "datetime" else dt.date).fromisoformat(inner)
    raise _Malformed


def _encode_report(report: FileReport) -> list[Any]:
    diagnostics = [
        [
            d.code,
            d.name,
            d.severity.value,
            d.message,
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            d.field,
            None
            if d.fix is None
            else [d.fix.applicability, d.fix.message, [list(e) for e in d.fix.edits]],
        ]
        for d in report.diagnostics
    ]
    facts = [
        [
            code,
            _encode_value(f.fact.key),
            list(f.fact.field),
            _encode_value(f.fact.value),
            None if f.span is None else list(_span_tuple(f.span)),
        ]
        for code, f in report.facts
    ]
    suppressions = [
        [
            s.line,
            s.file_level,
            list(s.codes),
            list(_span_tuple(s.span)),
            s.problem,
            list(s.written),
            None if s.removal is None else list(s.removal),
        ]
        for s in report.suppressions
    ]
    lines = [[n, text] for n, text in report.lines.items()]
    return [diagnostics, facts, suppressions, lines, _encode_record(report.record)]


def _encode_record(record: RecordSummary | None) -> list[Any] | None:
    return None if record is None else list(record)


def _decode_record(raw: Any) -> RecordSummary | None:
    if raw is None:
        return None
    if type(raw) is not list or len(raw) != 5:
        raise _Malformed
    kind, domain, when, published, withdrawn = raw
    if not (
        (kind is None or type(kind) is str)
        and (domain is None or type(domain) is str)
        and (when is None or type(when) is str)
        and (published is None or type(published) is bool)
        and type(withdrawn) is bool
    ):
        raise _Malformed
    return _new_record(RecordSummary, raw)


#: ``RecordSummary(*values)`` without the keyword handling of a named tuple's ``__new__``
#: (checked above: five values of the right types), for the thousands of a warm run.
_new_record = tuple.__new__


def _pair(values: Any) -> tuple[int, int]:
    start, end = values
    if type(start) is not int or type(end) is not int:
        raise _Malformed
    return (start, end)


def _strs(values: Any) -> tuple[str, ...]:
    if type(values) is not list or any(type(v) is not str for v in values):
        raise _Malformed
    return tuple(values)


def _decode_report(encoded: Any, path: str) -> FileReport:
    """The report :func:`_encode_report` wrote, for the file spelt ``path``, every value
    checked for its exact type; :class:`_Malformed` (or another exception: the caller
    takes any as a miss) when the entry is not one."""
    raw_diagnostics, raw_facts, raw_suppressions, raw_lines, raw_record = encoded
    if not (
        type(raw_lines) is list
        and type(raw_diagnostics) is list
        and type(raw_facts) is list
        and type(raw_suppressions) is list
    ):
        raise _Malformed
    lines: dict[int, str] = {}
    for number, text in raw_lines:
        if type(number) is not int or type(text) is not str:
            raise _Malformed
        lines[number] = text
    record = _decode_record(raw_record)
    if not (raw_diagnostics or raw_facts or raw_suppressions):
        return FileReport(path, [], [], [], lines, record)
    diagnostics = []
    for code, name, sev, message, line, column, end_line, end_column, field, fix in raw_diagnostics:
        if not (
            type(code) is str
            and type(name) is str
            and type(message) is str
            and type(line) is int
            and type(column) is int
            and type(end_line) is int
            and type(end_column) is int
            and (field is None or type(field) is str)
        ):
            raise _Malformed
        diagnostics.append(
            Diagnostic(
                code,
                name,
                _SEVERITIES[sev],
                message,
                path,
                line,
                column,
                end_line,
                end_column,
                field,
                None if fix is None else _decode_fix(fix),
            )
        )
    facts = []
    for code, key, field_path, value, where in raw_facts:
        if type(code) is not str or type(field_path) is not list:
            raise _Malformed
        for part in field_path:
            if type(part) is not str and type(part) is not int:
                raise _Malformed
        if type(key) is not str:
            key = _decode_value(key)
            hash(key)
        if type(value) is not str:
            value = _decode_value(value)
        facts.append(
            (
                code,
                LocatedFact(
                    path,
                    Fact(key, tuple(field_path), value),
                    None if where is None else _span(where),
                ),
            )
        )
    return FileReport(
        path,
        diagnostics,
        facts,
        [_decode_suppression(s) for s in raw_suppressions] if raw_suppressions else [],
        lines,
        record,
    )


_SEVERITIES = {s.value: s for s in Severity}


def _span(where: Any) -> Span:
    line, column, end_line, end_column, start, end = where
    if not (
        type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
        and type(start) is int
        and type(end) is int
    ):
        raise _Malformed
    return Span(line, column, end_line, end_column, start, end)


def _decode_fix(raw: Any) -> Fix:
    if type(raw) is not list or len(raw) != 3:
        raise _Malformed
    applicability, message, raw_edits = raw
    if type(applicability) is not str or type(message) is not str or type(raw_edits) is not list:
        raise _Malformed
    edits = []
    for edit in raw_edits:
        if type(edit) is not list or len(edit) != 3:
            raise _Malformed
        start, end, content = edit
        if type(start) is not int or type(end) is not int or type(content) is not str:
            raise _Malformed
        edits.append(Edit(start, end, content))
    return Fix(applicability, message, tuple(edits))


def _decode_suppression(raw: Any) -> Suppression:
    if type(raw) is not list or len(raw) != 7:
        raise _Malformed
    line, file_level, codes, where, problem, written, removal = raw
    if type(line) is not int or type(file_level) is not bool:
        raise _Malformed
    if problem is not None and type(problem) is not str:
        raise _Malformed
    return Suppression(
        line,
        file_level,
        _strs(codes),
        _span(where),
        problem,
        _strs(written),
        None if removal is None else _pair(removal),
    )


def _span_tuple(span: Span) -> tuple[int, int, int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column, span.start, span.end)


def _write_gitignore(directory: str) -> None:
    """Create ``directory/.gitignore`` (ignore everything) unless something is there:
    created with ``O_EXCL``, so a planted symlink of that name is never written through."""
    marker = os.path.join(directory, ".gitignore")
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# Created by articlelint automatically.\n*\n")


def settings_key(ruleset: RuleSet) -> str:
    """A hash of everything besides a file's content that changes what checking it reports."""
    config = ruleset.config
    parts: dict[str, Any] = {
        "version": __version__,
        "python": sys.version_info[:2],
        "config": config.model_dump(mode="json", exclude=_RUN_ONLY_KEYS),
        # The folder `per-file-ignores` globs are relative to (the configuration file's).
        "root": None if config.root is None else str(config.root),
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


#: The folder of the articlelint package (this module is in its ``engine`` folder).
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


_SOURCE_SUFFIXES = (".py", ".so", ".pyd")


def _source_stamps(modules: Iterable[Any]) -> list[list[Any]]:
    """(file, size, mtime) of the modules rules come from, and of articlelint's own sources."""
    files: set[str] = set()
    for module in modules:
        name = getattr(module, "__file__", None)
        if name:
            files.add(name)
    for folder, _dirs, names in os.walk(_PACKAGE):
        # .py files, and the compiled loader (loading/_yamlc.*.so) when it is built
        files.update(os.path.join(folder, n) for n in names if n.endswith(_SOURCE_SUFFIXES))
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
