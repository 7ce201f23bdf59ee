"""Draw the charts of a brochure (``charts/``) from the presentation step's chart data and words."""

from __future__ import annotations

from dataclasses import dataclass

from charts import fulfilment, salary, skills, style, training

from .present import Brochure

# Widths in inches at print size: the text block of A4 with 18 mm margins is 174 mm (6.85 in).
WIDTHS = {"fulfilment": 4.2, "skills": 6.8, "salary": 6.8, "training": 6.8}
HEIGHTS = {"training": 1.7}  # the others follow their rows
DRAWERS = {"fulfilment": fulfilment.draw, "skills": skills.draw, "salary": salary.draw, "training": training.draw}


@dataclass(frozen=True)
class Figures:
    svg: dict[str, bytes]
    png: dict[str, bytes]


def draw(brochure: Brochure, png: bool = False) -> Figures:
    """SVG (for PDF/HTML) and, if asked, 300 dpi PNG (for DOCX) of every chart of ``brochure``,
    in the colours of its brand."""
    palette = style.Palette.of(brochure.brand.accent)
    svgs: dict[str, bytes] = {}
    pngs: dict[str, bytes] = {}
    with style.rc(palette):
        for kind, chart in brochure.charts.items():
            fig = DRAWERS[kind](
                chart.data, chart.text, width_in=WIDTHS[kind], height_in=HEIGHTS.get(kind), palette=palette
            )
            svgs[kind] = style.to_svg(fig)
            if png:
                pngs[kind] = style.to_png(fig)
    return Figures(svgs, pngs)
