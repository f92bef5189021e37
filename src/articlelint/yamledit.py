"""Fix intents -> offset edits: where a rule's change lands in the file, and how to write it.

:func:`resolve_fix` turns a :class:`~articlelint.rules.fixes.FixIntent` into a
:class:`~articlelint.diagnostics.Fix` whose edits are character offsets into the
document's text, using the spans the loader recorded. New values are written as YAML
scalars in the style the file already uses (:func:`scalar_text`), and every written
scalar is parsed back and compared with the intended value: if it does not read back
exactly, the fix is dropped rather than risk changing anything else.

A fix that cannot be placed (the field is a block scalar, a collection, carries a tag or
anchor, or is absent) resolves to ``None``: the finding is reported without a fix.
Without a document (:func:`articlelint.lint_record`) the fix is kept with no edits, so a
pipeline still learns that (and how) the finding can be fixed.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from typing import TYPE_CHECKING, Any

from articlelint.diagnostics import Edit, FieldPath, Fix
from articlelint.rules.fixes import (
    Change,
    DeleteBom,
    FixIntent,
    QuoteValue,
    ReplaceKey,
    ReplaceValue,
    ScalarValue,
)

if TYPE_CHECKING:
    from articlelint.loading.document import Document

__all__ = ["double_quoted", "resolve_fix", "scalar_text", "single_quoted"]

_LINE_BREAKS = frozenset("\r\n\x85\u2028\u2029")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


@functools.cache
def _plain_char() -> re.Pattern[str]:
    """Characters YAML allows unescaped in a one-line quoted scalar (the printable set minus
    line breaks and tab; U+FEFF is printable in YAML but confuses readers: escaped too).
    Compiled on first use: its wide ranges take ~10 ms to compile, and only fixes need it."""
    return re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def double_quoted(text: str) -> str:
    """``text`` as a one-line double-quoted YAML scalar; non-printable characters and line
    breaks are escaped, everything else is kept as is (no ``\\u`` for ``é``)."""
    out = ['"']
    plain_char = _plain_char().match
    for char in text:
        escape = _ESCAPES.get(char)
        if escape is not None:
            out.append(escape)
        elif plain_char(char):
            out.append(char)
        else:
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02X}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04X}")
            else:
                out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def single_quoted(text: str) -> str | None:
    """``text`` as a one-line single-quoted scalar, or ``None`` when it needs escapes."""
    plain_char = _plain_char().match
    if not all(plain_char(char) for char in text):
        return None
    return "'" + text.replace("'", "''") + "'"


_RESOLVER: Any = None


def _yaml11_tag(text: str) -> str:
    """The tag PyYAML's (YAML 1.1) resolver gives ``text`` as a plain scalar."""
    global _RESOLVER
    import yaml

    if _RESOLVER is None:
        _RESOLVER = yaml.resolver.Resolver()
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag


def _plain_allowed(text: str, old: str | None, *, flow: bool) -> bool:
    """Can ``text`` be written plain where the plain scalar ``old`` is, and still be read
    as the same kind of value (text stays text, a timestamp stays a timestamp)?"""
    if not text or any(char in _LINE_BREAKS for char in text):
        return False
    import io

    from yaml.emitter import Emitter

    from articlelint.loading.yamltree import _yaml12_type

    analysis = Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text)
    if analysis.multiline or not (
        analysis.allow_flow_plain if flow else analysis.allow_block_plain
    ):
        return False
    if old is None:
        return _yaml11_tag(text).endswith(":str") and _yaml12_type(text) == "str"
    return _yaml11_tag(text) == _yaml11_tag(old) and _yaml12_type(text) == _yaml12_type(old)


def _literal(value: ScalarValue) -> str:
    """A non-text value as plain YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, float)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    return text if any(c in text for c in ".eE") else text + ".0"


_DQ_SIMPLE = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_DQ_HEX = {"x": 2, "u": 4, "U": 8}
_HEX = frozenset("0123456789abcdefABCDEF")


def _tokens(source: str, style: str) -> list[tuple[str, str]] | None:
    """A one-line quoted scalar as ``(value piece, source piece)`` pairs: one character
    or escape each. ``None`` for multi-line scalars and anything unexpected."""
    body = source[1:-1]
    if len(source) < 2 or any(char in _LINE_BREAKS for char in body):
        return None
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        char = body[i]
        if style == "'" and body.startswith("''", i):
            out.append(("'", "''"))
            i += 2
        elif style == '"' and char == "\\":
            escape = body[i + 1 : i + 2]
            if escape in _DQ_SIMPLE:
                out.append((_DQ_SIMPLE[escape], body[i : i + 2]))
                i += 2
            elif escape in _DQ_HEX:
                digits = body[i + 2 : i + 2 + _DQ_HEX[escape]]
                if len(digits) != _DQ_HEX[escape] or not set(digits) <= _HEX:
                    return None
                code = int(digits, 16)
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    return None
                out.append((chr(code), body[i : i + 2 + len(digits)]))
                i += 2 + len(digits)
            else:
                return None
        else:
            out.append((char, char))
            i += 1
    return out


def _requoted(value: str, old: str, style: str) -> str | None:
    """``value`` in ``old``'s quoting style, reusing ``old``'s own spelling (raw or escaped
    characters) for the parts of the value that did not change, so the edit is no wider
    than the change: trimming keeps the middle as written, ``http`` -> ``https`` keeps the
    rest. ``None`` when ``old`` cannot be taken apart or the style cannot hold ``value``."""
    tokens = _tokens(old, style)
    if tokens is None:
        return None
    values = [v for v, _ in tokens]
    sources = [src for _, src in tokens]
    offsets = [0]
    for piece in values:
        offsets.append(offsets[-1] + len(piece))
    text = "".join(values)
    n = len(tokens)

    def encode(part: str) -> str | None:
        if style == '"':
            return double_quoted(part)[1:-1]
        quoted = single_quoted(part)
        return None if quoted is None else quoted[1:-1]

    body: str | None = None
    # The new value is a run of the old one's characters (e.g. trimmed): reuse them all.
    position = text.find(value) if value else -1
    while position >= 0 and body is None:
        end = position + len(value)
        if position in offsets and end in offsets:
            body = "".join(sources[offsets.index(position) : offsets.index(end)])
        position = text.find(value, position + 1)
    if body is None:
        # Otherwise keep the longest unchanged start and end, and write the middle afresh.
        head = 0
        while head < n and value.startswith(text[: offsets[head + 1]]):
            head += 1
        tail = 0
        while (
            tail < n - head
            and value.endswith(text[offsets[n - tail - 1] :])
            and offsets[head] + len(text) - offsets[n - tail - 1] <= len(value)
        ):
            tail += 1
        middle = encode(value[offsets[head] : len(value) - (len(text) - offsets[n - tail])])
        if middle is None:
            return None
        body = "".join(sources[:head]) + middle + "".join(sources[n - tail :])
    return style + body + style


def scalar_text(
    value: ScalarValue, style: str | None, old: str | None = None, *, flow: bool = False
) -> str | None:
    """YAML text for ``value`` replacing the scalar ``old`` (its source text, quotes
    included) written in ``style`` (``None`` plain, ``'"'``, ``"'"``). ``None`` when the
    style cannot be kept (block scalars).

    Quoted scalars stay in their quotes and keep the spelling of unchanged characters;
    a plain scalar stays plain only when the new text reads back as the same kind of value
    in YAML 1.1 and 1.2 (else it is double-quoted)."""
    if not isinstance(value, str):
        return _literal(value)
    if style == '"':
        return (old and _requoted(value, old, style)) or double_quoted(value)
    if style == "'":
        return (
            (old and _requoted(value, old, style)) or single_quoted(value) or double_quoted(value)
        )
    if style is None:
        return value if _plain_allowed(value, old, flow=flow) else double_quoted(value)
    return None


def _reads_back(text: str, value: ScalarValue) -> bool:
    """Does the YAML ``text`` (one scalar) load as exactly ``value``?"""
    from articlelint.loading.yamltree import YamlTreeError, parse_yaml

    try:
        tree = parse_yaml(text)
    except YamlTreeError:
        return False
    data = tree.data
    if type(data) is not type(value):
        return False
    if isinstance(value, float) and math.isnan(value):
        return isinstance(data, float) and math.isnan(data)
    return bool(data == value)


def _in_flow(document: Document, path: FieldPath) -> bool:
    text = document.text
    for depth in range(len(path)):
        info = document.nodes.get(path[:depth])
        if (
            info is not None
            and info.tag in ("map", "seq")
            and info.value.end > info.value.start
            and text[info.value.start] in "[{"
        ):
            return True
    return False


def _value_edit(document: Document, change: ReplaceValue | QuoteValue) -> Edit | None:
    info = document.nodes.get(change.field)
    if info is None or info.tag in ("map", "seq", "alias"):
        return None
    start, end = info.value.start, info.value.end
    source = document.text[start:end]
    if not source:
        return None  # an empty value (`title:`): nothing to replace in place
    style = info.style
    if style is None:
        if source[0] in "!&*" or any(char in _LINE_BREAKS for char in source):
            return None  # tagged, anchored or multi-line plain scalar: left to the user
    elif style in ("'", '"'):
        if source[0] != style or source[-1] != style:
            return None  # tagged or anchored
    else:
        return None  # block scalars keep their layout; not rewritten
    if isinstance(change, QuoteValue):
        if style is not None:
            return None
        content: str | None = double_quoted(source)
        value: ScalarValue = source
    else:
        value = change.value
        content = scalar_text(value, style, source, flow=_in_flow(document, change.field))
    if content is None or not _reads_back(content, value):
        return None
    return Edit(start, end, content)


def _key_edit(document: Document, change: ReplaceKey) -> Edit | None:
    info = document.nodes.get(change.field)
    if info is None or info.key is None:
        return None
    start, end = info.key.start, info.key.end
    source = document.text[start:end]
    if not source or any(char in _LINE_BREAKS for char in source):
        return None
    style = source[0] if source[0] in "'\"" else None
    if style is None and source[0] in "!&*?":
        return None
    content = scalar_text(change.key, style, source, flow=_in_flow(document, change.field))
    if content is None or not _reads_back(content, change.key):
        return None
    return Edit(start, end, content)


def _edit(document: Document, change: Change) -> Edit | None:
    if isinstance(change, DeleteBom):
        return Edit(0, 1, "") if document.text.startswith("\ufeff") else None
    if isinstance(change, ReplaceKey):
        return _key_edit(document, change)
    return _value_edit(document, change)


def resolve_fix(fix: Fix | FixIntent | None, document: Document | None) -> Fix | None:
    """The offset :class:`Fix` for what a rule attached to a problem (see module doc)."""
    if fix is None or isinstance(fix, Fix):
        return fix
    if document is None:
        return Fix(fix.applicability, fix.message, ())
    edits: list[Edit] = []
    for change in fix.changes:
        edit = _edit(document, change)
        if edit is None:
            return None
        edits.append(edit)
    edits.sort(key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(edits):
        if after.start < before.end or after.start == before.start:
            return None  # a rule asked for two changes at one place
    if all(document.text[e.start : e.end] == e.content for e in edits):
        return None  # nothing would change
    return Fix(fix.applicability, fix.message, tuple(edits))
