"""Brochure model + figures -> HTML, through the Jinja2 templates of ``layouts/``."""

from __future__ import annotations

import base64
import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import paths, qr
from .front import first_sentence, shorten
from .present import Brochure, contact_lines
from .typography import breakable

# "e-commerce", "e-mail": never split at the hyphen nor hyphenated again. The space before the
# compound goes inside the guard: with the space outside, WeasyPrint 70 breaks the line at the
# paragraph's first break opportunity instead of the last one ("Les / outils de …").
_COMPOUND = re.compile(r"(\s?)\b(\w{1,2}-\w+)")


def text(value: str) -> Markup:
    """Escape sheet text for HTML and guard short hyphenated compounds."""
    escaped = str(escape(value))
    return Markup(_COMPOUND.sub(r'<span class="hyph-guard">\1\2</span>', escaped))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(paths.LAYOUTS),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["t"] = text
    env.filters["shorten"] = shorten
    env.filters["first_sentence"] = first_sentence
    env.filters["breakable"] = breakable
    env.globals["qr_uri"] = qr.svg_data_uri  # vector QR codes (brochure/qr.py)
    return env


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def brochure_html(
    brochure: Brochure, svgs: dict[str, bytes], template: str = "brochure.html.j2", prefix: str = ""
) -> str:
    """The HTML of one brochure; ``svgs`` maps a chart kind to its SVG bytes; ``prefix`` keeps its ids
    unique once joined to other parts."""
    return environment().get_template(template).render(**context(brochure, svgs, prefix))


def summary_html(brochure: Brochure, svgs: dict[str, bytes], recto: int = 0, verso: int = 0, prefix: str = "") -> str:
    """The HTML of the 2-page leaflet, each side at its shortening level (0: the most detail)."""
    template = environment().get_template("summary.html.j2")
    return template.render(recto=recto, verso=verso, **context(brochure, svgs, prefix))


def context(brochure: Brochure, svgs: dict[str, bytes], prefix: str = "") -> dict:
    """The variables of the brochure templates for one career; ``prefix`` keeps ids unique in a catalogue."""
    figures = {kind: data_uri(svg) for kind, svg in svgs.items()}
    return {
        "b": brochure,
        "figures": figures,
        "contact": contact_lines(brochure.brand),
        "prefix": prefix,
    }
