"""What a chart prints in words and numbers, given by the presentation step in the brochure's language.

Every chart's ``draw(data, text, *, width_in, height_in=None, palette=DEFAULT)`` takes one of these:
the charts hold no language of their own. This module imports nothing heavy (no matplotlib), so the
presentation step can build it in any process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartText:
    """``values``: one printed value per datum, in data order (a comparison: career by career);
    ``axis``: the value axis' title (None: none); ``tick``: how the value axis' ticks read (None:
    plain numbers); ``mark``: the entry-level mark of the training chart."""

    values: tuple[str, ...]
    axis: str | None = None
    tick: Callable[[float], str] | None = None
    mark: str = ""
