"""Draw the charts of a brochure (``charts/``) from the presentation step's chart data and words."""

from __future__ import annotations

from dataclasses import dataclass, fields

from charts import fulfilment, salary, skills, style, training

from .chartcache import ChartCache
from .present import Brochure, Chart

# Widths in inches at print size: the text block of A4 with 18 mm margins is 174 mm (6.85 in).
WIDTHS = {"fulfilment": 4.2, "skills": 6.8, "salary": 6.8, "training": 6.8}
HEIGHTS = {"training": 1.7}  # the others follow their rows
DRAWERS = {"fulfilment": fulfilment.draw, "skills": skills.draw, "salary": salary.draw, "training": training.draw}


@dataclass(frozen=True)
class Figures:
    svg: dict[str, bytes]
    png: dict[str, bytes]


def _stable(value: object) -> object:
    """``value`` as something whose ``repr`` is the same in every process (a tick formatter is a
    bound method: its class, name and settings, not its address)."""
    if callable(value):
        owner = getattr(value, "__self__", None)
        return (getattr(value, "__qualname__", repr(value)), sorted(vars(owner).items()) if owner else None)
    return value


def chart_key(cache: ChartCache, kind: str, chart: Chart, accent: str) -> str:
    """The digest of everything one chart's image is drawn from."""
    text = tuple(_stable(getattr(chart.text, f.name)) for f in fields(chart.text))
    return cache.key(kind, chart.data, text, WIDTHS[kind], HEIGHTS.get(kind), accent)


def draw(brochure: Brochure, png: bool = False, cache: ChartCache | None = None) -> Figures:
    """SVG (for PDF/HTML) and, if asked, 300 dpi PNG (for DOCX) of every chart of ``brochure``,
    in the colours of its brand; charts found in ``cache`` are not drawn again."""
    accent = brochure.brand.accent
    palette = style.Palette.of(accent)
    svgs: dict[str, bytes] = {}
    pngs: dict[str, bytes] = {}
    with style.rc(palette):
        for kind, chart in brochure.charts.items():
            key = chart_key(cache, kind, chart, accent) if cache else ""
            svg, image = (cache.get(key, "svg"), cache.get(key, "png") if png else None) if cache else (None, None)
            if svg is None or (png and image is None):
                fig = DRAWERS[kind](
                    chart.data, chart.text, width_in=WIDTHS[kind], height_in=HEIGHTS.get(kind), palette=palette
                )
                svg, image = style.to_svg(fig), style.to_png(fig) if png else None
                if cache:
                    cache.put(key, "svg", svg)
                    if image is not None:
                        cache.put(key, "png", image)
            svgs[kind] = svg
            if image is not None:
                pngs[kind] = image
    return Figures(svgs, pngs)
