"""Suppression comments in the front matter, applied by the engine after the rules ran.

- ``# articlelint: ignore[AL202]`` at the end of a line silences those rules on that line
  (codes or names, comma-separated; a bare ``# articlelint: ignore`` silences every rule);
- ``# articlelint: ignore-file[AL401]`` anywhere in the front matter silences the file.

libyaml drops comments, so they are found here: a ``#`` starts a comment only outside every
scalar token (``yaml.scan`` gives their exact spans, so a ``#`` inside a quoted title or a
URL fragment is never taken for one) and after a blank or at the start of a line.
Suppressions that silence nothing are reported as ``AL901`` (``unused-suppression``).

:func:`add_suppressions` writes suppressions for the current findings (adopting the linter on
a legacy folder), changing nothing else in the files.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from articlelint.diagnostics import Diagnostic, Edit, Fix, Span
from articlelint.loading import Document, LoadError, load_path, load_text
from articlelint.loading.loader import LINE_BREAK

if TYPE_CHECKING:
    from articlelint.engine import LintResult, RuleSet

__all__ = [
    "AddResult",
    "Suppression",
    "add_suppressions",
    "apply_suppressions",
    "parse_suppressions",
]

UNUSED_CODE = "AL901"
#: Never silenced by a bare ``ignore``: a crash of articlelint itself.
_UNSUPPRESSIBLE = frozenset({"AL000"})
_MARKER = "articlelint:"
_DIRECTIVE = re.compile(
    r"#[ \t]*articlelint:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])"
    r"(?:\[(?P<codes>[^\]\r\n]*)\])?"
)
_ANY_DIRECTIVE = re.compile(r"#[ \t]*articlelint:[^\r\n]*")


class Suppression(NamedTuple):
    """One suppression comment. ``codes`` are canonical codes (``()`` = every rule);
    ``line`` is 1-based; ``span`` covers the directive from ``#`` to its end; ``problem``
    says why a malformed one cannot be used (then it suppresses nothing)."""

    line: int
    file_level: bool
    codes: tuple[str, ...]
    span: Span
    problem: str | None = None
    written: tuple[str, ...] = ()  # the entries as written (for messages and fixes)
    #: Offsets to delete to remove the comment cleanly: with the blanks before it, or the
    #: whole line (and its line break) when the comment is all the line holds.
    removal: tuple[int, int] | None = None


def _front_matter_bounds(document: Document) -> tuple[int, int]:
    """Character offsets of the YAML text (between the fences, or the whole YAML file)."""
    text = document.text
    fence = document.front_matter
    if fence is None:
        return (1 if document.bom else 0), len(text)
    first = LINE_BREAK.search(text)
    start = first.end() if first else len(text)
    # the closing fence line starts after the last line break before the fence's end
    end = start
    for brk in LINE_BREAK.finditer(text, start, fence.end):
        end = brk.end()
    return start, end


def _scalar_spans(yaml_text: str) -> list[tuple[int, int]]:
    import yaml

    spans: list[tuple[int, int]] = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for token in yaml.scan(yaml_text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark.index, token.end_mark.index
                if token.style in ("|", ">"):
                    # The header line (`|  # comment`) may carry a comment; the body may not.
                    brk = LINE_BREAK.search(yaml_text, start, end)
                    start = brk.end() if brk else end
                spans.append((start, end))
    except yaml.YAMLError:
        pass  # the loader accepted the document; keep what was scanned
    return spans


class _Spans:
    """Sorted, non-overlapping scalar spans (as the scanner yields them), searched by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def covering(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index][1]:
            return self.spans[index]
        return None


class _Positions:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def span(self, start: int, end: int) -> Span:
        line = self.line_of(start)
        end_line = self.line_of(end)
        return Span(
            line,
            start - self.starts[line - 1] + 1,
            end_line,
            end - self.starts[end_line - 1] + 1,
            start,
            end,
        )

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line < len(self.starts):
            brk = LINE_BREAK.search(self.text, self.starts[line - 1])
            return brk.start() if brk else len(self.text)
        return len(self.text)


def _comments(document: Document) -> list[tuple[int, int]]:
    """``(start, end)`` of each ``# articlelint:`` comment."""
    text = document.text
    start, end = _front_matter_bounds(document)
    found = list(_ANY_DIRECTIVE.finditer(text, start, end))
    if not found:
        return []
    spans = _Spans([(s + start, e + start) for s, e in _scalar_spans(text[start:end])])
    out = []
    for match in found:
        at = match.start()
        if at > start and text[at - 1] not in " \t\r\n\x85\u2028\u2029":
            continue  # `#` glued to a value (a URL fragment) is not a comment
        if spans.covering(at) is not None:
            continue  # inside a quoted or plain scalar
        out.append((at, match.end()))
    return out


def parse_suppressions(document: Document) -> list[Suppression]:
    """The suppression comments of a loaded document (fast when there is none)."""
    if _MARKER not in document.text:
        return []
    from articlelint.rules import registry

    reg = registry()
    positions = _Positions(document.text)
    out: list[Suppression] = []
    for at, stop in _comments(document):
        comment = document.text[at:stop]
        match = _DIRECTIVE.match(comment)
        if match is None:
            span = positions.span(at, stop)
            out.append(
                Suppression(
                    span.line,
                    False,
                    (),
                    span,
                    f"unrecognised directive `{comment.strip()}`; write "
                    "`# articlelint: ignore[CODE]` or `# articlelint: ignore-file[CODE]`",
                )
            )
            continue
        span = positions.span(at, at + match.end())
        file_level = match.group("kind") == "ignore-file"
        raw = match.group("codes")
        written = tuple(p.strip() for p in raw.split(",") if p.strip()) if raw is not None else ()
        codes: list[str] = []
        unknown: list[str] = []
        for entry in written:
            rule = reg.get(entry)
            if rule is None:
                unknown.append(entry)
            elif rule.code not in codes:
                codes.append(rule.code)
        problem = None
        if unknown:
            problem = (
                f"unknown rule {', '.join(repr(u) for u in unknown)} in suppression; "
                "`articlelint rules` lists the codes and names"
            )
        elif raw is not None and not written:
            problem = "empty suppression `[]`; name the rules, or drop the brackets for all"
        removal = _removal_range(document.text, at, at + match.end())
        out.append(
            Suppression(span.line, file_level, tuple(codes), span, problem, written, removal)
        )
    return out


_BLANKS = " \t"


def _removal_range(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to remove the comment ``text[start:end]`` without leaving blanks."""
    before = start
    while before > 0 and text[before - 1] in _BLANKS:
        before -= 1
    after = end
    while after < len(text) and text[after] in _BLANKS:
        after += 1
    at_line_start = before == 0 or text[before - 1] in "\r\n\x85\u2028\u2029"
    at_line_end = after == len(text) or text[after] in "\r\n\x85\u2028\u2029"
    if not at_line_end:
        return start, end  # something follows on the line: remove the directive only
    if at_line_start:  # the comment is the whole line: remove the line and its break
        if text.startswith("\r\n", after):
            return before, after + 2
        return before, min(after + 1, len(text))
    return before, after


def _covers(suppression: Suppression, code: str) -> bool:
    if suppression.problem is not None:
        return False
    if not suppression.codes:
        return code not in _UNSUPPRESSIBLE
    return code in suppression.codes


def apply_suppressions(
    diagnostics: Sequence[Diagnostic],
    suppressions: Mapping[str, Sequence[Suppression]],
    ruleset: RuleSet,
) -> list[Diagnostic]:
    """``diagnostics`` minus the suppressed ones, plus ``AL901`` for unused suppressions."""
    if not suppressions:
        return list(diagnostics)
    kept: list[Diagnostic] = []
    used: dict[tuple[str, int], set[str]] = {}
    for diagnostic in diagnostics:
        silenced = False
        for index, suppression in enumerate(suppressions.get(diagnostic.path, ())):
            if (suppression.file_level or suppression.line == diagnostic.line) and _covers(
                suppression, diagnostic.code
            ):
                used.setdefault((diagnostic.path, index), set()).add(diagnostic.code)
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    unused_rule = ruleset.by_code.get(UNUSED_CODE)
    if unused_rule is None:
        return kept
    for path, entries in suppressions.items():
        if UNUSED_CODE in ruleset.ignored_for(path):
            continue
        for index, suppression in enumerate(entries):
            reported = _unused(path, suppression, used.get((path, index), set()), ruleset)
            if reported is None:
                continue
            if any(
                (s.file_level or (s.line == reported.line and s.codes)) and _covers(s, UNUSED_CODE)
                for s in entries
            ):
                continue
            kept.append(reported)
    kept.sort(key=Diagnostic.sort_key)
    return kept


def _unused(
    path: str, suppression: Suppression, used: set[str], ruleset: RuleSet
) -> Diagnostic | None:
    span = suppression.span
    kind = "ignore-file" if suppression.file_level else "ignore"
    if suppression.problem is not None:
        message = suppression.problem
        fix = None
    elif not suppression.codes:
        if used:
            return None
        where = "in this file" if suppression.file_level else "on this line"
        message = f"unused suppression: nothing is reported {where}; remove the comment"
        fix = _removal(suppression)
    else:
        unused = [c for c in suppression.codes if c not in used and c != UNUSED_CODE]
        if not unused:
            return None
        disabled = [c for c in unused if c not in ruleset.by_code]
        where = "in this file" if suppression.file_level else "on this line"
        detail = f"no {', '.join(unused)} finding {where}"
        if disabled:
            detail += f" ({', '.join(disabled)} not enabled)"
        remaining = [c for c in suppression.codes if c not in unused]
        if remaining:
            message = f"unused suppression: {detail}; remove {', '.join(unused)} from the comment"
            fix = Fix(
                "safe",
                f"remove {', '.join(unused)} from the suppression",
                (Edit(span.start, span.end, f"# articlelint: {kind}[{', '.join(remaining)}]"),),
            )
        else:
            message = f"unused suppression: {detail}; remove the comment"
            fix = _removal(suppression)
    return Diagnostic(
        code=UNUSED_CODE,
        name=ruleset.by_code[UNUSED_CODE].rule.name,
        severity=ruleset.severity_of(UNUSED_CODE),
        message=message,
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        field=None,
        fix=fix,
    )


def _removal(suppression: Suppression) -> Fix:
    start, end = suppression.removal or (suppression.span.start, suppression.span.end)
    return Fix("safe", "remove the unused suppression", (Edit(start, end, ""),))


# --- adding suppressions --------------------------------------------------------------


class AddResult(NamedTuple):
    """What :func:`add_suppressions` did: comments written, files changed, and findings
    that cannot be suppressed (the file does not load: ``AL001``-``AL003``)."""

    added: int
    files: int
    skipped: int
    #: ``path: reason`` for each file left unchanged because it could not be written safely
    #: (a symlink out of the checked tree, an I/O error).
    problems: tuple[str, ...] = ()


def add_suppressions(result: LintResult) -> AddResult:
    """Write ``# articlelint: ignore[...]`` for every finding of ``result``.

    Each finding gets a comment at the end of its line; where a comment cannot go (the
    line is inside a multi-line value, or is the ``---`` fence) the file gets an
    ``ignore-file`` comment after the opening fence instead. Nothing else in the file
    changes (line endings included); a file whose data would change is left alone.
    Writes are atomic (a temporary file renamed over the original).
    """
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.code not in _UNSUPPRESSIBLE and diagnostic.code != UNUSED_CODE:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
    added = files = skipped = 0
    problems: list[str] = []
    for path, diagnostics in by_path.items():
        loaded = load_path(path) if os.path.isfile(path) else None
        if not isinstance(loaded, Document):
            skipped += len(diagnostics)
            continue
        new_text, count = _with_suppressions(loaded, diagnostics)
        if count == 0 or not _same_data(loaded, new_text):
            skipped += len(diagnostics)
            continue
        try:
            _atomic_write(path, new_text)
        except OSError as exc:  # UnsafeWrite included: the file is left as it was
            problems.append(
                f"{path}: not written: {exc.strerror}" if exc.strerror else f"{path}: {exc}"
            )
            continue
        added += count
        files += 1
    return AddResult(added, files, skipped, tuple(problems))


def _with_suppressions(document: Document, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    text = document.text
    positions = _Positions(text)
    yaml_start, yaml_end = _front_matter_bounds(document)
    first_line = positions.line_of(yaml_start)
    last_line = positions.line_of(max(yaml_end - 1, yaml_start))
    existing = parse_suppressions(document)
    spans = _Spans(
        [(s + yaml_start, e + yaml_start) for s, e in _scalar_spans(text[yaml_start:yaml_end])]
    )

    per_line: dict[int, list[str]] = {}
    file_codes: list[str] = []
    for diagnostic in diagnostics:
        line = diagnostic.line
        ok = first_line <= line <= last_line and line > 0
        if ok:
            end = positions.line_end(line)
            covering = spans.covering(end)
            ok = covering is None or covering[0] == end
        target = per_line.setdefault(line, []) if ok else file_codes
        if diagnostic.code not in target:
            target.append(diagnostic.code)

    edits: list[Edit] = []
    count = 0
    for line, codes in per_line.items():
        current = next(
            (s for s in existing if s.line == line and not s.file_level and s.problem is None),
            None,
        )
        if current is not None and current.codes:
            merged = [*current.codes, *(c for c in codes if c not in current.codes)]
            directive = f"# articlelint: ignore[{', '.join(merged)}]"
            edits.append(Edit(current.span.start, current.span.end, directive))
        else:
            body = text[positions.starts[line - 1] : positions.line_end(line)]
            at = positions.starts[line - 1] + len(body.rstrip(" \t"))
            gap = "  " if body.strip() else ""
            edits.append(Edit(at, at, f"{gap}# articlelint: ignore[{', '.join(codes)}]"))
        count += 1
    if file_codes:
        brk = LINE_BREAK.search(text)
        newline = brk.group() if brk else "\n"
        at = yaml_start
        directive = f"# articlelint: ignore-file[{', '.join(file_codes)}]{newline}"
        edits.append(Edit(at, at, directive))
        count += 1
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text, count


def _same_data(document: Document, new_text: str) -> bool:
    reloaded = load_text(new_text, document.path)
    return not isinstance(reloaded, LoadError) and _equal(reloaded.data, document.data)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True  # NaN
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def _atomic_write(path: str, text: str) -> None:
    """Replace ``path``'s content (UTF-8, exactly ``text``) via a renamed temporary file;
    never through a symlink that leads out of the checked tree (:func:`replace_file`)."""
    from articlelint._fs import replace_file

    replace_file(path, text.encode("utf-8"))
