"""The rule registry: every rule, by code and by name. The engine, the CLI and the docs
all read it. Built-in rules live in one module per family; plugins join through the
``articlelint.rules`` entry-point group (see :func:`registry`)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from articlelint.rules.base import (
    Fact,
    LocatedFact,
    NoOptions,
    Problem,
    ProjectRule,
    Record,
    Rule,
    RuleOptions,
)

__all__ = [
    "BUILTIN_MODULES",
    "Fact",
    "LocatedFact",
    "NoOptions",
    "Problem",
    "ProjectRule",
    "Record",
    "Registry",
    "Rule",
    "RuleOptions",
    "registry",
]

#: One module per rule family, in code order.
BUILTIN_MODULES = (
    "articlelint.rules.files",
    "articlelint.rules.schema",
    "articlelint.rules.urls",
    "articlelint.rules.dates",
    "articlelint.rules.publication",
)


@dataclass
class Registry:
    """All known rules, in code order, each once."""

    rules: list[Rule] = field(default_factory=list)
    by_code: dict[str, Rule] = field(default_factory=dict)
    by_name: dict[str, Rule] = field(default_factory=dict)

    def add(self, rule: Rule) -> None:
        for table, key in ((self.by_code, rule.code), (self.by_name, rule.name)):
            other = table.get(key)
            if other is not None and type(other) is not type(rule):
                raise ValueError(
                    f"rule {key!r} is declared twice: {type(other).__qualname__} and "
                    f"{type(rule).__qualname__}"
                )
        if rule.code in self.by_code:
            return
        self.by_code[rule.code] = rule
        self.by_name[rule.name] = rule
        self.rules.append(rule)
        self.rules.sort(key=lambda r: r.code)

    def get(self, code_or_name: str) -> Rule | None:
        """Look a rule up by code (``AL401``) or name (``unpublished-record``)."""
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name.lower())

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def _rules_of(module_name: str) -> Iterator[type[Rule]]:
    module = importlib.import_module(module_name)
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if isinstance(obj, type) and issubclass(obj, Rule) and "code" in obj.__dict__:
            yield obj


_REGISTRY: Registry | None = None


def registry() -> Registry:
    """The registry of built-in rules (built once per process)."""
    global _REGISTRY
    if _REGISTRY is None:
        reg = Registry()
        for module_name in BUILTIN_MODULES:
            for cls in _rules_of(module_name):
                reg.add(cls())
        _REGISTRY = reg
    return _REGISTRY
