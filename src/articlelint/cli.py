"""Command line: parse arguments, build a :class:`Config`, call the engine, pick a reporter.

No linting logic lives here. ``main`` returns the exit code (it never calls ``sys.exit``):
0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error, 141 (128 +
SIGPIPE, what a shell reports for a program a closed pipe stopped) when standard output
was closed before everything was written (``articlelint rules | head -1``).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from articlelint._version import __version__

__all__ = ["main", "rules_markdown"]

_COMMANDS = ("check", "rules", "schema", "report")
#: Exit status when standard output is a pipe that was closed early: 128 + SIGPIPE.
EXIT_BROKEN_PIPE = 141


class _VersionAction(argparse.Action):
    """``--version``: the version, and which YAML loading path runs here (the compiled one
    or pure Python; see README "Speed"). Imports the loader only when asked."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from articlelint.loading.yamltree import loading_path

        sys.stdout.write(f"articlelint {__version__}\nYAML loading: {loading_path()}\n")
        sys.stdout.flush()
        parser.exit()


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
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
        "Other commands: `articlelint rules [RULE...]` lists the rules, "
        "`articlelint schema` prints the records' JSON Schema, `articlelint report "
        "--compare OLD.json NEW.json` lists new and fixed findings, `articlelint server` runs "
        "the language server for editors (each takes --help).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories (default: `.`); a folder holding a Jekyll `_config.yml` "
        "is checked for the Markdown records of its collection folders; `-` reads one "
        "record from standard input",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name of the record read from `-` in the output; its suffix says whether it is "
        "front matter (.md) or bare YAML (.yaml)",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the version and which YAML loading path runs (compiled or pure Python)",
    )
    parser.add_argument(
        "--format",
        "--output-format",
        dest="format",
        metavar="NAME",
        help="output format: text (default; github when GITHUB_ACTIONS=true), concise, json, "
        "sarif, github, junit, html (a page on the folder's health; with --output FILE)",
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
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print the findings and nothing else (no summary, no progress, no notes)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output: auto (default: on a terminal, unless NO_COLOR is set), "
        "always, never",
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
        help="add `# articlelint: ignore[...]` comments for every current finding "
        "(with `-`: the record goes to standard output)",
    )
    parser.add_argument("--schema", metavar="FILE", help="also check records against a JSON Schema")
    parser.add_argument(
        "--select", type=_csv, metavar="RULES", help="rules to run (comma-separated)"
    )
    parser.add_argument("--extend-select", type=_csv, metavar="RULES", help="rules to add")
    parser.add_argument("--ignore", type=_csv, metavar="RULES", help="rules to skip")
    parser.add_argument(
        "--exclude",
        type=_csv,
        action="extend",
        metavar="GLOBS",
        help="files or folders never checked (comma-separated globs), instead of the "
        "configuration's `exclude`; applies to files named on the command line too",
    )
    parser.add_argument(
        "--extend-exclude",
        type=_csv,
        action="extend",
        metavar="GLOBS",
        help="files or folders never checked, in addition to the configuration's `exclude`",
    )
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
    parser.add_argument(
        "--show-fixes",
        action="store_true",
        help="list, per file and rule, what was fixed (with --fix or --diff: what would be) "
        "or what can be fixed (on standard error)",
    )
    return parser


def _rules_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlelint rules",
        formatter_class=_HelpFormatter,
        description="List the rules: code, name, default severity, whether a fix exists, "
        "and what each finds (`articlelint --explain RULE` prints a rule's documentation).",
    )
    parser.add_argument(
        "selectors",
        nargs="*",
        metavar="RULE",
        help="only these rules: codes, code prefixes (`AL3`) or names",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table the README embeds")
    return parser


def _report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlelint report",
        formatter_class=_HelpFormatter,
        description="Compare two runs saved with `--format json`: the findings the new run "
        "has that the old did not (new), and those it no longer has (fixed). To check a "
        "folder named `report`, write `./report`.",
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="the two JSON files (`articlelint --format json --output FILE`)",
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "text"),
        default="markdown",
        help="markdown (default: a pull-request comment) or text",
    )
    parser.add_argument(
        "--limit",
        type=_non_negative_int,
        default=None,
        metavar="N",
        help="findings listed per table (default: 50; 0: all); the rest are counted",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE")
    return parser


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from articlelint.reporting import compare

    if args.compare is None:
        raise _UsageError(
            "report: give --compare OLD.json NEW.json (to check a folder named `report`, "
            "write `./report`)"
        )
    old_path, new_path = args.compare
    try:
        old, new = compare.load_run(old_path), compare.load_run(new_path)
    except ValueError as exc:
        raise _UsageError(f"report --compare: {exc}") from None
    result = compare.compare(old, new)
    limit = compare.DEFAULT_LIMIT if args.limit is None else args.limit
    render = compare.render_markdown if args.format == "markdown" else compare.render_text
    _write_report(args, None, render(result, old_path, new_path, limit=limit), out)
    return 0


def _schema_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="articlelint schema",
        formatter_class=_HelpFormatter,
        description="Print the JSON Schema of the records the models accept "
        "(checked in as schemas/article.schema.json).",
    )


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["server"]:
        # The language server owns standard input and output (they carry the protocol,
        # and it closes them on `exit`): nothing here writes or flushes them. It runs for
        # hours: the collector is on (`articlelint.__main__.run` starts with it off).
        import gc

        gc.enable()
        from articlelint.server import main as server_main

        return server_main(args[1:])
    if stdout is None:
        _tolerate_unencodable_output()
    out = stdout or sys.stdout
    try:
        code = _main(args, out, program=argv is None)
        out.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`articlelint rules | head -1`): stop quietly, as command-line
        # tools do. Standard output now points nowhere, so the interpreter's own flush at
        # exit cannot fail again and print a traceback.
        if stdout is None:
            _stdout_to_devnull()
        return EXIT_BROKEN_PIPE


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor behind stdout
        pass


def _main(args: list[str], out: TextIO, *, program: bool) -> int:
    command = "check"
    if args and args[0] in _COMMANDS:
        command = args.pop(0)
    try:
        if command == "rules":
            return _rules(_rules_parser().parse_args(args), out)
        if command == "schema":
            _schema_parser().parse_args(args)
            return _schema(out)
        if command == "report":
            return _report(_report_parser().parse_args(args), out)
        return _check(args, out, program=program)
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


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from articlelint.config import _check_selectors, selector_matches
    from articlelint.rules import registry

    if args.markdown:
        out.write(rules_markdown())
        return 0
    if args.selectors:
        try:
            _check_selectors(args.selectors)
        except ValueError as exc:
            raise _UsageError(f"rules: {exc}") from None
    rules = [
        rule
        for rule in registry()
        if not args.selectors
        or any(selector_matches(s, rule.code, rule.name) for s in args.selectors)
    ]
    rows = [("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY")]
    for rule in rules:
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
    width = _output_width(out)
    narrow = width is not None and sum(widths) + 8 + _MIN_SUMMARY > width
    for row in rows:
        if narrow:  # code and name, then the rest below, indented
            assert width is not None
            cells = f"{row[0].ljust(widths[0])}  {row[1]}"
            header = row is rows[0]
            fix = ("[, fixable]" if header else ", fixable") if row[3] else ""
            out.write(cells + "\n" + _indented(f"{row[2]}{fix}: {row[4]}", width))
        else:
            cells = "  ".join(row[i].ljust(widths[i]) for i in range(4)) + "  "
            out.write(_wrapped(cells, row[4], width))
    return 0


def _output_width(out: TextIO) -> int | None:
    """The width to fit lines into: the terminal's when writing to one (or ``COLUMNS``);
    ``None`` (no limit) for a pipe or file, so ``grep`` sees whole lines."""
    if os.environ.get("COLUMNS", "").strip().isdigit() or out.isatty():
        return _terminal_columns()
    return None


#: A summary column narrower than this: the summary goes below the code and name.
_MIN_SUMMARY = 30


def _wrapped(cells: str, summary: str, width: int | None) -> str:
    """One row of ``articlelint rules``: the fixed columns, then the summary wrapped to
    ``width`` under its own column."""
    if width is None or len(cells) + len(summary) <= width:
        return (cells + summary).rstrip() + "\n"
    import textwrap  # only on a terminal too narrow for a summary

    lines = textwrap.wrap(summary, width - len(cells), break_on_hyphens=False) or [""]
    indent = " " * len(cells)
    return "".join((cells if i == 0 else indent) + line + "\n" for i, line in enumerate(lines))


def _indented(text: str, width: int) -> str:
    """``text`` wrapped to ``width``, each line indented by four spaces."""
    import textwrap

    lines = textwrap.wrap(text, max(width - 4, 16), break_on_hyphens=False)
    return "".join(f"    {line}\n" for line in lines)


def _schema(out: TextIO) -> int:
    import json

    from articlelint.models import json_schema

    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _explain(name: str, out: TextIO) -> int:
    from articlelint.rules import registry

    rule = registry().get(name)
    if rule is None:
        from articlelint.config import _suggest

        raise _UsageError(f"--explain: unknown rule {name!r}{_suggest(name, registry())}")
    from articlelint.explain import explain_text

    out.write(explain_text(rule))
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
    if args.exclude is not None or args.extend_exclude:
        given = [
            _relative_to(p, base.root)
            for p in [*(args.exclude or []), *(args.extend_exclude or [])]
        ]
        kept = [] if args.exclude is not None else list(base.exclude)
        overrides["exclude"] = [*kept, *given]
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
    from articlelint.engine.cache import DEFAULT_CACHE_DIR

    chosen = args.cache_dir or config.cache_dir
    if chosen is None:
        root = config.root
        chosen = str(root / DEFAULT_CACHE_DIR) if root is not None else DEFAULT_CACHE_DIR
    elif not args.cache_dir and config.root is not None:
        chosen = str(config.root / chosen)  # a `cache-dir` key is relative to its file
    if os.path.exists(chosen) and not os.path.isdir(chosen):
        where = "--cache-dir" if args.cache_dir else f"cache-dir (from {config.source})"
        raise _UsageError(
            f"{where} {chosen}: is a file, not a directory; name a folder for the cache "
            "(it is created if missing), or pass --no-cache"
        )
    return config.model_copy(update={"cache_dir": chosen})


def _relative_to(pattern: str, root: Any) -> str:
    """A ``--exclude`` glob, given relative to the working directory, made relative to the
    configuration's folder (where the configuration's own globs are anchored). A pattern
    without ``/`` matches a file or folder name anywhere and stays as it is."""
    if "/" not in pattern.rstrip("/") or root is None or os.path.isabs(pattern):
        return pattern
    prefix = os.path.relpath(os.getcwd(), root)
    if prefix == ".":
        return pattern
    return f"{prefix.replace(os.sep, '/')}/{pattern}"


def _did_you_mean_path(path: str) -> str:
    """`` (did you mean `_news/`?)``: the first part of ``path`` that does not exist,
    compared (difflib) with the names in its folder; only a suggestion that exists."""
    separators = os.sep + (os.altsep or "")
    trailing = path[-1] if len(path) > 1 and path[-1] in separators else ""
    parts = path.rstrip(separators).replace(os.altsep or os.sep, os.sep).split(os.sep)
    for index, part in enumerate(parts):
        head = os.sep.join(parts[: index + 1]) or os.sep
        if os.path.lexists(head) or not part:
            continue
        folder = os.sep.join(parts[:index]) or ("." if index == 0 else os.sep)
        try:
            names = os.listdir(folder)
        except OSError:
            return ""
        import difflib  # only for this message

        close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
        if not close:
            return ""
        guess = os.sep.join([*parts[:index], close[0], *parts[index + 1 :]])
        if not os.path.lexists(guess):  # the folder is misspelt, and the rest is missing too
            folder_guess = os.sep.join([*parts[:index], close[0]])
            return f" (there is no `{head}`; did you mean `{folder_guess}`?)"
        if trailing and os.path.isdir(guess):
            guess += trailing
        return f" (did you mean `{guess}`?)"
    return ""


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

    from articlelint.engine.discovery import STDIN_NAME
    from articlelint.fixing.fix import fix_text

    name = args.stdin_filename or STDIN_NAME
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:  # not UTF-8: nothing to fix; echo it and report why
        from articlelint.engine.linter import Linter

        result = Linter(config).lint_paths(["-"], stdin=io.BytesIO(data), stdin_filename=name)
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
    return _exit_status(args, result.exit_code, result.internal_errors)


def _check(argv: list[str], out: TextIO, *, program: bool = False) -> int:
    args = _check_parser().parse_args(argv)
    _warn_plugins()
    if args.explain:
        return _explain(args.explain, out)
    from articlelint.engine.discovery import STDIN

    if args.stdin_filename and args.paths and STDIN not in args.paths:
        raise _UsageError(
            "--stdin-filename names the record read from standard input, but no path is "
            "`-`; add `-` to read it, or drop --stdin-filename"
        )
    if not args.paths:
        args.paths = [STDIN] if args.stdin_filename else ["."]
    missing = [p for p in args.paths if p != STDIN and not os.path.lexists(p)]
    if missing:
        raise _UsageError(
            "\narticlelint: error: ".join(
                f"{p}: no such file or directory{_did_you_mean_path(p)}" for p in missing
            )
        )
    from articlelint.reporting import get_reporter

    name = args.format
    if name is None:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if args.color == "auto":
        color = args.output is None and out.isatty() and not os.environ.get("NO_COLOR")
    else:
        color = args.color == "always"
    config = _config_from(args)
    try:
        reporter = get_reporter(
            name,
            color=color,
            group=not args.no_group,
            output=args.output,
            config=config,
            inputs=args.paths,
            rules_on=_rules_on(config) if name == "html" else None,
        )
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if program:
        # A one-shot process: what start-up built (modules, rules, models) lives until
        # exit, so the collector need not walk it again and again (a full collection of it
        # costs tens of milliseconds, as much as a warm run's whole work). Not when `main`
        # is called in-process with arguments: the caller's objects would never be freed.
        # The command (`articlelint.__main__.run`) ran start-up with the collector off;
        # it is on again from here, before any record is read.
        import gc

        import articlelint.engine.linter  # noqa: F401 - start-up too: every check needs it

        gc.freeze()
        gc.enable()

    progress = None if args.quiet else _progress()
    if not (
        args.add_suppressions
        or args.diff
        or args.fix
        or args.unsafe_fixes
        or args.show_fixes
        or STDIN in args.paths
        # The HTML page stamps when it was made (and may read `--compare`): always afresh.
        or name == "html"
    ):
        return _check_and_report(args, config, reporter, name, color, progress, out)
    if args.add_suppressions and args.paths == [STDIN]:
        return _add_suppressions_stdin(args, config, out)
    if (args.diff or args.fix or args.unsafe_fixes) and args.paths == [STDIN]:
        return _fix_stdin(args, config, reporter, out)
    if args.diff or args.fix or args.unsafe_fixes:
        from articlelint.fixing.fix import fix_paths

        run = fix_paths(
            args.paths,
            unsafe=args.unsafe_fixes,
            config=config,
            write=not args.diff,
            progress=progress,
        )
        listed = args.show_fixes and _show_fixes_applied(run, would=args.diff)
        for line in run.messages(would=args.diff):
            # Problems with files always; the one-line summary unless -q or the list says it.
            if line.startswith("articlelint: ") or not (args.quiet or listed):
                print(line, file=sys.stderr)
        if listed:
            print(listed, file=sys.stderr)
        if args.diff:
            out.write(run.diff())
            out.flush()
            if run.result.internal_errors:
                return 2
            return 1 if run.changed_files else 0
        result = run.result
    else:
        from articlelint.engine.linter import Linter

        result = Linter(config).lint_paths(
            args.paths, progress=progress, stdin_filename=args.stdin_filename
        )
    _warn_if_nothing_checked(args, result.files_checked, len(result.diagnostics))
    if args.add_suppressions:
        from articlelint.fixing.suppress import add_suppressions

        added = add_suppressions(result, jobs=config.jobs)
        for problem in added.problems:
            print(f"articlelint: {problem}", file=sys.stderr)
        if not args.quiet:
            unwritten = len(added.problems)
            out.write(_added_message(added.added, added.files, added.skipped, unwritten) + "\n")
        return 2 if result.internal_errors else 0
    _write_report(args, config.root, _render(args, reporter, name, result), out)
    if args.show_fixes and not (args.fix or args.unsafe_fixes):
        _show_fixable(result)
    return _exit_status(args, result.exit_code, result.internal_errors)


def _render(args: argparse.Namespace, reporter: Any, name: str, result: Any) -> str:
    """The report of ``result`` as the options ask (format, ``--statistics``, ``-q``)."""
    if args.statistics:
        from articlelint.reporting.statistics import render_statistics

        return render_statistics(result, as_json=name == "json")
    report: str = reporter.render(result)
    if args.quiet and name == "text":
        report = _without_summary(report, result)
    return report


def _check_and_report(
    args: argparse.Namespace,
    config: Any,
    reporter: Any,
    name: str,
    color: bool,
    progress: Any,
    out: TextIO,
) -> int:
    """The plain run (files and folders, a report): through ``Linter.render_paths``, so a
    warm run whose files are all unchanged prints the report kept from the same run
    (README "Speed") instead of decoding and rendering every finding again."""
    from articlelint.engine.linter import Linter

    # How this run renders: the format, the options that change its text, and the working
    # folder (SARIF names it). `repr` of plain values, not json: a one-file run does not
    # import json.
    render_key = repr(
        [name, color, not args.no_group, bool(args.statistics), bool(args.quiet), os.getcwd()]
    )
    run = Linter(config).render_paths(
        args.paths,
        lambda result: _render(args, reporter, name, result),
        render_key,
        progress=progress,
    )
    _warn_if_nothing_checked(args, run.files_checked, run.findings)
    _write_report(args, config.root, run.text, out)
    return _exit_status(args, run.exit_code, run.internal_errors)


def _warn_if_nothing_checked(args: argparse.Namespace, files_checked: int, findings: int) -> None:
    if not args.quiet and files_checked == 0 and not findings:
        shown = ", ".join(args.paths)
        print(f"articlelint: warning: no records to check in {shown}", file=sys.stderr)


def _write_report(
    args: argparse.Namespace, config_root: str | os.PathLike[str] | None, report: str, out: TextIO
) -> None:
    """The report to ``--output`` (written safely; ``config_root``: the configuration's
    folder, if any) or to standard output."""
    if args.output:
        from articlelint._fs import write_output

        try:
            write_output(args.output, report, config_root=config_root)
        except OSError as exc:
            raise _UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    else:
        out.write(report)
        out.flush()


def _exit_status(args: argparse.Namespace, exit_code: int, internal_errors: int) -> int:
    """``exit_code``, or 0 with ``--exit-zero`` unless articlelint itself failed."""
    if args.exit_zero and internal_errors == 0:
        return 0
    return exit_code


def _rules_on(config: Any) -> list[str]:
    """The codes of the rules ``config`` turns on (the HTML report lists the others)."""
    from articlelint.engine.ruleset import RuleSet

    return [active.rule.code for active in RuleSet(config).active]


def _added_message(added: int, files: int, skipped: int, unwritten: int = 0) -> str:
    """What ``--add-suppressions`` did, in one line (``unwritten``: files it could not write
    safely, each already explained on stderr)."""
    note = ""
    if skipped:
        s = "" if skipped == 1 else "s"
        note = f"; {skipped} finding{s} cannot be suppressed (files that do not load)"
    if unwritten:
        s = "" if unwritten == 1 else "s"
        note += f"; {unwritten} file{s} left unchanged (see above)"
        if added == 0:
            return f"No suppressions added{note}."
    if added == 0:
        return f"No suppressions to add: no finding that a comment can silence{note}."
    s = "" if added == 1 else "s"
    where = "1 file" if files == 1 else f"{files} files"
    return f"Added {added} suppression{s} to {where}{note}."


def _add_suppressions_stdin(args: argparse.Namespace, config: Any, out: TextIO) -> int:
    """``--add-suppressions -``: the record with its new comments goes to standard output
    (like ``--fix -``), the summary to standard error."""
    from articlelint.engine.discovery import STDIN_NAME
    from articlelint.engine.linter import Linter
    from articlelint.fixing.suppress import suppressed_text, suppressible

    name = args.stdin_filename or STDIN_NAME
    data = sys.stdin.buffer.read()
    result = Linter(config).lint_paths(["-"], stdin=io.BytesIO(data), stdin_filename=name)
    findings = suppressible(result.diagnostics).get(name, [])
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    outcome = suppressed_text(text, name, findings) if text is not None and findings else None
    if text is None:  # not UTF-8: echoed unchanged, byte for byte
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out.write(text if outcome is None else outcome[0])
        out.flush()
    added = 0 if outcome is None else outcome[1]
    skipped = len(findings) if outcome is None else 0
    if not args.quiet:
        print(_added_message(added, 1 if added else 0, skipped), file=sys.stderr)
    return 2 if result.internal_errors else 0


def _without_summary(report: str, result: Any) -> str:
    """The text report without its last line, the summary (``--quiet``)."""
    from articlelint.reporting.text import summary_line

    lines = report.splitlines(keepends=True)
    if not lines or summary_line(result) not in lines[-1]:
        return report
    lines.pop()
    if lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines)


def _rule_label(code: str) -> str:
    from articlelint.rules import registry

    rule = registry().get(code)
    return f"{code} ({rule.name})" if rule is not None else code


def _enumerate(title: str, counts: dict[str, dict[str, int]]) -> str:
    """``--show-fixes``: a title, then per file each rule with its count."""
    lines = [title]
    for path in sorted(counts):
        lines.append(f"- {path}:")
        for label, count in sorted(counts[path].items()):
            lines.append(f"    {count} \u00d7 {label}")
    return "\n".join(lines)


def _show_fixes_applied(run: Any, *, would: bool) -> str:
    """The list of what ``--fix`` fixed (``--diff``: would fix); empty when nothing."""
    files = [f for f in run.changed_files if would or f.written]
    counts: dict[str, dict[str, int]] = {}
    for file in files:
        for d in file.applied:
            per = counts.setdefault(file.path, {})
            per[_rule_label(d.code)] = per.get(_rule_label(d.code), 0) + 1
    total = sum(sum(per.values()) for per in counts.values())
    if not total:
        return ""
    noun = "problem" if total == 1 else "problems"
    return _enumerate(f"{'Would fix' if would else 'Fixed'} {total} {noun}:", counts)


def _show_fixable(result: Any) -> None:
    counts: dict[str, dict[str, int]] = {}
    safe = unsafe = 0
    for d in result.diagnostics:
        if d.fix is None or not d.fix.edits:
            continue
        label = _rule_label(d.code)
        if d.fix.applicability == "safe":
            safe += 1
        else:
            unsafe += 1
            label += " with --unsafe-fixes"
        per = counts.setdefault(d.path, {})
        per[label] = per.get(label, 0) + 1
    if not counts:
        return
    parts = [f"{safe} with --fix"] if safe else []
    if unsafe:
        parts.append(f"{unsafe} {'more ' if safe else ''}with --unsafe-fixes")
    print(_enumerate(f"Fixable: {', '.join(parts)}:", counts), file=sys.stderr)
