"""``--format html``: one self-contained page on the health of a whole folder of records.

The page holds a summary (records, findings by severity, fixable counts, publication state,
the configuration and version), bar charts drawn here as SVG (findings by rule, by provider
domain, by month of ``publishedDateTime``, and the share of records without findings per
month), the rules that found something with their documentation, and every distinct problem,
grouped as the text report groups them (:func:`~articlelint.reporting.text.group_key`),
with its places linked relative to the report's own location. Filters (rule, severity,
provider, file, month, fix) run in the page, without a server.

Nothing is fetched: styles, the script and the charts are inline, and the page's Content
Security Policy forbids any request. Every finding is in the page; the list shows problems
a page at a time and the first places of each, and says how to see the rest.

Templates are Jinja2 (package data beside this module) and rule documentation is rendered
with markdown-it-py: both come with the ``report`` extra, imported only when an HTML report
is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from articlelint._version import __version__
from articlelint.diagnostics import Diagnostic
from articlelint.engine.results import LintResult, RecordSummary
from articlelint.errors import ArticlelintError
from articlelint.reporting import _charts
from articlelint.reporting.text import entries, group_key, read_lines

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "INSTALL",
    "PAGE_SIZE",
    "PLACES_SHOWN",
    "TOP_PROVIDERS",
    "HtmlReporter",
    "MissingReportDependency",
    "month_of",
    "problems_of",
]

#: What to install for ``--format html`` (articlelint is not on PyPI: from a clone, or the
#: packages themselves).
INSTALL = (
    "the `report` extra (`pip install '.[report]'` in a clone of articlelint), "
    "or `pip install Jinja2 markdown-it-py`"
)
#: Distinct problems the list shows at first, and adds per "show more".
PAGE_SIZE = 100
#: Places of a problem shown before "show all places".
PLACES_SHOWN = 5
#: Provider domains drawn one bar each; the others share one bar (the table lists all).
TOP_PROVIDERS = 10
#: Months drawn one column each; a longer span is drawn by year.
MAX_MONTHS = 120
#: Source lines longer than this are shown as the part around the finding.
_MAX_LINE = 400
_CONTEXT = 150
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
#: Control characters (but tab) shown as U+FFFD, as in the text report.
_CONTROL = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0)], "\ufffd"
)
_SEVERITY_LABEL = {"error": "errors", "warning": "warnings", "info": "info"}
#: Settings that change how a run goes, not what it reports (left out of the page).
_RUN_ONLY = {"jobs", "cache_dir"}


class MissingReportDependency(ArticlelintError):
    """The ``report`` extra (Jinja2, markdown-it-py) is not installed."""


def _require() -> None:
    try:
        import jinja2  # noqa: F401
        import markdown_it  # noqa: F401
    except ImportError as exc:
        raise MissingReportDependency(
            f"--format html needs {exc.name or 'Jinja2'}, which is not installed; install {INSTALL}"
        ) from None


def month_of(value: str | None) -> str | None:
    """``2022-06`` for a ``publishedDateTime`` written ``2022-06-22T08:27:00Z`` (as far as
    its first seven characters go); ``None`` when it does not start with a year and month."""
    if value is None:
        return None
    match = _MONTH.match(value.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


class Problem(NamedTuple):
    """Findings that are one problem (same :func:`group_key`), in report order."""

    findings: list[Diagnostic]
    #: The source line of the first finding, if known.
    text: str | None


def problems_of(
    result: LintResult, source: Callable[[str], list[str] | None] = read_lines
) -> list[Problem]:
    """The distinct problems of ``result``, in order of first occurrence."""
    by_key: dict[tuple[str, str, str, str], Problem] = {}
    for d, text in entries(result, source):
        key = group_key(d, text)
        problem = by_key.get(key)
        if problem is None:
            by_key[key] = problem = Problem([], text)
        problem.findings.append(d)
    return list(by_key.values())


def _snippet(d: Diagnostic, text: str | None) -> list[Any] | None:
    """``[line, before, marked, after, shortened]``: the finding's source line split around
    its span (the rest of the line when the span runs on), or ``None`` without one."""
    if text is None or d.line < 1 or d.column < 1:
        return None
    if d.line == 1:
        text = text.removeprefix("\ufeff")
    if not text.isprintable():
        text = text.translate(_CONTROL)
    start = min(d.column - 1, len(text))
    stop = d.end_column - 1 if d.end_line == d.line else len(text)
    stop = max(start, min(stop, len(text)))
    before, marked, after = text[:start], text[start:stop], text[stop:]
    shortened = False
    if len(text) > _MAX_LINE:
        shortened = True
        if len(before) > _CONTEXT:
            before = "…" + before[-_CONTEXT:]
        if len(marked) > 2 * _CONTEXT:
            marked = marked[:_CONTEXT] + "…" + marked[-_CONTEXT:]
        if len(after) > _CONTEXT:
            after = after[:_CONTEXT] + "…"
    return [d.line, before, marked, after, shortened]


def _same_message(d: Diagnostic, first: Diagnostic) -> bool:
    """Whether ``d`` says what ``first`` says, but for its own field path."""
    if d.message == first.message:
        return True
    return bool(d.field and first.field) and (
        d.message.replace(d.field or "", first.field or "") == first.message
    )


def _fix_kind(d: Diagnostic) -> int:
    """0: no fix; 1: ``--fix`` applies it; 2: only ``--unsafe-fixes`` does."""
    if d.fix is None or not d.fix.edits:
        return 0
    return 1 if d.fix.applicability == "safe" else 2


def _href(path: str, base: str) -> str | None:
    """A link to ``path`` from a page in folder ``base``: relative where it can be; none
    for a name that is no file (``<stdin>``, ``<record>``)."""
    if path.startswith("<") and path.endswith(">"):
        return None
    target = os.path.abspath(path)
    try:
        relative = os.path.relpath(target, base)
    except ValueError:  # another drive (Windows)
        from pathlib import Path

        return Path(target).as_uri()
    return quote(relative.replace(os.sep, "/"))


class _Interned:
    """Strings as indexes into one list (the page's data repeats none)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


def _number(value: int) -> str:
    return f"{value:,}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word if count == 1 else word + 's'}"


class _Buckets:
    """Records by month of ``publishedDateTime`` (by year when months would be too many)."""

    def __init__(self, facts: Mapping[str, RecordSummary]) -> None:
        self.month = {path: month_of(f.published_date_time) for path, f in facts.items()}
        months = sorted({m for m in self.month.values() if m})
        self.by_year = False
        self.keys: list[str] = []
        if not months:
            return
        first, last = months[0], months[-1]
        start = int(first[:4]) * 12 + int(first[5:]) - 1
        stop = int(last[:4]) * 12 + int(last[5:]) - 1
        if stop - start + 1 > MAX_MONTHS:
            self.by_year = True
            self.keys = [str(year) for year in range(int(first[:4]), int(last[:4]) + 1)]
        else:
            self.keys = [f"{n // 12:04}-{n % 12 + 1:02}" for n in range(start, stop + 1)]

    def of(self, path: str) -> str | None:
        month = self.month.get(path)
        if month is None:
            return None
        return month[:4] if self.by_year else month


class RuleRow(NamedTuple):
    """A rule that found something, as the page shows it."""

    code: str
    name: str
    #: The severity of (most of) its findings.
    severity: str
    findings: int
    distinct: int
    records: int
    #: Findings that ``--fix`` fixes, and that only ``--unsafe-fixes`` does.
    safe: int
    unsafe: int
    #: Its summary and documentation as HTML.
    summary: Any
    doc: Any


class HtmlReporter:
    """The whole report as one HTML page.

    ``output`` is where the page will be written (links to the records are relative to its
    folder; default: the working directory); ``config`` is shown as the configuration used;
    ``inputs`` are the paths the run was given; ``rules_on`` the codes of the rules it ran
    (the page then lists those that found nothing, and those that were off).
    """

    def __init__(
        self,
        *,
        color: bool = False,
        output: str | None = None,
        config: Any = None,
        inputs: Sequence[str] | None = None,
        rules_on: Sequence[str] | None = None,
        source: Callable[[str], list[str] | None] = read_lines,
        now: dt.datetime | None = None,
    ) -> None:
        del color
        _require()
        self.output = output
        self.config = config
        self.inputs = list(inputs or [])
        self.rules_on = None if rules_on is None else list(rules_on)
        self.source = source
        self.now = now

    def render(self, result: LintResult) -> str:
        from markupsafe import Markup

        env = _environment()
        context = self.context(result)
        loader = env.loader
        assert loader is not None
        context["css"] = Markup(loader.get_source(env, "report.css")[0])
        context["js"] = Markup(loader.get_source(env, "report.js")[0])
        return env.get_template("report.html.j2").render(context) + "\n"

    # ------------------------------------------------------------------ the page's content

    def context(self, result: LintResult) -> dict[str, Any]:
        """Everything the template shows (and the data the page's script filters)."""
        from articlelint.rules import registry

        reg = registry()
        facts = result.records
        problems = problems_of(result, self.source)
        base = os.path.dirname(os.path.abspath(self.output)) if self.output else os.getcwd()
        buckets = _Buckets(facts)

        per_path: dict[str, Counter[str]] = {}
        per_rule: dict[str, Counter[str]] = {}
        rule_paths: dict[str, set[str]] = {}
        fixes: Counter[tuple[str, int]] = Counter()
        for d in result.diagnostics:
            per_path.setdefault(d.path, Counter())[d.severity.value] += 1
            per_rule.setdefault(d.code, Counter())[d.severity.value] += 1
            rule_paths.setdefault(d.code, set()).add(d.path)
            fixes[d.code, _fix_kind(d)] += 1
        distinct = Counter(p.findings[0].code for p in problems)
        names = {d.code: d.name for d in result.diagnostics}

        # The data the list of problems is drawn from (see report.js).
        files = _Interned()
        fields = _Interned()
        messages = _Interned()
        providers = _Interned()
        file_rows: list[list[Any]] = []

        def file_index(path: str) -> int:
            known = files.index.get(path)
            if known is not None:
                return known
            index = files(path)
            fact = facts.get(path)
            provider = -1
            state = ""
            kind = ""
            if fact is not None:
                if fact.provider_domain:
                    provider = providers(fact.provider_domain.strip().lower())
                kind = fact.kind or ""
                if fact.withdrawn:
                    state = "withdrawn"
                elif fact.published is False:
                    state = "unpublished"
                elif fact.published is True:
                    state = "published"
            file_rows.append(
                [path, _href(path, base), provider, buckets.of(path) or "", kind, state]
            )
            return index

        problem_rows = []
        for problem in problems:
            first = problem.findings[0]
            places: list[int] = []
            for d in problem.findings:
                places += [
                    file_index(d.path),
                    d.line,
                    d.column,
                    fields(d.field) if d.field else -1,
                    _fix_kind(d),
                    -1 if _same_message(d, first) else messages(d.message),
                ]
            problem_rows.append(
                {
                    "c": first.code,
                    "s": first.severity.value,
                    "m": first.message,
                    "src": _snippet(first, problem.text),
                    "p": places,
                }
            )
        data = {
            "pageSize": PAGE_SIZE,
            "placesShown": PLACES_SHOWN,
            "files": file_rows,
            "fields": fields.values,
            "messages": messages.values,
            "providers": providers.values,
            "rules": {code: names[code] for code in per_rule},
            "problems": problem_rows,
        }

        summary = self._summary(result, facts, per_path, problems)
        rules = self._rules(reg, per_rule, rule_paths, distinct, fixes, names)
        charts = [
            self._rule_chart(rules),
            self._provider_chart(facts, per_path, result),
            *self._month_charts(facts, per_path, buckets, result),
        ]
        provider_options: Counter[str] = Counter()
        for path, counts in per_path.items():
            fact = facts.get(path)
            if fact is not None and fact.provider_domain:
                provider_options[fact.provider_domain.strip().lower()] += sum(counts.values())
        month_options: Counter[str] = Counter()
        for path, counts in per_path.items():
            key = buckets.of(path)
            if key:
                month_options[key] += sum(counts.values())
        return {
            "version": __version__,
            "generated": (self.now or dt.datetime.now(dt.timezone.utc)).strftime(
                "%Y-%m-%d %H:%M UTC"
            ),
            "inputs": self.inputs,
            "summary": summary,
            "charts": charts,
            "rules": rules,
            "quiet_rules": self._quiet_rules(reg, per_rule),
            "configuration": self._configuration(),
            "has_facts": bool(facts),
            "providers": sorted(provider_options.items(), key=lambda kv: (-kv[1], kv[0])),
            "months": sorted(month_options.items()),
            "by_year": buckets.by_year,
            "data": _script_json(data),
        }

    def _summary(
        self,
        result: LintResult,
        facts: Mapping[str, RecordSummary],
        per_path: Mapping[str, Counter[str]],
        problems: Sequence[Problem],
    ) -> dict[str, Any]:
        counts = result.summary
        safe = sum(1 for d in result.diagnostics if _fix_kind(d) == 1)
        unsafe = sum(1 for d in result.diagnostics if _fix_kind(d) == 2)
        kinds = Counter(f.kind or "(no type)" for f in facts.values())
        return {
            "records": result.files_checked,
            "with_findings": len(per_path),
            "clean": max(0, result.files_checked - len(per_path)),
            "findings": len(result.diagnostics),
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "distinct": len(problems),
            "safe": safe,
            "unsafe": unsafe,
            "unpublished": sum(1 for f in facts.values() if f.published is False)
            if facts
            else None,
            "withdrawn": sum(1 for f in facts.values() if f.withdrawn) if facts else None,
            "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
            "exit_code": result.exit_code,
            "fail_on": result.fail_on.value,
        }

    def _rules(
        self,
        reg: Any,
        per_rule: Mapping[str, Counter[str]],
        rule_paths: Mapping[str, set[str]],
        distinct: Mapping[str, int],
        fixes: Mapping[tuple[str, int], int],
        names: Mapping[str, str],
    ) -> list[RuleRow]:
        rows = []
        for code, counts in per_rule.items():
            rule = reg.get(code)
            rows.append(
                RuleRow(
                    code=code,
                    name=names[code],
                    severity=max(counts, key=lambda s: counts[s]),
                    findings=sum(counts.values()),
                    distinct=distinct.get(code, 0),
                    records=len(rule_paths[code]),
                    safe=fixes.get((code, 1), 0),
                    unsafe=fixes.get((code, 2), 0),
                    summary=_markdown(rule.summary(), inline=True) if rule else "",
                    doc=_markdown(rule.documentation()) if rule else "",
                )
            )
        rows.sort(key=lambda row: (-row.findings, row.code))
        return rows

    def _quiet_rules(self, reg: Any, per_rule: Mapping[str, Any]) -> dict[str, Any] | None:
        """The rules this run had on that found nothing, and those it had off (``None``
        when the reporter was not told which were on)."""
        if self.rules_on is None:
            return None
        on = set(self.rules_on)
        clean = [(r.code, r.name) for r in reg if r.code in on and r.code not in per_rule]
        off = [(r.code, r.name) for r in reg if r.code not in on]
        return {"on": len(on), "clean": clean, "off": off}

    def _configuration(self) -> dict[str, Any]:
        from articlelint.config import Config

        config = self.config if self.config is not None else Config()
        defaults = Config().model_dump(mode="json")
        values = config.model_dump(mode="json")
        changed = [
            (name.replace("_", "-"), json.dumps(value, ensure_ascii=False))
            for name, value in values.items()
            if name not in _RUN_ONLY and value != defaults.get(name)
        ]
        source = config.source
        return {"source": str(source) if source is not None else None, "changed": changed}

    # ------------------------------------------------------------------ charts

    def _rule_chart(self, rules: Sequence[RuleRow]) -> _charts.Chart:
        rows = [
            (
                f"{row.code} {row.name}",
                {row.severity: row.findings},
                f"{row.code} {row.name} ({row.severity}): "
                f"{_plural(row.findings, 'finding')} in {_plural(row.records, 'record')}",
                ("rule", row.code),
            )
            for row in rules
        ]
        table = [(f"{row.code} {row.name}", row.severity, _number(row.findings)) for row in rules]
        total = sum(row.findings for row in rules)
        return _charts.horizontal(
            "chart-rules",
            "Findings by rule",
            f"{_plural(total, 'finding')} from {_plural(len(rules), 'rule')}, most first; "
            "each bar is coloured by the rule's severity.",
            rows,
            legend=_legend({row.severity for row in rules}),
            headers=("Rule", "Severity", "Findings"),
            table=table,
            empty="No findings.",
        )

    def _provider_chart(
        self,
        facts: Mapping[str, RecordSummary],
        per_path: Mapping[str, Counter[str]],
        result: LintResult,
    ) -> _charts.Chart:
        title = "Findings by provider domain"
        if not facts:
            return _charts.horizontal(
                "chart-providers",
                title,
                "",
                [],
                legend=(),
                headers=(),
                table=[],
                empty="No data: this run recorded no provider domains for its records.",
            )
        records: Counter[str] = Counter()
        dirty: Counter[str] = Counter()
        findings: dict[str, Counter[str]] = {}
        paths = set(facts) | set(per_path)
        for path in paths:
            fact = facts.get(path)
            domain = (fact.provider_domain or "").strip().lower() if fact else ""
            domain = domain or "(no provider domain)"
            records[domain] += 1 if fact is not None else 0
            counts = per_path.get(path)
            if counts:
                dirty[domain] += 1
                findings.setdefault(domain, Counter()).update(counts)
        order = sorted(records.keys() | findings.keys(), key=lambda k: _provider_order(k, findings))
        with_findings = [d for d in order if d in findings]
        top, rest = with_findings[:TOP_PROVIDERS], with_findings[TOP_PROVIDERS:]
        rows: list[tuple[str, Mapping[str, int], str, tuple[str, str] | None]] = []
        for domain in top:
            counts = findings[domain]
            link = None if domain.startswith("(") else ("provider", domain)
            rows.append((domain, counts, _provider_title(domain, counts, dirty, records), link))
        note = None
        if rest:
            merged: Counter[str] = Counter()
            for domain in rest:
                merged.update(findings[domain])
            label = f"{_plural(len(rest), 'other domain')}"
            rows.append(
                (label, merged, f"{label}: {_plural(sum(merged.values()), 'finding')}", None)
            )
            note = (
                f"The top {TOP_PROVIDERS} domains by findings are drawn one bar each, the "
                f"{_plural(len(rest), 'other')} as one; the data table lists every domain."
            )
        table = [
            (
                domain,
                _number(records[domain]),
                _number(dirty[domain]),
                _number(sum(findings.get(domain, Counter()).values())),
                *(_number(findings.get(domain, Counter())[s]) for s in _charts.SEVERITIES),
            )
            for domain in order
        ]
        present = {s for counts in findings.values() for s in counts}
        return _charts.horizontal(
            "chart-providers",
            title,
            f"Findings in the records of each provider domain, most first "
            f"({_plural(len(records), 'domain')} in all); bars are split by severity.",
            rows,
            legend=_legend(present),
            headers=(
                "Provider domain",
                "Records",
                "Records with findings",
                "Findings",
                "Errors",
                "Warnings",
                "Info",
            ),
            table=table,
            empty="No findings.",
            note=note,
        )

    def _month_charts(
        self,
        facts: Mapping[str, RecordSummary],
        per_path: Mapping[str, Counter[str]],
        buckets: _Buckets,
        result: LintResult,
    ) -> list[_charts.Chart]:
        unit = "year" if buckets.by_year else "month"
        found_title = f"Findings by {unit} of publishedDateTime"
        clean_title = f"Share of records without findings, by {unit}"
        if not buckets.keys:
            empty = (
                "No data: this run recorded no publishedDateTime for its records."
                if not facts
                else "No record has a publishedDateTime that starts with a year and month."
            )
            return [
                _charts.vertical(chart, title, "", [], legend=(), headers=(), table=[], empty=empty)
                for chart, title in (("chart-months", found_title), ("chart-clean", clean_title))
            ]
        records: Counter[str] = Counter()
        clean: Counter[str] = Counter()
        findings: dict[str, Counter[str]] = {key: Counter() for key in buckets.keys}
        undated = 0
        for path in facts:
            key = buckets.of(path)
            if key is None:
                undated += 1
                continue
            records[key] += 1
            counts = per_path.get(path)
            if counts:
                findings[key].update(counts)
            else:
                clean[key] += 1
        note = None
        if undated:
            note = (
                f"{_plural(undated, 'record')} without a publishedDateTime that starts with a "
                f"year and month (undated kinds such as courses, or a malformed date) "
                f"{'is' if undated == 1 else 'are'} not in this chart."
            )
        if buckets.by_year:
            spread = f"by year: the dates span more than {MAX_MONTHS} months"
            note = f"{note} Drawn {spread}." if note else f"Drawn {spread}."
        columns = []
        share_columns = []
        table = []
        share_table = []
        for key in buckets.keys:
            counts = findings[key]
            total = sum(counts.values())
            link = ("month", key) if total else None
            columns.append(
                (
                    key,
                    counts,
                    f"{key}: {_plural(total, 'finding')} in {_plural(records[key], 'record')}",
                    link,
                )
            )
            share = 100.0 * clean[key] / records[key] if records[key] else 0.0
            share_columns.append(
                (
                    key,
                    {"clean": share} if records[key] else {},
                    f"{key}: {clean[key]:,} of {_plural(records[key], 'record')} without findings"
                    + (f" ({share:.1f} %)" if records[key] else ""),
                    ("month", key) if records[key] else None,
                )
            )
            table.append(
                (
                    key,
                    _number(records[key]),
                    _number(total),
                    *(_number(counts[s]) for s in _charts.SEVERITIES),
                )
            )
            share_table.append(
                (
                    key,
                    _number(records[key]),
                    _number(clean[key]),
                    f"{share:.1f} %" if records[key] else "no records",
                )
            )
        present = {s for counts in findings.values() for s in counts}
        return [
            _charts.vertical(
                "chart-months",
                found_title,
                f"Findings in the records published each {unit}, from {buckets.keys[0]} to "
                f"{buckets.keys[-1]}; columns are split by severity.",
                columns,
                legend=_legend(present),
                headers=(unit.capitalize(), "Records", "Findings", "Errors", "Warnings", "Info"),
                table=table,
                empty="No findings.",
                note=note,
            ),
            _charts.vertical(
                "chart-clean",
                clean_title,
                f"The share of the records published each {unit} that have no finding, "
                f"from {buckets.keys[0]} to {buckets.keys[-1]} (a {unit} without records has "
                "no column).",
                share_columns,
                legend=(("clean", "records without findings"),),
                headers=(
                    unit.capitalize(),
                    "Records",
                    "Without findings",
                    "Share",
                ),
                table=share_table,
                empty="No records.",
                percent=True,
                note=note,
            ),
        ]


def _provider_order(domain: str, findings: Mapping[str, Counter[str]]) -> tuple[int, int, str]:
    total = sum(findings.get(domain, Counter()).values())
    return (domain.startswith("("), -total, domain)


def _provider_title(
    domain: str, counts: Counter[str], dirty: Counter[str], records: Counter[str]
) -> str:
    return (
        f"{domain}: {_plural(sum(counts.values()), 'finding')} in "
        f"{dirty[domain]:,} of {_plural(records[domain], 'record')}"
    )


def _legend(present: set[str]) -> tuple[tuple[str, str], ...]:
    return tuple((s, _SEVERITY_LABEL[s]) for s in _charts.SEVERITIES if s in present)


def _script_json(data: Any) -> Any:
    """``data`` as JSON safe inside a ``<script>`` element (no ``<`` at all)."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def _markdown(text: str, *, inline: bool = False) -> Any:
    """A rule's documentation as HTML (``inline``: one sentence, no paragraph): raw HTML
    in it is escaped, headings start at h4."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    md = MarkdownIt("commonmark", {"html": False})
    if inline:
        return Markup(md.renderInline(text))
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1:])
            token.tag = f"h{min(6, level + 2)}"
    return Markup(md.renderer.render(tokens, md.options, {}))


_ENV: jinja2.Environment | None = None


def _environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        import jinja2

        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("articlelint.reporting", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        _ENV.filters["n"] = _coordinate
        _ENV.filters["num"] = _number
    return _ENV


def _coordinate(value: float) -> str:
    """An SVG coordinate with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
