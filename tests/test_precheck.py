"""The pure-Python pre-check (models/precheck.py) is sound: when it accepts a record, the
pydantic models accept it too. Checked on the seeds, the shared corpus, every single-value
mutation of a valid record, random multi-mutations, and every Unicode code point."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from articlelint import lint_paths
from articlelint.loading import load_text
from articlelint.models import Article, Course, OtherRecord, Video, model_for
from articlelint.models._precheck_gen import ROOTS, _Walker, build_spec, render_module
from articlelint.models._precheck_spec import SPEC
from articlelint.models._types import MODEL_CONFIG, Text
from articlelint.models.precheck import _Compiler, conforms, record_model_name
from tests.conftest import CORPUS, ROOT, SEEDS, VALID

SPEC_FILE = ROOT / "src" / "articlelint" / "models" / "_precheck_spec.py"
ARTICLE = "articlelint.models.article.Article"


def pydantic_accepts(data: Any) -> bool:
    try:
        model_for(dict(data)).model_validate(data)
    except ValidationError:
        return False
    return True


def load(text: str) -> dict[str, Any]:
    loaded = load_text(text, "record.md")
    data = getattr(loaded, "data", None)
    assert isinstance(data, dict), loaded
    return data


@cache
def _valid_bases() -> tuple[dict[str, Any], ...]:
    bases = [load(VALID)]
    for path in sorted(p for p in (SEEDS / "valid").rglob("*") if p.is_file()):
        bases.append(load(path.read_text("utf-8")))
    for base in bases:
        assert pydantic_accepts(base)
        assert conforms(base)
    return tuple(bases)


def valid_bases() -> list[dict[str, Any]]:
    """Deep copies of the valid records: conftest's VALID (an article, with related stories,
    images, provider) and seeds/valid (an article, a video, and a record of every other
    kind)."""
    return copy.deepcopy(list(_valid_bases()))


# -- the spec is generated from the models ------------------------------------------------


def test_checked_in_spec_matches_models() -> None:
    assert build_spec() == SPEC, (
        "models/_precheck_spec.py drifted from the models; regenerate it with `python -m "
        "articlelint.models._precheck_gen > src/articlelint/models/_precheck_spec.py`"
    )
    assert SPEC_FILE.read_text("utf-8") == render_module(SPEC)


def _kinds(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "kind" in node:
            yield node["kind"]
        for value in node.values():
            yield from _kinds(value)


def test_spec_understands_every_field_of_the_models() -> None:
    # A `never` would make the pre-check give up on that field (sound, but slow): the
    # current models use nothing the pre-check does not understand.
    assert set(_kinds(SPEC)) == {
        "model", "str", "int", "float", "bool", "literal", "nullable", "list"
    }  # fmt: skip
    assert sorted(SPEC["models"]) == [
        "articlelint.models.article.Article",
        "articlelint.models.article.Video",
        "articlelint.models.base.Ratings",
        "articlelint.models.image.Image",
        "articlelint.models.kinds.Action",
        "articlelint.models.kinds.Answer",
        "articlelint.models.kinds.Book",
        "articlelint.models.kinds.Collection",
        "articlelint.models.kinds.Course",
        "articlelint.models.kinds.Download",
        "articlelint.models.kinds.Forum",
        "articlelint.models.kinds.OtherRecord",
        "articlelint.models.provider.Author",
        "articlelint.models.provider.Provider",
        "articlelint.models.provider.Publisher",
        "articlelint.models.related.RelatedStory",
    ]
    assert list(SPEC["roots"]) == list(ROOTS)
    article = SPEC["models"][ARTICLE]
    assert article["required"] == ["title", "publishedDateTime", "webUrl", "provider", "type"]
    assert article["fields"]["heat"] == {"kind": "nullable", "schema": {"kind": "int", "ge": -1}}
    assert article["fields"]["type"] == {"kind": "literal", "expected": ["article"]}
    # Optional text may be empty; required text may not.
    assert article["fields"]["excerpt"] == {"kind": "nullable", "schema": {"kind": "str"}}
    assert article["fields"]["title"] == {"kind": "str", "min_length": 1, "pattern": r"\S"}
    image = SPEC["models"]["articlelint.models.image.Image"]
    assert image["fields"]["width"] == {"kind": "nullable", "schema": {"kind": "int", "gt": 0}}
    course = SPEC["models"]["articlelint.models.kinds.Course"]
    assert course["required"] == ["title", "webUrl", "provider", "type"]
    ratings = SPEC["models"]["articlelint.models.base.Ratings"]
    assert ratings["fields"]["average"] == {"kind": "float"}
    other = SPEC["models"]["articlelint.models.kinds.OtherRecord"]
    assert (other["required"], other["extra"]) == (["type"], True)
    assert not any("extra" in m for name, m in SPEC["models"].items() if "Other" not in name)


@pytest.mark.parametrize(
    "kind",
    [None, "article", "video", "Video", "blog", 1, "course", "collection", "book", "answer",
     "download", "forum", "", ["video"]],
)  # fmt: skip
def test_precheck_picks_the_model_model_for_picks(kind: object) -> None:
    data = {} if kind is None else {"type": kind}
    assert ROOTS[record_model_name(data)] is model_for(data)
    assert model_for({"type": "video"}) is Video
    assert model_for({}) is Article
    assert model_for({"type": "course"}) is Course
    assert model_for({"type": "blog"}) is OtherRecord
    assert model_for({"type": None}) is OtherRecord


# -- soundness on real records ---------------------------------------------------------


def _records(folder: Path, pattern: str) -> list[Any]:
    out = []
    for path in sorted(folder.glob(pattern)):
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        loaded = load_text(text, path.name)
        if hasattr(loaded, "data"):
            out.append(loaded.data)
    return out


def test_seeds_soundness() -> None:
    records = _records(SEEDS, "**/*")
    accepted = [conforms(data) for data in records]
    valid = [pydantic_accepts(data) for data in records]
    assert len(records) >= 12
    assert not [i for i, (a, v) in enumerate(zip(accepted, valid, strict=False)) if a and not v]
    # The valid seeds are accepted, and the broken ones with model errors are not.
    assert accepted == valid
    assert 0 < sum(accepted) < len(records)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_soundness_and_acceptance(record_corpus_count: Any) -> None:
    records = _records(CORPUS, "*/_news/*.md")
    assert len(records) > 2000
    unsound = accepted = valid = 0
    for data in records:
        ok = pydantic_accepts(data)
        if conforms(data):
            accepted += 1
            unsound += not ok
        valid += ok
    assert unsound == 0
    # Measured: 2,181 of 2,285 records are valid, and the pre-check accepts all 2,181.
    assert valid > 2000
    assert accepted >= 0.99 * valid
    record_corpus_count(len(records))


# -- soundness on mutated records -------------------------------------------------------

#: Values that break (or keep) a field: wrong types, bools and floats for numbers, numbers
#: out of range, empty and blank text, text pydantic rejects, containers where scalars go.
NASTY: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -2,
    1,
    2**70,
    -(2**70),
    1.0,
    0.5,
    float("nan"),
    "",
    " ",
    "\t\n",
    "\u3000",
    "\x1c",
    "\ud800",
    "ok \udfff",
    "x",
    "70",
    "article",
    "video",
    "Article",
    [],
    ["x"],
    [{}],
    {},
    {"name": "x", "domain": "x.com"},
    {"url": "https://x"},
    (),
    ("x",),
    dt.datetime(2022, 6, 22, 8, 27),
    dt.date(2022, 6, 22),
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _paths(item, (*path, index))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _containers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        yield path
    for key, item in value.items() if isinstance(value, dict) else enumerate(value or []):
        if isinstance(item, dict | list):
            yield from _containers(item, (*path, key))


def _single_mutations() -> Iterator[tuple[str, dict[str, Any]]]:
    for number, base in enumerate(valid_bases()):
        for path in _paths(base):
            for value in NASTY:
                data = copy.deepcopy(base)
                _parent(data, path)[path[-1]] = copy.deepcopy(value)
                yield f"{number}:{path}={value!r}", data
            data = copy.deepcopy(base)
            del _parent(data, path)[path[-1]]
            yield f"{number}:del {path}", data
        for path in _containers(base):
            for key in ("unknown", "web_url", "Title", 1, None):
                data = copy.deepcopy(base)
                _parent(data, (*path, None))[key] = "x"
                yield f"{number}:{path}+{key!r}", data


def test_every_single_mutation_of_a_valid_record() -> None:
    total = accepted = 0
    missed: set[str] = set()
    for label, data in _single_mutations():
        total += 1
        ok = pydantic_accepts(data)
        if conforms(data):
            accepted += 1
            assert ok, label
        elif ok:
            missed.add(label.rpartition("=")[2])
    # Not vacuous: many mutations (e.g. `None` for an optional field) keep records valid,
    # and the pre-check accepts all of them but those it is knowingly unsure of: text made
    # of U+001C (a blank to Python, not to pydantic), dates as objects (pydantic turns
    # them into text), lone surrogates in optional text (pydantic takes them in text
    # without constraints) and whole numbers beyond 2**53 for a number (`ratings.average`).
    assert total == 8125
    assert accepted == 1241
    assert missed == {
        "'\\x1c'",
        repr(dt.datetime(2022, 6, 22, 8, 27)),
        repr(dt.date(2022, 6, 22)),
        "'\\ud800'",
        "'ok \\udfff'",
        repr(2**70),
        repr(-(2**70)),
    }


_KEYS = st.sampled_from(
    ["title", "webUrl", "type", "quality", "heat", "url", "width", "name", "x", "Type"]
)
_SCALARS = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-3, max_value=3),
    st.text(max_size=3),
    st.booleans(),
    st.floats(allow_nan=False),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(_KEYS, inner, max_size=2),
    max_leaves=4,
)


@st.composite
def mutated_records(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(st.sampled_from(valid_bases()))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "add" or not paths:
            containers = list(_containers(data))
            where = draw(st.sampled_from(containers)) if containers else ()
            target = _parent(data, (*where, None))
            # Copies: the drawn values (NASTY's lists and mappings) must stay unchanged.
            target[draw(_KEYS | st.text(max_size=4))] = copy.deepcopy(draw(_VALUES))
            continue
        path = draw(st.sampled_from(paths))
        if action == "delete":
            del _parent(data, path)[path[-1]]
        else:
            _parent(data, path)[path[-1]] = copy.deepcopy(draw(_VALUES))
    return data


@settings(max_examples=300)
@given(mutated_records())
def test_mutated_records_property(data: dict[str, Any]) -> None:
    if conforms(data):
        assert pydantic_accepts(data)


# -- one test per constraint kind: the pre-check says no ---------------------------------


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = valid_bases()[0]
    _parent(data, path)[path[-1]] = value
    return data


def _delete(path: tuple[Any, ...]) -> dict[str, Any]:
    data = valid_bases()[0]
    del _parent(data, path)[path[-1]]
    return data


class _Str(str):
    pass


class _Int(int):
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


class _List(list):  # type: ignore[type-arg]
    pass


REJECTED: dict[str, Any] = {
    # strict types
    "int for text": _set(("title",), 5),
    "bool for int": _set(("quality",), True),
    "float for int": _set(("quality",), 70.0),
    "text for int": _set(("quality",), "70"),
    "int for bool": _set(("published",), 1),
    "text for bool": _set(("images", 0, "isCached"), "true"),
    "datetime for text (not sure)": _set(("publishedDateTime",), dt.datetime(2022, 6, 22)),
    "str subclass": _set(("title",), _Str("x")),  # not sure
    "int subclass": _set(("quality",), _Int(3)),  # not sure
    # ranges
    "ge": _set(("quality",), -1),
    "ge -1": _set(("heat",), -2),
    "gt": _set(("images", 0, "width"), 0),
    "nested ge": _set(("related", 0, "quality"), -5),
    # text constraints
    "min_length": _set(("title",), ""),
    "pattern": _set(("title",), " \t"),
    "pattern (Unicode blank)": _set(("provider", "name"), "\u2003"),
    "surrogate": _set(("title",), "a\ud800"),
    "U+001C (not sure)": _set(("title",), "\x1c"),
    # literals
    "type not text": _set(("type",), ["article"]),
    "nested literal": _set(("related", 0, "type"), "Video"),
    # None where the field is required
    "null required": _set(("title",), None),
    "null list item": _set(("topics", 0), None),
    # missing keys
    "missing": _delete(("title",)),
    "missing webUrl of an article": _delete(("webUrl",)),
    "missing nested": _delete(("related", 0, "webUrl")),
    "missing provider name": _delete(("provider", "domain")),
    # unknown keys
    "unknown key": _set(("titel",), "x"),
    "field name, not alias": _set(("web_url",), "https://x"),
    "non-text key": _set((1,), "x"),
    "nested unknown key": _set(("images", 0, "alt"), "x"),
    # containers
    "mapping for list": _set(("topics",), {"a": "b"}),
    "tuple for list": _set(("topics",), ("a",)),
    "list subclass": _set(("topics",), _List(["a"])),
    "text for mapping": _set(("provider",), "ZDNet"),
    "dict subclass": _set(("provider",), _Dict(name="x", domain="x.com")),
    "list for mapping": _set(("related", 0), ["x"]),
}


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_precheck_rejects(name: str) -> None:
    data = REJECTED[name]
    assert not conforms(data)
    if "not sure" not in name and "subclass" not in name:
        assert not pydantic_accepts(data)


def test_precheck_needs_an_exact_dict() -> None:
    base = valid_bases()[0]
    assert conforms(base)
    assert not conforms(_Dict(base))
    assert not conforms([base])
    assert not conforms(None)


def test_video_needs_original_url() -> None:
    video = next(b for b in valid_bases() if b.get("type") == "video")
    assert conforms(video)
    del video["originalUrl"]
    assert not conforms(video)
    assert not pydantic_accepts(video)


def test_every_code_point_as_text() -> None:
    """pydantic-core's `\\S` is Unicode White_Space and it rejects lone surrogates; the
    pre-check rejects all of those, and only U+001C..U+001F more (Python's isspace)."""
    chars = [chr(c) for c in range(sys.maxunicode + 1)]
    try:
        TypeAdapter(list[Text], config=ConfigDict(strict=True)).validate_python(chars)
        rejected_by_pydantic: set[int] = set()
    except ValidationError as exc:
        rejected_by_pydantic = {error["loc"][0] for error in exc.errors()}  # type: ignore[misc]
    title = _Compiler(SPEC).node(SPEC["models"][ARTICLE]["fields"]["title"])
    rejected = {c for c, char in enumerate(chars) if not title(char)}
    assert rejected == rejected_by_pydantic | {0x1C, 0x1D, 0x1E, 0x1F}
    assert len(rejected_by_pydantic) == 2048 + 25  # surrogates + White_Space


# -- what the pre-check does not understand, it rejects -------------------------------


@pytest.mark.parametrize(
    "node",
    [
        {"kind": "float", "ge": 0},
        {"kind": "never", "why": "x"},
        {"kind": "str", "pattern": "^x"},
        {"kind": "str", "strip_whitespace": True},
        {"kind": "str", "min_length": "1"},
        {"kind": "int", "multiple_of": 2},
        {"kind": "int", "ge": 0.5},
        {"kind": "literal", "expected": [1]},
        {"kind": "literal", "expected": []},
        {"kind": "list"},
        {"kind": "nullable"},
        {"kind": "model", "name": "nowhere"},
        "str",
        None,
    ],
)
def test_compiler_rejects_what_it_does_not_know(node: Any) -> None:
    check = _Compiler(SPEC).node(node)
    for value in (None, "x", 1, True, [], ["x"], {}, 1.5):
        assert not check(value)


def test_compiler_unknown_item_kind_accepts_only_the_empty_list() -> None:
    check = _Compiler(SPEC).node({"kind": "list", "items": {"kind": "what"}})
    assert check([])  # as pydantic does, whatever the items' schema
    assert not check(["x"])
    assert not check([None])


def test_compiler_model_with_unknown_required_field_rejects() -> None:
    spec = {"models": {"M": {"fields": {"a": {"kind": "str"}}, "required": ["a", "b"]}}}
    check = _Compiler(spec).node({"kind": "model", "name": "M"})
    assert not check({"a": "x"})
    assert not check({"a": "x", "b": "y"})
    assert not check({})


def test_compiler_bounds() -> None:
    check = _Compiler(SPEC).node({"kind": "int", "gt": 0, "lt": 3})
    assert [check(v) for v in (0, 1, 2, 3)] == [False, True, True, False]
    text = _Compiler(SPEC).node({"kind": "str", "min_length": 2, "max_length": 3})
    assert [text(v) for v in ("a", "ab", "abc", "abcd", "  ")] == [False, True, True, False, True]
    items = _Compiler(SPEC).node({"kind": "list", "items": {"kind": "bool"}, "max_length": 1})
    assert [items(v) for v in ([], [True], [True, False], [1])] == [True, True, False, False]


def _walk(model: type[BaseModel]) -> dict[str, Any]:
    walker = _Walker()
    root = walker.node(model.__pydantic_core_schema__)
    return {"root": root, "models": walker.models}


class _WithValidator(BaseModel):
    model_config = MODEL_CONFIG
    a: str

    @field_validator("a")
    @classmethod
    def _check(cls, value: str) -> str:
        return value


class _WithModelValidator(BaseModel):
    model_config = MODEL_CONFIG
    a: str

    @model_validator(mode="after")
    def _check(self) -> _WithModelValidator:
        return self


class _Various(BaseModel):
    model_config = MODEL_CONFIG
    pattern: Annotated[str, StringConstraints(pattern="^a")]
    stripped: Annotated[str, StringConstraints(strip_whitespace=True)]
    number: float
    choice: Literal[1, 2]
    choices: str = Field(validation_alias=AliasChoices("c", "choices"))
    multiple: int = Field(multiple_of=2)
    fine: int = Field(ge=0, le=9)


class _OwnValidate(BaseModel):
    model_config = MODEL_CONFIG
    a: str

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> _OwnValidate:
        return super().model_validate(obj, **kwargs)


class _Lax(BaseModel):
    model_config = ConfigDict(extra="ignore")
    a: str


def test_generator_marks_what_it_does_not_know_as_never() -> None:
    assert _walk(_WithValidator)["models"][f"{__name__}._WithValidator"]["fields"]["a"]["kind"] == (
        "never"
    )
    assert _walk(_WithModelValidator)["root"]["kind"] == "never"
    assert _walk(_Lax)["root"]["kind"] == "never"
    assert _walk(_OwnValidate)["root"]["kind"] == "never"
    fields = _walk(_Various)["models"][f"{__name__}._Various"]["fields"]
    assert {key: value["kind"] for key, value in fields.items()} == {
        "pattern": "never",
        "stripped": "never",
        "number": "float",
        "choice": "never",
        "choices": "never",
        "multiple": "never",
        "fine": "int",
    }


# -- pydantic stays out of a run over valid records ------------------------------------


def _run_and_list_modules(target: Path, *, cli: bool = False) -> dict[str, Any]:
    """Lint ``target`` in a fresh interpreter (``lint_paths``, or the command line without
    its cache); what it found and which modules it imported."""
    run = (
        f"code = main(['--no-cache', {str(target)!r}], stdout=io.StringIO())\nfindings = code"
        if cli
        else f"findings = len(lint_paths([{str(target)!r}]).diagnostics)"
    )
    script = (
        "import io, json, sys\n"
        "from articlelint import lint_paths\n"
        "from articlelint.cli import main\n"
        f"{run}\n"
        "print(json.dumps({'findings': findings, 'pydantic': 'pydantic' in sys.modules,"
        " 'models': 'articlelint.models.article' in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


VALID_SEED = SEEDS / "valid" / "2022-06-21-microsoft-to-curtail-facial-recognition.md"


def test_valid_record_does_not_build_the_models() -> None:
    seen = _run_and_list_modules(VALID_SEED)
    assert seen["findings"] == 0
    assert seen["models"] is False


def test_broken_record_still_uses_the_models() -> None:
    seen = _run_and_list_modules(SEEDS / "broken" / "missing-and-mistyped-fields.md")
    assert seen["models"] is True
    assert seen["findings"] > 0


def test_valid_record_does_not_import_pydantic() -> None:
    assert _run_and_list_modules(VALID_SEED)["pydantic"] is False
    # The command line too (exit status 0: no finding).
    assert _run_and_list_modules(VALID_SEED, cli=True) == {
        "findings": 0,
        "pydantic": False,
        "models": False,
    }


def test_same_findings_without_the_precheck(monkeypatch: pytest.MonkeyPatch) -> None:
    before = lint_paths([SEEDS]).diagnostics
    monkeypatch.setattr("articlelint.rules.schema.conforms", lambda data: False)
    after = lint_paths([SEEDS]).diagnostics
    assert after == before
    assert any(d.code.startswith("AL1") for d in before)


# -- numbers and records of other kinds -------------------------------------------------


@pytest.mark.parametrize(
    "average",
    [0, 5, 4.8, -1.5, float("nan"), float("inf"), 2**53, -(2**53), 2**53 + 1, 10**400, True,
     "4.5", None, [4.5]],
)  # fmt: skip
def test_a_number_field(average: Any) -> None:
    data = next(b for b in valid_bases() if b.get("type") == "course")
    data["ratings"]["average"] = average
    accepted = conforms(data)
    if accepted:
        assert pydantic_accepts(data)
    # Every float, and whole numbers a float holds exactly, are surely accepted.
    exact = type(average) is float or (type(average) is int and abs(average) <= 2**53)
    assert accepted == exact


def test_a_record_of_another_kind_may_have_any_key() -> None:
    data = next(b for b in valid_bases() if b.get("type") == "article")
    data["type"] = "podcast"
    data["host"] = {"name": "Jane Doe", "episodes": [1, 2]}
    assert model_for(data) is OtherRecord
    assert conforms(data)
    assert pydantic_accepts(data)
    del data["title"], data["webUrl"], data["publishedDateTime"]  # nothing is required
    assert conforms(data)
    assert pydantic_accepts(data)
    data["heat"] = "hot"  # but the fields every record shares keep their types
    assert not conforms(data)
    assert not pydantic_accepts(data)
    data["heat"] = 3
    data[1] = "x"  # keys are text
    assert not conforms(data)
