"""Suppression comments in the front matter, applied by the engine after the rules ran.

- ``# articlelint: ignore[AL202]`` at the end of a line silences those rules on that line
  (codes or names, comma-separated; a bare ``# articlelint: ignore`` silences every rule);
- ``# articlelint: ignore-file[AL401]`` anywhere in the front matter silences the file.

libyaml drops comments, so they are found here: a ``#`` starts a comment only outside every
scalar token (``yaml.scan`` gives their exact spans, so a ``#`` inside a quoted title or a
URL fragment is never taken for one) and after a blank or at the start of a line.
Suppressions that silence nothing are reported as ``AL901`` (``unused-suppression``).

Pure: a loaded document in, :class:`~articlelint.engine.results.Suppression` values out;
diagnostics and a rule set in, the diagnostics that remain out. Writing suppressions for the
current findings (``--add-suppressions``) is a front-end feature that writes files:
:mod:`articlelint.fixing.suppress`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from articlelint.diagnostics import Diagnostic, Edit, Fix, Span
from articlelint.engine.results import Suppression
from articlelint.loading import Document
from articlelint.loading.loader import LINE_BREAK

if TYPE_CHECKING:
    from articlelint.engine.ruleset import RuleSet

__all__ = ["UNUSED_CODE", "Suppression", "apply_suppressions", "parse_suppressions"]

UNUSED_CODE = "AL901"
#: Never silenced by a bare ``ignore``: a crash of articlelint itself.
UNSUPPRESSIBLE = frozenset({"AL000"})
MARKER = "articlelint:"
_DIRECTIVE = re.compile(
    r"#[ \t]*articlelint:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])"
    r"(?:\[(?P<codes>[^\]\r\n]*)\])?"
)
_ANY_DIRECTIVE = re.compile(r"#[ \t]*articlelint:[^\r\n]*")


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


class ScalarSpans:
    """Sorted, non-overlapping scalar spans (as the scanner yields them), searched by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def covering(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index][1]:
            return self.spans[index]
        return None


class Positions:
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
    scanned = scan(text, (start, end))
    spans = scanned[1] if scanned is not None else ScalarSpans([])
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
    if MARKER not in document.text:
        return []
    from articlelint.rules import registry

    reg = registry()
    positions = Positions(document.text)
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
            listed = ", ".join(f"{u!r}{_did_you_mean(u, reg)}" for u in unknown)
            problem = (
                f"unknown rule{'s' if len(unknown) > 1 else ''} {listed} in suppression; "
                "`articlelint rules` lists the codes and names"
            )
        elif raw is not None and not written:
            problem = "empty suppression `[]`; name the rules, or drop the brackets for all"
        removal = _removal_range(document.text, at, at + match.end())
        out.append(
            Suppression(span.line, file_level, tuple(codes), span, problem, written, removal)
        )
    return out


def _did_you_mean(entry: str, reg: Any) -> str:
    """`` (did you mean 'unpublished-record'?)`` for a misspelt rule name or code."""
    import difflib  # only for this message

    candidates = [rule.name for rule in reg] + [rule.code for rule in reg]
    close = difflib.get_close_matches(entry, candidates, n=1)
    if not close and entry.upper() != entry:
        close = difflib.get_close_matches(entry.upper(), candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
        return code not in UNSUPPRESSIBLE
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


def scan(text: str, region: tuple[int, int]) -> tuple[list[Any], ScalarSpans] | None:
    """What the YAML of ``text[region]`` says (libyaml's events without their positions:
    comments are not events) and the spans of its scalars in ``text``; ``None`` if it does
    not parse. libyaml's event parser, not the token scanner or a full load: a third of
    the cost of either, and ``--add-suppressions`` needs it twice per file."""
    import yaml

    from articlelint.loading.yamltree import _pyyaml

    start, end = region
    said: list[Any] = []
    spans: list[tuple[int, int]] = []
    scalar = yaml.ScalarEvent
    loader = _pyyaml().Loader(text[start:end])
    try:
        get = loader.get_event
        while True:
            event = get()
            if event is None:
                break
            kind = type(event)
            if kind is scalar:
                style = event.style
                said.append((event.value, style, event.tag, event.anchor, event.implicit))
                first, last = event.start_mark.index + start, event.end_mark.index + start
                if style in ("|", ">"):
                    # The header line (`|  # comment`) may carry a comment; the body may not.
                    brk = LINE_BREAK.search(text, first, last)
                    first = brk.end() if brk else last
                spans.append((first, last))
            else:
                said.append((kind, getattr(event, "anchor", None), getattr(event, "tag", None)))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return said, ScalarSpans(spans)
