"""articlelint: a fast, exact linter for news-article metadata kept as YAML front matter.

Library use::

    from articlelint import lint_paths
    result = lint_paths(["_news/"])
    for d in result.diagnostics:
        print(d.path, d.line, d.column, d.code, d.message, d.field)

``lint_paths``, ``lint_text``, ``lint_record``, ``fix_text`` and ``fix_paths`` all go through
:class:`Linter` (:mod:`articlelint.engine.linter`), which editors and pipelines use
directly. Nothing here prints or raises ``SystemExit``; bad input becomes diagnostics.
This package's names load on first use, so ``import articlelint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlelint._lazy import lazy_exports
from articlelint._version import __version__

__all__ = [
    "Article",
    "ArticlelintError",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Image",
    "LintResult",
    "Linter",
    "Provider",
    "RelatedStory",
    "Severity",
    "Video",
    "__version__",
    "discover_config",
    "fix_paths",
    "fix_text",
    "lint_paths",
    "lint_record",
    "lint_records",
    "lint_text",
    "load_config",
]

if TYPE_CHECKING:
    from articlelint.config import Config, discover_config, load_config
    from articlelint.diagnostics import Diagnostic, Severity
    from articlelint.engine.linter import Linter, lint_paths, lint_record, lint_text
    from articlelint.engine.results import LintResult
    from articlelint.errors import ArticlelintError, ConfigError
    from articlelint.fixing.fix import fix_paths, fix_text
    from articlelint.models import Article, Image, Provider, RelatedStory, Video
    from articlelint.pipelines.records import lint_records

_LAZY = {
    "Config": "articlelint.config",
    "discover_config": "articlelint.config",
    "load_config": "articlelint.config",
    "ArticlelintError": "articlelint.errors",
    "ConfigError": "articlelint.errors",
    "Diagnostic": "articlelint.diagnostics",
    "Severity": "articlelint.diagnostics",
    "LintResult": "articlelint.engine.results",
    "Linter": "articlelint.engine.linter",
    "fix_paths": "articlelint.fixing.fix",
    "fix_text": "articlelint.fixing.fix",
    "lint_paths": "articlelint.engine.linter",
    "lint_record": "articlelint.engine.linter",
    "lint_text": "articlelint.engine.linter",
    "lint_records": "articlelint.pipelines.records",
    "Article": "articlelint.models",
    "Image": "articlelint.models",
    "Provider": "articlelint.models",
    "RelatedStory": "articlelint.models",
    "Video": "articlelint.models",
}


# Lazy: `import articlelint` stays cheap (pre-commit start-up), the API is unchanged.
__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__, globals())
