"""Static audit of every regular expression in src/: none may backtrack catastrophically.

Each ``re.compile``/``re.match``/... call with a literal pattern is parsed, and patterns
with the shapes that make Python's backtracking engine exponential or polynomial on
crafted input are rejected:

* an unbounded repeat inside another unbounded repeat: ``(a+)+``, ``(\\w+\\s?)*``;
* an unbounded repeat of an alternation: ``(a|ab)*``.

A pattern of such a shape that cannot backtrack (the repeated group starts with a
separator its inner repeat cannot match, as in ``[a-z]+(?:-[a-z]+)*``) goes in REVIEWED
with the reason. New rules' patterns are audited automatically.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "articlelint"
_FUNCTIONS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall",
              "finditer"}  # fmt: skip

#: Pattern -> why it is safe although its shape is on the list above.
REVIEWED: dict[str, str] = {
    r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*": "each repetition starts with `-`, which "
    "[a-z0-9]+ cannot match: one way to split any input",
}

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

_MAXREPEAT = sre_parse.MAXREPEAT
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}
_POSSESSIVE = getattr(sre_parse, "POSSESSIVE_REPEAT", None)


def literal_patterns() -> list[tuple[str, int, str]]:
    """(file, line, pattern) of every literal regex in src/."""
    found: list[tuple[str, int, str]] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _FUNCTIONS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                relative = path.relative_to(SRC.parent).as_posix()
                found.append((relative, node.lineno, node.args[0].value))
    return found


def _children(items: Any) -> list[Any]:
    """The sub-patterns nested in one parsed item's arguments."""
    out: list[Any] = []
    for arg in items if isinstance(items, (list, tuple)) else [items]:
        if isinstance(arg, sre_parse.SubPattern):
            out.append(arg)
        elif isinstance(arg, (list, tuple)):
            out.extend(_children(arg))
    return out


def _has_unbounded_repeat(pattern: Any) -> bool:
    for op, arg in pattern:
        if op in _REPEATS and arg[1] == _MAXREPEAT:
            return True
        if any(_has_unbounded_repeat(sub) for sub in _children(arg)):
            return True
    return False


def _has_branch(pattern: Any) -> bool:
    for op, arg in pattern:
        if op == sre_parse.BRANCH:
            return True
        if any(_has_branch(sub) for sub in _children(arg)):
            return True
    return False


def dangerous_shapes(pattern: str) -> list[str]:
    """What makes ``pattern`` able to backtrack catastrophically (empty when nothing)."""
    problems: list[str] = []

    def visit(parsed: Any) -> None:
        for op, arg in parsed:
            if op in _REPEATS and arg[1] == _MAXREPEAT:
                body = arg[2]
                if _has_unbounded_repeat(body):
                    problems.append("an unbounded repeat inside an unbounded repeat")
                if _has_branch(body):
                    problems.append("an unbounded repeat of an alternation")
            for sub in _children(arg):
                visit(sub)

    visit(sre_parse.parse(pattern))
    return problems


PATTERNS = literal_patterns()


def test_the_audit_finds_the_patterns() -> None:
    assert len(PATTERNS) >= 10
    assert any(p == r"(?:---|\.\.\.)[ \t]*" for _, _, p in PATTERNS)


@pytest.mark.parametrize(
    ("pattern", "bad"),
    [
        (r"(a+)+$", True),
        (r"(\w+\s?)*$", True),
        (r"(a|ab)*c", True),
        (r"^(?:[a-z0-9-]+\.)+[a-z]+$", True),
        (r"[0-9]+(?:\.[0-9]+){3}", False),
        (r"[-+]?(?:[0-9]+|0x[0-9a-f]+)", False),
        (r"(?:---|\.\.\.)[ \t]*", False),
    ],
)
def test_the_audit_recognises_dangerous_shapes(pattern: str, bad: bool) -> None:
    assert bool(dangerous_shapes(pattern)) is bad


@pytest.mark.parametrize(
    ("where", "pattern"),
    [(f"{file}:{line}", pattern) for file, line, pattern in PATTERNS],
    ids=[f"{file}:{line}" for file, line, _ in PATTERNS],
)
def test_no_regex_can_backtrack_catastrophically(where: str, pattern: str) -> None:
    re.compile(pattern)
    if pattern in REVIEWED:
        return
    assert not dangerous_shapes(pattern), (
        f"{where}: {pattern!r} has {dangerous_shapes(pattern)}; rewrite it (or, if it "
        "cannot backtrack, add it to REVIEWED in tests/test_regex_audit.py with the reason)"
    )
