"""Fulfilment profiles of 2 to 4 careers on one chart: grouped horizontal bars, values printed.

Careers differ by lightness and by hatching, so the chart reads in grayscale and without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts.style import (
    DEFAULT,
    LABEL_PT,
    NEUTRAL_DARK,
    TEXT,
    TICK_PT,
    VALUE_PT,
    Palette,
    new_figure,
    percent,
    rc,
    wrap,
)

HATCHES = ("", "//", "..", "xx")


def draw(
    dimensions: Sequence[str],
    careers: Sequence[tuple[str, Sequence[int]]],
    width_in: float = 6.8,
    *,
    axis_label: str = "Score (%)",
    palette: Palette = DEFAULT,
) -> Figure:
    """``careers`` = [(name, [score per dimension])], 2 to 4 of them; the first two in the brand's tints."""
    if not 2 <= len(careers) <= 4:
        raise ValueError("compare: 2 to 4 careers")
    bar = 0.16
    group = bar * len(careers) + 0.14
    height = group * len(dimensions) + 0.9 + 0.2 * len(careers)
    fig = new_figure(width_in, height)
    fills = (palette.accent, palette.accent_mid, NEUTRAL_DARK, "#c9c9c9")
    with rc(palette):
        ax = fig.add_axes(
            (0.24, 0.9 / height + 0.2 * len(careers) / height, 0.68, 1 - (1.0 + 0.2 * len(careers)) / height)
        )
        for k, (name, scores) in enumerate(careers):
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
                ax.text(score + 1, y, percent(score), va="center", fontsize=VALUE_PT - 1.5, color=TEXT)
        ax.set_yticks([i * group + bar * (len(careers) - 1) / 2 for i in range(len(dimensions))])
        ax.set_yticklabels([wrap(d, 22) for d in dimensions], fontsize=LABEL_PT)
        ax.invert_yaxis()
        ax.set_xlim(0, 110)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.tick_params(axis="x", labelsize=TICK_PT)
        ax.set_xlabel(axis_label)
        ax.grid(axis="x")
        fig.legend(loc="lower center", ncol=1, frameon=False, fontsize=LABEL_PT - 0.5)
    return fig
