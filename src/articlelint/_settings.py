"""Declarative settings (a rule's options, the run's configuration) that do not import
pydantic unless they have to.

A :class:`Settings` subclass declares its keys like a dataclass or a pydantic model::

    class TitleTooLongOptions(RuleOptions):
        max_length: int = setting(110, gt=0, description="The longest title allowed.")

pydantic stays the one authority on what is valid: a model is generated from the same
declarations (:meth:`Settings.pydantic_model`) and checks anything that is not plainly
right. What *is* plainly right (a value of exactly the declared type, inside the declared
bounds, accepted by the class's own checks) is accepted here in pure Python, with the same
result pydantic would give. That is every valid configuration users write, so a run with a
valid configuration never imports pydantic: the import and the model build cost more than
linting one file (the pre-commit case).

Declarations may also use pydantic's own ``Field(...)`` (plugins written against an older
:class:`~articlelint.rules.RuleOptions` do); such a field is always checked by pydantic
unless its only constraints are ``gt``/``ge``/``lt``/``le``.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, TypeVar

__all__ = ["FieldCheck", "Setting", "Settings", "kebab", "setting"]

_S = TypeVar("_S", bound="Settings")
_MISSING: Any = object()


class _Reject(Exception):
    """The fast path cannot vouch for a value: let pydantic decide."""


def kebab(name: str) -> str:
    """A Python attribute name as a configuration key: ``max_length`` -> ``max-length``."""
    return name.replace("_", "-")


class Setting:
    """One declared key: its default, description and numeric bounds.

    Mirrors the parts of pydantic's ``FieldInfo`` that articlelint reads (``description``,
    ``alias``, ``get_default``, ``json_schema_extra``)."""

    __slots__ = (
        "alias",
        "bounds",
        "default",
        "default_factory",
        "description",
        "field_info",
        "json_schema_extra",
        "name",
    )

    def __init__(
        self,
        default: Any = _MISSING,
        *,
        default_factory: Callable[[], Any] | None = None,
        description: str | None = None,
        bounds: Mapping[str, float] | None = None,
        json_schema_extra: dict[str, Any] | None = None,
        field_info: Any = None,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.description = description
        self.bounds = dict(bounds or {})
        self.json_schema_extra = json_schema_extra
        #: A pydantic ``FieldInfo`` this setting was declared with, passed on as it is.
        self.field_info = field_info
        self.name = ""
        self.alias: str | None = None

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = False) -> Any:
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else self.default_factory
        if isinstance(self.default, list | dict | set):
            return self.default.copy()  # never share a mutable default between instances
        return None if self.default is _MISSING else self.default

    def to_field(self) -> Any:
        """The pydantic ``FieldInfo`` for this setting (imports pydantic)."""
        if self.field_info is not None:
            return self.field_info
        from pydantic import Field

        kwargs: dict[str, Any] = dict(self.bounds)
        if self.default_factory is not None:
            kwargs["default_factory"] = self.default_factory
        elif self.default is not _MISSING:
            kwargs["default"] = self.default
        return Field(
            description=self.description, json_schema_extra=self.json_schema_extra, **kwargs
        )

    def __repr__(self) -> str:
        return f"Setting({self.name!r}, default={self.get_default()!r})"


def setting(
    default: Any = _MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    json_schema_extra: dict[str, Any] | None = None,
) -> Any:
    """Declare a key of a :class:`Settings` class (typed ``Any`` so that
    ``limit: int = setting(5)`` type-checks, as with ``dataclasses.field``)."""
    bounds = {
        key: value
        for key, value in (("gt", gt), ("ge", ge), ("lt", lt), ("le", le))
        if value is not None
    }
    return Setting(
        default,
        default_factory=default_factory,
        description=description,
        bounds=bounds,
        json_schema_extra=json_schema_extra,
    )


#: ``(field names, mode, function)``: the function gets the class and the value and returns
#: the (possibly normalised) value or raises ``ValueError``; ``mode`` is pydantic's
#: ``"before"`` (the raw value) or ``"after"`` (the type-checked one).
FieldCheck = tuple[tuple[str, ...], Literal["before", "after"], Callable[[Any, Any], Any]]

_BOUND_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda v, b: v > b,
    "ge": lambda v, b: v >= b,
    "lt": lambda v, b: v < b,
    "le": lambda v, b: v <= b,
}


def _from_field_info(info: Any) -> Setting:
    """A :class:`Setting` for a pydantic ``Field(...)`` declaration."""
    bounds: dict[str, float] = {}
    fast = True
    for constraint in getattr(info, "metadata", ()):
        names = [name for name in _BOUND_TESTS if hasattr(constraint, name)]
        if len(names) == 1 and type(constraint).__name__.lower() == names[0]:
            bounds[names[0]] = getattr(constraint, names[0])
        else:
            fast = False  # pattern, length, ...: pydantic checks it
    default = info.default
    if type(default).__name__ == "PydanticUndefinedType":
        default = _MISSING
    made = Setting(
        default,
        default_factory=info.default_factory,
        description=info.description,
        bounds=bounds,
        json_schema_extra=info.json_schema_extra
        if isinstance(info.json_schema_extra, dict)
        else None,
        field_info=info,
    )
    if not fast or info.alias is not None or getattr(info, "validation_alias", None) is not None:
        made.bounds = {"_pydantic": 0}  # never vouched for by the fast path
    return made


class Settings:
    """Base of declarative settings: keyword construction, kebab-case keys in files,
    unknown keys rejected, immutable instances.

    Subclasses add :data:`FieldCheck` entries to ``field_checks`` for checks the types
    cannot express, and may override :meth:`prepare` to reshape the raw mapping first.
    """

    __slots__ = ("_set", "_values")

    model_fields: ClassVar[dict[str, Setting]] = {}
    field_checks: ClassVar[tuple[FieldCheck, ...]] = ()

    _values: dict[str, Any]
    _set: frozenset[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, Setting] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "model_fields", {}))
        # Not inspect.get_annotations: importing inspect costs more than this whole module.
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        for name, annotation in annotations.items():
            if name.startswith("_") or "ClassVar" in str(annotation):
                continue
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, Setting):
                declared = value
            elif type(value).__name__ == "FieldInfo":
                declared = _from_field_info(value)
            else:
                declared = Setting(value)
            declared.name = name
            declared.alias = kebab(name)
            fields[name] = declared
            if name in cls.__dict__:
                delattr(cls, name)  # instances answer from their values
        cls.model_fields = fields

    # -- construction -------------------------------------------------------------------

    def __init__(self, **data: Any) -> None:
        values, given = type(self)._validated(data)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "_set", given)

    @classmethod
    def model_validate(cls: type[_S], data: Any) -> _S:
        """Validate ``data`` (a mapping with snake- or kebab-case keys); a bad value raises
        pydantic's ``ValidationError``, exactly as the generated model reports it."""
        if not isinstance(data, Mapping):
            cls.pydantic_model().model_validate(data)  # raises: not a mapping
        values, given = cls._validated(dict(data))
        return cls._construct(values, given)

    @classmethod
    def _construct(cls: type[_S], values: dict[str, Any], given: frozenset[str]) -> _S:
        made = cls.__new__(cls)
        object.__setattr__(made, "_values", values)
        object.__setattr__(made, "_set", given)
        return made

    @classmethod
    def _validated(cls, data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
        try:
            return cls._fast(data)
        except (_Reject, ValueError, TypeError):
            pass
        model = cls.pydantic_model()
        validated = model.model_validate(data)
        values = {name: getattr(validated, name) for name in cls.model_fields}
        return values, frozenset(validated.model_fields_set)

    @classmethod
    def prepare(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Reshape the raw mapping before validation (pydantic's ``mode="before"`` model
        validator). ``ValueError`` is a validation error."""
        return data

    @classmethod
    def _fast(cls, data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
        fields = cls.model_fields
        if not data and not any(spec.required for spec in fields.values()):
            # Most rules are not configured: their defaults need no type hints at all.
            defaults = {
                name: spec.get_default(call_default_factory=True) for name, spec in fields.items()
            }
            return defaults, frozenset()
        data = cls.prepare(data)
        by_key: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_") if isinstance(key, str) else None
            if name not in fields or (key != name and key != kebab(name)):
                raise _Reject(key)  # unknown key
            if name in by_key:
                raise _Reject(key)  # given twice (snake and kebab)
            by_key[name] = value
        hints = cls._hints()
        checks = cls.field_checks
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if name not in by_key:
                if spec.required:
                    raise _Reject(name)
                values[name] = spec.get_default(call_default_factory=True)
                continue
            value = by_key[name]
            for names, mode, check in checks:
                if mode == "before" and name in names:
                    value = check(cls, value)
            value = _coerce(value, hints[name])
            for bound, limit in spec.bounds.items():
                test = _BOUND_TESTS.get(bound)
                if test is None or isinstance(value, bool) or not test(value, limit):
                    raise _Reject(name)
            for names, mode, check in checks:
                if mode == "after" and name in names:
                    value = check(cls, value)
            values[name] = value
        return values, frozenset(by_key)

    @classmethod
    @functools.cache
    def _hints(cls) -> dict[str, Any]:
        return typing.get_type_hints(cls)

    @classmethod
    @functools.cache
    def pydantic_model(cls) -> Any:
        """The pydantic model generated from the declarations (built once, imports
        pydantic): the authority for every value the fast path does not vouch for."""
        from pydantic import ConfigDict, create_model, field_validator, model_validator

        hints = cls._hints()
        validators: dict[str, Any] = {}
        for index, (names, mode, check) in enumerate(cls.field_checks):
            validators[f"check_{index}"] = field_validator(*names, mode=mode)(_as_validator(check))
        if cls.prepare.__func__ is not Settings.prepare.__func__:  # type: ignore[attr-defined]

            def prepare(model: Any, data: Any) -> Any:
                return cls.prepare(dict(data)) if isinstance(data, Mapping) else data

            hook: Any = classmethod(prepare)
            validators["prepare"] = model_validator(mode="before")(hook)
        fields: Any = {
            name: (hints[name], spec.to_field()) for name, spec in cls.model_fields.items()
        }
        return create_model(
            cls.__name__,
            __config__=ConfigDict(
                extra="forbid", populate_by_name=True, alias_generator=kebab, frozen=True
            ),
            __validators__=validators,
            __module__=cls.__module__,
            **fields,
        )

    # -- reading ------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} has no setting {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use model_copy(update=...)")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values == other._values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A subclass's state that is not a setting (``Config``'s root and source folder)
        # travels too: spawned worker processes get their settings by pickle.
        state = getattr(self, "__dict__", None)
        if state:
            return (type(self)._construct, (self._values, self._set), dict(state))
        return (type(self)._construct, (self._values, self._set))

    @property
    def model_fields_set(self) -> frozenset[str]:
        """The keys given explicitly (the others hold their defaults)."""
        return self._set

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude: set[str] | None = None,
        exclude_unset: bool = False,
        by_alias: bool = False,
    ) -> dict[str, Any]:
        """The values as a plain dict (``mode="json"``: enums as their values)."""
        out: dict[str, Any] = {}
        for name, value in self._values.items():
            if (exclude and name in exclude) or (exclude_unset and name not in self._set):
                continue
            out[kebab(name) if by_alias else name] = _jsonable(value) if mode == "json" else value
        return out

    def model_copy(self: _S, *, update: Mapping[str, Any] | None = None) -> _S:
        """A copy with ``update`` applied as it is (not validated, like pydantic's)."""
        values = dict(self._values)
        values.update(update or {})
        copy = type(self)._construct(values, self._set | frozenset(update or ()))
        self._copied_to(copy)
        return copy

    def _copied_to(self, copy: Any) -> None:
        """Carry state that is not a setting over to ``copy`` (for subclasses)."""


def _as_validator(check: Callable[[Any, Any], Any]) -> Any:
    """``check(cls, value)`` as a pydantic "plain" validator classmethod."""
    function = getattr(check, "__func__", check)  # a staticmethod from a class body

    def validate(cls: Any, value: Any) -> Any:
        return function(cls, value)

    return classmethod(validate)


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _coerce(value: Any, hint: Any) -> Any:
    """``value`` as pydantic would return it for ``hint`` (lax mode), when that is certain;
    otherwise :class:`_Reject`."""
    if hint is Any:
        return value
    if hint is str or hint is bool:
        if type(value) is hint:
            return value
        raise _Reject(value)
    if hint is int:
        if type(value) is int:
            return value
        raise _Reject(value)
    if hint is float:
        if type(value) is float:
            return value
        if type(value) is int:
            return float(value)
        raise _Reject(value)
    if hint is type(None):
        if value is None:
            return None
        raise _Reject(value)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is types.UnionType or origin is typing.Union:
        if value is None and type(None) in args:
            return None
        matches = []
        for arg in args:
            try:
                matches.append(_coerce(value, arg))
            except _Reject:
                continue
        if len(matches) == 1:
            return matches[0]
        raise _Reject(value)
    if origin is list:
        if type(value) is list:
            return [_coerce(item, args[0]) for item in value]
        raise _Reject(value)
    if origin is dict:
        if type(value) is dict:
            return {_coerce(k, args[0]): _coerce(v, args[1]) for k, v in value.items()}
        raise _Reject(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if type(value) is hint:
            return value
        if type(value) is str:
            try:
                return hint(value)
            except ValueError:
                raise _Reject(value) from None
        raise _Reject(value)
    raise _Reject(value)
