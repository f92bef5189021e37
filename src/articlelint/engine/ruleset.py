"""The rule set: which rules a :class:`~articlelint.config.Config` turns on, with what
severity and options, and which of them ``per-file-ignores`` switches off for a path.

Built once per run (or once per worker process) and handed to everything that checks.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from articlelint.config import Config, path_matches, selector_matches
from articlelint.diagnostics import Severity
from articlelint.rules import Rule, registry

__all__ = ["ActiveRule", "RuleSet"]

#: Paths whose ``per-file-ignores`` a rule set remembers (see :meth:`RuleSet.ignored_for`).
_IGNORE_CACHE_SIZE = 4096
_NOTHING: frozenset[str] = frozenset()


class ActiveRule(NamedTuple):
    """A rule as configured for this run."""

    rule: Rule
    severity: Severity
    options: Any


class RuleSet:
    """The rules a :class:`Config` turns on, with their severities and options."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        #: The site the records belong to (rules see it as ``Record.site``).
        self.site = self.config.site_profile()
        self.registry = registry()
        self.active: list[ActiveRule] = []
        self.by_code: dict[str, ActiveRule] = {}
        for rule in self.registry:
            if not self._selected(rule, self.config):
                continue
            active = ActiveRule(rule, self._severity(rule), self._options(rule))
            self.active.append(active)
            self.by_code[rule.code] = active
        self._ignore_cache: dict[str, frozenset[str]] = {}

    @staticmethod
    def _selected(rule: Rule, config: Config) -> bool:
        selectors = config.select if config.select is not None else []
        chosen = max(
            (
                selector_matches(s, rule.code, rule.name)
                for s in [*selectors, *config.extend_select]
            ),
            default=0,
        )
        if config.select is None and rule.default_enabled:
            chosen = max(chosen, 1)
        if not rule.default_enabled and chosen <= 1:
            return False  # off-by-default rules need a real selector, not just `ALL`
        ignored = max((selector_matches(s, rule.code, rule.name) for s in config.ignore), default=0)
        return chosen > 0 and chosen > ignored

    def _severity(self, rule: Rule) -> Severity:
        overrides = self.config.severity
        return overrides.get(rule.code) or overrides.get(rule.name) or rule.severity

    def _options(self, rule: Rule) -> Any:
        raw = self.config.options.get(rule.name) or self.config.options.get(rule.code) or {}
        return rule.Options.model_validate(raw)

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes that ``per-file-ignores`` switches off for ``path``.

        Remembered per path, for at most :data:`_IGNORE_CACHE_SIZE` paths: a stream of
        records (``lint_records``) names a new one each time, and must not grow memory."""
        if not self.config.per_file_ignores:
            return _NOTHING
        cached = self._ignore_cache.get(path)
        if cached is not None:
            return cached
        if len(self._ignore_cache) >= _IGNORE_CACHE_SIZE:
            self._ignore_cache.clear()
        codes: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores.items():
            if path_matches(path, (pattern,), self.config.root):
                for active in self.active:
                    if any(
                        selector_matches(s, active.rule.code, active.rule.name) for s in selectors
                    ):
                        codes.add(active.rule.code)
        result = frozenset(codes)
        self._ignore_cache[path] = result
        return result

    def severity_of(self, code: str) -> Severity:
        active = self.by_code.get(code)
        if active is not None:
            return active.severity
        rule = self.registry.get(code)
        return rule.severity if rule else Severity.ERROR
