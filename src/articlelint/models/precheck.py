"""A pure-Python pre-check: does a record certainly validate against its model?

Importing pydantic and building the record models costs about 0.2 s, a third of a
one-file run (the pre-commit case), while nearly every record is valid. :func:`conforms`
answers "the model would report no error" without pydantic; a ``False`` only means "not
sure", and the caller then runs pydantic. It is *sound*: ``True`` is only ever returned
for records the models accept (tests check this on the shared corpus and on mutated
records).

Its knowledge of the models is :data:`articlelint.models._precheck_spec.SPEC`, generated
from the models' pydantic-core schemas (see ``_precheck_gen.py``; a test fails when a
model changes without regenerating it). What it checks, mirroring pydantic's strict mode:

- mappings are exact ``dict`` with exact ``str`` keys, every key a known field alias
  (``extra="forbid"``; with ``extra="allow"``, the spec's ``"extra": True``, other keys
  hold anything), every required field present; lists are exact ``list``;
- text is an exact ``str`` without lone surrogates (pydantic-core rejects those), with its
  length bounds, and the pattern ``\\S`` as "not empty and not only blanks": Python's
  ``str.isspace`` counts every Unicode ``White_Space`` character pydantic-core's regex does,
  plus U+001C..U+001F, so the pre-check is never the more lenient (checked exhaustively
  over all code points by a test);
- whole numbers are exact ``int`` (never ``bool``) within their bounds; numbers (a
  ``float`` field, NaN and infinities allowed) exact ``float``, or exact ``int`` within
  ±2**53; booleans exact ``bool``; ``Literal`` choices exact ``str`` among the choices;
  ``None`` only where the field is nullable.

Any other schema feature reaches the spec as a ``never`` node, which rejects every value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "KIND_MODELS",
    "OTHER_MODEL",
    "conforms",
    "field_shape",
    "model_fields_at",
    "record_model_name",
]

_Check = Callable[[Any], bool]

#: The record kinds articlelint has a model for: the value of ``type`` -> the model's name
#: (``articlelint.models.article.MODELS`` maps the names to the pydantic models).
KIND_MODELS: dict[str, str] = {
    "article": "Article",
    "video": "Video",
    "course": "Course",
    "collection": "Collection",
    "book": "Book",
    "answer": "Answer",
    "download": "Download",
    "forum": "Forum",
}
#: The model of a record whose ``type`` is none of :data:`KIND_MODELS`.
OTHER_MODEL = "OtherRecord"


def record_model_name(data: Mapping[str, Any]) -> str:
    """The name of the model ``model_for`` picks: by ``type``; ``"Article"`` when there is
    no ``type`` (so that its absence is reported), :data:`OTHER_MODEL` for any other value."""
    if "type" not in data:
        return "Article"
    kind = data["type"]
    if type(kind) is str:
        return KIND_MODELS.get(kind, OTHER_MODEL)
    return OTHER_MODEL


def _no_surrogate(value: str) -> bool:
    # Faster than a regular expression search (about 0.6 µs against 1.2 µs for a 160-
    # character title), and no pattern to compile at start-up.
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # only lone surrogates fail to encode
        return False
    return True


def _never(value: Any) -> bool:
    return False


def _text(min_length: int, max_length: int | None, non_blank: bool) -> _Check:
    if non_blank and min_length <= 1 and max_length is None:
        # The common case (every text field of the models), kept to one expression.
        def check_text(value: Any) -> bool:
            return (
                type(value) is str
                and value != ""
                and not value.isspace()
                and (value.isascii() or _no_surrogate(value))
            )

        return check_text

    def check_str(value: Any) -> bool:
        if type(value) is not str or len(value) < min_length:
            return False
        if max_length is not None and len(value) > max_length:
            return False
        if non_blank and (value == "" or value.isspace()):
            return False
        return _no_surrogate(value)

    return check_str


def _integer(ge: int | None, le: int | None) -> _Check:
    def check_int(value: Any) -> bool:
        return type(value) is int and (ge is None or value >= ge) and (le is None or value <= le)

    return check_int


def _is_bool(value: Any) -> bool:
    return type(value) is bool


#: Whole numbers a strict ``float`` field surely accepts (exactly representable).
_FLOAT_INT = 2**53


def _is_float(value: Any) -> bool:
    # Strict pydantic takes any float (NaN and infinities too: `allow_inf_nan` is its
    # default) and ints it can convert; an int too large for a float is rejected.
    return type(value) is float or (type(value) is int and -_FLOAT_INT <= value <= _FLOAT_INT)


def _literal(choices: frozenset[str]) -> _Check:
    def check_literal(value: Any) -> bool:
        return type(value) is str and value in choices

    return check_literal


def _nullable(inner: _Check) -> _Check:
    def check_nullable(value: Any) -> bool:
        return value is None or inner(value)

    return check_nullable


def _list(items: _Check, min_length: int, max_length: int | None) -> _Check:
    def check_list(value: Any) -> bool:
        if type(value) is not list or len(value) < min_length:
            return False
        if max_length is not None and len(value) > max_length:
            return False
        return all(map(items, value))

    return check_list


def _model(fields: dict[str, _Check], required: set[str], extra: bool) -> _Check:
    def check_model(value: Any) -> bool:
        if type(value) is not dict:
            return False
        get = fields.get
        for key, item in value.items():
            if type(key) is not str:  # before the lookup: no foreign __eq__ runs
                return False
            check = get(key)
            if check is None:
                if extra:  # a key the model does not know, and allows
                    continue
                return False
            if not check(item):
                return False
        return value.keys() >= required

    return check_model


class _Compiler:
    """Turns the spec into nested closures; anything it does not understand rejects."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.models: dict[str, _Check] = {}

    def node(self, node: Any) -> _Check:
        try:
            return self._node(node)
        except (KeyError, TypeError, ValueError, AttributeError):
            return _never

    def _node(self, node: Mapping[str, Any]) -> _Check:
        kind = node["kind"]
        keys = set(node)
        if kind == "str" and keys <= {"kind", "min_length", "max_length", "pattern"}:
            pattern = node.get("pattern")
            if pattern not in (None, r"\S"):
                return _never
            return _text(
                _bound(node.get("min_length", 0)),
                _optional_bound(node.get("max_length")),
                pattern is not None,
            )
        if kind == "int" and keys <= {"kind", "ge", "gt", "le", "lt"}:
            ge = _optional_bound(node.get("ge"))
            gt = _optional_bound(node.get("gt"))
            le = _optional_bound(node.get("le"))
            lt = _optional_bound(node.get("lt"))
            lower = [bound for bound in (ge, None if gt is None else gt + 1) if bound is not None]
            upper = [bound for bound in (le, None if lt is None else lt - 1) if bound is not None]
            return _integer(max(lower) if lower else None, min(upper) if upper else None)
        if kind == "bool" and keys == {"kind"}:
            return _is_bool
        if kind == "float" and keys == {"kind"}:
            return _is_float
        if kind == "literal" and keys == {"kind", "expected"}:
            expected = node["expected"]
            if not expected or not all(type(value) is str for value in expected):
                return _never
            return _literal(frozenset(expected))
        if kind == "nullable" and keys == {"kind", "schema"}:
            return _nullable(self.node(node["schema"]))
        if kind == "list" and keys <= {"kind", "items", "min_length", "max_length"}:
            return _list(
                self.node(node["items"]),
                _bound(node.get("min_length", 0)),
                _optional_bound(node.get("max_length")),
            )
        if kind == "model" and keys == {"kind", "name"}:
            return self.model(node["name"])
        return _never

    def model(self, name: str) -> _Check:
        compiled = self.models.get(name)
        if compiled is not None:
            return compiled
        # Registered before its fields are compiled (filled in place below), so a model
        # that contains itself refers to this very check.
        fields: dict[str, _Check] = {}
        required: set[str] = set()
        model = self.spec["models"][name]
        check = self.models[name] = _model(fields, required, model.get("extra") is True)
        for key, field in model["fields"].items():
            fields[str(key)] = self.node(field) if type(key) is str else _never
        required.update(model["required"])
        if not required <= fields.keys():  # a required key it cannot check: never satisfied
            fields.clear()
        return check


def _bound(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(value)
    return value


def _optional_bound(value: Any) -> int | None:
    return None if value is None else _bound(value)


_ROOTS: dict[str, _Check] | None = None


def _roots() -> dict[str, _Check]:
    global _ROOTS
    if _ROOTS is None:
        from articlelint.models._precheck_spec import SPEC

        compiler = _Compiler(SPEC)
        _ROOTS = {label: compiler.node(node) for label, node in SPEC["roots"].items()}
    return _ROOTS


def conforms(data: Any) -> bool:
    """``True`` only when ``model_for(data).model_validate(data)`` certainly succeeds
    (``False``: not sure; ask pydantic)."""
    if type(data) is not dict:
        return False
    check = _roots().get(record_model_name(data))
    return check is not None and check(data)


# -- the models' shape at a field path, for rules that must not import pydantic ----------


def _unwrap(node: Any) -> Any:
    while isinstance(node, dict) and node.get("kind") == "nullable":
        node = node.get("schema")
    return node


def _model_of(node: Any) -> Mapping[str, Any] | None:
    from articlelint.models._precheck_spec import SPEC

    node = _unwrap(node)
    if isinstance(node, dict) and node.get("kind") == "model":
        model: Mapping[str, Any] | None = SPEC["models"].get(node.get("name"))
        return model
    return None


def _node_at(data: Mapping[str, Any], path: tuple[Any, ...]) -> Any:
    from articlelint.models._precheck_spec import SPEC

    node: Any = SPEC["roots"].get(record_model_name(data))
    for part in path:
        if isinstance(part, int):
            node = _unwrap(node)
            if not isinstance(node, dict) or node.get("kind") != "list":
                return None
            node = node.get("items")
        else:
            model = _model_of(node)
            if model is None:
                return None
            node = model["fields"].get(part)
    return node


def model_fields_at(data: Mapping[str, Any], path: tuple[Any, ...]) -> tuple[str, ...] | None:
    """The keys the model allows in the mapping at ``path`` of ``data`` (``()`` for the
    record itself), or ``None`` when the models put no mapping there."""
    model = _model_of(_node_at(data, path))
    return None if model is None else tuple(model["fields"])


def field_shape(data: Mapping[str, Any], path: tuple[Any, ...]) -> tuple[str | None, bool, bool]:
    """What the models say of the value at ``path``: ``(kind, required, nullable)``, where
    ``kind`` is the spec's kind of value (``"str"``, ``"int"``, ``"model"``, ...; ``None``
    for a path the models do not know), ``required`` whether the key must be present (list
    items always are), and ``nullable`` whether ``null`` is allowed there."""
    if not path:
        return "model", True, False
    last = path[-1]
    if isinstance(last, int):
        required = True
    else:
        model = _model_of(_node_at(data, path[:-1]))
        required = model is not None and last in model["required"]
    node = _node_at(data, path)
    if not isinstance(node, dict):
        return None, required, False
    nullable = node.get("kind") == "nullable"
    inner = _unwrap(node)
    kind = inner.get("kind") if isinstance(inner, dict) else None
    return (kind if isinstance(kind, str) else None), required, nullable
