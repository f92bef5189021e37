"""Configuration: which rules run, how severe they are, and their options.

A plain pydantic model, so the library API, ``[tool.articlelint]`` in ``pyproject.toml``
and the CLI flags all end up as the same validated :class:`Config`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from articlelint.diagnostics import Severity
from articlelint.loading import DEFAULT_MAX_FILE_SIZE

__all__ = ["Config", "selector_matches"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Everything that changes what a run reports. Keys are kebab-case in TOML."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, alias_generator=_kebab, frozen=True
    )

    select: list[str] | None = Field(
        default=None,
        description="Rules to run (codes, code prefixes such as `AL2`, names, or `ALL`); "
        "default: every rule that is on by default.",
    )
    extend_select: list[str] = Field(default_factory=list, description="Rules to add.")
    ignore: list[str] = Field(default_factory=list, description="Rules to skip.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, description="Glob -> rules to skip in matching files."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Rule (code or name) -> severity override."
    )
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Rule name (or code) -> that rule's options."
    )
    include: list[str] = Field(
        default_factory=lambda: ["*.md", "*.markdown", "*.yaml", "*.yml", "*.txt"],
        description="File-name globs checked when walking directories.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Globs of files or directories never checked."
    )
    fail_on: Severity = Field(
        default=Severity.ERROR, description="Lowest severity that makes the run fail (exit 1)."
    )
    max_file_size: int = Field(
        default=DEFAULT_MAX_FILE_SIZE, gt=0, description="Files larger than this are reported."
    )


def selector_matches(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` names the rule: 0 = not at all; higher = more specific.

    ``ALL`` < a code prefix (longer is more specific) < the full code or the rule's name.
    """
    if selector.upper() == "ALL":
        return 1
    if selector.lower() == name or selector.upper() == code:
        return 100
    if code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0
