"""Hard skills: one horizontal bar per skill on a 0-100 axis, in the sheet's order, values printed.

Long skill names are wrapped onto several lines; the figure grows with the number of skills.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import check_lengths, check_scores, draw_bars, finish, hbar_axes, value_axis
from charts.style import percent

TICKS = (0, 20, 40, 60, 80, 100)


def draw(
    items: Sequence[tuple[str, int]],
    value_labels: Sequence[str] | None = None,
    width_in: float = 6.3,
    *,
    axis_label: str | None = "Score (%)",
) -> Figure:
    """Bars for ``items`` [(skill, score 0-100)], first skill on top.

    ``value_labels`` are the printed values (default ``"90 %"`` with U+202F); ``axis_label=None``
    drops the axis title.
    """
    check_lengths("skills", items, value_labels)
    labels = [label for label, _ in items]
    scores = check_scores("skills", items)
    texts = list(value_labels) if value_labels is not None else [percent(score) for score in scores]
    fig, ax = hbar_axes(labels, width_in, axis_label)
    value_axis(ax, TICKS)
    draw_bars(ax, [0] * len(scores), scores, texts)
    return finish(fig, ax)
