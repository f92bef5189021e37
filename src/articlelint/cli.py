"""Command line: parse arguments, build a :class:`Config`, call the engine, pick a reporter.

No linting logic lives here. ``main`` returns the exit code (it never calls ``sys.exit``):
0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from articlelint import __version__

__all__ = ["main", "rules_markdown"]

_COMMANDS = ("check", "rules", "schema")


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing ``shutil`` (and with it
    ``bz2``, ``lzma``...) on every run just to size a help text that is rarely shown."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized as argparse sizes it (terminal width - 2)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlelint",
        formatter_class=_HelpFormatter,
        description="Lint news-article records (YAML front matter). "
        "Other commands: `articlelint rules`, `articlelint schema`.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories; `-` reads one record from standard input",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name of the record read from `-` in the output; its suffix says whether it is "
        "front matter (.md) or bare YAML (.yaml)",
    )
    parser.add_argument("--version", action="version", version=f"articlelint {__version__}")
    parser.add_argument(
        "--format",
        metavar="NAME",
        help="output format: text (default; github when GITHUB_ACTIONS=true), concise, json, "
        "sarif, github, junit",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--no-group",
        action="store_true",
        help="text format: one block per finding, not each repeated problem once",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="print a count per rule instead of findings"
    )
    config = parser.add_mutually_exclusive_group()
    config.add_argument(
        "--config", metavar="FILE", help="use this pyproject.toml or .articlelint.toml"
    )
    config.add_argument(
        "--isolated",
        "--no-config",
        action="store_true",
        help="ignore every configuration file",
    )
    parser.add_argument(
        "--add-suppressions",
        action="store_true",
        help="add `# articlelint: ignore[...]` comments for every current finding",
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
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        metavar="N",
        help="check files in N processes (default: one per core; few files stay serial)",
    )
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read through symlinks that lead out of the checked tree (never written through)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where the result cache lives (default: .articlelint_cache)",
    )
    parser.add_argument("--explain", metavar="RULE", help="print a rule's documentation and exit")
    parser.add_argument(
        "--fix", action="store_true", help="apply safe fixes in place, then report what remains"
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply unsafe fixes (implies --fix unless --diff is given)",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and change nothing (exit 1 if there are any)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if stdout is None:
        _tolerate_unencodable_output()
    out = stdout or sys.stdout
    command = "check"
    if args and args[0] in _COMMANDS:
        command = args.pop(0)
    try:
        if command == "rules":
            return _rules(out, markdown="--markdown" in args)
        if command == "schema":
            return _schema(out)
        return _check(args, out, program=argv is None)
    except SystemExit as exc:  # argparse's usage errors and --help/--version
        return exc.code if isinstance(exc.code, int) else 2
    except _UsageError as exc:
        print(f"articlelint: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from articlelint.errors import ArticlelintError

        if not isinstance(exc, ArticlelintError):
            raise
        print(f"articlelint: error: {exc}", file=sys.stderr)
        return 2


class _UsageError(Exception):
    pass


def _tolerate_unencodable_output() -> None:
    """Records hold any Unicode; a terminal or pipe in ASCII or Latin-1 must not turn a
    finding into a ``UnicodeEncodeError``: characters it cannot show are escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="backslashreplace")


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
    import json

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
    if rule.options_documentation():
        out.write("\n" + rule.options_documentation() + "\n")
    return 0


def _config_from(args: argparse.Namespace) -> Any:
    """The configuration file's settings (or the defaults), with the flags on top."""
    from articlelint.config import Config, _check_selectors, discover_config, load_config

    for key in ("select", "extend_select", "ignore"):
        selectors = getattr(args, key)
        if selectors:
            try:
                _check_selectors(selectors)
            except ValueError as exc:
                raise _UsageError(f"--{key.replace('_', '-')}: {exc}") from None
    if args.isolated:
        base = Config()
    elif args.config:
        base = load_config(args.config)
    else:
        base = discover_config(args.paths)
    overrides: dict[str, Any] = {"fail_on": args.fail_on}
    if args.schema:
        _validate_schema_file(args.schema)
        overrides["options"] = {"json-schema-violation": {"path": args.schema}}
    overrides["jobs"] = args.jobs
    if args.follow_symlinks:
        overrides["follow_symlinks"] = True
    config = base.merged(
        select=args.select, extend_select=args.extend_select, ignore=args.ignore, **overrides
    )
    return _with_cache_dir(config, args)


def _with_cache_dir(config: Any, args: argparse.Namespace) -> Any:
    """The CLI caches by default: ``.articlelint_cache`` beside the configuration file (or
    in the working directory); ``cache-dir`` and ``--cache-dir`` move it, ``--no-cache``
    turns it off."""
    if args.no_cache:
        return config.model_copy(update={"cache_dir": None})
    from articlelint.cache import DEFAULT_CACHE_DIR

    chosen = args.cache_dir or config.cache_dir
    if chosen is None:
        root = config.root
        chosen = str(root / DEFAULT_CACHE_DIR) if root is not None else DEFAULT_CACHE_DIR
    elif not args.cache_dir and config.root is not None:
        chosen = str(config.root / chosen)  # a `cache-dir` key is relative to its file
    return config.model_copy(update={"cache_dir": chosen})


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


def _warn_plugins() -> None:
    import warnings

    from articlelint.errors import PluginWarning
    from articlelint.rules import registry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # shown below, in our own words
        reg = registry()
    for message in reg.plugin_errors:
        print(f"articlelint: warning: {message}", file=sys.stderr)


def _progress() -> Any:
    """A progress callback for long runs when stderr is a terminal, else ``None``."""
    if not sys.stderr.isatty():
        return None
    shown = False

    def report(done: int, total: int) -> None:
        nonlocal shown
        if total < 200:
            return
        if done % 50 == 0 or done == total:
            end = "\r" if done < total else "\r\x1b[K"
            text = f"articlelint: {done}/{total} files" if done < total else ""
            sys.stderr.write(text + end)
            sys.stderr.flush()
            shown = True

    return report


def _fix_stdin(args: argparse.Namespace, config: Any, reporter: Any, out: TextIO) -> int:
    """``--fix -``: the fixed record goes to stdout (what editors and pipes expect, as with
    ruff), the report of what remains to stderr; ``--diff -`` prints the diff only."""
    import difflib

    from articlelint.engine import STDIN_NAME
    from articlelint.fixing import fix_text

    name = args.stdin_filename or STDIN_NAME
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:  # not UTF-8: nothing to fix; echo it and report why
        from articlelint.engine import lint_paths

        result = lint_paths(["-"], config, stdin=io.BytesIO(data), stdin_filename=name)
        if not args.diff:
            sys.stdout.buffer.write(data)
        sys.stderr.write(reporter.render(result))
        return 2 if result.internal_errors else 1
    fixed, result = fix_text(text, name, unsafe=args.unsafe_fixes, config=config)
    if args.diff:
        out.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                fromfile=name,
                tofile=name,
            )
        )
        return 2 if result.internal_errors else int(fixed != text)
    out.write(fixed)
    out.flush()
    sys.stderr.write(reporter.render(result))
    if args.exit_zero and result.internal_errors == 0:
        return 0
    return result.exit_code


def _check(argv: list[str], out: TextIO, *, program: bool = False) -> int:
    args = _check_parser().parse_args(argv)
    _warn_plugins()
    if args.explain:
        return _explain(args.explain, out)
    if not args.paths and args.stdin_filename:
        args.paths = ["-"]
    if not args.paths:
        raise _UsageError("no paths given; try `articlelint seeds/`")
    from articlelint.reporting import get_reporter

    name = args.format
    if name is None:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    to_terminal = args.output is None and out.isatty()
    color = to_terminal and not os.environ.get("NO_COLOR")
    try:
        reporter = get_reporter(name, color=color, group=not args.no_group)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    config = _config_from(args)
    if program:
        # A one-shot process: what start-up built (modules, rules, models) lives until
        # exit, so the collector need not walk it again and again (a full collection of it
        # costs tens of milliseconds, as much as a warm run's whole work). Not when `main`
        # is called in-process with arguments: the caller's objects would never be freed.
        import gc

        gc.freeze()

    if (args.diff or args.fix or args.unsafe_fixes) and args.paths == ["-"]:
        return _fix_stdin(args, config, reporter, out)
    if args.diff or args.fix or args.unsafe_fixes:
        from articlelint.fixing import fix_paths

        run = fix_paths(
            args.paths,
            unsafe=args.unsafe_fixes,
            config=config,
            write=not args.diff,
            progress=_progress(),
        )
        for line in run.messages(would=args.diff):
            print(line, file=sys.stderr)
        if args.diff:
            out.write(run.diff())
            out.flush()
            if run.result.internal_errors:
                return 2
            return 1 if run.changed_files else 0
        result = run.result
    else:
        from articlelint.engine import lint_paths

        result = lint_paths(
            args.paths, config, progress=_progress(), stdin_filename=args.stdin_filename
        )
    if args.add_suppressions:
        from articlelint.suppressions import add_suppressions

        added = add_suppressions(result)
        for problem in added.problems:
            print(f"articlelint: {problem}", file=sys.stderr)
        note = (
            f"; {added.skipped} findings cannot be suppressed (files that do not load)"
            if added.skipped
            else ""
        )
        s = "" if added.added == 1 else "s"
        out.write(f"Added {added.added} suppression{s} to {added.files} file(s){note}.\n")
        return 2 if result.internal_errors else 0
    if args.statistics:
        from articlelint.reporting.statistics import render_statistics

        report = render_statistics(result, as_json=name == "json")
    else:
        report = reporter.render(result)
    if args.output:
        from articlelint._fs import write_output

        try:
            write_output(args.output, report, config_root=config.root)
        except OSError as exc:
            raise _UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    else:
        out.write(report)
        out.flush()
    if args.exit_zero and result.internal_errors == 0:
        return 0
    return result.exit_code
