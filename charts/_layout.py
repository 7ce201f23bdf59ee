"""Exact, one-pass placement of a figure's single axes (private helper).

Matplotlib's constrained layout re-runs at every save and, with value labels hanging outside the
axes, does not settle: two saves of one figure differed. Here the axes is placed once, from
measured text extents, so that tick labels, axis titles and the value annotations all fit inside
the figure with a small pad, and nothing moves afterwards (output is byte-identical per input).
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from charts.style import rc

PAD_IN = 3 / 72


@dataclass(frozen=True)
class Overhang:
    """How far (inches) the axis decorations reach past each side of the axes box."""

    left: float
    bottom: float
    right: float
    top: float


def _overhang(fig: Figure, ax: Axes) -> Overhang:
    """Measure tick labels and axis titles around the axes (independent of the axes' size)."""
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    sides = [0.0, 0.0, 0.0, 0.0]
    for axis in (ax.xaxis, ax.yaxis):
        if not axis.get_visible():
            continue
        extent = axis.get_tightbbox(renderer)
        if extent is None:
            continue
        reach = (box.x0 - extent.x0, box.y0 - extent.y0, extent.x1 - box.x1, extent.y1 - box.y1)
        sides = [max(side, value / fig.dpi) for side, value in zip(sides, reach, strict=True)]
    return Overhang(*sides)


def _annotation_reach(fig: Figure, ax: Axes) -> list[tuple[float, float, float, float]]:
    """For each annotation: anchor position in axes fraction (fx, fy) and reach right/up in inches."""
    renderer = fig.canvas.get_renderer()
    reaches = []
    for text in ax.texts:
        if not isinstance(text, Annotation):
            continue
        anchor = ax.transData.transform(text.xy)
        fx, fy = ax.transAxes.inverted().transform(anchor)
        extent = text.get_window_extent(renderer)
        reaches.append((fx, fy, (extent.x1 - anchor[0]) / fig.dpi, (extent.y1 - anchor[1]) / fig.dpi))
    return reaches


def fit_axes(fig: Figure, ax: Axes, axes_height_in: float | None = None) -> None:
    """Place ``ax`` so everything fits; with ``axes_height_in`` the figure height follows the axes."""
    with rc():
        fig.set_layout_engine("none")
        fig_w, fig_h = fig.get_size_inches()
        out = _overhang(fig, ax)
        reaches = _annotation_reach(fig, ax)
        left, bottom = PAD_IN + out.left, PAD_IN + out.bottom
        width = fig_w - left - PAD_IN - out.right
        for fx, _fy, right, _up in reaches:
            if fx > 0:
                width = min(width, (fig_w - PAD_IN - left - right) / fx)
        if axes_height_in is not None:
            height = axes_height_in
            fig_h = bottom + height + max([out.top] + [fy * height + up - height for _, fy, _, up in reaches]) + PAD_IN
            fig.set_size_inches(fig_w, fig_h)
        else:
            height = fig_h - bottom - PAD_IN - out.top
            for _fx, fy, _right, up in reaches:
                if fy > 0:
                    height = min(height, (fig_h - PAD_IN - bottom - up) / fy)
        ax.set_position((left / fig_w, bottom / fig_h, width / fig_w, height / fig_h))
