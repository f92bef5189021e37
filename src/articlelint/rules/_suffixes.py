"""The public suffix list, parsed once per installed list rather than once per process.

Parsing the list that ships inside ``publicsuffixlist`` takes ~20 ms (more on a busy
machine), which a one-file run (pre-commit) pays every time. The parsed form is kept in the
user's cache folder (``$XDG_CACHE_HOME/articlelint`` or ``~/.cache/articlelint``;
``%LOCALAPPDATA%\\articlelint`` on Windows), keyed on the package version and the list
file's path, size and modification time, and loads in ~1 ms. The cache is a convenience,
never a source of truth: a file that is missing, unreadable, corrupt (checksummed), written
by another version, owned by another user or unwritable means a normal parse, silently.
Writes are atomic (a temporary file, then a rename), so concurrent runs are safe.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = ["CACHE_FILE", "load_public_suffix_list", "user_cache_dir"]

#: The cache file's name inside :func:`user_cache_dir`.
CACHE_FILE = "public-suffix-list.marshal"
#: Bumped whenever the file's layout changes.
_MAGIC = b"articlelint-psl 1\n"


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
    path = cache_dir / CACHE_FILE
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


def _cache_key() -> tuple[Any, ...] | None:
    """What the parsed list depends on: the package version and the list file itself (and
    the interpreter's marshal format). ``None`` when the file cannot be found."""
    import publicsuffixlist

    try:
        stat = os.stat(publicsuffixlist.PSLFILE)
    except OSError:
        return None  # let the library parse, and report the problem, as usual
    return (
        publicsuffixlist.__version__,
        os.path.abspath(publicsuffixlist.PSLFILE),
        stat.st_size,
        stat.st_mtime_ns,
        sys.implementation.cache_tag,
        marshal.version,
    )


def _read(path: Path, key: tuple[Any, ...]) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # only trust a file this user wrote
            data = handle.read()
        if not data.startswith(_MAGIC):
            return None
        checksum, payload = data[len(_MAGIC) : len(_MAGIC) + 4], data[len(_MAGIC) + 4 :]
        if zlib.crc32(payload).to_bytes(4, "big") != checksum:
            return None
        stored_key, state = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if stored_key != key or not isinstance(state, dict):
        return None
    return state


def _write(cache_dir: Path, path: Path, key: tuple[Any, ...], state: dict[str, Any]) -> None:
    try:
        payload = marshal.dumps((key, state))
    except ValueError:  # a parser state marshal cannot hold: do without the cache
        return
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
