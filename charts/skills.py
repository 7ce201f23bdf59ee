"""Hard skills: one horizontal bar per skill on a 0-100 axis, in the sheet’s order, values printed (close
scores: a ranked dot plot, see charts.forms).

Long skill names are wrapped onto several lines; the figure grows with the number of skills.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from charts._bars import score_bars, score_figures
from charts.style import DEFAULT, Palette
from charts.text import ChartText

TICKS = (0, 20, 40, 60, 80, 100)


def draw(
    items: Sequence[tuple[str, int]],
    text: ChartText,
    *,
    width_in: float,
    height_in: float | None = None,
    palette: Palette = DEFAULT,
) -> Figure:
    """Bars for ``items`` [(skill, score 0-100)], first skill on top, ``text.values`` printed; the
    height follows the rows (``height_in`` is not used); ``palette``: the bars' colour."""
    return score_bars("skills", items, text, width_in, TICKS, palette)


def draw_parts(
    items: Sequence[tuple[str, int]],
    text: ChartText,
    *,
    width_in: float,
    max_rows: int,
    palette: Palette = DEFAULT,
) -> list[Figure]:
    """:func:`draw` split into figures of at most ``max_rows`` skills each (one form, one axis), for a
    page that cannot hold them all in one image."""
    return score_figures("skills", items, text, width_in, TICKS, palette, max_rows)
