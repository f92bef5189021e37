"""The documentation of the content rules: its YAML examples are real records' YAML, the
*Example* triggers the rule and *Use instead* does not (like ruff's documented examples)."""

from __future__ import annotations

import re

import pytest

from articlelint import lint_text
from articlelint.config import Config
from articlelint.loading import Document, load_text
from articlelint.rules import registry

#: Rules whose *Example* is not in the YAML itself (AL007: an invisible leading BOM).
NOT_IN_YAML = {"AL007"}
CODES = [
    "AL007", "AL102", "AL104", "AL105", "AL106", "AL203", "AL206", "AL304", "AL305", "AL306",
    "AL403",
    "AL601", "AL602", "AL603", "AL604", "AL605", "AL606",
    "AL701", "AL702", "AL703", "AL801", "AL802",
]  # fmt: skip
_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def sections(code: str) -> tuple[list[str], list[str]]:
    rule = registry().get(code)
    assert rule is not None
    doc = rule.documentation()
    example, use_instead = doc.split("## Use instead", 1)
    return _BLOCK.findall(example.split("## Example", 1)[1]), _BLOCK.findall(use_instead)


def as_file(block: str) -> str:
    return block if block.startswith("---\n") else f"---\n{block}---\n"


def findings(block: str, code: str) -> list[str]:
    config = Config(select=[code], options={"future-date": {"now": "2024-01-01T00:00:00Z"}})
    path = "2022-06-20-microsoft-restricts-facial-recognition.md"  # for AL305
    return [d.message for d in lint_text(as_file(block), path, config).diagnostics]


@pytest.mark.parametrize("code", CODES)
def test_examples_are_valid_yaml(code: str) -> None:
    bad, good = sections(code)
    assert bad
    assert good
    for block in bad + good:
        assert isinstance(load_text(as_file(block), "example.md"), Document), block


@pytest.mark.parametrize("code", sorted(set(CODES) - NOT_IN_YAML))
def test_example_triggers_the_rule_and_use_instead_does_not(code: str) -> None:
    bad, good = sections(code)
    assert [findings(block, code) != [] for block in bad] == [True] * len(bad)
    assert [findings(block, code) for block in good] == [[]] * len(good)


def test_explain_lists_the_options_with_their_defaults() -> None:
    import io

    from articlelint.cli import main

    out = io.StringIO()
    assert main(["--explain", "AL602"], stdout=out) == 0
    assert out.getvalue().endswith(
        "## Options\n"
        "- `max-length` (default `110`): The longest title allowed, in characters (110 is "
        "Google's limit for an article's `headline`).\n"
    )
    out = io.StringIO()
    assert main(["--explain", "AL601"], stdout=out) == 0
    assert "## Options" not in out.getvalue()


@pytest.mark.parametrize("code", CODES)
def test_every_option_is_described(code: str) -> None:
    rule = registry().get(code)
    assert rule is not None
    for name, info in rule.Options.model_fields.items():
        assert info.description, f"{code} option {name} has no description"
        assert f"`{(info.alias or name).replace('_', '-')}`" in rule.options_documentation()


#: Defaults changed on real-folder evidence: (severity, on by default, a phrase of the
#: evidence sentence their --explain page must keep).
CHANGED_DEFAULTS = {
    "AL203": ("warning", True, "1,759 findings (45 distinct URLs) were URLs every browser"),
    "AL206": ("error", True, "Readers get an error page"),
    "AL306": ("info", False, "36 % of its items were more than 30 days from their record"),
    "AL401": ("info", True, "87 % of the"),
    "AL502": ("error", True, "`dotnet.microsoft.com`"),
    "AL504": ("info", True, "none of the 6 findings of"),
    "AL602": ("warning", False, "none of 10 sampled"),
}


@pytest.mark.parametrize("code", sorted(CHANGED_DEFAULTS))
def test_changed_defaults_carry_their_evidence(code: str) -> None:
    import io

    from articlelint.cli import main

    severity, enabled, evidence = CHANGED_DEFAULTS[code]
    rule = registry().get(code)
    assert rule is not None
    assert (rule.severity.value, rule.default_enabled) == (severity, enabled)
    out = io.StringIO()
    assert main(["--explain", code], stdout=out) == 0
    assert evidence in " ".join(out.getvalue().split())
