"""One description per chart, computed without Qt: what the risk matrix, the KPI overview
and a single KPI's trajectory show, and the rules of how they show it.

A description holds the data (cells, series, points), the ranges, the ticks (date ticks
for a given plot width), the translated labels, the styles (colours, line dashes,
symbol sizes) and the notes under the chart (what is not shown, a deadline already
past, a legend that lists only the first KPIs). The pyqtgraph views on screen
(:mod:`editor.app.charts`) and the QPainter export renderer (:mod:`editor.app.chart_render`)
both draw from it; where the screen has less room it asks the description's own rules
(compact ticks and titles, a shorter legend). Descriptions are plain data: a DOCX
export computes them (translations and dates through Babel) in the process that builds
the document and sends them, pickled, to the process that paints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from editor.core import kpis as kp
from editor.core import risks as rk
from editor.i18n import N_, babel_locale, format_date, translator

# Logical sizes of the exported charts; images are these scaled to the requested width.
MATRIX_SIZE = (900, 760)
KPI_SIZE = (1000, 600)
TEXT_COLOR = "#263238"
GRID_COLOR = "#cfd8dc"
SUBTLE_COLOR = "#546e7a"
WARNING_COLOR = "#b71c1c"
TODAY_COLOR = "#90a4ae"
TODAY_TEXT_COLOR = "#607d8b"
GOAL_COLOR = "#2e7d32"
# Line colours of the KPI overview (Okabe-Ito, readable by colour-blind readers).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
# Past eight KPIs the colours repeat: the line style tells them apart.
LINE_STYLES = ("solid", "dash", "dot")
# At most this many legend rows go inside the KPI overview's plot; more go below it, in columns.
LEGEND_ROWS_INSIDE = 8
# The on-screen overview lists this many KPIs in its legend (more would squeeze the plot).
SCREEN_LEGEND_MAX = 8
# Each chart's title, also its figure's caption in the exports (the DOCX reader knows them by it).
CHART_TITLES = {"risk_matrix": N_("Risk matrix (likelihood × impact)"),
                "kpi_chart": N_("KPI trajectories towards their targets")}
# Date axes with a span shorter than this get day ticks (e.g. "12 Mar"), else months and years.
DAY_TICKS_BELOW = 120
# The overview's value axis: room above 100 % for the "Today" label.
OVERVIEW_Y_RANGE = (-5.0, 112.0)
# Legend names longer than this are cut with an ellipsis.
LEGEND_NAME_MAX = 48


@dataclass
class MatrixData:
    """The risk matrix: labels in the document's language, ids per (likelihood, impact) cell,
    each cell's fill and the colour of its ids (its zone's)."""

    title: str
    y_label: str
    x_label: str
    left_ticks: list[str]
    bottom_ticks: list[str]
    cells: dict[tuple[int, int], list[str]]
    zone_colors: dict[tuple[int, int], str]
    legend: list[tuple[str, str]]
    note: str = ""
    # The same for a narrow pane: a title and legend that fit in ~320 px.
    short_title: str = ""
    short_legend: list[tuple[str, str]] | None = None
    short_note: str = ""
    id_colors: dict[tuple[int, int], str] = field(default_factory=dict)

    def view(self, compact: bool) -> tuple[str, list[str], list[str], list[tuple[str, str]], str]:
        """Title, left and bottom ticks, legend and note, shortened for a narrow pane."""
        if compact:
            numbers = [str(n) for n in range(1, 6)]
            return self.short_title, numbers, numbers, list(self.short_legend or self.legend), self.short_note
        return self.title, list(self.left_ticks), list(self.bottom_ticks), list(self.legend), self.note

    @staticmethod
    def cell_lines(ids: Sequence[str], per_line: int = 3) -> list[list[str]]:
        """A cell's risk ids, three to a line."""
        return [list(ids[i:i + per_line]) for i in range(0, len(ids), per_line)]


def matrix_data(risks: Sequence, language: str) -> MatrixData:
    """The risk matrix of ``risks`` with every label in ``language``."""
    tr = translator(language)
    bounds = {"low": f"1–{rk.LOW_MAX}", "medium": f"{rk.LOW_MAX + 1}–{rk.MEDIUM_MAX}",
              "high": f"{rk.MEDIUM_MAX + 1}–25"}
    unscored = [r.id for r in risks if r.likelihood is None or r.impact is None]
    zones = {(lk, im): rk.zone_for_score(lk * im) for lk in range(1, 6) for im in range(1, 6)}
    return MatrixData(
        title=tr(CHART_TITLES["risk_matrix"]),
        y_label=tr("Likelihood"),
        x_label=tr("Impact"),
        left_ticks=[f"{tr(rk.LIKELIHOOD_LABELS[n - 1])}  {n}" for n in range(1, 6)],
        bottom_ticks=[f"{n}  {tr(rk.IMPACT_LABELS[n - 1])}" for n in range(1, 6)],
        cells=rk.matrix_cells(risks),
        zone_colors={cell: rk.ZONE_COLORS[zone] for cell, zone in zones.items()},
        legend=[(rk.ZONE_COLORS[z], f"{rk.zone_label(z, language)} ({bounds[z]})") for z in rk.ZONES],
        note=tr("Not placed (likelihood or impact missing): {ids}").format(ids=", ".join(unscored)) if unscored else "",
        short_title=tr("Risk matrix"),
        short_legend=[(rk.ZONE_COLORS[z], f"{rk.zone_label(z, language)} {bounds[z]}") for z in rk.ZONES],
        short_note=tr("Not placed: {ids}").format(ids=", ".join(unscored)) if unscored else "",
        id_colors={cell: rk.ZONE_TEXT_COLORS[zone] for cell, zone in zones.items()},
    )


@dataclass
class KpiData:
    """A KPI chart: one KPI in its unit, or the overview of all KPIs as % of the way to target.

    x values are day ordinals. ``notes`` are (text, warning) lines under the chart.
    """

    overview: bool
    title: str
    subtitle: str
    y_label: str
    x_label: str
    today: float  # day ordinal, as every x value
    today_label: str
    x_min: float
    x_max: float
    goal: float | None
    target_label: str
    symbol: float
    series: list[tuple[str, str, list[tuple[float, float]]]]  # colour, line style, points
    legend: list[tuple[str, str, str]]  # colour, line style, text (id, name and target)
    point_labels: list[tuple[float, float, str, tuple[float, float]]]  # x, y, text, anchor
    y_ticks: list[tuple[float, str]]
    y_min: float = 0.0
    y_max: float = 1.0
    notes: list[tuple[str, bool]] = field(default_factory=list)
    # The overview's short axis label and the legend's shorter forms (names, ids).
    y_label_short: str = ""
    legend_names: list[str] = field(default_factory=list)
    legend_ids: list[str] = field(default_factory=list)
    # "Legend: the first {shown} of {count} KPIs...", for a legend cut to its room.
    legend_cut: str = ""
    falling: bool = False  # a single KPI's line goes down: "Today" stands at the bottom
    language: str = "en"
    # Tick labels in the chart's language: months by (year, month), years, days by ordinal.
    month_names: dict[tuple[int, int], str] = field(default_factory=dict)
    year_names: dict[int, str] = field(default_factory=dict)
    day_names: dict[int, str] = field(default_factory=dict)

    # -- the rules both renderers follow -------------------------------------------------
    def x_ticks(self, plot_width_px: float, label_px: float) -> list[tuple[float, str]]:
        """Date ticks for a plot ``plot_width_px`` wide whose widest month label takes ``label_px``:
        months (a year's name on January), thinned to fit; days for short spans, years for long ones."""
        first = dt.date.fromordinal(max(1, int(self.x_min) + 1))
        last = dt.date.fromordinal(int(self.x_max))
        px_per_day = plot_width_px / max(1.0, self.x_max - self.x_min)
        label_w = label_px + 14
        for months in (1, 2, 3, 6, 12, 24, 60):
            if months * 30.4 * px_per_day >= label_w:
                break
        if 7 * px_per_day >= label_w * 1.6 and self.day_names:
            step = 7 if 7 * px_per_day < 2 * label_w * 1.6 else 1
            return [(float(o), self.day_names[o]) for o in range(first.toordinal(), last.toordinal() + 1, step)
                    if o in self.day_names]
        ticks = []
        day = dt.date(first.year, first.month, 1)
        if day < first:
            day = _add_months(day, 1)
        while day <= last:
            if (day.year * 12 + day.month - 1) % months == 0:
                if day.month == 1 or months >= 12:
                    text = self.year_names.get(day.year, str(day.year))
                else:
                    text = self.month_names.get((day.year, day.month), "")
                ticks.append((float(day.toordinal()), text))
            day = _add_months(day, 1)
        return ticks

    def y_range(self, plot_height_px: float, label_room_px: float, legend_rows_inside: int = 0) -> tuple[float, float]:
        """The value axis for a plot ``plot_height_px`` high.

        One KPI: its values, with ``label_room_px`` above the highest point and below the
        lowest for their two-line labels. The overview: -5 to 112 %, with headroom for a
        legend of ``legend_rows_inside`` rows drawn inside the plot's top corner.
        """
        if self.overview:
            if not legend_rows_inside:
                return OVERVIEW_Y_RANGE
            share = min((34 + 21 * legend_rows_inside + 8) / max(plot_height_px, 150), 0.6)
            return OVERVIEW_Y_RANGE[0], (112 + 5 * share) / (1 - share)
        values = [v for _c, _s, points in self.series for _x, v in points] + (
            [self.goal] if self.goal is not None else [])
        low, high = value_range(values)
        if values and plot_height_px > 2 * label_room_px + 30:
            bottom, top = min(values), max(values)
            span = (top - bottom) or max(abs(top), 1)
            per_px = span / (plot_height_px - 2 * label_room_px)
            low, high = min(low, bottom - label_room_px * per_px), max(high, top + label_room_px * per_px)
        return low, high

    def value_ticks(self, y_min: float, y_max: float) -> list[tuple[float, str]]:
        """The value ticks for the range shown (the overview's are fixed: 0 to 100 %)."""
        if self.overview:
            return list(self.y_ticks)
        return nice_ticks(y_min, y_max, self.language)

    def today_position(self, y_min: float, y_max: float) -> tuple[float, bool]:
        """Where the "Today" label sits, as a fraction of the plot's height, and whether it hangs
        below that point: under the dashed 100 % line in the overview (where the curves, starting
        at 0 % today, are not yet); at the end of a single KPI's line away from its first point."""
        if self.overview:
            return (100 - y_min) / (y_max - y_min) - 0.015, True
        return (0.04, False) if self.falling else (0.96, True)

    def legend_entries(self, room: int | None = None, form: str = "full") -> tuple[list[tuple[str, str, str]], str]:
        """The legend for ``room`` entries (None: all) in ``form`` ("full": with targets,
        "names", "ids"), and the note to show when entries were left out."""
        texts = {"full": [t for _c, _s, t in self.legend], "names": self.legend_names, "ids": self.legend_ids}[form]
        entries = [(c, s, t) for (c, s, _full), t in zip(self.legend, texts)]
        if room is None or room >= len(entries):
            return entries, ""
        return entries[:room], self.legend_cut.format(shown=room, count=len(entries))

    @property
    def footer(self) -> str:
        return "\n".join(text for text, _warning in self.notes)


def nice_ticks(low: float, high: float, language: str, count: int = 6) -> list[tuple[float, str]]:
    """About ``count`` round values between ``low`` and ``high``, written in ``language``."""
    step = _nice_step(high - low, count)
    ticks, value = [], step * math.ceil(low / step)
    while value <= high + 1e-9:
        ticks.append((value, kp.format_value(round(value, 10), "", language)))
        value += step
    return ticks


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nice_step(span: float, count: int) -> float:
    raw = span / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def kpi_data(kpis: Sequence, language: str, kpi_id: str | None = None, today: dt.date | None = None) -> KpiData:
    """The KPI chart: ``kpi_id``'s trajectory, or the overview of ``kpis`` when None or unknown."""
    today = today or dt.date.today()
    kpi = next((k for k in kpis if k.id == kpi_id), None) if kpi_id is not None else None
    data = _single(kpi, language, today) if kpi is not None else _overview(list(kpis), language, today)
    _date_names(data, language)
    return data


def date_span(kpis: Sequence, today: dt.date) -> tuple[dt.date, dt.date, float]:
    """The first and last dates the date axis shows, and the margin (in days) on each side."""
    first, last = kp.date_range(kpis, today)
    return first, last, max(7, (last - first).days * 0.06)


def _x_range(kpis, today: dt.date) -> tuple[float, float]:
    first, last, margin = date_span(kpis, today)
    return first.toordinal() - margin, last.toordinal() + margin


def legend_name(kpi) -> str:
    """A KPI's id and name, cut with an ellipsis when long."""
    name = f"{kpi.id} {kpi.name.strip()}".strip()
    if len(name) > LEGEND_NAME_MAX:
        name = name[: LEGEND_NAME_MAX - 1].rstrip() + "…"
    return name


def legend_text(kpi, language: str) -> str:
    """A KPI's entry in the overview legend: id and name (cut when long), then its target."""
    name = legend_name(kpi)
    target = kp.kpi_target_text(kpi, language)
    return f"{name} ({target})" if target else name


def percent_ticks(language: str) -> list[tuple[float, str]]:
    """The overview's value ticks, 0 to 100 % in steps of 25, written the way ``language`` writes them."""
    return [(float(v), f"{v} %" if language == "fr" else f"{v}%") for v in range(0, 101, 25)]


def trajectory_labels(kpi, points: Sequence, language: str) -> list[tuple[dt.date, float, str, tuple[float, float]]]:
    """The label (value and date) of each point of ``kpi``'s trajectory: day, value, text, anchor.

    Labels go on the side of each point away from the line.
    """
    if not points:
        return []
    descending = _falling(kpi, points)
    labels = []
    for index, (day, value) in enumerate(points):
        text = f"{kp.format_value(value, kpi.unit, language)}\n{format_date(day, language, 'medium')}"
        last = index == len(points) - 1 and index > 0
        if descending:
            anchor = (1.04, -0.08) if last else (-0.04, 1.08)
        else:
            anchor = (1.04, 1.08) if last else (-0.04, -0.08)
        labels.append((day, value, text, anchor))
    return labels


def _falling(kpi, points: Sequence) -> bool:
    return bool(points) and (kp.infer_direction(points[0][1], points[-1][1]) or kpi.effective_direction) == "lower"


def value_range(values: Sequence[float]) -> tuple[float, float]:
    """The value axis of one KPI's chart: its values, with room below and above for the point labels."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    span = (high - low) or max(abs(high), 1)
    return low - span * 0.22, high + span * 0.25


def _overview(kpis: list, language: str, today: dt.date) -> KpiData:
    tr = translator(language)
    drawable = [(k, kp.progress_trajectory(k, today)) for k in kpis]
    drawable = [(k, points) for k, points in drawable if points]
    x_min, x_max = _x_range([k for k, _points in drawable], today)
    series, legend = [], []
    for index, (kpi, points) in enumerate(drawable):
        color = PALETTE[index % len(PALETTE)]
        style = LINE_STYLES[(index // len(PALETTE)) % len(LINE_STYLES)]
        series.append((color, style, [(d.toordinal(), v) for d, v in points]))
        legend.append((color, style, legend_text(kpi, language)))
    drawn = {id(k) for k, _points in drawable}
    missing = [k.id for k in kpis if id(k) not in drawn]
    notes = []
    if not drawable:
        notes.append((tr("Add KPIs with a baseline, a target and a deadline to see their trajectories."), True))
    elif missing:
        notes.append((tr("Not shown (baseline, target or deadline missing): {ids}").format(ids=", ".join(missing)),
                      False))
    return KpiData(
        overview=True, title=tr(CHART_TITLES["kpi_chart"]), subtitle="",
        y_label=tr("% of the way to target"), x_label=tr("Date"), today=today.toordinal(),
        today_label=tr("Today"), x_min=x_min, x_max=x_max, goal=100.0, target_label="",
        symbol=9, series=series, legend=legend, point_labels=[],
        y_ticks=percent_ticks(language), y_min=OVERVIEW_Y_RANGE[0], y_max=OVERVIEW_Y_RANGE[1],
        notes=notes, y_label_short="%", legend_names=[legend_name(k) for k, _p in drawable],
        legend_ids=[k.id for k, _p in drawable],
        legend_cut=tr("Legend: the first {shown} of {count} KPIs; choose one under Chart to see it alone."),
        language=language,
    )


def _single(kpi, language: str, today: dt.date) -> KpiData:
    tr = translator(language)
    points = kp.trajectory_points(kpi, today)
    x_min, x_max = _x_range([kpi], today)
    notes = []
    if not points or kpi.target is None or kpi.deadline is None:
        notes.append((tr("Set a baseline, a target and a deadline to see the trajectory."), True))
    elif kpi.deadline < today:
        notes.append((tr("The deadline, {date}, is already past: the trajectory runs back in time.").format(
            date=format_date(kpi.deadline, language, "long")), True))
    series = [(PALETTE[0], "solid", [(d.toordinal(), v) for d, v in points])] if points else []
    point_labels = [(day.toordinal(), value, text, anchor)
                    for day, value, text, anchor in trajectory_labels(kpi, points, language)]
    values = [v for _d, v in points] + ([kpi.target] if kpi.target is not None else [])
    y_min, y_max = value_range(values)
    return KpiData(
        overview=False, title=kpi.name.strip() or kpi.id, subtitle=kp.kpi_target_text(kpi, language),
        y_label=kpi.unit or tr("Value"), x_label=tr("Date"), today=today.toordinal(), today_label=tr("Today"),
        x_min=x_min, x_max=x_max, goal=kpi.target,
        target_label=tr("Target: {value}").format(value=kp.format_value(kpi.target, kpi.unit, language))
        if kpi.target is not None else "",
        symbol=11, series=series, legend=[], point_labels=point_labels,
        y_ticks=nice_ticks(y_min, y_max, language), y_min=y_min, y_max=y_max,
        notes=notes, y_label_short=kpi.unit or tr("Value"), falling=_falling(kpi, points), language=language,
    )


def _date_names(data: KpiData, language: str) -> None:
    """Month, year (and for short spans day) names of the x range, for the date axis ticks."""
    from babel.dates import format_date as babel_date
    from babel.dates import format_skeleton

    loc = babel_locale(language)
    first = dt.date.fromordinal(max(1, int(data.x_min)))
    last = dt.date.fromordinal(int(data.x_max) + 1)
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        data.month_names[(month.year, month.month)] = babel_date(month, "LLL", locale=loc)
        if month.year not in data.year_names:
            data.year_names[month.year] = babel_date(month, "y", locale=loc)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if data.x_max - data.x_min < DAY_TICKS_BELOW:
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            data.day_names[ordinal] = format_skeleton("MMMd", dt.date.fromordinal(ordinal), locale=loc)
