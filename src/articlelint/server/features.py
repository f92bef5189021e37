"""What the editor sees, made from a document's check: LSP diagnostics, code actions and
hover, with every position converted by :mod:`articlelint.server.positions`.

Pure functions of a :class:`Checked` snapshot (one version of one document and its
findings), so they can be tested without a client and run on any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types

from articlelint.diagnostics import Diagnostic, Edit
from articlelint.engine.results import Suppression
from articlelint.server.positions import LineIndex

__all__ = [
    "FIX_ALL",
    "SOURCE",
    "Checked",
    "code_actions",
    "hover",
    "lsp_diagnostic",
    "text_edits",
]

SOURCE = "articlelint"
#: The code action kind of "apply every safe fix", what ``articlelint --fix`` does.
FIX_ALL = "source.fixAll.articlelint"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
#: Findings a suppression comment cannot silence: a crash of articlelint itself, an
#: unused suppression (it is removed, not silenced), and a file that does not load.
_UNSUPPRESSIBLE = frozenset({"AL000", "AL901", "AL001", "AL002", "AL003"})
_ENTRY = re.compile(r"[^,\[\]\s]+")


class Checked:
    """One version of one document, as checked: its text, findings (articlelint's, with
    their fixes), their LSP form (same order) and its suppression comments. Immutable
    once made: the server hands it from its worker thread to its event loop."""

    __slots__ = (
        "diagnostics",
        "encoding",
        "index",
        "lsp",
        "name",
        "suppressions",
        "text",
        "uri",
        "version",
    )

    def __init__(
        self,
        uri: str,
        version: int | None,
        text: str,
        name: str,
        diagnostics: Sequence[Diagnostic],
        suppressions: Sequence[Suppression],
        encoding: str,
    ) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.name = name
        self.encoding = encoding
        self.index = LineIndex(text, encoding)
        self.diagnostics = list(diagnostics)
        self.suppressions = list(suppressions)
        self.lsp = [lsp_diagnostic(d, self.index) for d in self.diagnostics]

    def offsets(self, diagnostic: Diagnostic) -> tuple[int, int]:
        """The code-point offsets a finding spans."""
        return _offsets(diagnostic, self.index)


def _offsets(diagnostic: Diagnostic, index: LineIndex) -> tuple[int, int]:
    bom = diagnostic.code == "AL007"  # the finding is the BOM itself: its column counts it
    start = index.offset_of(diagnostic.line, diagnostic.column, bom=bom)
    end = index.offset_of(diagnostic.end_line, diagnostic.end_column, bom=bom)
    return start, max(start, end)


def _range(index: LineIndex, start: int, end: int) -> types.Range:
    first, last = index.lsp_range(start, end)
    return types.Range(
        start=types.Position(line=first.line, character=first.character),
        end=types.Position(line=last.line, character=last.character),
    )


def lsp_diagnostic(diagnostic: Diagnostic, index: LineIndex) -> types.Diagnostic:
    """A finding as an LSP diagnostic: exact range in the negotiated encoding, severity,
    ``code`` (``AL202``), ``source`` ``articlelint``, the field path in the message (as
    the CLI prints it) and, in ``data``, the rule's name, the field and whether a fix
    exists. The rule's documentation is the hover of its range."""
    start, end = _offsets(diagnostic, index)
    message = diagnostic.message
    if diagnostic.field:
        message += f" [{diagnostic.field}]"
    fix = diagnostic.fix
    data: dict[str, Any] = {
        "name": diagnostic.name,
        "field": diagnostic.field,
        "fix": fix.applicability if fix is not None and fix.edits else None,
    }
    return types.Diagnostic(
        range=_range(index, start, end),
        message=message,
        severity=_SEVERITY.get(diagnostic.severity.value, types.DiagnosticSeverity.Error),
        code=diagnostic.code,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if diagnostic.code == "AL901" else None,
        data=data,
    )


def text_edits(edits: Iterable[Edit], index: LineIndex) -> list[types.TextEdit]:
    """articlelint's edits (code-point offsets) as LSP text edits."""
    return [
        types.TextEdit(range=_range(index, edit.start, edit.end), new_text=edit.content)
        for edit in sorted(edits, key=lambda e: (e.start, e.end))
    ]


def _workspace_edit(
    checked: Checked, edits: Iterable[Edit], versioned: bool
) -> types.WorkspaceEdit:
    changes = text_edits(edits, checked.index)
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=checked.uri, version=checked.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=changes)]
        )
    return types.WorkspaceEdit(changes={checked.uri: changes})


def _allowed(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action of ``kind`` was asked for (kinds are hierarchical:
    ``source.fixAll`` asks for ``source.fixAll.articlelint``)."""
    if not only:
        return True
    return any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


def _title(message: str) -> str:
    return message[:1].upper() + message[1:]


def code_actions(
    checked: Checked,
    start: int,
    end: int,
    *,
    only: Sequence[str] | None = None,
    versioned: bool = True,
    fixed_text: Any = None,
    suppressed: Any = None,
    minimal_edits: Any = None,
) -> list[types.CodeAction]:
    """The code actions for the code-point range ``start``..``end``: a quick fix per
    fixable finding there (safe ones preferred, unsafe ones labelled), "suppress CODE on
    this line" per finding there, and :data:`FIX_ALL`.

    ``fixed_text()`` gives the document with its safe fixes applied (``--fix``);
    ``suppressed(diagnostic)`` the document with a comment silencing ``diagnostic`` (or
    ``None``); ``minimal_edits(old, new)`` the edits between two texts."""
    actions: list[types.CodeAction] = []
    quick = _allowed(types.CodeActionKind.QuickFix.value, only)
    here = [
        (d, lsp)
        for d, lsp in zip(checked.diagnostics, checked.lsp, strict=True)
        if _touches(checked.offsets(d), start, end)
    ]
    if quick:
        for diagnostic, lsp in here:
            fix = diagnostic.fix
            if fix is None or not fix.edits:
                continue
            safe = fix.applicability == "safe"
            label = f"{_title(fix.message)} ({diagnostic.code})"
            if not safe:
                label = f"{_title(fix.message)} ({diagnostic.code}, unsafe fix: check the result)"
            actions.append(
                types.CodeAction(
                    title=label,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp],
                    is_preferred=safe,
                    edit=_workspace_edit(checked, fix.edits, versioned),
                )
            )
        offered: set[tuple[str, int]] = set()
        for diagnostic, lsp in here:
            key = (diagnostic.code, diagnostic.line)
            if diagnostic.code in _UNSUPPRESSIBLE or key in offered or suppressed is None:
                continue
            offered.add(key)
            new_text = suppressed(diagnostic)
            if new_text is None or new_text == checked.text:
                continue
            edits = minimal_edits(checked.text, new_text)
            added = "".join(edit.content for edit in edits)
            where = "in this file" if "ignore-file" in added else "on this line"
            actions.append(
                types.CodeAction(
                    title=f"Suppress {diagnostic.code} {where}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp],
                    edit=_workspace_edit(checked, edits, versioned),
                )
            )
    if (
        _allowed(FIX_ALL, only)
        and fixed_text is not None
        and any(
            d.fix is not None and d.fix.edits and d.fix.applicability == "safe"
            for d in checked.diagnostics
        )
    ):
        new_text = fixed_text()
        if new_text != checked.text:
            actions.append(
                types.CodeAction(
                    title="Fix all safe articlelint problems (as `articlelint --fix`)",
                    kind=FIX_ALL,
                    edit=_workspace_edit(checked, minimal_edits(checked.text, new_text), versioned),
                )
            )
    return actions


def _touches(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] <= end and start <= span[1]


def hover(checked: Checked, offset: int, explain: Any) -> types.Hover | None:
    """The rule documentation (``explain(code_or_name)``: its ``--explain`` text, or
    ``None`` for no rule) under ``offset``: a code or name in a suppression comment, else
    every finding whose range holds it."""
    for suppression in checked.suppressions:
        span = suppression.span
        if not span.start <= offset <= span.end:
            continue
        comment = checked.text[span.start : span.end]
        bracket = comment.find("[")
        if bracket < 0:
            return None
        for match in _ENTRY.finditer(comment, bracket + 1):
            first, last = span.start + match.start(), span.start + match.end()
            if first <= offset <= last:
                text = explain(match.group())
                if text is None:
                    return None
                return types.Hover(
                    contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                    range=_range(checked.index, first, last),
                )
        return None
    pages: list[str] = []
    where: tuple[int, int] | None = None
    for diagnostic in checked.diagnostics:
        first, last = checked.offsets(diagnostic)
        if first <= offset <= last:
            text = explain(diagnostic.code)
            if text is not None and text not in pages:
                pages.append(text)
                where = where or (first, last)
    if not pages or where is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(pages)
        ),
        range=_range(checked.index, *where),
    )
