"""Draw the charts of a brochure (``charts/``) from the presentation step's chart data."""

from __future__ import annotations

from dataclasses import dataclass

from charts import fulfilment, salary, skills, style, training

from .present import Brochure

# Widths in inches at print size: the text block of A4 with 18 mm margins is 174 mm (6.85 in).
WIDTHS = {"fulfilment": 4.2, "skills": 6.8, "salary": 6.8, "training": 6.8}


@dataclass(frozen=True)
class Figures:
    svg: dict[str, bytes]
    png: dict[str, bytes]


def draw(brochure: Brochure, png: bool = False) -> Figures:
    """SVG (for PDF/HTML) and, if asked, 300 dpi PNG (for DOCX) of every chart of ``brochure``,
    in the colours of its brand."""
    words = brochure.labels
    palette = style.Palette.of(brochure.brand.accent)
    svgs: dict[str, bytes] = {}
    pngs: dict[str, bytes] = {}
    with style.rc(palette):
        for kind, chart in brochure.charts.items():
            values = [value for _, value in chart.table]
            width = WIDTHS[kind]
            if kind == "fulfilment":
                fig = fulfilment.draw(
                    chart.data, value_labels=values, width_in=width, axis_label=words["score_axis"], palette=palette
                )
            elif kind == "skills":
                fig = skills.draw(
                    chart.data, value_labels=values, width_in=width, axis_label=words["score_axis"], palette=palette
                )
            elif kind == "salary":
                fig = salary.draw(
                    chart.data,
                    value_labels=values,
                    width_in=width,
                    tick_format=brochure.fmt.euros,
                    axis_label=words["salary_axis"],
                    palette=palette,
                )
            else:
                fig = training.draw(
                    chart.data,
                    width_in=width,
                    height_in=1.7,
                    entry_label=words["entry_level"],
                    value_labels=[level.ects for level in brochure.levels],
                    palette=palette,
                )
            svgs[kind] = style.to_svg(fig)
            if png:
                pngs[kind] = style.to_png(fig)
    return Figures(svgs, pngs)
