"""Front-end features that write files, on top of the engine: applying fixes
(:mod:`~articlelint.fixing.fix`: ``--fix``, ``--diff``, ``fix_text``, ``fix_paths``) and
adding suppression comments (:mod:`~articlelint.fixing.suppress`: ``--add-suppressions``).

The names below are exported lazily: ``--add-suppressions`` does not import the fix loop,
nor ``--fix`` the suppression writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports

__all__ = [
    "MAX_ROUNDS",
    "AddResult",
    "FileFix",
    "FixRun",
    "add_suppressions",
    "apply_edits",
    "changed_fields",
    "edits_of",
    "fix_paths",
    "fix_text",
    "is_applicable",
    "select_fixes",
    "suppressed_text",
    "suppressible",
    "unified_diff",
]

if TYPE_CHECKING:
    from articlelint.fixing.fix import (
        MAX_ROUNDS,
        FileFix,
        FixRun,
        apply_edits,
        changed_fields,
        edits_of,
        fix_paths,
        fix_text,
        is_applicable,
        select_fixes,
        unified_diff,
    )
    from articlelint.fixing.suppress import (
        AddResult,
        add_suppressions,
        suppressed_text,
        suppressible,
    )

_FIX = "articlelint.fixing.fix"
_SUPPRESS = "articlelint.fixing.suppress"
_LAZY = {
    "MAX_ROUNDS": _FIX,
    "FileFix": _FIX,
    "FixRun": _FIX,
    "apply_edits": _FIX,
    "changed_fields": _FIX,
    "edits_of": _FIX,
    "fix_paths": _FIX,
    "fix_text": _FIX,
    "is_applicable": _FIX,
    "select_fixes": _FIX,
    "unified_diff": _FIX,
    "AddResult": _SUPPRESS,
    "add_suppressions": _SUPPRESS,
    "suppressed_text": _SUPPRESS,
    "suppressible": _SUPPRESS,
}

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
