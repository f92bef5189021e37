"""The indented JSON encoder writes exactly what ``json.dumps(indent=2)`` writes."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlelint.reporting._json import dumps


def _expected(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == _expected(value)


class Level(str, enum.Enum):
    ERROR = "error"


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [{}], "d": [[]]},
        {'é\n"\\\x00\u2028': "😀 \x1f", "n": -0, "f": 1e100, "g": -0.0},
        [float("nan"), float("inf"), -float("inf")],  # json's NaN / Infinity
        {1: "int key", None: "null key", 2.5: "float key"},  # keys json turns into text
        {"level": Level.ERROR},  # a str subclass
        {"t": (1, (2, 3)), "deep": [[[[{"x": [1]}]]]]},
        "top-level string",
        7,
    ],
)
def test_edge_cases(value: Any) -> None:
    assert dumps(value) == _expected(value)


def test_unknown_values_fail_as_in_json_dumps() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": [object()]})
