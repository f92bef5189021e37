"""Finishing a run: many :class:`~articlelint.engine.results.FileReport` values in, one
:class:`~articlelint.engine.results.LintResult` out.

Cross-record rules (:class:`~articlelint.rules.base.ProjectRule`: a URL in two files, a
collection item that names no record) work in two steps. While each record is checked,
the rule *collects* small facts about it (:mod:`articlelint.engine.check`; they travel
inside the report, through worker processes and the cache). Here the facts of every
report are grouped by rule (:func:`group_facts`: a concatenation, so groups from separate
batches merge by adding them up) and each rule *finishes* its group
(:func:`finish_rule`), independently of the others: the same step can run as a group-by
over batches of records on Dask or Spark. Then the suppression comments of each file are
applied (:mod:`articlelint.engine.suppressions`) and everything is sorted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from articlelint.diagnostics import Diagnostic, Span
from articlelint.engine.check import diagnostic_for, internal_error
from articlelint.engine.results import FileReport, LintResult
from articlelint.engine.ruleset import RuleSet
from articlelint.engine.suppressions import apply_suppressions
from articlelint.rules import LocatedFact, Problem, ProjectRule

__all__ = ["finish", "finish_rule", "group_facts", "project_diagnostics"]


def group_facts(reports: Iterable[FileReport]) -> dict[str, list[LocatedFact]]:
    """The facts of ``reports``, by the code of the rule that collected them, in report
    order."""
    by_rule: dict[str, list[LocatedFact]] = {}
    for report in reports:
        for code, fact in report.facts:
            by_rule.setdefault(code, []).append(fact)
    return by_rule


def finish_rule(code: str, facts: Sequence[LocatedFact], ruleset: RuleSet) -> list[Diagnostic]:
    """What the cross-record rule ``code`` reports over the facts it collected from every
    record of the run (a crash of the rule is one ``AL000``)."""
    active = ruleset.by_code[code]
    assert isinstance(active.rule, ProjectRule)
    out: list[Diagnostic] = []
    try:
        for where, problem in active.rule.finish(facts, active.options):
            span = problem.span or where.span or Span(0, 0, 0, 0)
            located = Problem(
                problem.message,
                problem.field or where.fact.field,
                problem.on_key,
                span,
                problem.fix,
            )
            if code not in ruleset.ignored_for(where.path):
                out.append(diagnostic_for(active, located, where.path, None, active.severity))
    except Exception as exc:
        out.append(internal_error(active.rule, exc, "<project>"))
    return out


def project_diagnostics(reports: Sequence[FileReport], ruleset: RuleSet) -> list[Diagnostic]:
    """What every cross-record rule reports over ``reports``."""
    out: list[Diagnostic] = []
    for code, facts in group_facts(reports).items():
        out.extend(finish_rule(code, facts, ruleset))
    return out


def finish(reports: list[FileReport], ruleset: RuleSet) -> LintResult:
    """The result of a run over ``reports`` (in the order files were given or found):
    their diagnostics and the cross-record rules', less what suppression comments silence
    (plus ``AL901`` for comments that silence nothing), sorted."""
    diagnostics = [d for report in reports for d in report.diagnostics]
    diagnostics.extend(project_diagnostics(reports, ruleset))
    suppressions = {r.path: r.suppressions for r in reports if r.suppressions}
    if suppressions:
        diagnostics = apply_suppressions(diagnostics, suppressions, ruleset)
    diagnostics.sort(key=Diagnostic.sort_key)
    return LintResult(
        diagnostics,
        len(reports),
        ruleset.config.fail_on,
        [r.path for r in reports],
        {r.path: r.lines for r in reports if r.lines},
        {r.path: r.record for r in reports if r.record is not None},
    )
