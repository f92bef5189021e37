"""The checked tree, symlinks that leave it, and writes that never leave it.

articlelint runs on content it does not trust (pull requests in CI, any repository an
editor opens), so a symlink in that content must not take a read or a write elsewhere.

**The checked tree** of a path is the *project* it is in: the git work tree (the nearest
folder at or above it that holds ``.git``), or, outside git, the folder of the configuration
file in use when the path is under it. A path in no project is its own tree: a named folder,
or a named file's folder. Links are compared by real path (every symlink resolved), and the
project's own version-control folders (``.git``, ``.hg``, ``.svn``) count as outside it:
they hold credentials (``actions/checkout`` keeps a token in ``.git/config``).

- Reading: a link (file or folder) whose target is outside the checked tree is reported and
  not followed, unless ``follow_symlinks`` (``--follow-symlinks``) says to (engine).
- Writing (``--fix``, ``--add-suppressions``, the cache): never through a link to outside,
  whatever ``follow_symlinks`` says; :func:`replace_file` refuses with the reason.
- ``--output``: a path in a project is written only if it stays in that project; a path
  in no project (``/dev/stdout``, ``/tmp/report.sarif``) is written as named.

Nothing here imports more than :mod:`os` at start-up.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable

__all__ = [
    "UnsafeWrite",
    "checked_tree",
    "escape_reason",
    "inside",
    "project_root",
    "replace_file",
    "write_output",
]

#: Folders inside a project that links must not lead into.
VCS_DIRS = (".git", ".hg", ".svn")


class UnsafeWrite(OSError):
    """A write that would land outside the checked tree (through a symlink); nothing was
    written. ``str(error)`` says why."""


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def project_root(folder: str, config_root: str | os.PathLike[str] | None = None) -> str | None:
    """The project ``folder`` is in (see the module docstring), as a real path, or ``None``.

    The search goes up the *lexical* path, so a folder reached through a symlink belongs to
    the project the link is in, not to the one its target is in."""
    start = os.path.abspath(folder)
    here = start
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return _real(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    if config_root is not None:
        root = os.path.abspath(os.fspath(config_root))
        if _within(start, root):
            return _real(root)
    return None


def checked_tree(
    path: str, config_root: str | os.PathLike[str] | None = None, *, folder: bool
) -> str:
    """The real path of the checked tree of ``path``: its project, else ``path`` itself when
    it is a ``folder`` that was named, else the folder the file ``path`` is in."""
    base = path if folder else os.path.dirname(os.path.abspath(path))
    root = project_root(base, config_root)
    return root if root is not None else _real(base)


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def inside(real: str, tree: str, lexical: str | None = None) -> bool:
    """Whether the real path ``real`` is in ``tree`` (a real path) and not in one of its
    version-control folders -- unless the path as spelt (``lexical``) names that folder
    itself (a cache kept in ``.git/`` on purpose)."""
    if not _within(real, tree):
        return False
    rest = real[len(tree) :].lstrip(os.sep)
    if not any(part in VCS_DIRS for part in rest.split(os.sep)):
        return True
    return lexical is not None and any(part in VCS_DIRS for part in lexical.split(os.sep))


def escape_reason(path: str, tree: str, *, real: str | None = None) -> str | None:
    """Why following ``path`` would leave ``tree`` (``None``: it stays inside), as a phrase
    such as ``is a symlink to `../x.md`, outside the checked tree `/repo```."""
    real = _real(path) if real is None else real
    if inside(real, tree, os.path.abspath(path)):
        return None
    try:
        what = f"is a symlink to `{os.readlink(path)}`"
    except OSError:  # not a link itself: a folder above it is one
        what = f"is reached through a symlinked folder (it is `{real}`)"
    where = "into a version-control folder of" if _within(real, tree) else "outside"
    return f"{what}, {where} the checked tree `{tree}`"


def replace_file(
    path: str,
    data: bytes,
    *,
    config_root: str | os.PathLike[str] | None = None,
    before_replace: Callable[[str], None] | None = None,
) -> None:
    """Replace the content of the file ``path`` by ``data``, atomically: a temporary file
    in the folder of its real path, then :func:`os.replace`, keeping the permission bits
    (and owner, when allowed). A symlink in the checked tree is written through (the link
    stays a link) only when its target is in the tree too; else :class:`UnsafeWrite` is
    raised and nothing is written. ``before_replace(target)`` runs last, before the rename
    (to check that the file did not change meanwhile; raising there writes nothing)."""
    import tempfile  # lazy: only runs that write files need it

    tree = checked_tree(path, config_root, folder=False)
    target = _real(path)
    reason = escape_reason(path, tree, real=target)
    if reason is not None:
        raise UnsafeWrite(f"not written: it {reason}")
    before = os.stat(target)
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeWrite("not written: not a regular file")
    directory, name = os.path.split(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".articlelint", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        if hasattr(os, "getuid") and before.st_uid != os.getuid():  # pragma: no cover
            with contextlib.suppress(OSError):
                os.chown(temporary, before.st_uid, before.st_gid)
        if before_replace is not None:
            before_replace(target)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_output(
    path: str, text: str, *, config_root: str | os.PathLike[str] | None = None
) -> None:
    """Write a report to ``path`` (``--output``). In a project, the real path must stay in
    it (a report path that is a planted symlink is refused with :class:`UnsafeWrite`);
    elsewhere the path is written as named, links and devices included."""
    parent = os.path.dirname(os.path.abspath(path))
    tree = project_root(parent, config_root)
    if tree is not None:
        reason = escape_reason(path, tree)
        if reason is not None:
            raise UnsafeWrite(f"not written: it {reason}")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
