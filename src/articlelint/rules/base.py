"""How a rule is declared, what it sees (:class:`Record`) and what it yields (:class:`Problem`).

A rule knows nothing of files, lines or output formats. It declares, in one place, its
``code``, ``name``, default ``severity``, ``Options`` model and documentation (the class
docstring, in the *What it does / Why is this bad? / Example / Use instead* form), and
yields :class:`Problem` objects that name a field path. The engine turns paths into
positions, applies configuration and stamps the severity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar

from articlelint._settings import Settings, setting
from articlelint._values import Struct
from articlelint.diagnostics import FieldPath, Fix, Severity, Span

if TYPE_CHECKING:
    from articlelint.loading.document import Document
    from articlelint.rules.fixes import FixIntent
    from articlelint.rules.site import SiteProfile

__all__ = [
    "Fact",
    "LocatedFact",
    "NoOptions",
    "Problem",
    "ProjectRule",
    "Record",
    "Rule",
    "RuleOptions",
    "setting",
]

_T = TypeVar("_T")
_CODE = re.compile(r"[A-Z]{2,}[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleOptions(Settings):
    """Base for a rule's options: kebab-case keys in configuration, unknown keys rejected,
    immutable instances. Declare each option with :func:`setting` (pydantic's ``Field``
    works too)::

        class TitleTooLongOptions(RuleOptions):
            max_length: int = setting(110, gt=0, description="The longest title allowed.")

    Valid options are checked without importing pydantic; anything else is checked, and
    reported, by a pydantic model generated from the declarations (see
    :mod:`articlelint._settings`).
    """


class NoOptions(RuleOptions):
    """The options of a rule that has none."""


class Problem(NamedTuple):
    """What a rule found.

    ``field`` is the path of the offending value (``()`` for the whole record). A path that
    does not exist in the file (a missing field) is located at its nearest present parent.
    ``on_key`` points at the mapping key instead of the value. ``span`` is only for rules
    about YAML syntax that already know an exact position (duplicate keys, aliases).
    ``fix`` is usually a position-free :class:`~articlelint.rules.fixes.FixIntent`; the
    engine resolves it into offset edits (a ready :class:`Fix` is passed through).
    """

    message: str
    field: FieldPath = ()
    on_key: bool = False
    span: Span | None = None
    fix: Fix | FixIntent | None = None


class Record(Struct):
    """What rules check: the record's data, where it came from when it came from a file,
    and the site it belongs to (``site``: the configuration's site profile, if any)."""

    __slots__ = ("_memo", "data", "document", "path", "site")
    _compared = ("data", "path", "document")

    def __init__(
        self,
        data: Mapping[str, Any],
        path: str | None = None,
        document: Document | None = None,
        _memo: dict[Hashable, Any] | None = None,
        site: SiteProfile | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.document = document
        self._memo: dict[Hashable, Any] = {} if _memo is None else _memo
        self.site = site

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Compute something once per record and share it between rules (e.g. validation)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def source_text(self, path: FieldPath) -> str | None:
        """The value's text exactly as written in the file (``None`` without a file)."""
        if self.document is None:
            return None
        info = self.document.nodes.get(path)
        if info is None:
            return None
        return self.document.text[info.value.start : info.value.end]

    def scalar_style(self, path: FieldPath) -> str | None:
        """``None`` for a plain scalar, ``'"'``/``"'"`` for quoted; ``None`` without a file."""
        if self.document is None:
            return None
        info = self.document.nodes.get(path)
        return info.style if info is not None else None


class Rule:
    """Base class of every rule. Subclasses set the class attributes and override
    :meth:`check`. The class docstring is the rule's documentation."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    Options: ClassVar[type[RuleOptions]] = NoOptions
    #: Off unless selected explicitly (like ruff's preview/opinionated rules).
    default_enabled: ClassVar[bool] = True
    #: Whether the rule attaches fixes to (some of) its problems.
    fixable: ClassVar[bool] = False
    #: Reported by the loader (AL001-AL003), not by :meth:`check`.
    reported_by_loader: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return  # an intermediate base class
        if not _CODE.fullmatch(cls.code):
            raise ValueError(f"rule code {cls.code!r} must look like AL123")
        if not _NAME.fullmatch(cls.name):
            raise ValueError(f"rule name {cls.name!r} must be kebab-case")
        if not (cls.__doc__ or "").strip():
            raise ValueError(f"rule {cls.code} needs a docstring")

    def check(self, record: Record, options: Any) -> Iterable[Problem]:
        """Yield the problems of one record. ``options`` is an instance of ``Options``."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The docstring, dedented."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def options_documentation(cls) -> str:
        """An ``## Options`` section: each configuration key, its default and description
        (empty for a rule without options)."""
        import json

        lines = []
        for name, info in cls.Options.model_fields.items():
            key = info.alias or name.replace("_", "-")
            default = json.dumps(info.get_default(call_default_factory=True))
            lines.append(f"- `{key}` (default `{default}`): {info.description or ''}".rstrip())
        return "## Options\n" + "\n".join(lines) if lines else ""

    @classmethod
    def summary(cls) -> str:
        """The first sentence of *What it does*."""
        doc = cls.documentation()
        body = doc.split("## What it does", 1)[-1].strip()
        paragraph = body.split("\n\n", 1)[0].replace("\n", " ").strip()
        match = re.match(r"(.+?[.])(?:\s|$)", paragraph)
        return match.group(1) if match else paragraph


class Fact(NamedTuple):
    """Something a :class:`ProjectRule` remembers about one record for the cross-file pass."""

    key: Hashable
    field: FieldPath
    value: Any = None


class LocatedFact(NamedTuple):
    """A :class:`Fact` with the file and position it came from (filled in by the engine)."""

    path: str
    fact: Fact
    span: Span | None


class ProjectRule(Rule):
    """A rule that compares records across files (e.g. the same URL in two files).

    :meth:`collect` runs per record (possibly in a worker process, so facts must be small
    and picklable); :meth:`finish` runs once over every fact of the run and yields
    ``(where, problem)`` pairs.
    """

    def collect(self, record: Record, options: Any) -> Iterable[Fact]:
        return ()

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterable[tuple[LocatedFact, Problem]]:
        return ()

    def group_key(self, fact: LocatedFact) -> Hashable:
        """Which facts :meth:`finish` must see together. Finishing the facts of each group
        on their own must give what finishing all of them at once gives, so that a pipeline
        can finish the groups apart, as a distributed group-by (Dask, Spark) or one group at
        a time. Keys are compared by their ``repr``: use text, numbers, ``None`` or tuples of
        them. The default, one group for all facts, is always right."""
        return None
