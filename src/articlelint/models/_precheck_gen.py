"""Generate :mod:`articlelint.models._precheck_spec` from the pydantic models.

The pre-check (:mod:`articlelint.models.precheck`) must never accept a record the models
reject, so its shape is read from the models' *core schemas* -- exactly what pydantic-core
runs -- rather than from the JSON Schema export, which hides strictness, custom validators
and model-level hooks. Every core-schema node and key this walker does not know becomes a
``{"kind": "never"}`` node: the pre-check then says "not sure" for any value there, and
pydantic decides.

Regenerate after changing a model (a test fails until you do)::

    python -m articlelint.models._precheck_gen > src/articlelint/models/_precheck_spec.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from articlelint.models._types import _datetime_as_text
from articlelint.models.article import MODELS

__all__ = ["ROOTS", "build_spec", "render_module"]

#: The models ``model_for`` picks from, by the name :func:`precheck.record_model_name` gives.
ROOTS: dict[str, type[BaseModel]] = dict(MODELS)

#: Before-validators known to return an exact ``str`` input unchanged (they only convert
#: other types). The pre-check accepts nothing but exact ``str`` for a text field, so these
#: are transparent to it; any other function validator is a ``never``.
STR_PRESERVING: frozenset[Callable[..., Any]] = frozenset({_datetime_as_text})

#: Keys that never change what validation accepts.
_INERT = frozenset({"metadata", "ref", "serialization"})
#: Per node type: the keys the walker understands (anything else: ``never``).
_KEYS: dict[str, frozenset[str]] = {
    "str": frozenset({"type", "min_length", "max_length", "pattern", "strict"}),
    "int": frozenset({"type", "ge", "gt", "le", "lt", "strict"}),
    "bool": frozenset({"type", "strict"}),
    "float": frozenset({"type", "strict"}),
    "literal": frozenset({"type", "expected"}),
    "nullable": frozenset({"type", "schema", "strict"}),
    "default": frozenset(
        {"type", "schema", "default", "default_factory", "validate_default", "copy_default"}
    ),
    "list": frozenset({"type", "items_schema", "min_length", "max_length", "strict"}),
    "function-before": frozenset({"type", "function", "schema"}),
    "definitions": frozenset({"type", "schema", "definitions"}),
    "definition-ref": frozenset({"type", "schema_ref"}),
    "model": frozenset({"type", "cls", "schema", "custom_init", "root_model", "config"}),
}
_MODEL_FIELDS_KEYS = frozenset({"type", "fields", "model_name", "computed_fields"})
_MODEL_FIELD_KEYS = frozenset(
    {"type", "schema", "validation_alias", "serialization_alias", "metadata", "frozen"}
)
#: Model config keys that do not change what validation accepts of exact-typed input.
_CONFIG_KEYS = frozenset({"title", "extra_fields_behavior", "strict"})
#: Patterns the pre-check implements exactly (see ``precheck._PATTERNS``).
KNOWN_PATTERNS = frozenset({r"\S"})


def _never(why: str) -> dict[str, Any]:
    return {"kind": "never", "why": why}


class _Walker:
    def __init__(self) -> None:
        self.models: dict[str, dict[str, Any]] = {}
        self.definitions: dict[str, Mapping[str, Any]] = {}
        self.resolving: set[str] = set()

    def node(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        kind = schema.get("type")
        allowed = _KEYS.get(str(kind))
        if allowed is None:
            return _never(f"core schema type {kind!r}")
        unknown = set(schema) - allowed - _INERT
        if unknown:
            return _never(f"{kind} with {sorted(unknown)}")
        method: Callable[[Mapping[str, Any]], dict[str, Any]] = getattr(
            self, "_" + str(kind).replace("-", "_")
        )
        return method(schema)

    def _str(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "str"}
        for key in ("min_length", "max_length"):
            if key in schema:
                out[key] = schema[key]
        if "pattern" in schema:
            pattern = schema["pattern"]
            if pattern not in KNOWN_PATTERNS:
                return _never(f"pattern {pattern!r}")
            out["pattern"] = pattern
        return out

    def _int(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "int"}
        for key in ("ge", "gt", "le", "lt"):
            if key in schema:
                bound = schema[key]
                if type(bound) is not int:
                    return _never(f"int bound {key}={bound!r}")
                out[key] = bound
        return out

    def _bool(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        return {"kind": "bool"}

    def _float(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        # No bounds, and `allow_inf_nan` left at its default (True): any float.
        return {"kind": "float"}

    def _literal(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        expected = list(schema["expected"])
        if not expected or not all(type(value) is str for value in expected):
            return _never("literal of non-text values")
        return {"kind": "literal", "expected": expected}

    def _nullable(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        return {"kind": "nullable", "schema": self.node(schema["schema"])}

    def _default(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        if schema.get("validate_default"):
            return _never("validate_default")
        # Only reached for model fields (see _model_field); a present value is validated by
        # the inner schema.
        return {"kind": "default", "schema": self.node(schema["schema"])}

    def _list(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        if "items_schema" not in schema:
            return _never("list of any")
        out: dict[str, Any] = {"kind": "list", "items": self.node(schema["items_schema"])}
        for key in ("min_length", "max_length"):
            if key in schema:
                out[key] = schema[key]
        return out

    def _function_before(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        function = schema["function"]
        if function.get("function") not in STR_PRESERVING:
            return _never(f"before-validator {function.get('function')!r}")
        inner = self.node(schema["schema"])
        if inner["kind"] != "str":
            return _never("str-preserving validator on a non-text schema")
        return inner

    def _definitions(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        for definition in schema["definitions"]:
            self.definitions[definition["ref"]] = definition
        return self.node(schema["schema"])

    def _definition_ref(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        target = self.definitions.get(schema["schema_ref"])
        if target is None:
            return _never(f"unresolved reference {schema['schema_ref']!r}")
        return self.node(target)

    def _model(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        cls = schema["cls"]
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in self.models or name in self.resolving:
            return {"kind": "model", "name": name}
        if schema.get("custom_init") or schema.get("root_model"):
            return _never(f"{name}: custom __init__ or root model")
        if any("model_validate" in vars(k) for k in cls.__mro__ if k is not BaseModel):
            return _never(f"{name}: overrides model_validate")
        config = schema.get("config", {})
        unknown = set(config) - _CONFIG_KEYS
        if unknown:
            return _never(f"{name}: config {sorted(unknown)}")
        inner = schema["schema"]
        if inner.get("type") != "model-fields" or set(inner) - _MODEL_FIELDS_KEYS - _INERT:
            return _never(f"{name}: model schema {inner.get('type')!r} / {sorted(inner)}")
        extra = config.get("extra_fields_behavior")
        if extra not in ("forbid", "allow"):
            return _never(f"{name}: extra keys are ignored")
        self.resolving.add(name)
        fields: dict[str, Any] = {}
        required: list[str] = []
        for field_name, field in inner["fields"].items():
            key, spec, optional = self._model_field(field_name, field)
            fields[key] = spec
            if not optional:
                required.append(key)
        self.resolving.discard(name)
        self.models[name] = {"fields": fields, "required": required}
        if extra == "allow":  # unknown keys may hold anything
            self.models[name]["extra"] = True
        return {"kind": "model", "name": name}

    def _model_field(self, name: str, field: Mapping[str, Any]) -> tuple[str, Any, bool]:
        key = field.get("validation_alias", name)
        if (
            field.get("type") != "model-field"
            or set(field) - _MODEL_FIELD_KEYS
            or type(key) is not str
        ):
            return str(name), _never(f"field {name!r}"), True
        spec = self.node(field["schema"])
        if spec["kind"] == "default":
            return key, spec["schema"], True
        return key, spec, False


def build_spec() -> dict[str, Any]:
    """The pre-check's description of the models (what ``_precheck_spec.SPEC`` holds)."""
    walker = _Walker()
    roots: dict[str, Any] = {}
    for label, model in ROOTS.items():
        if not model.__pydantic_complete__:
            model.model_rebuild(force=True)
        roots[label] = walker.node(model.__pydantic_core_schema__)
    return {"roots": roots, "models": dict(sorted(walker.models.items()))}


def _render(value: Any, indent: int) -> str:
    pad = "    " * (indent + 1)
    end = "    " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = "".join(
            f"{pad}{_render(k, 0)}: {_render(v, indent + 1)},\n" for k, v in value.items()
        )
        return "{\n" + items + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = "".join(f"{pad}{_render(v, indent + 1)},\n" for v in value)
        return "[\n" + items + end + "]"
    if isinstance(value, str):
        import json

        return json.dumps(value)  # a valid Python literal, in double quotes
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    raise TypeError(f"cannot render {value!r}")


def render_module(spec: dict[str, Any]) -> str:
    """The source of ``_precheck_spec.py`` for ``spec``."""
    return (
        '"""Generated by ``python -m articlelint.models._precheck_gen``: do not edit.\n\n'
        "The record models' shape for the pure-Python pre-check (see ``precheck.py``).\n"
        '"""\n\n'
        "from typing import Any\n\n"
        '__all__ = ["SPEC"]\n\n'
        f"SPEC: dict[str, Any] = {_render(spec, 0)}\n"
    )


if __name__ == "__main__":  # pragma: no cover - the generator's command line
    sys.stdout.write(render_module(build_spec()))
