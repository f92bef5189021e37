"""The declarative settings behind ``Config`` and every rule's ``Options``: the pure-Python
fast path must agree with the generated pydantic model on every value it accepts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field, ValidationError

from articlelint._settings import Settings, _Reject, setting
from articlelint.config import Config
from articlelint.diagnostics import Severity
from articlelint.rules import RuleOptions, registry
from articlelint.rules.schema import InvalidChoiceOptions
from articlelint.rules.text import TitleTooLongOptions

ROOT = Path(__file__).resolve().parent.parent

SETTINGS_CLASSES: list[type[Settings]] = [
    Config,
    *sorted(
        {rule.Options for rule in registry() if rule.Options.model_fields},
        key=lambda cls: cls.__name__,
    ),
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2000),
    st.floats(-5, 5000, allow_nan=False),
    st.sampled_from(["", "AL2", "AL401", "news", "warning", "info", "fatal", "*.md", "XX"]),
    st.sampled_from(["2022-06-22T10:27:00+02:00", "tomorrow", "title-too-long", "bing-amp.com"]),
    st.just(dt.datetime(2022, 6, 22, 10, 27, tzinfo=dt.timezone.utc)),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["a", "*.md", "AL401", "max-length", "title-too-long"]),
            inner,
            max_size=2,
        )
    ),
    max_leaves=6,
)


def _typed(hint: Any) -> st.SearchStrategy[Any]:
    """Values of roughly the declared type (so that the fast path accepts many of them)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return st.one_of([_typed(arg) for arg in args])
    if origin is list:
        return st.lists(_typed(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(_typed(args[0]), _typed(args[1]), max_size=2)
    if hint is type(None):
        return st.none()
    if hint is int:
        return st.integers(-2, 3000)
    if hint is float:
        return st.integers(-2, 100) | st.floats(-2, 100, allow_nan=False)
    if hint is str:
        return st.sampled_from(
            ["", "AL2", "AL401", "title-too-long", "*.md", "XX", "news", "x.com"]
        )
    if hint is Severity:
        return st.sampled_from(["info", "warning", "error", "fatal", Severity.INFO])
    return values


def _outcome(cls: type[Settings], data: dict[str, Any]) -> tuple[str, Any]:
    try:
        model = cls.pydantic_model().model_validate(data)
    except ValidationError:
        return ("error", None)
    return ("ok", {name: getattr(model, name) for name in cls.model_fields})


@pytest.mark.parametrize("cls", SETTINGS_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_fast_path_only_accepts_what_pydantic_accepts_and_agrees_on_values(
    cls: type[Settings], data: st.DataObject
) -> None:
    hints = typing.get_type_hints(cls)
    raw: dict[str, Any] = {}
    for name in data.draw(st.lists(st.sampled_from([*cls.model_fields, "nope"]), max_size=3)):
        key = data.draw(st.sampled_from([name, name.replace("_", "-")]))
        raw[key] = data.draw(_typed(hints[name]) | values if name in hints else values)
    try:
        fast, _ = cls._fast(dict(raw))
    except (_Reject, ValueError, TypeError):
        return  # pydantic decides; nothing to compare
    assert _outcome(cls, dict(raw)) == ("ok", fast)


def test_valid_settings_never_import_pydantic(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [tool.articlelint]
            select = ["AL2", "AL401"]
            extend-select = ["AL307"]
            ignore = ["tracking-parameter"]
            per-file-ignores = {"drafts/*.md" = ["AL4"]}
            severity = {AL401 = "info"}
            fail-on = "warning"
            max-file-size = 100000
            jobs = 2
            [tool.articlelint.title-too-long]
            max-length = 90
            [tool.articlelint.future-date]
            now = 2026-01-01T00:00:00Z
            allowance-hours = 2
            """
        ),
        encoding="utf-8",
    )
    script = (
        "import sys\n"
        "from articlelint.config import load_config\n"
        "from articlelint.engine import RuleSet\n"
        "config = load_config('pyproject.toml')\n"
        "ruleset = RuleSet(config)\n"
        "print(config.options['future-date'], sorted(config.severity.items()))\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    ).stdout
    options, modules = out.splitlines()
    assert options.startswith("{'now': datetime.datetime(2026, 1, 1, 0, 0")
    assert "[('AL401', <Severity.INFO: 'info'>)]" in options
    assert modules == "[]"


def test_errors_come_from_the_generated_pydantic_model() -> None:
    with pytest.raises(ValidationError) as caught:
        TitleTooLongOptions.model_validate({"max-length": 0})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("greater_than", ("max-length",))
    ]
    with pytest.raises(ValidationError) as caught:
        TitleTooLongOptions.model_validate({"max_length": 5, "max-length": 6, "other": 1})
    assert ("extra_forbidden", ("other",)) in [(e["type"], e["loc"]) for e in caught.value.errors()]
    # Lax conversions pydantic allows are pydantic's, not the fast path's.
    assert TitleTooLongOptions.model_validate({"max-length": "90"}).max_length == 90
    assert TitleTooLongOptions.model_validate({"max-length": 90.0}).max_length == 90


def test_instances_are_immutable_comparable_and_do_not_share_defaults() -> None:
    first, second = InvalidChoiceOptions(), InvalidChoiceOptions()
    assert first == second
    assert first.categories == ["news"]
    first.categories.append("sports")
    assert second.categories == ["news"]
    assert InvalidChoiceOptions.model_fields["categories"].get_default() == ["news"]
    with pytest.raises(AttributeError, match="immutable"):
        first.categories = []  # type: ignore[misc]
    config = Config(select=["AL2"])
    copy = config.model_copy(update={"jobs": 3})
    assert (copy.jobs, copy.select, config.jobs) == (3, ["AL2"], None)
    assert config.model_dump(exclude_unset=True) == {"select": ["AL2"]}
    assert Config(fail_on="info").model_dump(mode="json")["fail_on"] == "info"
    assert Config(fail_on="info").fail_on is Severity.INFO


def test_a_config_pickles_with_its_root_and_source(tmp_path: Path) -> None:
    """Spawned worker processes get the configuration by pickle: the folder its globs are
    relative to must come along, or `per-file-ignores` would match against the cwd."""
    import copy
    import pickle

    config = Config(per_file_ignores={"legacy/*": ["AL401"]}, jobs=2).rooted(
        tmp_path, tmp_path / "pyproject.toml"
    )
    for clone in (pickle.loads(pickle.dumps(config)), copy.deepcopy(config), copy.copy(config)):
        assert clone == config
        assert (clone.root, clone.source) == (tmp_path, tmp_path / "pyproject.toml")
        assert clone.model_fields_set == config.model_fields_set
    plain = pickle.loads(pickle.dumps(Config()))
    assert (plain, plain.root, plain.source) == (Config(), None, None)
    options = pickle.loads(pickle.dumps(TitleTooLongOptions(max_length=90)))
    assert options == TitleTooLongOptions(max_length=90)


def test_a_pydantic_field_declaration_still_works() -> None:
    class Limits(RuleOptions):
        low: int = Field(default=5, gt=0, description="Low.")
        word: str = Field(default="x", min_length=1)
        plain: float = 1.5

    assert (Limits().low, Limits().plain) == (5, 1.5)
    assert Limits.model_validate({"low": 7, "plain": 2}).plain == 2.0
    with pytest.raises(ValidationError):
        Limits.model_validate({"word": ""})  # min_length: only pydantic knows it
    with pytest.raises(ValidationError):
        Limits.model_validate({"low": 0})
    assert Limits.model_fields["low"].description == "Low."


def test_setting_declarations() -> None:
    class Opts(RuleOptions):
        count: int = setting(3, ge=1, description="How many.")
        names: list[str] = setting(default_factory=list, description="Names.")

    assert Opts.model_validate({"count": 1, "names": ["a"]}) == Opts(count=1, names=["a"])
    assert repr(Opts()) == "Opts(count=3, names=[])"
    with pytest.raises(ValidationError):
        Opts.model_validate({"count": 0})
    assert Opts.model_validate({"count": True}).count == 1  # pydantic's lax mode, not ours
