"""Bytes -> :class:`Document` or :class:`LoadError`. Never raises for bad input.

Front matter follows Jekyll and python-frontmatter: the file's first line is ``---`` and
the block ends at the next ``---`` (or ``...``) line. We split it ourselves rather than
through ``frontmatter.loads`` because that strips leading whitespace and normalises
newlines, which would move every line and column; the fence syntax is the same
(:data:`FENCE`, compatible with ``frontmatter.YAMLHandler.FM_BOUNDARY``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from articlelint.diagnostics import Span
from articlelint.loading.document import Document, LoadError

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "FENCE",
    "LINE_BREAK",
    "YAML_SUFFIXES",
    "load_bytes",
    "load_bytes_text",
    "load_path",
    "load_text",
    "lone_surrogate",
    "read_file",
    "split_lines",
]

#: Files larger than this (bytes) are reported, not parsed.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
#: Files with these suffixes are a bare YAML mapping; all others need front matter.
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
#: The line breaks YAML (and libyaml's line counting) recognises.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: A fence line: ``---`` (or ``...`` to close), trailing blanks allowed.
FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_OPEN_FENCE = re.compile(r"---[ \t]*")
_BOM = "\ufeff"
_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"
#: A whole fence line at a line start (``group(1)`` is the fence).
_FENCE_LINE = re.compile(rf"((?:---|\.\.\.)[ \t]*)(?:{_BREAK}|\Z)")
#: A fence line after a line break.
_CLOSING_FENCE = re.compile(rf"(?:{_BREAK})((?:---|\.\.\.)[ \t]*)(?:{_BREAK}|\Z)")


def _only_lf(text: str) -> bool:
    """Whether LF is the only line break in ``text`` (four ``in`` scans: several times
    faster than one regex search, and true of nearly every file)."""
    return not ("\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text)


def _count_breaks(text: str, start: int, end: int) -> int:
    """How many line breaks ``text[start:end]`` holds (CRLF counts once)."""
    if _only_lf(text):
        return text.count("\n", start, end)
    return len(LINE_BREAK.findall(text, start, end))


#: A lone UTF-16 surrogate: only ``str`` values built in Python can hold one, never UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Opening a FIFO for reading blocks until a writer comes; non-blocking, it returns at once.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def split_lines(text: str) -> list[str]:
    """Lines as YAML counts them (CRLF, CR, LF, NEL, LS, PS), without their breaks."""
    if _only_lf(text):
        return text.split("\n")  # the common case, several times faster than the regex
    return LINE_BREAK.split(text)


def load_path(
    path: str | os.PathLike[str], *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> Document | LoadError:
    """Read and load one file. I/O problems become an ``AL001`` :class:`LoadError`."""
    data = read_file(path, max_size=max_size)
    if isinstance(data, LoadError):
        return data
    return load_bytes(data, os.fspath(path))


def read_file(
    path: str | os.PathLike[str], *, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> bytes | LoadError:
    """A file's bytes, or the ``AL001`` :class:`LoadError` saying why it cannot be read.

    Only regular files are read: a FIFO, socket or device (which could block forever or
    never end) is reported, not opened for reading.
    """
    name = os.fspath(path)
    try:
        descriptor = os.open(name, _OPEN_FLAGS)
    except IsADirectoryError:
        return LoadError(name, "AL001", "is a directory, not a file")
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        return LoadError(name, "AL001", f"cannot read file: {_reason(exc)}")
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            os.close(descriptor)
            return LoadError(name, "AL001", "is a directory, not a file")
        for test, kind in _SPECIAL_FILES:
            if test(mode):
                os.close(descriptor)
                return LoadError(
                    name, "AL001", f"is {kind}, not a regular file; pipe it to `-` instead"
                )
        with open(descriptor, "rb") as handle:  # closes the descriptor
            data = handle.read(max_size + 1)
    except OSError as exc:
        return LoadError(name, "AL001", f"cannot read file: {_reason(exc)}")
    if len(data) > max_size:
        return LoadError(
            name,
            "AL001",
            f"file is larger than the {max_size:,}-byte limit; raise `max-file-size` to check it",
        )
    return data


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


def load_bytes(data: bytes, path: str) -> Document | LoadError:
    """Decode strictly as UTF-8 (a BOM is allowed) and load."""
    text = load_bytes_text(data, path)
    if isinstance(text, LoadError):
        return text
    # Strict UTF-8 decoding never yields a lone surrogate: skip that scan.
    return _load_decoded(text, path)


def load_bytes_text(data: bytes, path: str) -> str | LoadError:
    """The text of a record file: strictly UTF-8, no NUL byte, else an ``AL001`` error."""
    if b"\x00" in data:
        index = data.index(b"\x00")
        line, column = _byte_position(data, index)
        return LoadError(
            path,
            "AL001",
            "binary content (NUL byte); records must be UTF-8 text",
            Span(line, column, line, column),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        return LoadError(
            path,
            "AL001",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
            Span(line, column, line, column + 1),
        )
    return text


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, YAML's line breaks, BOM not counted) of a byte."""
    return _char_position(data[:index].decode("utf-8", errors="replace"))


def _char_position(head: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``head``."""
    lines = split_lines(head)
    last = lines[-1]
    if len(lines) == 1 and last.startswith(_BOM):
        last = last[1:]
    return len(lines), len(last) + 1


def lone_surrogate(text: str, path: str) -> LoadError | None:
    """``AL001`` at the first lone UTF-16 surrogate of already-decoded ``text`` (a ``str``
    from Python, not from strict UTF-8 decoding, can hold one; no file can be written with
    it), or ``None``."""
    surrogate = _SURROGATE.search(text)
    if surrogate is None:
        return None
    line, column = _char_position(text[: surrogate.start()])
    return LoadError(
        path,
        "AL001",
        f"not valid Unicode text (lone surrogate U+{ord(surrogate.group()):04X}); "
        "records must be UTF-8 text",
        Span(line, column, line, column + 1),
    )


def load_text(text: str, path: str = "<string>") -> Document | LoadError:
    """Load already-decoded text; ``path``'s suffix says whether front matter is expected."""
    error = lone_surrogate(text, path)
    if error is not None:
        return error
    return _load_decoded(text, path)


def _closing_fence(text: str, start: int) -> re.Match[str] | None:
    """The first fence line (``---`` or ``...``) after a line break, at or after ``start``.

    Text with only LF breaks (nearly every file) is searched with ``str.find``, several times
    faster than the general regex; each candidate is confirmed with the same pattern."""
    if not _only_lf(text):
        return _CLOSING_FENCE.search(text, start)
    nexts = {marker: text.find(marker, start) for marker in ("\n---", "\n...")}
    while True:
        found = [(at, marker) for marker, at in nexts.items() if at >= 0]
        if not found:
            return None
        at, marker = min(found)
        fence = _FENCE_LINE.match(text, at + 1)
        if fence is not None:
            return fence
        nexts[marker] = text.find(marker, at + 1)


def _load_decoded(text: str, path: str) -> Document | LoadError:
    bom = text.startswith(_BOM)
    start = 1 if bom else 0
    if Path(path).suffix.lower() in YAML_SUFFIXES:
        return _load_yaml_block(path, text, start, len(text), 0, bom, None)
    if not text[start:].strip():
        return LoadError(path, "AL002", "empty file: a record needs a `---` front-matter block")
    first_break = LINE_BREAK.search(text, start)
    first_end = first_break.start() if first_break else len(text)
    if not _OPEN_FENCE.fullmatch(text, start, first_end):
        return LoadError(
            path,
            "AL002",
            "no front matter: the first line must be `---`",
            Span(1, 1, 1, first_end - start + 1, start, first_end),
        )
    if first_break is None:
        return LoadError(
            path, "AL002", "unterminated front matter: no closing `---` line", Span(1, 1, 1, 4)
        )
    body_start = first_break.end()
    # The closing fence: the body's first line, or a line after a break (one regex scan).
    fence = _FENCE_LINE.match(text, body_start) or _closing_fence(text, body_start)
    if fence is not None:
        position, end = fence.span(1)
        line_no = 1 + _count_breaks(text, body_start, position)  # 0-based line of the fence
        fence_span = Span(1, 1, line_no + 1, end - position + 1, 0, end)
        return _load_yaml_block(path, text, body_start, position, 1, bom, fence_span)
    return LoadError(
        path,
        "AL002",
        "unterminated front matter: no closing `---` line after the opening one",
        Span(1, 1, 1, 4),
    )


def _load_yaml_block(
    path: str,
    text: str,
    start: int,
    end: int,
    line: int,
    bom: bool,
    fence: Span | None,
) -> Document | LoadError:
    """Parse ``text[start:end]``, which begins at 0-based ``line`` of the file."""
    # Imported here: a warm run (every result from the cache) never parses YAML, and
    # importing PyYAML is a fifth of articlelint's start-up.
    from articlelint.loading.yamltree import YamlTreeError, parse_yaml

    try:
        tree = parse_yaml(text[start:end], offset=start, line=line)
    except YamlTreeError as exc:
        return LoadError(path, "AL003", exc.message, exc.span, text)
    if tree.data is None:
        return LoadError(
            path, "AL002", "the front matter is empty", fence or Span(1, 1, 1, 1), text
        )
    if not isinstance(tree.data, dict):
        kind = "a list" if isinstance(tree.data, list) else "a single value"
        return LoadError(
            path,
            "AL103",
            f"the front matter must be a mapping of fields, found {kind}",
            tree.nodes[()].value,
            text,
        )
    return Document(
        path=path,
        text=text,
        data=tree.data,
        nodes=tree.nodes,
        bom=bom,
        front_matter=fence,
        duplicate_keys=tree.duplicate_keys,
        ambiguities=tree.ambiguities,
        syntax_notes=tree.syntax_notes,
    )
