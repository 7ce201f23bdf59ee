"""Hard skills: one horizontal bar per skill on a 0-100 axis, in the sheet's order, values printed.

Long skill names are wrapped onto several lines; the figure grows with the number of skills.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import score_bars
from charts.style import DEFAULT, Palette

TICKS = (0, 20, 40, 60, 80, 100)


def draw(
    items: Sequence[tuple[str, int]],
    value_labels: Sequence[str] | None = None,
    width_in: float = 6.3,
    *,
    axis_label: str | None = "Score (%)",
    palette: Palette = DEFAULT,
) -> Figure:
    """Bars for ``items`` [(skill, score 0-100)], first skill on top.

    ``value_labels`` are the printed values (default ``"90 %"`` with U+202F); ``axis_label=None``
    drops the axis title; ``palette`` gives the bars' colour (a brand's accent).
    """
    return score_bars("skills", items, value_labels, width_in, axis_label, TICKS, palette)
