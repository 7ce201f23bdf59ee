"""Fulfilment profiles of 2 to 4 careers on one chart: grouped horizontal bars, values printed.

Careers differ by lightness and by hatching, so the chart reads in grayscale and without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import check_lengths
from charts.style import (
    DEFAULT,
    LABEL_PT,
    NEUTRAL_DARK,
    TEXT,
    TICK_PT,
    VALUE_PT,
    Palette,
    new_figure,
    rc,
    wrap,
)
from charts.text import ChartText

HATCHES = ("", "//", "..", "xx")


def draw(
    careers: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    text: ChartText,
    *,
    width_in: float,
    height_in: float | None = None,
    palette: Palette = DEFAULT,
) -> Figure:
    """``careers`` = [(name, [(dimension, score)…])], 2 to 4 of them with the same dimensions in the
    same order; the first two in the brand's tints. ``text.values``: each score as printed, career by
    career; the height follows the rows."""
    if not 2 <= len(careers) <= 4:
        raise ValueError("compare: 2 to 4 careers")
    dimensions = [label for label, _ in careers[0][1]]
    check_lengths("compare", [s for _, scores in careers for s in scores], text.values)
    printed = iter(text.values)
    bar = 0.16
    group = bar * len(careers) + 0.14
    height = group * len(dimensions) + 0.9 + 0.2 * len(careers)
    fig = new_figure(width_in, height)
    fills = (palette.accent, palette.accent_mid, NEUTRAL_DARK, "#c9c9c9")
    with rc(palette):
        ax = fig.add_axes(
            (0.24, 0.9 / height + 0.2 * len(careers) / height, 0.68, 1 - (1.0 + 0.2 * len(careers)) / height)
        )
        for k, (name, pairs) in enumerate(careers):
            scores = [score for _, score in pairs]
            ys = [i * group + k * bar for i in range(len(dimensions))]
            ax.barh(
                ys,
                scores,
                height=bar * 0.9,
                color=fills[k],
                hatch=HATCHES[k],
                edgecolor=TEXT,
                linewidth=0.4,
                label=wrap(name, 60),
            )
            for y, score in zip(ys, scores, strict=True):
                ax.text(score + 1, y, next(printed), va="center", fontsize=VALUE_PT - 1.5, color=TEXT)
        ax.set_yticks([i * group + bar * (len(careers) - 1) / 2 for i in range(len(dimensions))])
        ax.set_yticklabels([wrap(d, 22) for d in dimensions], fontsize=LABEL_PT)
        ax.invert_yaxis()
        ax.set_xlim(0, 110)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.tick_params(axis="x", labelsize=TICK_PT)
        ax.set_xlabel(text.axis or "")
        ax.grid(axis="x")
        fig.legend(loc="lower center", ncol=1, frameon=False, fontsize=LABEL_PT - 0.5)
    return fig
