"""Fulfilment profile: the five scores (0-100) as horizontal bars, value printed at each bar's end.

Horizontal bars read better than a radar here: lengths compare on a common 0 baseline, labels stay
horizontal and the chart survives grayscale printing. Sized for the cover / "at a glance" column.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import check_lengths, check_scores, draw_bars, finish, hbar_axes, value_axis
from charts.style import percent

TICKS = (0, 25, 50, 75, 100)


def draw(
    items: Sequence[tuple[str, int]],
    width_in: float = 3.4,
    *,
    value_labels: Sequence[str] | None = None,
    axis_label: str | None = "Score (%)",
) -> Figure:
    """Bars for ``items`` [(label, score 0-100)], in order top to bottom.

    ``value_labels`` are the printed values (default ``"90 %"`` with U+202F); ``axis_label=None``
    drops the axis title.
    """
    check_lengths("fulfilment", items, value_labels)
    labels = [label for label, _ in items]
    scores = check_scores("fulfilment", items)
    texts = list(value_labels) if value_labels is not None else [percent(score) for score in scores]
    fig, ax = hbar_axes(labels, width_in, axis_label)
    value_axis(ax, TICKS)
    draw_bars(ax, [0] * len(scores), scores, texts)
    return finish(fig, ax)
