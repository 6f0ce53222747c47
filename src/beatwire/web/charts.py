"""Charts rendered to SVG on the server with pygal: no script, no CDN, shown as <img>.

Every chart is also given to the page as numbers (a table or a sentence), so the
image carries alt text and the data stays readable without it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pygal
from pygal.style import Style

PALETTE = ("#0b5394", "#c0392b", "#1e8449", "#8e44ad", "#d35400", "#117a65", "#7f6000", "#5d6d7e")
SIGNAL_COLOUR = "#b7950b"
FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333333",
    foreground_strong="#1a1a1a",
    foreground_subtle="#d9d6cf",
    opacity=".9",
    opacity_hover="1",
    colors=PALETTE,
    font_family=FONT,
    label_font_size=15,
    major_label_font_size=15,
    legend_font_size=16,
    title_font_size=16,
    value_font_size=14,
    tooltip_font_size=14,
)
# pygal would add a tooltip script from a CDN: the site loads nothing from outside.
_COMMON = {
    "style": STYLE,
    "js": [],
    "show_y_guides": True,
    "truncate_label": -1,
    "truncate_legend": -1,
}

# A wide chart of days: full width, legend below the plot.
_DAYS = {**_COMMON, "width": 900, "legend_at_bottom": True, "margin": 8}

Series = tuple[tuple[str, tuple[float | None, ...]], ...]


_SCRIPT = re.compile(rb"<script[^>]*>.*?</script>|<script[^>]*/>", re.S)


def _svg(rendered: bytes) -> bytes:
    # pygal embeds its tooltip config as a script; an <img> never runs it, but we ship none.
    return _SCRIPT.sub(b"", rendered)


@lru_cache(maxsize=512)
def sparkline(values: tuple[float, ...], colour: str = PALETTE[0]) -> bytes:
    """Return a small line of `values` without axes, for tiles and strips."""
    chart = pygal.Line(
        style=Style(background="transparent", plot_background="transparent", colors=(colour,)),
        js=[],
        width=240,
        height=48,
        show_dots=False,
        fill=True,
        stroke_style={"width": 2},
    )
    chart.add("", list(values) or [0])
    return _svg(chart.render_sparkline(show_dots=False, width=240, height=48))


def _labels(days: Sequence[str], marked: Sequence[str] = ()) -> list[str]:
    # A label every week keeps a 30-day axis legible on a phone; a signal's day is always named.
    return [
        f"▲{day[5:]}" if day in marked else (day[5:] if n % 7 == 0 else "")
        for n, day in enumerate(days)
    ]


@lru_cache(maxsize=256)
def volume_chart(days: tuple[str, ...], series: Series, signal_days: tuple[str, ...]) -> bytes:
    """Return stacked daily records per platform with a marker on each signal's day."""
    chart = pygal.StackedBar(
        **_DAYS, height=380, legend_at_bottom_columns=4, spacing=2, y_title="records a day"
    )
    # pygal cannot overlay a marker series on stacked bars: a signal's day is marked on the axis.
    chart.x_labels = _labels(days, signal_days)
    for name, values in series:
        chart.add(name, list(values))
    return _svg(chart.render())


def _lines(labels: list[str], series: Series, value_range: tuple[float, float], y_title: str,
           *, dots: int, height: int) -> bytes:  # fmt: skip
    """Return one line per series over `labels`, a gap where a value is None."""
    chart = pygal.Line(
        **_DAYS,
        height=height,
        legend_at_bottom_columns=4,
        range=value_range,
        dots_size=dots,
        allow_interruptions=True,
        stroke_style={"width": 3},
        y_title=y_title,
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, list(values))
    return _svg(chart.render())


@lru_cache(maxsize=256)
def sentiment_chart(days: tuple[str, ...], series: Series) -> bytes:
    """Return mean sentiment per day and platform, on the scale -1 to 1."""
    return _lines(_labels(days), series, (-1, 1), "mean sentiment", dots=2, height=340)


@lru_cache(maxsize=256)
def bar_chart(items: tuple[tuple[str, int], ...], unit: str) -> bytes:
    """Return horizontal bars of named counts, largest first."""
    chart = pygal.HorizontalBar(
        **_COMMON,
        width=600,
        height=max(180, 40 * len(items) + 70),
        show_legend=False,
        print_values=True,
        margin=8,
        x_title=unit,
    )
    chart.x_labels = [name for name, _ in reversed(items)]
    chart.add(unit, [n for _, n in reversed(items)])
    return _svg(chart.render())


@lru_cache(maxsize=64)
def share_chart(periods: tuple[str, ...], series: Series) -> bytes:
    """Return each group's share (0-100 %) per period as lines: who gains, who loses ground."""
    return _lines(list(periods), series, (0, 100), "% of downloads gained", dots=3, height=380)


@lru_cache(maxsize=256)
def event_chart(
    days: tuple[str, ...], records: tuple[int, ...], attention: tuple[int, ...], event_day: str
) -> bytes:
    """Return records and attention a day as two lines, the event's day marked on the axis."""
    chart = pygal.Line(
        **_DAYS,
        height=360,
        legend_at_bottom_columns=2,
        dots_size=3,
        stroke_style={"width": 3},
        y_title="records a day",
    )
    chart.x_labels = _labels(days, (event_day,))
    chart.add("records", list(records))
    # Attention (likes, points, replies) runs to thousands: it gets the right-hand axis.
    chart.add("attention (right axis)", list(attention), secondary=True)
    return _svg(chart.render())
