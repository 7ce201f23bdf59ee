"""The web edition: ``output/web/``, a static site a school uploads as it is (no server code).

- :func:`page_html`: one career page (``web/<slug>.html``), written by the sheet job like any other
  target, from the same presentation and charts; the charts are inline SVG (``inline_svg``).
- :func:`index_html`: the index of every career (``web/index.html``), which the build writes after the
  sheets with the site's assets (:mod:`brochure.build.site`).

The pages link to the downloads of the same build by relative paths (``../pdf/<slug>.pdf``,
``../docx/<slug>.docx``, ``../summary/<slug>.pdf``): `invoke build --edition web` builds them too
(see ``commands.targets``); upload ``output/`` with its ``web``, ``pdf``, ``docx`` and ``summary`` folders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from brochure import __version__
from brochure.core import paths
from brochure.core.errors import FAILED, BrochureError
from brochure.present.front import first_sentence

if TYPE_CHECKING:
    from brochure.present.presentation import Brochure, Chart

INDEX = "index"  # web/index.html: no sheet may take this slug in the web edition
ASSETS = "assets"
LAYOUT = paths.LAYOUTS / "web"
STATIC = ("site.css", "filter.js")  # copied from layouts/web/ into web/assets/
MINIMUMS = (50, 60, 70, 80)  # the index's "minimum score" choices, in %
MIME = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
CHART_TITLES = {"fulfilment": "fulfilment", "skills": "hard_skills", "salary": "salary_bands", "training": "levels"}


class WebError(BrochureError):
    """A sheet the web edition cannot publish (said in the build summary)."""

    exit_code = FAILED


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    type: str


def downloads(brochure: Brochure, targets: Sequence[tuple[str, str]]) -> list[Download]:
    """The career's downloads, relative to its page (``output/web/<slug>.html``): one per (target,
    extension) its web target links to, labelled ``web_download_<target>``."""
    slug = brochure.sheet.slug
    return [
        Download(brochure.labels[f"web_download_{target}"], f"../{target}/{slug}.{ext}", MIME[ext])
        for target, ext in targets
    ]


def logo_href(brand) -> str | None:
    """Where the brand's logo lands in the site (``assets/logo.svg`` or ``.png``), if it has one."""
    path = brand.logo_path()
    return f"{ASSETS}/logo{path.suffix}" if path else None


_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
_ID = re.compile(r'\sid="([^"]+)"')


def inline_svg(svg: bytes, prefix: str, title: str, chart: Chart) -> Markup:
    """A matplotlib SVG made fit to sit inside an HTML page: no XML prologue nor metadata, its ids
    prefixed with ``prefix`` (ids that nothing references are dropped), ``role="img"`` with a
    ``<title>`` and a ``<desc>`` (the chart's alt text), sized by its viewBox."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>|\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", text, flags=re.S)
    referenced = {m[2] for m in _REFERENCE.finditer(text)}
    text = _ID.sub(lambda m: f' id="{prefix}-{m[1]}"' if m[1] in referenced else "", text)
    text = _REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", text)
    text = re.sub(r"\n\s*", "\n", text)  # matplotlib indents every line: bytes for nothing
    head = re.match(r'<svg[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"', text)
    width_px = round(float(head[1]) * 4 / 3) if head else 400
    opening = (
        f'<svg class="chart-svg" role="img" aria-labelledby="{prefix}-title {prefix}-desc"'
        f' style="max-width: {width_px}px"'
    )
    text = re.sub(r'<svg[^>]*?(\sviewBox="[^"]+")[^>]*>', lambda m: f"{opening}{m[1]}>", text, count=1)
    text = text.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace(' version="1.1"', "")
    labels = f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(chart.alt)}</desc>'
    head_end = text.index(">") + 1
    return Markup(text[:head_end] + labels + text[head_end:])


def page_html(brochure: Brochure, svgs: dict[str, bytes], links: Sequence[tuple[str, str]]) -> bytes:
    """The web page of one career (``output/web/<slug>.html``), with a download for each (target, extension)
    of ``links``."""
    from brochure.present.presentation import contact_lines
    from brochure.render.html import environment  # Jinja2: kept out of a no-op build

    if brochure.sheet.slug == INDEX:
        raise WebError(f"the slug {INDEX!r} is the web edition's index page: rename the sheet")
    words = brochure.labels
    charts = {
        kind: inline_svg(svg, f"chart-{kind}", words[CHART_TITLES[kind]], brochure.charts[kind])
        for kind, svg in svgs.items()
    }
    template = environment().get_template("web/page.html.j2")  # the PDF's part templates, as web markup
    page = template.render(
        web=True,
        h=2,
        b=brochure,
        figures=charts,
        downloads=downloads(brochure, links),
        logo=logo_href(brochure.brand),
        contact=contact_lines(brochure.brand),
    )
    return page.encode("utf-8")


def _entry(brochure: Brochure) -> dict:
    """What the index shows of one career and filters it by."""
    s = brochure.sheet
    entry = brochure.entry
    return {
        "slug": s.slug,
        "title": s.title,
        "summary": first_sentence(s.summary),
        "dims": brochure.dims,
        "level": entry.name if entry else "",
        "level_line": entry.level if entry else "",
    }


def index_html(brochures: Sequence[Brochure], lang: str, brand) -> bytes:
    """The index of the careers: title, one-line summary, fulfilment profile, usual entry level."""
    from brochure.present.labels import labels
    from brochure.present.presentation import LANG_TAGS
    from brochure.render.html import environment  # Jinja2: kept out of a no-op build

    words = labels(lang)
    careers = sorted((_entry(b) for b in brochures), key=lambda c: (c["title"].casefold(), c["slug"]))
    dimensions = [(d.key.replace("_", "-"), d.label) for d in brochures[0].dims] if brochures else []
    template = environment().get_template("web/index.html.j2")
    page = template.render(
        web=True,
        L=words,
        lang=lang,
        lang_tag=LANG_TAGS[lang],
        brand=brand,
        logo=logo_href(brand),
        careers=careers,
        dimensions=dimensions,
        minimums=MINIMUMS,
        levels=sorted({c["level"] for c in careers if c["level"]}, key=str.casefold),
        version=__version__,
    )
    return page.encode("utf-8")
