"""A rule's documentation page, as ``articlelint --explain RULE`` prints it (and the
language server shows it on hover)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articlelint.rules import Rule

__all__ = ["explain_text"]


def explain_text(rule: Rule) -> str:
    """The ``--explain`` page of ``rule``: a title, the default severity and whether a
    fix exists, the docstring, then the options (Markdown)."""
    parts = [
        f"# {rule.name} ({rule.code})\n\n",
        f"Default severity: {rule.severity.value}"
        + ("" if rule.default_enabled else f" (off by default: `--extend-select {rule.code}`)")
        + ". ",
        "Fix available.\n\n" if rule.fixable else "No automatic fix.\n\n",
        rule.documentation() + "\n",
    ]
    options = rule.options_documentation()
    if options:
        parts.append("\n" + options + "\n")
    return "".join(parts)
