"""Salary bands: each band a floating bar from its minimum to its maximum on an axis from 0 €.

The range (``"30 000 – 45 000 €"``) is printed after each bar; ticks are French amounts
(U+202F thousands separator, U+00A0 before €). Works for 1 to 4 bands (or more).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from charts._bars import check_lengths, draw_bars, finish, hbar_axes, value_axis
from charts.style import DEFAULT, Palette, euros, thousands
from charts.text import ChartText


def range_label(low: int, high: int) -> str:
    """``"30 000 – 45 000 €"``: U+202F thousands separators, en dash, U+00A0 before €."""
    if low == high:
        return euros(low)
    return f"{thousands(low)} – {euros(high)}"


def euro_ticks(top: int, width_in: float = 6.3) -> list[float]:
    """Round tick values from 0 up to at least ``top``: one interval per ~0.8 in of axis (axis ~60 % of width)."""
    intervals = max(2, min(5, int(0.6 * width_in / 0.8)))
    ticks = [float(t) for t in MaxNLocator(nbins=intervals, steps=[1, 2, 2.5, 5, 10]).tick_values(0, max(top, 1))]
    ticks = [t for t in ticks if t >= 0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + (ticks[1] - ticks[0]))
    return ticks


def draw(
    bands: Sequence[tuple[str, int, int]],
    text: ChartText,
    *,
    width_in: float,
    height_in: float | None = None,
    palette: Palette = DEFAULT,
) -> Figure:
    """Range bars for ``bands`` [(label, min €, max €)], first band on top, ``text.values`` (the
    ranges) printed; ``text.tick`` writes the amounts under the axis; the height follows the rows."""
    check_lengths("salary", bands, text.values)
    labels = [label for label, _, _ in bands]
    lows = [min(low, high) for _, low, high in bands]
    highs = [max(low, high) for _, low, high in bands]
    tick = text.tick or euros
    fig, ax = hbar_axes(labels, width_in, text.axis)
    value_axis(ax, euro_ticks(max(highs), width_in), lambda value: tick(round(value)))
    draw_bars(ax, lows, highs, text.values, palette)
    return finish(fig, ax)
