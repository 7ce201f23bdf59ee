"""Brochure model + figures -> HTML, through the Jinja2 templates of ``layouts/``."""

from __future__ import annotations

import base64
import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from brochure.core import paths
from brochure.present import qr
from brochure.present.front import first_sentence, shorten
from brochure.present.presentation import Brochure, contact_lines
from brochure.present.typography import breakable

# "e-commerce", "e-mail": never split at the hyphen nor hyphenated again. The space before the
# compound goes inside the guard: with the space outside, WeasyPrint 70 breaks the line at the
# paragraph's first break opportunity instead of the last one ("Les / outils de …").
_COMPOUND = re.compile(r"(\s?)\b(\w{1,2}-\w+)")
# A paragraph's last line is never longer than the measure (at most 80 characters): with its last
# 80 characters unhyphenated, the line before the last never ends on a hyphen (design brief rule 5;
# WeasyPrint has no hyphenate-limit-last).
TAIL = 80


def _guarded(value: str, space: bool = True) -> str:
    """``value`` escaped, its compounds guarded (with the space before them unless ``space`` is False:
    inside the job title, where the line may break before the compound)."""
    guard = r'<span class="hyph-guard">\1\2</span>' if space else r'\1<span class="hyph-guard">\2</span>'
    return _COMPOUND.sub(guard, str(escape(value)))


def _tail_start(value: str, title: str | None) -> int:
    """Where the unhyphenated tail starts: the first space at least ``TAIL`` characters from the end,
    moved back to the start of a title it would cut."""
    if len(value) <= TAIL:
        return 0
    start = value.find(" ", len(value) - TAIL)
    start = len(value) if start < 0 else start
    for found in _titles(value, title):
        if found.start() < start < found.end():
            return found.start()
    return start


def _titles(value: str, title: str | None) -> list[re.Match[str]]:
    return list(re.finditer(re.escape(title), value, re.IGNORECASE)) if title else []


def _marked(value: str, title: str | None) -> str:
    """Escaped text with the job title set apart (never hyphenated) and compounds guarded."""
    out, position = [], 0
    for found in _titles(value, title):
        start = found.start() - (found.start() > 0 and value[found.start() - 1] == " ")  # the space inside
        out.append(_guarded(value[position:start]))
        out.append(f'<span class="title-words">{_guarded(value[start : found.end()], space=False)}</span>')
        position = found.end()
    out.append(_guarded(value[position:]))
    return "".join(out)


def text(value: str, title: str | None = None) -> Markup:
    """Escape sheet text for HTML, guard short hyphenated compounds and the job title (``title``) from
    hyphenation, and keep the last words unhyphenated (see :data:`TAIL`)."""
    cut = _tail_start(value, title)
    head, tail = value[:cut], value[cut:]
    return Markup(_marked(head, title) + (f'<span class="tail">{_marked(tail, title)}</span>' if tail else ""))


@pass_context
def _text_filter(context: Context, value: str) -> Markup:
    """The ``t`` filter: :func:`text` with the title of the brochure being written."""
    brochure = context.get("b")
    return text(value, brochure.sheet.title if brochure is not None else None)


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
    env.filters["t"] = _text_filter
    env.filters["shorten"] = shorten
    env.filters["first_sentence"] = first_sentence
    env.filters["breakable"] = breakable
    env.globals["qr_uri"] = qr.svg_data_uri  # vector QR codes (brochure/present/qr.py)
    env.globals["note"] = ""  # a counselor's comment on a career (a pack: brochure_html's ``note``)
    # The part templates (layouts/parts/) serve the PDF editions and the web page (brochure/render/web/site.py):
    # ``web`` chooses the web page's markup, ``h`` is the level of a part's heading (h1 in a PDF; h2 on the web
    # page, under the career's h1); ``prefix`` keeps ids unique in a catalogue or a pack.
    env.globals.update(web=False, h=1, prefix="")
    return env


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


Svgs = dict[str, bytes] | dict[str, list[bytes]]


def _images(svg: bytes | list[bytes]) -> list[bytes]:
    return [svg] if isinstance(svg, bytes) else svg


def brochure_html(
    brochure: Brochure, svgs: Svgs, template: str = "brochure.html.j2", prefix: str = "", note: str = ""
) -> str:
    """The HTML of one brochure; ``svgs`` maps a chart kind to its SVG bytes (or to the images of a
    chart split in parts: ``Figures.parts``); ``prefix`` keeps its ids unique once joined to other parts;
    ``note``: a counselor's comment printed on its first page (a pack)."""
    return environment().get_template(template).render(note=note, **context(brochure, svgs, prefix))


def summary_html(
    brochure: Brochure, svgs: Svgs, recto: int = 0, verso: int = 0, prefix: str = "", note: str = ""
) -> str:
    """The HTML of the 2-page leaflet, each side at its shortening level (0: the most detail)."""
    template = environment().get_template("summary.html.j2")
    return template.render(recto=recto, verso=verso, note=note, **context(brochure, svgs, prefix))


def context(brochure: Brochure, svgs: Svgs, prefix: str = "") -> dict:
    """The variables of the brochure templates for one career; ``prefix`` keeps ids unique in a catalogue."""
    figures = {kind: [data_uri(part) for part in _images(svg)] for kind, svg in svgs.items()}
    return {
        "b": brochure,
        "figures": figures,
        "contact": contact_lines(brochure.brand),
        "prefix": prefix,
    }
