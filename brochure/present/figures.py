"""Draw the charts of a brochure (``charts/``) from the presentation step's chart data and words, for
the page they are printed on: each edition's frame gives the widths, so a chart is shown at the size
it was drawn (never scaled, its text at its drawn size: design brief rule 3)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from brochure.present.chartcache import ChartCache
from brochure.present.presentation import Brochure, Chart
from charts import fulfilment, salary, skills, style, training

MM_IN = 1 / 25.4


@dataclass(frozen=True)
class Frame:
    """Where an edition prints its charts, in mm: ``text``, the text block's width (layouts/css);
    ``box``, a box of a side-by-side grid (the summary's); ``rows``, the most score rows one image
    may hold before the list is split (about half the text block's height); ``ink``, how greys print."""

    name: str
    text: float
    box: float
    rows: int
    ink: str = "rgb"  # "k": neutral greys in black ink only (the print shop's edition, charts/style.black_ink)

    def width_in(self, kind: str) -> float:
        """The printed width of a chart kind, in inches."""
        return (self.box if kind in SIDE_BY_SIDE.get(self.name, ()) else self.text) * MM_IN


FRAMES = {
    "a4": Frame("a4", 176, 176, 7),  # brochure.css: A4, 17 mm margins; short parts fill the pages
    "a5": Frame("a5", 117, 117, 4),  # edition-booklet.css: A5, 17 + 14 mm; short parts fill the pages
    "summary": Frame("summary", 176, 86, 8),  # summary.css: boxes of the leaflet's grid
    "print": Frame("print", 176, 176, 7, ink="k"),  # the a4 frame for a press: black in K only
}
SIDE_BY_SIDE = {"summary": ("fulfilment", "skills")}
HEIGHTS = {"training": 1.7}  # the others follow their rows
DRAWERS = {"fulfilment": fulfilment.draw, "skills": skills.draw, "salary": salary.draw, "training": training.draw}


@dataclass(frozen=True)
class Figures:
    """``svg[kind]``: the chart whole; ``parts[kind]``: the images the PDF shows for it (a long list
    split, else the whole one); ``png[kind]`` (the DOCX's page holds any list whole)."""

    svg: dict[str, bytes]
    png: dict[str, bytes]
    parts: dict[str, list[bytes]] = field(default_factory=dict)


def _stable(value: object) -> object:
    """``value`` as something whose ``repr`` is the same in every process (a tick formatter is a
    bound method: its class, name and settings, not its address)."""
    if callable(value):
        owner = getattr(value, "__self__", None)
        return (getattr(value, "__qualname__", repr(value)), sorted(vars(owner).items()) if owner else None)
    return value


def chart_key(cache: ChartCache, kind: str, chart: Chart, width_in: float, accent: str) -> str:
    """The digest of everything one chart's image is drawn from."""
    text = tuple(_stable(getattr(chart.text, f.name)) for f in fields(chart.text))
    return cache.key(kind, chart.data, text, round(width_in, 3), HEIGHTS.get(kind), accent)


def draw(
    brochure: Brochure,
    png: bool = False,
    frame: Frame = FRAMES["a4"],
    cache: ChartCache | None = None,
    drawings: dict | None = None,
) -> Figures:
    """SVG (for PDF/HTML) and, if asked, 300 dpi PNG (for DOCX) of every chart of ``brochure`` at the
    widths of ``frame``, in the colours of its brand. ``drawings``: the charts already drawn in this job,
    by kind, width and rows (frames share the widths they can); ``cache``: charts drawn by earlier jobs
    (brochure/present/chartcache.py), looked up before drawing."""
    drawings = {} if drawings is None else drawings
    palette = style.Palette.of(brochure.brand.accent)
    svgs: dict[str, bytes] = {}
    pngs: dict[str, bytes] = {}
    parts: dict[str, list[bytes]] = {}
    with style.rc(palette):
        for kind, chart in brochure.charts.items():
            width = frame.width_in(kind)
            svgs[kind], picture = _drawn(kind, chart, width, png, palette, brochure.brand.accent, cache, drawings)
            if png:
                pngs[kind] = picture
            parts[kind] = _parts(kind, chart, width, frame.rows, palette, drawings) or [svgs[kind]]
    if frame.ink == "k":  # drawn once with the a4 frame's charts, then inked for the press
        svgs = {kind: style.black_ink(svg) for kind, svg in svgs.items()}
        parts = {kind: [style.black_ink(svg) for svg in images] for kind, images in parts.items()}
    return Figures(svgs, pngs, parts)


def _drawn(kind: str, chart: Chart, width: float, png: bool, palette, accent: str, cache, drawings: dict):
    """One chart's SVG and PNG (``b""`` unless asked): from this job's drawings, the chart cache, or drawn."""
    key = (kind, round(width, 3), png)
    if key not in drawings:
        digest = chart_key(cache, kind, chart, width, accent) if cache else ""
        svg = cache.get(digest, "svg") if cache else None
        image = cache.get(digest, "png") if cache and png else None
        if svg is None or (png and image is None):
            fig = DRAWERS[kind](chart.data, chart.text, width_in=width, height_in=HEIGHTS.get(kind), palette=palette)
            svg, image = style.to_svg(fig), style.to_png(fig) if png else None
            if cache:
                cache.put(digest, "svg", svg)
                if image is not None:
                    cache.put(digest, "png", image)
        drawings[key] = (svg, image or b"")
    return drawings[key]


def _parts(kind: str, chart, width: float, rows: int, palette: style.Palette, cache: dict) -> list[bytes]:
    """The skills list in several images when it has more than ``rows`` rows (none otherwise)."""
    if kind != "skills" or len(chart.data) <= rows:
        return []
    key = (kind, round(width, 3), "parts", rows)
    if key not in cache:
        figs = skills.draw_parts(chart.data, chart.text, width_in=width, max_rows=rows, palette=palette)
        cache[key] = [style.to_svg(fig) for fig in figs]
    return cache[key]
