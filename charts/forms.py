"""Which form a score chart takes (design brief rule 11), decided from the numbers alone.

Light on purpose (no matplotlib): the presentation step asks it too, to print the matching "how to
read" line under the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

CLOSE = 20  # scores whose range is under this many points are told apart on a dot plot


def ranked_dots(scores: Sequence[float]) -> bool:
    """True when the scores are close (range under :data:`CLOSE` points): a ranked dot plot with values
    and a zoomed axis reads the differences; bars (from 0, never truncated) would look identical."""
    return bool(scores) and max(scores) - min(scores) < CLOSE


def dot_axis_start(scores: Sequence[float]) -> int:
    """Where a dot plot's axis starts: 5 points below the lowest score, down to a multiple of 10, and at
    least :data:`CLOSE` points below 100 (the axis always ends at 100)."""
    low = int(max(0.0, min(scores) - 5) // 10 * 10)
    return min(low, 100 - CLOSE)
