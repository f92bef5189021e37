"""Command line: parse arguments, build a :class:`Config`, call the engine, pick a reporter.

No linting logic lives here. ``main`` returns the exit code (it never calls ``sys.exit``):
0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from articlelint import __version__

__all__ = ["main", "rules_markdown"]

_COMMANDS = ("check", "rules", "schema")


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlelint",
        description="Lint news-article records (YAML front matter). "
        "Other commands: `articlelint rules`, `articlelint schema`.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    parser.add_argument("--version", action="version", version=f"articlelint {__version__}")
    parser.add_argument(
        "--format", default="text", help="output format: text (default) or json", metavar="NAME"
    )
    parser.add_argument("--schema", metavar="FILE", help="also check records against a JSON Schema")
    parser.add_argument(
        "--select", type=_csv, metavar="RULES", help="rules to run (comma-separated)"
    )
    parser.add_argument("--extend-select", type=_csv, metavar="RULES", help="rules to add")
    parser.add_argument("--ignore", type=_csv, metavar="RULES", help="rules to skip")
    parser.add_argument(
        "--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    parser.add_argument("--explain", metavar="RULE", help="print a rule's documentation and exit")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    command = "check"
    if args and args[0] in _COMMANDS:
        command = args.pop(0)
    try:
        if command == "rules":
            return _rules(out, markdown="--markdown" in args)
        if command == "schema":
            return _schema(out)
        return _check(args, out)
    except SystemExit as exc:  # argparse's usage errors and --help/--version
        return exc.code if isinstance(exc.code, int) else 2
    except _UsageError as exc:
        print(f"articlelint: error: {exc}", file=sys.stderr)
        return 2


class _UsageError(Exception):
    pass


def rules_markdown() -> str:
    """The README's rule table, generated from the registry."""
    from articlelint.rules import registry

    lines = ["| Code | Name | Default | Fix | What it finds |", "|---|---|---|---|---|"]
    for rule in registry():
        default = rule.severity.value + ("" if rule.default_enabled else " (off)")
        fix = "yes" if rule.fixable else ""
        summary = rule.summary().replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.name}` | {default} | {fix} | {summary} |")
    return "\n".join(lines) + "\n"


def _rules(out: TextIO, *, markdown: bool = False) -> int:
    from articlelint.rules import registry

    if markdown:
        out.write(rules_markdown())
        return 0

    rows = [("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY")]
    for rule in registry():
        default = "" if rule.default_enabled else " (off)"
        rows.append(
            (
                rule.code,
                rule.name,
                rule.severity.value + default,
                "yes" if rule.fixable else "",
                rule.summary(),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        out.write("  ".join([*cells, row[4]]).rstrip() + "\n")
    return 0


def _schema(out: TextIO) -> int:
    from articlelint.models import json_schema

    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _explain(name: str, out: TextIO) -> int:
    from articlelint.rules import registry

    rule = registry().get(name)
    if rule is None:
        raise _UsageError(f"unknown rule {name!r}; `articlelint rules` lists them")
    out.write(f"# {rule.name} ({rule.code})\n\n")
    out.write(f"Default severity: {rule.severity.value}. ")
    out.write("Fix available.\n\n" if rule.fixable else "No automatic fix.\n\n")
    out.write(rule.documentation() + "\n")
    return 0


def _config_from(args: argparse.Namespace) -> Any:
    from pydantic import ValidationError

    from articlelint.config import Config
    from articlelint.rules import registry

    values: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        selectors = getattr(args, key)
        if selectors is not None:
            for selector in selectors:
                if selector.upper() != "ALL" and not any(
                    selector.upper() == r.code[: len(selector)] or selector.lower() == r.name
                    for r in registry()
                ):
                    raise _UsageError(f"--{key.replace('_', '-')}: unknown rule {selector!r}")
            values[key] = selectors
    if args.fail_on:
        values["fail_on"] = args.fail_on
    if args.schema:
        _validate_schema_file(args.schema)
        values["options"] = {"json-schema-violation": {"path": args.schema}}
    try:
        return Config(**values)
    except ValidationError as exc:  # pragma: no cover - flags are validated above
        raise _UsageError(str(exc)) from None


def _validate_schema_file(path: str) -> None:
    from articlelint.rules.schema import _validator

    try:
        _validator(path)
    except OSError as exc:
        raise _UsageError(f"--schema {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _UsageError(f"--schema {path}: not valid JSON: {exc}") from None
    except Exception as exc:  # jsonschema.SchemaError and friends
        message = getattr(exc, "message", str(exc))
        raise _UsageError(f"--schema {path}: not a valid JSON Schema: {message}") from None


def _check(argv: list[str], out: TextIO) -> int:
    args = _check_parser().parse_args(argv)
    if args.explain:
        return _explain(args.explain, out)
    if not args.paths:
        raise _UsageError("no paths given; try `articlelint seeds/`")
    from articlelint.reporting import get_reporter

    try:
        reporter = get_reporter(args.format)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    config = _config_from(args)

    from articlelint.engine import lint_paths

    result = lint_paths(args.paths, config)
    out.write(reporter.render(result))
    out.flush()
    if args.exit_zero and result.internal_errors == 0:
        return 0
    return result.exit_code
