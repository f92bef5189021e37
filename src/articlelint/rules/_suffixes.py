"""The public suffix list, parsed once per installed list rather than once per process.

Parsing the list that ships inside ``publicsuffixlist`` takes ~20 ms (more on a busy
machine), which a one-file run (pre-commit) pays every time. The parsed form is kept in the
user's cache folder (``$XDG_CACHE_HOME/articlelint`` or ``~/.cache/articlelint``;
``%LOCALAPPDATA%\\articlelint`` on Windows), keyed on the package version and the list
file's path, size and modification time, and loads in ~1 ms. Each key has a file of its
own (:func:`cache_file_name`), so installs side by side (pre-commit's environment, a
project's, pipx's) do not overwrite each other's on every alternate run; at most
:data:`_KEEP` are kept. The cache is a convenience,
never a source of truth: a file that is missing, unreadable, corrupt (checksummed), written
by another version, owned by another user, not a regular file (a symlink is never followed)
or unwritable means a normal parse, silently. The file is data, never code: a text format,
one item a line, read by splitting it (not ``marshal``, which is not meant for data one did
not write; JSON would add an import to every run), and the state it holds must have exactly
the attributes and types a fresh parser has.
Writes are atomic (a temporary file, then a rename), so concurrent runs are safe.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = ["cache_file_name", "load_public_suffix_list", "user_cache_dir"]

#: The cache files' names inside :func:`user_cache_dir`: ``public-suffix-list-<key>.txt``.
_PREFIX, _SUFFIX = "public-suffix-list-", ".txt"
#: Older layouts' single files, removed when a new file is written.
_LEGACY = ("public-suffix-list.txt", "public-suffix-list.marshal")
#: How many cache files (installs) are kept; the least recently written go first.
_KEEP = 8
#: Bumped whenever the file's layout changes.
_MAGIC = b"articlelint-psl 2\n"
#: A cache file larger than this is not read (the list's parsed state is ~200 KB).
_MAX_BYTES = 16 * 1024 * 1024


def user_cache_dir() -> Path | None:
    """articlelint's per-user cache folder (it may not exist yet), or ``None`` when the
    environment names no home. Like uv: ``$XDG_CACHE_HOME`` when it is an absolute path,
    else ``~/.cache``; ``%LOCALAPPDATA%`` on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "articlelint" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "articlelint"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "articlelint" if os.path.isabs(home) else None


def load_public_suffix_list(cache_dir: Path | None) -> PublicSuffixList:
    """The bundled list as ``PublicSuffixList(accept_encoded_idn=False)`` would parse it,
    served from ``cache_dir`` when a valid copy is there (and stored there when not)."""
    from publicsuffixlist import PublicSuffixList

    key = _cache_key() if cache_dir is not None else None
    if cache_dir is None or key is None:
        return PublicSuffixList(accept_encoded_idn=False)
    path = cache_dir / cache_file_name(key)
    cached = _read(path, key)
    if cached is not None:
        # An empty list parses in microseconds and tells which attributes the parser sets
        # in this version: the cached state must have exactly those, of the same types.
        psl = PublicSuffixList(source=(), accept_encoded_idn=False)
        state = vars(psl)
        if cached.keys() == state.keys() and all(
            type(cached[name]) is type(value) for name, value in state.items()
        ):
            state.update(cached)
            return psl
    psl = PublicSuffixList(accept_encoded_idn=False)
    _write(cache_dir, path, key, vars(psl))
    return psl


def _cache_key() -> list[Any] | None:
    """What the parsed list depends on: the package version and the list file itself (and
    the interpreter). ``None`` when the file cannot be found."""
    import publicsuffixlist

    try:
        stat_ = os.stat(publicsuffixlist.PSLFILE)
    except OSError:
        return None  # let the library parse, and report the problem, as usual
    return [
        publicsuffixlist.__version__,
        os.path.abspath(publicsuffixlist.PSLFILE),
        stat_.st_size,
        stat_.st_mtime_ns,
        sys.implementation.cache_tag,
    ]


def cache_file_name(key: list[Any]) -> str:
    """The name of the cache file for ``key`` (see :func:`_cache_key`)."""
    return f"{_PREFIX}{zlib.crc32(_key_line(key).encode('utf-8', 'surrogatepass')):08x}{_SUFFIX}"


def _read(path: Path, key: list[Any]) -> dict[str, Any] | None:
    """The parser state stored at ``path`` for ``key`` (see :func:`_encode`), or ``None``."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
                return None
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return None  # only trust a file this user wrote
            data = handle.read(_MAX_BYTES + 1)
        if not data.startswith(_MAGIC):
            return None
        checksum, payload = data[len(_MAGIC) : len(_MAGIC) + 4], data[len(_MAGIC) + 4 :]
        if zlib.crc32(payload).to_bytes(4, "big") != checksum:
            return None
        return _decode(payload.decode("utf-8"), key)
    except (OSError, ValueError):
        return None


# The file is text, one item a line, so that reading it is a split and nothing else:
#
#   key <TAB> field <TAB> field ...        what the state depends on (see _cache_key)
#   bool <TAB> name <TAB> 0|1
#   int <TAB> name <TAB> number
#   str <TAB> name <TAB> text
#   set <TAB> name <TAB> count             then `count` lines, one member each
#
# Only values of these kinds are stored, and only when they read back the same.


def _key_line(key: list[Any]) -> str:
    return "\t".join(["key", *map(str, key)])


def _decode(text: str, key: list[Any]) -> dict[str, Any] | None:
    lines = text.split("\n")
    if lines[0] != _key_line(key) or lines[-1] != "":
        return None
    state: dict[str, Any] = {}
    index, end = 1, len(lines) - 1
    while index < end:
        kind, name, value = lines[index].split("\t")
        index += 1
        if kind == "bool" and value in ("0", "1"):
            state[name] = value == "1"
        elif kind == "int":
            state[name] = int(value)
        elif kind == "str":
            state[name] = value
        elif kind == "set" and value.isdigit() and index + int(value) <= end:
            state[name] = frozenset(lines[index : index + int(value)])
            index += int(value)
        else:
            return None
    return state


def _encode(key: list[Any], state: dict[str, Any]) -> str | None:
    """``state`` in the format :func:`_decode` reads, or ``None`` when it holds a value of
    another kind (then the list is simply parsed every time)."""
    out = [_key_line(key)]
    for name, value in state.items():
        kind = type(value)
        if kind is bool:
            out.append(f"bool\t{name}\t{int(value)}")
        elif kind is int:
            out.append(f"int\t{name}\t{value}")
        elif kind is str:
            out.append(f"str\t{name}\t{value}")
        elif kind is frozenset and all(type(item) is str for item in value):
            out.append(f"set\t{name}\t{len(value)}")
            out.extend(sorted(value))
        else:
            return None
    text = "\n".join(out) + "\n"
    # A tab or a line break in a name or a value would read back differently: check.
    try:
        same = _decode(text, key) == state
    except ValueError:
        same = False
    return text if same else None


def _write(cache_dir: Path, path: Path, key: list[Any], state: dict[str, Any]) -> None:
    text = _encode(key, state)
    if text is None:  # a parser state this format cannot hold: do without the cache
        return
    payload = text.encode("utf-8")
    data = _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError:
        return
    _prune(cache_dir, keep=path.name)


def _prune(cache_dir: Path, keep: str) -> None:
    """Remove the older layouts' files and all but the :data:`_KEEP` newest cache files
    (``keep``, just written, always stays). Only names this module writes are touched."""
    try:
        names = os.listdir(cache_dir)
    except OSError:
        return
    keyed: list[tuple[int, str]] = []
    for name in names:
        if name in _LEGACY:
            with contextlib.suppress(OSError):
                os.unlink(cache_dir / name)
        elif name.startswith(_PREFIX) and name.endswith(_SUFFIX) and name != keep:
            with contextlib.suppress(OSError):
                keyed.append((os.lstat(cache_dir / name).st_mtime_ns, name))
    keyed.sort(reverse=True)
    for _mtime, name in keyed[_KEEP - 1 :]:
        with contextlib.suppress(OSError):
            os.unlink(cache_dir / name)
