"""Horizontal bar layout shared by the fulfilment, skills and salary charts (private helpers).

One row per item, first item on top, wrapped labels on the left, a 0-based value axis at the
bottom with a light vertical grid, and the value printed in bold just after each bar's end. Close
scores become a ranked dot plot on a zoomed axis (:mod:`charts.forms`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from charts import forms
from charts._layout import fit_axes
from charts.style import (
    BAR_ROW_IN,
    DEFAULT,
    FONT_FAMILY,
    LINE_IN,
    TEXT,
    VALUE_PT,
    Palette,
    line_count,
    new_figure,
    rc,
    wrap_to,
)
from charts.text import ChartText

BAR_HEIGHT = 0.6  # share of a row filled by the bar
LABEL_SHARE = 0.36  # widest label line, as a share of the figure width


DOT_ROW_IN = 0.26  # a dot needs less height than a bar


def row_height(labels: Sequence[str], least: float = BAR_ROW_IN) -> float:
    """Height of one row in inches: ``least`` (0.32 in), more when wrapped labels need extra lines."""
    lines = max((line_count(label) for label in labels), default=1)
    return max(least, lines * LINE_IN + 0.1)


def hbar_axes(labels: Sequence[str], width_in: float, axis_label: str | None) -> tuple[Figure, Axes]:
    """Figure sized for ``labels`` (one row each, top to bottom) with a styled, empty axes."""
    wrapped = [wrap_to(label, LABEL_SHARE * width_in) for label in labels]
    fig = new_figure(width_in, len(wrapped) * row_height(wrapped) + 0.5)  # height is set by finish()
    with rc():
        ax = fig.add_subplot()
        ax.yaxis.set_major_locator(FixedLocator(list(range(len(wrapped)))))
        ax.set_yticklabels(wrapped)
        ax.set_ylim(len(wrapped) - 0.5, -0.5)  # first item on top
        ax.tick_params(axis="y", length=0, pad=5, labelfontfamily=FONT_FAMILY)
        ax.tick_params(axis="x", length=0, pad=3, labelfontfamily=FONT_FAMILY)
        ax.spines["bottom"].set_visible(False)
        ax.grid(axis="x")
        if axis_label:
            ax.set_xlabel(axis_label, labelpad=4)
    return fig, ax


def value_axis(ax: Axes, ticks: Sequence[float], fmt: Callable[[float], str] | None = None) -> None:
    """Fix the value axis from 0 to the last tick, with fixed ticks (optionally formatted)."""
    ax.set_xlim(0, ticks[-1])
    ax.xaxis.set_major_locator(FixedLocator(list(ticks)))
    if fmt is not None:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt(value)))


def draw_bars(
    ax: Axes, starts: Sequence[float], ends: Sequence[float], texts: Sequence[str], palette: Palette = DEFAULT
) -> None:
    """Bars from ``starts`` to ``ends`` in the accent, each with its value text after the end."""
    with rc(palette):
        rows = list(range(len(ends)))
        widths = [end - start for start, end in zip(starts, ends, strict=True)]
        ax.barh(rows, widths, left=list(starts), height=BAR_HEIGHT, color=palette.accent, linewidth=0, zorder=2)
        for row, end, text in zip(rows, ends, texts, strict=True):
            value_label(ax, text, end, row, 4)


def finish(fig: Figure, ax: Axes, least: float = BAR_ROW_IN) -> Figure:
    """Size the figure to its rows (``least`` each, more for wrapped labels) and place the axes."""
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    fit_axes(fig, ax, axes_height_in=len(labels) * row_height(labels, least))
    return fig


def check_lengths(name: str, items: Sequence[object], value_labels: Sequence[str]) -> None:
    """Raise ValueError on an empty chart or a value label list of the wrong length."""
    if not items:
        raise ValueError(f"{name}: nothing to draw")
    if len(value_labels) != len(items):
        raise ValueError(f"{name}: {len(value_labels)} value labels for {len(items)} items")


def check_scores(name: str, items: Sequence[tuple[str, float]]) -> list[float]:
    """The scores of ``items``; ValueError when one is outside 0-100 (never silently clipped)."""
    wrong = [(label, score) for label, score in items if not 0 <= score <= 100]
    if wrong:
        raise ValueError(f"{name}: scores outside 0-100: {wrong}")
    return [score for _, score in items]


def score_bars(
    name: str,
    items: Sequence[tuple[str, int]],
    text: ChartText,
    width_in: float,
    ticks: Sequence[float],
    palette: Palette = DEFAULT,
) -> Figure:
    """0-100 scores, first item on top, each value printed: bars from 0 in the sheet's order, or, when
    the scores are close (:func:`charts.forms.ranked_dots`), a ranked dot plot (fulfilment, skills)."""
    return score_figures(name, items, text, width_in, ticks, palette)[0]


def score_figures(
    name: str,
    items: Sequence[tuple[str, int]],
    text: ChartText,
    width_in: float,
    ticks: Sequence[float],
    palette: Palette = DEFAULT,
    max_rows: int | None = None,
) -> list[Figure]:
    """:func:`score_bars` split into figures of at most ``max_rows`` rows (one form and one axis for all),
    so a long list (25 skills) flows from page to page instead of overflowing one."""
    check_lengths(name, items, text.values)
    scores = check_scores(name, items)
    rows = list(zip([label for label, _ in items], scores, text.values, strict=True))
    dots = forms.ranked_dots(scores)
    if dots:
        rows.sort(key=lambda row: -row[1])  # ranked, highest first (stable: ties keep the sheet's order)
        start = forms.dot_axis_start(scores)
        ticks = [t for t in range(start, 101, 5 if 100 - start <= 30 else 10)]
    parts = math.ceil(len(rows) / (max_rows or len(rows)))
    per, extra = divmod(len(rows), parts)  # balanced: the first ``extra`` parts hold one row more
    starts = [k * per + min(k, extra) for k in range(parts + 1)]
    chunks = [rows[a:b] for a, b in itertools.pairwise(starts)]
    return [_score_figure(chunk, text.axis, width_in, ticks, palette, dots) for chunk in chunks]


def _score_figure(rows, axis: str | None, width_in: float, ticks: Sequence[float], palette: Palette, dots: bool):
    labels = [label for label, _, _ in rows]
    scores = [score for _, score, _ in rows]
    values = [value for _, _, value in rows]
    fig, ax = hbar_axes(labels, width_in, axis)
    if dots:
        ax.set_xlim(ticks[0], ticks[-1])
        ax.xaxis.set_major_locator(FixedLocator(list(ticks)))
        draw_dots(ax, scores, values, palette)
        return finish(fig, ax, DOT_ROW_IN)
    value_axis(ax, ticks)
    draw_bars(ax, [0] * len(scores), scores, values, palette)
    return finish(fig, ax)


def draw_dots(ax: Axes, scores: Sequence[float], texts: Sequence[str], palette: Palette = DEFAULT) -> None:
    """One dot a row on a thin guide line from the axis start, its value printed after it."""
    with rc(palette):
        start = ax.get_xlim()[0]
        for row, (score, text) in enumerate(zip(scores, texts, strict=True)):
            ax.plot([start, score], [row, row], color=palette.accent_light, linewidth=1.2, zorder=2)
            ax.plot([score], [row], marker="o", markersize=6, color=palette.accent, linewidth=0, zorder=3)
            value_label(ax, text, score, row, 6)


def value_label(ax: Axes, text: str, x: float, row: float, offset_pt: float) -> None:
    """A value printed in bold just right of ``x`` on ``row`` (bars and dot plots alike)."""
    ax.annotate(
        text,
        xy=(x, row),
        xytext=(offset_pt, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=VALUE_PT,
        fontweight="bold",
        color=TEXT,
        annotation_clip=False,
    )
