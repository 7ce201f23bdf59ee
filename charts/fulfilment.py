"""Fulfilment profile: the five scores (0-100) as horizontal bars, value printed at each bar's end.

Horizontal bars read better than a radar here: lengths compare on a common 0 baseline, labels stay
horizontal and the chart survives grayscale printing. Sized for the cover / "at a glance" column.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import score_bars
from charts.style import DEFAULT, Palette
from charts.text import ChartText

TICKS = (0, 25, 50, 75, 100)


def draw(
    items: Sequence[tuple[str, int]],
    text: ChartText,
    *,
    width_in: float,
    height_in: float | None = None,
    palette: Palette = DEFAULT,
) -> Figure:
    """Bars for ``items`` [(label, score 0-100)], in order top to bottom, ``text.values`` printed;
    the height follows the rows (``height_in`` is not used); ``palette``: the bars' colour."""
    return score_bars("fulfilment", items, text, width_in, TICKS, palette)
