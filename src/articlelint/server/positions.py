"""Positions between articlelint and the Language Server Protocol, both ways.

articlelint counts 1-based lines and columns in code points, with lines ended by CRLF,
CR, LF, NEL, LS or PS (as YAML counts them), and no BOM counted on the first line; its
fix edits are 0-based code-point offsets into the whole text (BOM included).

LSP counts 0-based lines and characters; lines end only at CRLF, CR and LF, and a
character is a UTF-16 code unit unless the client negotiated ``utf-8`` (bytes) or
``utf-32`` (code points) in ``general.positionEncodings``. An emoji is one code point, two
UTF-16 units and four UTF-8 bytes; a NEL or U+2028 in a title ends a line for articlelint
but not for LSP.

Everything goes through code-point offsets into the document text, the one measure both
sides agree on: :meth:`LineIndex.offset_of` (articlelint line/column -> offset),
:meth:`LineIndex.position` (offset -> LSP line/character) and :meth:`LineIndex.offset`
(LSP line/character -> offset). Nothing here imports pygls or lsprotocol.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from articlelint.loading.loader import LINE_BREAK

__all__ = ["UTF8", "UTF16", "UTF32", "LineIndex", "Position", "units"]

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"

#: Line ends as LSP counts them (``\r\n``, ``\r``, ``\n``; nothing else).
_LSP_BREAK = re.compile("\r\n|[\r\n]")
_BOM = "\ufeff"


class Position(NamedTuple):
    """An LSP position: 0-based line, and character in the negotiated encoding."""

    line: int
    character: int


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes (lone surrogates included)."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if char > "\uffff")


def _width(char: str, encoding: str) -> int:
    if encoding == UTF32 or char < "\x80":
        return 1
    if encoding == UTF8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if char > "\uffff" else 1


class LineIndex:
    """Positions in one text, for one LSP position encoding."""

    __slots__ = ("_al_starts", "_lsp_starts", "encoding", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF32) else UTF16
        self._lsp_starts = [0, *(m.end() for m in _LSP_BREAK.finditer(text))]
        self._al_starts: list[int] | None = None

    # ------------------------------------------------------------ articlelint side

    def offset_of(self, line: int, column: int, *, bom: bool = False) -> int:
        """The code-point offset of articlelint's 1-based ``line`` and ``column``
        (clamped to the line). A position with line 0 (none) is the text's start.
        ``bom``: the column counts a leading BOM (a finding *about* the BOM, ``AL007``);
        otherwise a BOM is not counted, as articlelint counts columns."""
        if line < 1:
            return 0
        starts = self._al_starts
        if starts is None:
            starts = self._al_starts = [0, *(m.end() for m in LINE_BREAK.finditer(self.text))]
        if line > len(starts):
            return len(self.text)
        start = starts[line - 1]
        if line == 1 and not bom and self.text.startswith(_BOM):
            start += 1
        end = self._content_end(starts, line - 1, LINE_BREAK)
        return min(start + max(column, 1) - 1, max(end, start))

    # ------------------------------------------------------------------ LSP side

    def position(self, offset: int) -> Position:
        """The LSP position of a code-point offset (clamped to the text)."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self._lsp_starts, offset) - 1
        start = self._lsp_starts[line]
        if (
            offset > start
            and self.text[offset - 1] == "\r"
            and self.text[offset : offset + 1] == "\n"
        ):
            offset -= 1  # inside a CRLF: the end of the line's content
        return Position(line, units(self.text[start:offset], self.encoding))

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position. A character past the line's end
        means the end of the line (as the protocol says), a line past the last one the
        end of the text; a position inside a character (half of a UTF-16 surrogate pair,
        a byte inside a UTF-8 sequence) means that character's start."""
        starts = self._lsp_starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        start = starts[line]
        end = self._content_end(starts, line, _LSP_BREAK)
        if character <= 0:
            return start
        segment = self.text[start:end]
        if self.encoding == UTF32 or segment.isascii():
            return start + min(character, len(segment))
        counted = 0
        for index, char in enumerate(segment):
            counted += _width(char, self.encoding)
            if counted > character:
                return start + index
        return end

    def lsp_range(self, start: int, end: int) -> tuple[Position, Position]:
        """The LSP range of the code-point offsets ``start``..``end``."""
        return self.position(start), self.position(max(end, start))

    def _content_end(self, starts: list[int], index: int, breaks: re.Pattern[str]) -> int:
        """Where line ``index`` (0-based, of ``starts``) ends, before its line break."""
        if index + 1 < len(starts):
            found = breaks.search(self.text, starts[index])
            return found.start() if found is not None else len(self.text)
        return len(self.text)
