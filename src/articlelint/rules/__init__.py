"""The rule registry: every rule, by code and by name. The engine, the CLI and the docs
all read it. Built-in rules live in one module per family; plugins join through the
``articlelint.rules`` entry-point group (see :func:`registry`)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from articlelint._values import Struct
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
    "ENTRY_POINT_GROUP",
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

#: The entry-point group plugins register their rules in (a module, or a rule class).
ENTRY_POINT_GROUP = "articlelint.rules"
#: Code prefix reserved for built-in rules.
BUILTIN_PREFIX = "AL"

#: One module per rule family, in code order.
BUILTIN_MODULES = (
    "articlelint.rules.files",
    "articlelint.rules.schema",
    "articlelint.rules.urls",
    "articlelint.rules.dates",
    "articlelint.rules.publication",
    "articlelint.rules.consistency",
    "articlelint.rules.text",
    "articlelint.rules.images",
    "articlelint.rules.scores",
    "articlelint.rules.suppressions",
    # Not a family: the learning kinds' own fields (AL308, AL511, AL512).
    "articlelint.rules.learning",
)


class Registry(Struct):
    """All known rules, in code order, each once.

    ``plugin_errors``: plugins that could not be loaded, as messages (their rules are
    skipped).
    """

    __slots__ = ("by_code", "by_name", "plugin_errors", "rules")
    _compared = ("rules", "by_code", "by_name", "plugin_errors")

    def __init__(
        self,
        rules: list[Rule] | None = None,
        by_code: dict[str, Rule] | None = None,
        by_name: dict[str, Rule] | None = None,
        plugin_errors: list[str] | None = None,
    ) -> None:
        self.rules: list[Rule] = [] if rules is None else rules
        self.by_code: dict[str, Rule] = {} if by_code is None else by_code
        self.by_name: dict[str, Rule] = {} if by_name is None else by_name
        self.plugin_errors: list[str] = [] if plugin_errors is None else plugin_errors

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
    yield from _rules_in(importlib.import_module(module_name))


def _rules_in(module: object) -> Iterator[type[Rule]]:
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if isinstance(obj, type) and issubclass(obj, Rule) and "code" in obj.__dict__:
            yield obj


def _plugin_rules(loaded: object) -> list[type[Rule]]:
    """The rule classes an entry point names: a rule class, or a module's ``__all__``."""
    if isinstance(loaded, type) and issubclass(loaded, Rule):
        return [loaded]
    if isinstance(loaded, type):
        raise TypeError(f"{loaded.__qualname__} is not an articlelint Rule subclass")
    rules = list(_rules_in(loaded))
    if not rules:
        raise TypeError(
            "it names no Rule subclass (a rule class, or a module listing them in __all__)"
        )
    return rules


def _load_plugins(reg: Registry) -> None:
    from articlelint.rules._entry_points import entry_points  # importlib.metadata, faster

    for entry_point in entry_points(ENTRY_POINT_GROUP):
        where = f"plugin {entry_point.name!r} ({entry_point.value})"
        try:
            classes = _plugin_rules(entry_point.load())
            for cls in classes:
                if cls.code.startswith(BUILTIN_PREFIX):
                    raise ValueError(
                        f"rule {cls.code} uses the prefix {BUILTIN_PREFIX!r} reserved for "
                        "built-in rules; give plugin rules a prefix of their own (e.g. XYZ001)"
                    )
                if not issubclass(cls.Options, RuleOptions):
                    raise TypeError(f"rule {cls.code}: Options must subclass RuleOptions")
            for cls in classes:
                reg.add(cls())
        except Exception as exc:  # a broken plugin must never stop the linter
            reg.plugin_errors.append(
                f"{where} could not be loaded, its rules are skipped: {type(exc).__name__}: {exc}"
            )


_REGISTRY: Registry | None = None


def registry() -> Registry:
    """The registry of built-in and plugin rules (built once per process).

    A plugin that fails to load is skipped with a
    :class:`~articlelint.errors.PluginWarning` (also kept in ``plugin_errors``)."""
    global _REGISTRY
    if _REGISTRY is None:
        reg = Registry()
        for module_name in BUILTIN_MODULES:
            for cls in _rules_of(module_name):
                reg.add(cls())
        _load_plugins(reg)
        _REGISTRY = reg
        if reg.plugin_errors:
            import warnings

            from articlelint.errors import PluginWarning

            for message in reg.plugin_errors:
                warnings.warn(message, PluginWarning, stacklevel=2)
    return _REGISTRY
