"""Bar charts for the HTML report, laid out here and drawn as SVG by its template.

Each chart is a :class:`Chart`: its bars with their geometry already computed (in SVG user
units), the axis ticks, and a data table that is the chart's text alternative (and holds
every row, where the chart groups some together). Colours come from the Okabe-Ito palette,
which stays distinguishable with every common colour-vision deficiency; each severity also
has its name in the legend, the tooltips and the table, so no reading needs colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

__all__ = [
    "SEVERITIES",
    "Bar",
    "Chart",
    "Segment",
    "Tick",
    "horizontal",
    "nice_ticks",
    "vertical",
]

#: Stacking order (from the axis out) and the names used as CSS classes.
SEVERITIES = ("error", "warning", "info")

#: Horizontal charts: where labels end, where bars start, how long the longest bar is.
_LABEL_END = 244
_BAR_START = 250
_BAR_SPAN = 290
_ROW = 22
_BAR_HEIGHT = 15
#: Vertical charts: the plot's height and margins.
_PLOT_HEIGHT = 170
_TOP = 12
_LEFT = 52
_BOTTOM = 58
_RIGHT = 12


class Segment(NamedTuple):
    """One severity's part of a bar (or the whole bar, for a one-series chart)."""

    x: float
    y: float
    width: float
    height: float
    series: str
    value: int


class Bar(NamedTuple):
    label: str
    #: What the bar stands for in one sentence (its tooltip).
    title: str
    value_text: str
    segments: tuple[Segment, ...]
    #: Where the label (horizontal charts) or the value's end (both) goes.
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    #: The report's filter this bar sets when clicked (``("rule", "AL401")``), if any.
    link: tuple[str, str] | None = None


class Tick(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    text: str
    text_x: float
    text_y: float
    rotate: bool = False


class Chart(NamedTuple):
    id: str
    title: str
    #: One or two sentences that say what the chart shows (its ``<desc>``).
    description: str
    width: float
    height: float
    bars: tuple[Bar, ...]
    #: Series in the legend: ``(css class, label)``.
    legend: tuple[tuple[str, str], ...]
    grid: tuple[Tick, ...] = ()
    axis: tuple[Tick, ...] = ()
    #: The text alternative: column headers and every row.
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    #: Shown instead of the chart when there is nothing to draw.
    empty: str | None = None
    #: Said under the chart (what it leaves out, and where to see it).
    note: str | None = None
    #: Bars run left to right, one row each, labels on the left (else: columns over time).
    horizontal: bool = True


def _number(value: int) -> str:
    return f"{value:,}"


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """Round axis values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of
    ten, at most ``most`` steps."""
    if top <= 0:
        return [0.0, 1.0]
    step = 1.0
    while top / step > most:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 ...
            step *= factor
            if top / step <= most:
                break
    count = int(-(-top // step))
    return [step * i for i in range(count + 1)]


def horizontal(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, Mapping[str, int], str, tuple[str, str] | None]],
    *,
    legend: tuple[tuple[str, str], ...],
    headers: tuple[str, ...],
    table: Sequence[tuple[str, ...]],
    empty: str,
    note: str | None = None,
) -> Chart:
    """One bar per row, longest first as given: ``(label, {series: value}, title, link)``."""
    if not rows:
        return Chart(chart_id, title, description, 0, 0, (), legend, empty=empty, note=note)
    top = max(sum(values.values()) for _, values, _, _ in rows) or 1
    bars = []
    for index, (label, values, bar_title, link) in enumerate(rows):
        y = _TOP + index * _ROW
        x = float(_BAR_START)
        segments = []
        for series in (s for s, _ in legend):
            value = values.get(series, 0)
            if value <= 0:
                continue
            width = max(1.0, value / top * _BAR_SPAN)
            segments.append(Segment(x, y, width, _BAR_HEIGHT, series, value))
            x += width
        total = sum(values.values())
        bars.append(
            Bar(
                label=label,
                title=bar_title,
                value_text=_number(total),
                segments=tuple(segments),
                label_x=_LABEL_END,
                label_y=y + _BAR_HEIGHT - 3,
                value_x=x + 5,
                value_y=y + _BAR_HEIGHT - 3,
                link=link,
            )
        )
    height = _TOP + len(rows) * _ROW + 6
    width = _BAR_START + _BAR_SPAN + 56
    return Chart(
        chart_id,
        title,
        description,
        width,
        height,
        tuple(bars),
        legend,
        headers=headers,
        rows=tuple(table),
        note=note,
        horizontal=True,
    )


def vertical(
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[tuple[str, Mapping[str, float], str, tuple[str, str] | None]],
    *,
    legend: tuple[tuple[str, str], ...],
    headers: tuple[str, ...],
    table: Sequence[tuple[str, ...]],
    empty: str,
    percent: bool = False,
    note: str | None = None,
) -> Chart:
    """One column per entry, in the order given (time): ``(label, {series: value}, title,
    link)``. With ``percent`` the axis runs from 0 to 100 %. Labels are shown for every
    column when there are few, else for each one whose label ends in ``-01`` (January) and
    for plain years."""
    if not columns:
        return Chart(
            chart_id, title, description, 0, 0, (), legend, empty=empty, note=note, horizontal=False
        )
    top = 100.0 if percent else max(sum(v.values()) for _, v, _, _ in columns) or 1.0
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0] if percent else nice_ticks(top)
    scale_top = ticks[-1]
    slot = max(6.0, min(28.0, 760.0 / len(columns)))
    bar_width = max(3.0, slot * 0.72)
    plot_width = slot * len(columns)
    base = _TOP + _PLOT_HEIGHT
    grid = tuple(
        Tick(
            _LEFT,
            base - value / scale_top * _PLOT_HEIGHT,
            _LEFT + plot_width,
            base - value / scale_top * _PLOT_HEIGHT,
            f"{value:g} %" if percent else _number(int(value)),
            _LEFT - 6,
            base - value / scale_top * _PLOT_HEIGHT + 4,
        )
        for value in ticks
    )
    every = len(columns) <= 24
    bars = []
    axis = []
    for index, (label, values, bar_title, link) in enumerate(columns):
        x = _LEFT + index * slot + (slot - bar_width) / 2
        y = float(base)
        segments = []
        for series in (s for s, _ in legend):
            value = values.get(series, 0)
            if value <= 0:
                continue
            height = max(1.0, value / scale_top * _PLOT_HEIGHT)
            y -= height
            segments.append(Segment(x, y, bar_width, height, series, round(value)))
        total = sum(values.values())
        center = x + bar_width / 2
        bars.append(
            Bar(
                label=label,
                title=bar_title,
                value_text=f"{total:.0f} %" if percent else _number(int(total)),
                segments=tuple(segments),
                label_x=center,
                label_y=base + 14,
                value_x=center,
                value_y=y - 3,
                link=link,
            )
        )
        if every or label.endswith("-01") or "-" not in label:
            shown = label if every or "-" not in label else label[:4]
            axis.append(
                Tick(center, base, center, base + 4, shown, center, base + 14, rotate=every)
            )
    return Chart(
        chart_id,
        title,
        description,
        _LEFT + plot_width + _RIGHT,
        base + _BOTTOM,
        tuple(bars),
        legend,
        grid=grid,
        axis=tuple(axis),
        headers=headers,
        rows=tuple(table),
        note=note,
        horizontal=False,
    )
