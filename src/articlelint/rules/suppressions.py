"""AL9xx: about articlelint's own suppression comments (applied by the engine, see
:mod:`articlelint.engine.suppressions`)."""

from __future__ import annotations

from articlelint.diagnostics import Severity
from articlelint.rules.base import Rule

__all__ = ["UnusedSuppression"]


class UnusedSuppression(Rule):
    """## What it does
    Reports a suppression comment (`# articlelint: ignore[...]` or
    `# articlelint: ignore-file[...]`) that silences nothing: the rule it names reports
    nothing on that line (or in that file), is not enabled, or does not exist; and a
    `# articlelint:` comment that is not a valid directive.

    ## Why is this bad?
    Stale suppressions hide future problems: once the finding is fixed, the comment keeps
    silencing the rule on that line for good. A misspelt one silences nothing at all.

    ## Example
    ```yaml
    webUrl: "https://example.com/story"  # articlelint: ignore[AL202]
    ```

    ## Use instead
    ```yaml
    webUrl: "https://example.com/story"
    ```
    """

    code = "AL901"
    name = "unused-suppression"
    severity = Severity.WARNING
    fixable = True
    #: Reported by the engine after the other rules ran, not by :meth:`check`.
    reported_by_loader = True
