"""Fulfilment profile: the five scores (0-100) as horizontal bars, value printed at each bar's end.

Horizontal bars read better than a radar here: lengths compare on a common 0 baseline, labels stay
horizontal and the chart survives grayscale printing. Sized for the cover / "at a glance" column.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import score_bars
from charts.style import DEFAULT, Palette

TICKS = (0, 25, 50, 75, 100)


def draw(
    items: Sequence[tuple[str, int]],
    width_in: float = 3.4,
    *,
    value_labels: Sequence[str] | None = None,
    axis_label: str | None = "Score (%)",
    palette: Palette = DEFAULT,
) -> Figure:
    """Bars for ``items`` [(label, score 0-100)], in order top to bottom.

    ``value_labels`` are the printed values (default ``"90 %"`` with U+202F); ``axis_label=None``
    drops the axis title; ``palette`` gives the bars' colour (a brand's accent).
    """
    return score_bars("fulfilment", items, value_labels, width_in, axis_label, TICKS, palette)
