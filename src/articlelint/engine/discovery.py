"""Discovery: which files a run checks. Named files as they are, folders walked (sorted,
iteratively, each real folder once) for the ``include`` globs, minus ``exclude``; inside a
Jekyll site only its records (:data:`JEKYLL_RECORDS`). Symlinks that lead out of the
checked tree (:mod:`articlelint._fs`) and folders that cannot be listed become ``AL001``
load errors, never a crash or a hang.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from articlelint._fs import checked_tree, escape_reason
from articlelint.config import Config, path_matches
from articlelint.loading import LoadError

__all__ = [
    "JEKYLL_CONFIGS",
    "JEKYLL_NON_RECORD_DIRS",
    "JEKYLL_RECORDS",
    "STDIN",
    "STDIN_NAME",
    "discover",
    "unfollowed_files",
    "would_check",
]

#: Directory names never walked into.
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})
#: The path argument that means standard input, and its name in diagnostics by default.
STDIN = "-"
STDIN_NAME = "<stdin>"

#: Jekyll's folders that hold no records (data, templates, styles, plugins, the built site).
JEKYLL_NON_RECORD_DIRS = ("_data", "_includes", "_layouts", "_sass", "_site", "_plugins")
#: The records of a Jekyll site, as paths relative to its folder (the one holding
#: ``_config.yml``): Markdown files in a collection folder, a folder whose name starts with
#: ``_`` (``_posts``, ``_drafts``, ``_news``, ``_learning/videos``; under any plain folders,
#: as with ``collections_dir``), except :data:`JEKYLL_NON_RECORD_DIRS`. Also the pre-commit
#: hook's ``files`` pattern (``.pre-commit-hooks.yaml``; a test keeps the two equal).
JEKYLL_RECORDS = (
    r"^(?:[^/_.][^/]*/)*"
    r"_(?!(?:" + "|".join(name[1:] for name in JEKYLL_NON_RECORD_DIRS) + r")/)[^/]+/"
    r"(?:[^/.][^/]*/)*[^/]+\.(?:md|markdown)$"
)
#: The files that make a folder a Jekyll site.
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")


def discover(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    errors: list[LoadError] | None = None,
) -> Iterator[str]:
    """Files to check: given files as they are, directories walked (sorted) for
    ``include`` globs, minus ``exclude``. Each file once. Directories that cannot be
    read are appended to ``errors`` (an ``AL001`` each) when it is given.

    In a walked folder that is a Jekyll site (it, or a folder below it, holds
    ``_config.yml``), only the site's records are checked: :data:`JEKYLL_RECORDS`, not its
    README, configuration, data files or pages. A file named explicitly is always checked
    (unless ``exclude`` matches it)."""
    config = config or Config()
    seen: set[str] = set()
    for raw in paths:
        path = os.fspath(raw)
        if path != STDIN and os.path.isdir(path):
            records = _JekyllFilter(path)
            for found in _walk(path, config, errors):
                if found not in seen and records.keeps(found):
                    seen.add(found)
                    yield found
        elif path not in seen and not _excluded(path, config):
            seen.add(path)
            yield path  # missing or unreadable files are reported by the loader


class _JekyllFilter:
    """Which files of a walk under ``top`` are records: all of them, except inside a
    Jekyll site (a folder from ``top`` down that holds a Jekyll configuration), where only
    :data:`JEKYLL_RECORDS` relative to the site's folder are. Each folder is looked at
    once."""

    def __init__(self, top: str) -> None:
        self.top = os.path.abspath(top)
        self.sites: dict[str, str | None] = {}  # folder -> its site's folder, or None
        self.pattern: Any = None

    def site_of(self, folder: str) -> str | None:
        """The innermost site folder that holds ``folder`` (within ``top``), if any."""
        unknown: list[str] = []
        site: str | None = None
        while True:
            if folder in self.sites:
                site = self.sites[folder]
                break
            unknown.append(folder)
            if any(os.path.isfile(os.path.join(folder, name)) for name in JEKYLL_CONFIGS):
                site = folder
                break
            parent = os.path.dirname(folder)
            if folder == self.top or parent == folder:
                break
            folder = parent
        for seen in unknown:
            self.sites[seen] = site
        return site

    def keeps(self, path: str) -> bool:
        absolute = os.path.abspath(path)
        site = self.site_of(os.path.dirname(absolute))
        if site is None:
            return True
        if self.pattern is None:
            import re

            self.pattern = re.compile(JEKYLL_RECORDS)
        relative = os.path.relpath(absolute, site).replace(os.sep, "/")
        return self.pattern.match(relative) is not None


def would_check(path: str, config: Config, folder: str | None = None) -> bool:
    """Whether walking ``folder`` would check the file ``path`` (which need not exist yet,
    as for an editor's new document): its name matches ``include``, nothing on the way is
    excluded, hidden or skipped, and in a Jekyll site it is in a collection folder.
    Without a folder, as for a file named on the command line: only ``include`` and
    ``exclude`` decide (editors open any file)."""
    suffixes = _suffix_globs(config.include)
    if suffixes is not None:
        included = os.path.basename(path).endswith(suffixes)
    else:
        included = path_matches(path, config.include, config.root, folders=False)
    if not included or _excluded(path, config):
        return False
    if folder is None:
        return True
    relative = os.path.relpath(os.path.abspath(path), folder)
    parts = relative.replace(os.sep, "/").split("/")
    if parts[0] == "..":
        return False
    if any(part in _SKIP_DIRS or part.startswith(".") for part in parts[:-1]):
        return False
    return _JekyllFilter(folder).keeps(os.path.abspath(path))


def _excluded(path: str, config: Config) -> bool:
    return path_matches(path, config.exclude, config.root)


def _exclusion(config: Config) -> Callable[[str], bool] | None:
    """:func:`_excluded` for ``config`` with its settings looked up once (``None``: nothing
    is excluded), for the walk, which asks for every entry."""
    exclude = list(config.exclude)
    if not exclude:
        return None
    root = config.root
    return lambda path: path_matches(path, exclude, root)


def _walk(root: str, config: Config, errors: list[LoadError] | None = None) -> Iterator[str]:
    """Depth-first, sorted, iterative (no recursion limit on deep trees). Entries that are
    not directories are yielded (the loader reports a broken link, a FIFO or a socket);
    directories that cannot be listed go to ``errors``.

    Symlinks (see :mod:`articlelint._fs`): a link to a file or a folder outside the checked
    tree is reported in ``errors`` (``AL001``, once) and not followed, unless
    ``config.follow_symlinks``; a link to a folder that contains it (a loop) is reported and
    never followed; other links are followed, and each real directory is walked once."""
    visited: set[tuple[int, int]] = set()
    suffixes = _suffix_globs(config.include)
    include, root_dir = config.include, config.root
    excluded = _exclusion(config)
    follow = config.follow_symlinks
    tree = checked_tree(root, root_dir, folder=True)
    reported = {e.path for e in errors} if errors is not None else set()

    def report(path: str, message: str) -> None:
        if errors is not None and path not in reported:
            reported.add(path)
            errors.append(LoadError(path, "AL001", message))

    real_root = os.path.realpath(root)
    reason = escape_reason(root, tree, real=real_root)
    if reason is not None and not follow:
        report(root, _not_followed(f"the folder {reason}"))
        return
    stack = [(root, real_root)]
    while stack:
        dirpath, real_dir = stack.pop()
        try:
            info = os.stat(dirpath)
            with os.scandir(dirpath) as scan:
                entries = list(scan)
        except (OSError, ValueError) as exc:
            if errors is not None:
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                errors.append(LoadError(dirpath, "AL001", f"cannot read directory: {reason}"))
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:  # two links to one folder: walk it once
            continue
        visited.add(key)
        subdirs: list[tuple[str, str]] = []
        for entry in sorted(entries, key=lambda e: e.name):
            if _is_dir(entry):
                if (
                    entry.name in _SKIP_DIRS
                    or entry.name.startswith(".")
                    or (excluded and excluded(entry.path))
                ):
                    continue
                if not entry.is_symlink():
                    subdirs.append((entry.path, os.path.join(real_dir, entry.name)))
                    continue
                real = os.path.realpath(entry.path)
                if real == real_dir or real_dir.startswith(real.rstrip(os.sep) + os.sep):
                    report(entry.path, _loop(entry.path, real))
                    continue
                reason = escape_reason(entry.path, tree, real=real)
                if reason is not None and not follow:
                    report(entry.path, _not_followed(f"the folder {reason}"))
                    continue
                subdirs.append((entry.path, real))
            elif (
                entry.name.endswith(suffixes)
                if suffixes is not None
                else path_matches(entry.path, include, root_dir, folders=False)
            ) and not (excluded and excluded(entry.path)):
                if entry.is_symlink() and not follow:
                    real = os.path.realpath(entry.path)
                    reason = escape_reason(entry.path, tree, real=real)
                    if reason is not None and os.path.exists(real):
                        report(entry.path, _not_followed(f"the file {reason}"))
                        continue
                yield entry.path
        stack.extend(reversed(subdirs))


def _not_followed(what: str) -> str:
    itself = "the folder itself" if what.startswith("the folder") else "the file itself"
    return (
        f"not followed: {what}; put {itself} in the tree, or pass `--follow-symlinks` if you "
        "trust where it points"
    )


def _loop(path: str, real: str) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = real
    return (
        f"not followed: the folder is a symlink loop (`{target}` is `{real}`, a folder that "
        "contains the link); remove the link, or exclude it"
    )


def unfollowed_files(
    paths: Iterable[str | os.PathLike[str]], config: Config, errors: list[LoadError]
) -> list[str | os.PathLike[str]]:
    """``paths`` less the named files that a symlink takes out of their checked tree (the
    file itself, or a folder on its path, is a link): those go to ``errors`` (``AL001``)
    unless ``config.follow_symlinks``. Named folders are checked by :func:`_walk`."""
    kept: list[str | os.PathLike[str]] = []
    trees: dict[str, tuple[str, str]] = {}
    for raw in paths:
        path = os.fspath(raw)
        if config.follow_symlinks or path == STDIN or os.path.isdir(path):
            kept.append(raw)
            continue
        parent = os.path.dirname(os.path.abspath(path))
        if parent not in trees:
            trees[parent] = (
                checked_tree(path, config.root, folder=False),
                os.path.realpath(parent),
            )
        tree, real_parent = trees[parent]
        if os.path.islink(path):
            real = os.path.realpath(path)
            if not os.path.exists(real):
                kept.append(raw)  # a broken or looping link: the loader reports it
                continue
        else:
            real = os.path.join(real_parent, os.path.basename(path))
        reason = escape_reason(path, tree, real=real)
        if reason is None or _excluded(path, config):
            kept.append(raw)
        elif not any(e.path == path for e in errors):
            errors.append(LoadError(path, "AL001", _not_followed(f"the file {reason}")))
    return kept


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False


def _suffix_globs(patterns: Sequence[str]) -> tuple[str, ...] | None:
    """``("*.md", "*.yaml")`` -> ``(".md", ".yaml")``: for such globs, matching the path or
    the file name is the same as the name ending so (the default ``include``); else ``None``."""
    suffixes = []
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if not pattern.startswith("*") or any(c in pattern[1:] for c in "*?[/"):
            return None
        suffixes.append(pattern[1:])
    return tuple(suffixes) if suffixes else None
