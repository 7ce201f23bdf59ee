"""Training ladder: the levels in order as rising bars whose height is the ECTS credits.

Each bar carries its credits (``"120 crédits ECTS"``, U+00A0 after the number); the usual entry
level is drawn in the accent, its name in bold and marked in words ("niveau d’entrée habituel"),
so it is not told by colour alone. A level without credits gets a flat bar and "ECTS non précisés".
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

from charts._bars import check_lengths
from charts._layout import fit_axes
from charts.style import (
    DEFAULT,
    FONT_FAMILY,
    LABEL_PT,
    LINE_IN,
    NEUTRAL_DARK,
    TEXT,
    VALUE_PT,
    Palette,
    line_count,
    new_figure,
    rc,
    wrap_to,
)
from charts.text import ChartText

Level = tuple[str, str, int | None, bool]
BAR_WIDTH = 0.62
BARS_IN = 1.25  # height given to the tallest bar, in inches
MIN_SLOTS = 3  # fewer levels are centred in three columns' room, so a lone bar is not a slab


def _slot_in(width_in: float, count: int) -> float:
    """Width in inches given to each level's texts (90 % of its column)."""
    return 0.9 * (width_in - 0.1) / max(count, MIN_SLOTS)


def _annotate(ax: Axes, x: float, y: float, text: str, offset_pt: float, bold: bool, color: str) -> float:
    """Text centred above (x, y), raised by ``offset_pt`` points; returns its top, in points above (x, y)."""
    label = ax.annotate(
        text,
        xy=(x, y),
        xytext=(0, offset_pt),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=VALUE_PT,
        fontweight="bold" if bold else "normal",
        color=color,
        annotation_clip=False,
    )
    figure = ax.figure
    return offset_pt + label.get_window_extent(figure.canvas.get_renderer()).height * 72 / figure.dpi


def _style_axes(ax: Axes, ticks: Sequence[str], entries: Sequence[bool], top: float) -> None:
    """Baseline only: no y axis, level names under the bars (entry level in bold)."""
    ax.set_ylim(0, top)
    spare = (max(len(ticks), MIN_SLOTS) - len(ticks)) / 2
    ax.set_xlim(-0.5 - spare, len(ticks) - 0.5 + spare)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(FixedLocator(list(range(len(ticks)))))
    ax.set_xticklabels(ticks)
    ax.tick_params(axis="x", length=0, pad=4, labelcolor=TEXT, labelsize=LABEL_PT, labelfontfamily=FONT_FAMILY)
    for label, entry in zip(ax.get_xticklabels(), entries, strict=True):
        label.set_fontweight("bold" if entry else "normal")


def _draw_level(ax: Axes, x: int, ects: int | None, entry: bool, value: str, mark: str, palette: Palette) -> None:
    """One bar (flat when the credits are unknown) with its credits and, for the entry level, the mark."""
    known = ects is not None
    ax.bar(
        x,
        ects or 0,
        width=BAR_WIDTH,
        color=palette.accent if entry else palette.accent_light,
        edgecolor=palette.accent if known else NEUTRAL_DARK,
        linewidth=0.8 if known else 1.5,
        zorder=2,
    )
    top = _annotate(ax, x, ects or 0, value, 3, bold=known, color=TEXT if known else NEUTRAL_DARK)
    if entry:
        _annotate(ax, x, ects or 0, mark, top + 1, bold=True, color=palette.accent)


def draw(
    levels: Sequence[Level],
    text: ChartText,
    *,
    width_in: float,
    height_in: float | None = None,
    palette: Palette = DEFAULT,
) -> Figure:
    """Bars for ``levels`` [(name, level label, ECTS or None, is_entry_level)], left to right, with
    ``text.values`` (the ECTS as printed) above them and ``text.mark`` above the entry level.

    ``height_in=None`` sizes the figure from its labels.
    """
    check_lengths("training", levels, text.values)
    slot = _slot_in(width_in, len(levels))
    ticks = [f"{wrap_to(name, slot, bold=e)}\n{wrap_to(level, slot, bold=e)}" for name, level, _, e in levels]
    pairs = zip(text.values, levels, strict=True)
    values = [wrap_to(value, slot, VALUE_PT, bold=level[2] is not None) for value, level in pairs]
    mark = wrap_to(text.mark, slot, VALUE_PT, bold=True)
    above = max(line_count(v) + (line_count(mark) if lv[3] else 0) for v, lv in zip(values, levels, strict=True))
    below = max(line_count(t) for t in ticks)
    fig = new_figure(width_in, height_in or BARS_IN + (above + below) * LINE_IN + 0.25)
    with rc(palette):
        ax = fig.add_subplot()
        _style_axes(ax, ticks, [lv[3] for lv in levels], max(lv[2] or 0 for lv in levels) or 1)
        for x, ((_, _, ects, entry), value) in enumerate(zip(levels, values, strict=True)):
            _draw_level(ax, x, ects, entry, value, mark, palette)
        fit_axes(fig, ax)
    return fig
