"""Loading: file bytes -> :class:`Document` (data + positions) or :class:`LoadError`."""

from articlelint.loading.document import (
    Ambiguity,
    Document,
    DuplicateKey,
    LoadError,
    NodeInfo,
    SyntaxNote,
)
from articlelint.loading.loader import (
    DEFAULT_MAX_FILE_SIZE,
    LINE_BREAK,
    YAML_SUFFIXES,
    load_bytes,
    load_path,
    load_text,
    split_lines,
)

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "LINE_BREAK",
    "YAML_SUFFIXES",
    "Ambiguity",
    "Document",
    "DuplicateKey",
    "LoadError",
    "NodeInfo",
    "SyntaxNote",
    "load_bytes",
    "load_path",
    "load_text",
    "split_lines",
]
