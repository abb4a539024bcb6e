"""Chart geometry for server-rendered SVG. Charts only draw figures that a table beside
them shows too, already suppressed: a hidden figure gets no bar, only the text "< 5"."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from meedoen.goals.dashboard import DataTable, Figure, GoalProgress
from meedoen.goals.suppression import SUPPRESSED
from meedoen.i18n import gettext

# Dark enough for 3:1 against white (WCAG 1.4.11); series also differ in their labels.
SERIES_COLOURS = ("#00457c", "#a3001a", "#1d6b38", "#5b2d91", "#7a4b00")
# Up, same, down on the participatieladder: green is good, red is bad, grey is neither
# (the review found "Gelijk" red and "Omlaag" green).
DIRECTION_COLOURS = ("#1d6b38", "#595959", "#a3001a")
# Room for the longest label the template keeps (truncate(38) leaves up to 43 characters
# of 13-unit text whole).
LABEL_WIDTH = 330
BAR_AREA = 420
ROW_HEIGHT = 26
MARKER_GAP = 8
# The phone layout: 340 units drawn about 330 px wide, so 15-unit text is at least 14 px.
NARROW_WIDTH = 340
NARROW_BAR_AREA = 250
NARROW_LEFT = 4
NARROW_LABEL_HEIGHT = 22
NARROW_FONT_SIZE = 15
NARROW_LINE_CHARACTERS = 30  # 15-unit text: 30 characters fit the 340 units


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    text: str
    text_x: float


@dataclass
class Category:
    label: str
    y: float
    bars: list[Bar] = field(default_factory=list)
    marker_x: float | None = None  # goal chart: how much of the time has passed
    marker_top: float | None = None
    marker_bottom: float | None = None
    lines: list[str] = field(default_factory=list)  # the phone layout: the label wrapped


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    categories: list[Category]
    legend: list[tuple[str, str]]
    label_width: int = LABEL_WIDTH
    labels_above: bool = False  # the phone layout: each label on its own line above its bars
    font_size: int = 13
    narrow: BarChart | None = None  # the same chart laid out for a phone


def _number(figure: Figure) -> int | None:
    return figure if isinstance(figure, int) else None


def bar_chart(
    table: DataTable,
    chart_id: str,
    columns: list[int] | None = None,
    colours: tuple[str, ...] = SERIES_COLOURS,
) -> BarChart:
    """Horizontal bars: one group per row of ``table`` (total row left out), one bar per
    column in ``columns`` (default: the first figure column), coloured by ``colours``."""
    columns = columns or [table.label_columns]
    values = [_number(row[c]) for row in table.rows for c in columns]
    top = max([v for v in values if v is not None] or [1]) or 1
    group = ROW_HEIGHT * len(columns) + 10
    categories = []
    for n, row in enumerate(table.rows):
        category = Category(str(row[0]), 10 + n * group + ROW_HEIGHT * len(columns) / 2)
        for s, column in enumerate(columns):
            value = _number(row[column])
            width = 0.0 if value is None else BAR_AREA * value / top
            y = 10 + n * group + s * ROW_HEIGHT
            category.bars.append(
                Bar(
                    LABEL_WIDTH,
                    y + 3,
                    width,
                    ROW_HEIGHT - 6,
                    colours[s % len(colours)],
                    str(row[column]),
                    LABEL_WIDTH + width + 6,
                )
            )
        categories.append(category)
    legend = [(table.headers[c], colours[s % len(colours)]) for s, c in enumerate(columns)]
    return with_narrow(
        BarChart(
            chart_id,
            table.caption,
            describe(table, columns),
            LABEL_WIDTH + BAR_AREA + 70,
            20 + group * len(table.rows),
            categories,
            legend if len(columns) > 1 else [],
        )
    )


def describe(table: DataTable, columns: list[int]) -> str:
    parts = []
    for column in columns:
        known = [(row[0], row[column]) for row in table.rows if isinstance(row[column], int)]
        if known:
            label, value = max(known, key=lambda item: item[1])
            parts.append(
                gettext(
                    "%(series)s: het hoogst bij %(label)s (%(value)s).",
                    series=table.headers[column],
                    label=label,
                    value=value,
                )
            )
    parts.append(
        gettext(
            "Alle cijfers staan in de tabel bij deze grafiek; < 5 betekent minder dan 5 of afgeschermd."
        )
    )
    return " ".join(parts)


def goals_chart(progress: list[GoalProgress], chart_id: str = "grafiek-doelen") -> BarChart:
    """Per goal a bar for the share of the target reached (capped at the chart's edge)
    and a marker for the share of the period that has passed."""
    categories = []
    for n, item in enumerate(progress):
        y = 10 + n * (ROW_HEIGHT + 14)
        percent = item.percent_of_target
        width = 0.0 if percent is None else BAR_AREA * min(percent, 150) / 150
        text = SUPPRESSED if percent is None else f"{percent} %"
        category = Category(item.goal.name, y + ROW_HEIGHT / 2)
        category.bars.append(
            Bar(
                LABEL_WIDTH,
                y + 3,
                width,
                ROW_HEIGHT - 6,
                SERIES_COLOURS[0],
                text,
                LABEL_WIDTH + width + 6,
            )
        )
        category.marker_x = LABEL_WIDTH + BAR_AREA * item.percent_of_time / 150
        category.marker_top, category.marker_bottom = category.y - 14, category.y + 14
        # The figure goes after the bar and after the time marker, never across it.
        bar = category.bars[0]
        bar.text_x = max(bar.text_x, category.marker_x + MARKER_GAP)
        categories.append(category)
    description = " ".join(
        gettext(
            "%(goal)s: %(done)s van het doel, %(time)s %% van de tijd.",
            goal=item.goal.name,
            done=gettext("minder dan 5")
            if item.percent_of_target is None
            else f"{item.percent_of_target} %",
            time=item.percent_of_time,
        )
        for item in progress
    )
    return with_narrow(
        BarChart(
            chart_id,
            gettext("Voortgang van de doelen"),
            description or gettext("Er zijn nog geen doelen."),
            LABEL_WIDTH + BAR_AREA + 70,
            20 + len(progress) * (ROW_HEIGHT + 14),
            categories,
            [
                (gettext("Deel van het doel"), SERIES_COLOURS[0]),
                (gettext("Deel van de tijd (streep)"), "#1a1a1a"),
            ],
        )
    )


def with_narrow(chart: BarChart) -> BarChart:
    """``chart`` with its phone layout: label above the bars, bars scaled to fit 340 units.

    Scaled down whole, the wide chart's text drew at about 5 px on a 360 px screen.
    """
    scale = NARROW_BAR_AREA / BAR_AREA
    categories = []
    y = 6.0
    for wide in chart.categories:
        lines = textwrap.wrap(wide.label, NARROW_LINE_CHARACTERS) or [""]
        category = Category(wide.label, y + NARROW_LABEL_HEIGHT / 2, lines=lines)
        y += NARROW_LABEL_HEIGHT * len(lines)
        top = y
        for bar in wide.bars:
            width = bar.width * scale
            category.bars.append(
                Bar(
                    NARROW_LEFT,
                    y + 3,
                    width,
                    ROW_HEIGHT - 6,
                    bar.colour,
                    bar.text,
                    NARROW_LEFT + width + 6,
                )
            )
            y += ROW_HEIGHT
        if wide.marker_x is not None:
            category.marker_x = NARROW_LEFT + (wide.marker_x - LABEL_WIDTH) * scale
            category.marker_top, category.marker_bottom = top, y
            for bar in category.bars:
                bar.text_x = max(bar.text_x, category.marker_x + MARKER_GAP)
        categories.append(category)
        y += 10
    chart.narrow = BarChart(
        f"{chart.id}-smal",
        chart.title,
        chart.description,
        NARROW_WIDTH,
        int(y) + 4,
        categories,
        chart.legend,
        label_width=NARROW_LEFT,
        labels_above=True,
        font_size=NARROW_FONT_SIZE,
    )
    return chart


@dataclass
class LineSeries:
    label: str
    colour: str
    dash: str
    segments: list[str]  # SVG "points" strings; a hidden month breaks the line
    dots: list[tuple[float, float, str]]


@dataclass
class LineChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    series: list[LineSeries]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    left: int
    bottom: int


DASHES = ("", "6 3", "2 3", "10 4 2 4")


def line_chart(table: DataTable, chart_id: str) -> LineChart:
    left, top_margin, plot_w, plot_h = 50, 10, 600, 220
    rows = table.rows
    values = [row[c] for row in rows for c in range(1, len(table.headers))]
    top = max([v for v in values if isinstance(v, int)] or [1]) or 1
    step = plot_w / max(1, len(rows) - 1)

    def y_of(value: int) -> float:
        return top_margin + plot_h - plot_h * value / top

    series = []
    for s, column in enumerate(range(1, len(table.headers))):
        segments: list[list[str]] = [[]]
        dots = []
        for n, row in enumerate(rows):
            value = row[column]
            if isinstance(value, int):
                x, y = left + n * step, y_of(value)
                segments[-1].append(f"{x:.1f},{y:.1f}")
                dots.append((x, y, f"{row[0]}: {value}"))
            elif segments[-1]:
                segments.append([])
        series.append(
            LineSeries(
                table.headers[column],
                SERIES_COLOURS[s % len(SERIES_COLOURS)],
                DASHES[s % len(DASHES)],
                [" ".join(points) for points in segments if len(points) > 1],
                dots,
            )
        )
    ticks = sorted({round(top * f) for f in (0, 0.25, 0.5, 0.75, 1)})
    every = max(1, len(rows) // 12)
    return LineChart(
        chart_id,
        table.caption,
        describe(table, list(range(1, len(table.headers)))),
        left + plot_w + 30,
        # Month names stand upright under their point: slanted, their boxes overlapped.
        top_margin + plot_h + 125,
        series,
        [(left + n * step, str(row[0])) for n, row in enumerate(rows) if n % every == 0],
        [(y_of(t), t) for t in ticks],
        left,
        top_margin + plot_h,
    )


@dataclass
class HeatCell:
    x: float
    y: float
    opacity: float
    text: str
    dark: bool


@dataclass
class Heatmap:
    id: str
    title: str
    description: str
    width: int
    height: int
    cells: list[HeatCell]
    row_labels: list[tuple[float, str]]
    column_labels: list[tuple[float, str]]
    size: int


def heatmap(table: DataTable, chart_id: str) -> Heatmap:
    """The 6×6 flow between rungs: darker is more residents; every cell has its figure
    (bold 19px, so large text: at least 4:1 against its cell on either side of 0.7)."""
    size, left, top_margin = 56, 40, 30
    columns = range(1, len(table.headers) - 1)  # leave the total column out
    values = [row[c] for row in table.rows for c in columns]
    top = max([v for v in values if isinstance(v, int)] or [1]) or 1
    cells = []
    for r, row in enumerate(table.rows):
        for i, c in enumerate(columns):
            value = row[c]
            opacity = (
                0.08 if not isinstance(value, int) or value == 0 else 0.15 + 0.85 * value / top
            )
            cells.append(
                HeatCell(
                    left + i * size,
                    top_margin + r * size,
                    round(opacity, 2),
                    str(value),
                    opacity > 0.7,
                )
            )
    n = len(table.rows)
    return Heatmap(
        chart_id,
        table.caption,
        gettext(
            "Raster van %(n)s bij %(n)s: rijen zijn de trede aan het begin, kolommen de trede aan het eind. Bewoners op de diagonaal bleven op dezelfde trede, rechts ervan gingen ze omhoog. De cijfers staan in de tabel bij deze grafiek.",
            n=n,
        ),
        left + n * size + 10,
        top_margin + n * size + 10,
        cells,
        [(top_margin + r * size + size / 2, str(r + 1)) for r in range(n)],
        [(left + i * size + size / 2, str(i + 1)) for i in range(n)],
        size,
    )
