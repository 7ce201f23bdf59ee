"""The pack's own pages (``layouts/pack.html.j2``): what they print, computed once from the careers'
presentations (brochure/present/presentation.py) and the dossier; the template only lays it out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brochure.present import presentation as present
from brochure.present import qr
from brochure.present.brand import load as load_brand
from brochure.products.catalogue.book import compare_chart
from brochure.products.pack import dossier
from brochure.render import html as render_html

QR_MM = 24.0  # printed size of each QR code, quiet zone included (at least qr.MIN_MM)
CHART_GROUP = 4  # the comparison chart takes 2 to 4 careers: 5 or 6 are drawn as two charts

if TYPE_CHECKING:
    from brochure.products.pack.document import Numbers, Pack


def _groups(brochures: list) -> list[list]:
    """The careers in groups of 2 to 4 (the comparison chart's limits): 5 -> 3 + 2, 6 -> 3 + 3."""
    if len(brochures) <= CHART_GROUP:
        return [brochures]
    half = (len(brochures) + 1) // 2
    return [brochures[:half], brochures[half:]]


def comparison(pack: Pack) -> dict | None:
    """The comparison page: the profiles chart(s) and one row per career (None for a single career)."""
    from charts import style  # matplotlib: kept out of a no-op build

    if len(pack.brochures) < 2:
        return None
    palette = style.Palette.of(load_brand(pack.request.selection.brand).accent)
    charts = [compare_chart(group, pack.words, palette) for group in _groups(pack.brochures)]
    rows = []
    for b in pack.brochures:
        rows.append({"title": b.sheet.title, "entry": b.entry, "bands": b.bands, "skills": b.top_skills})
    return {"charts": charts, "rows": rows}


def _careers(pack: Pack, numbers: Numbers) -> list[dict[str, Any]]:
    careers = []
    for index, (b, comment) in enumerate(zip(pack.brochures, pack.request.selection.comments, strict=True)):
        url = online(b)
        careers.append(
            {
                "title": b.sheet.title,
                "summary": render_html.first_sentence(b.sheet.summary),
                "comment": pack.typeset(comment) if comment else None,
                "prefix": pack.prefixes[index],
                "page": numbers.starts[index + 1],
                "url": url,
                "short": qr.short(url) if url else None,
                "qr": qr.svg_data_uri(url, QR_MM) if url else None,
                "qr_alt": pack.words["qr_alt"].format(title=b.sheet.title, address=qr.short(url)) if url else "",
            }
        )
    return careers


def online(brochure) -> str | None:
    """The address of a career's online sheet (its QR code), or None."""
    return qr.target(brochure.sheet.provenance.source_url, None, brochure.sheet.slug)


def _meta(pack: Pack) -> dict[str, str]:
    """The PDF's metadata: the careers, the school; never the student."""
    titles = ", ".join(b.sheet.title for b in pack.brochures)
    words, count = pack.words, len(pack.brochures)
    subject = words["pack_subject_one" if count == 1 else "pack_subject"].format(count=count, titles=titles)
    brand = load_brand(pack.request.selection.brand)
    return {
        "title": pack.typeset(words["pack_title"].format(titles=titles)),
        "subject": pack.typeset(subject),
        "keywords": ", ".join([words["pack"], *(b.sheet.title for b in pack.brochures)]),
        "author": brand.school or words["pack"],
    }


def context(pack: Pack, numbers: Numbers) -> dict[str, Any]:
    """The variables of ``layouts/pack.html.j2``."""
    selection, words = pack.request.selection, pack.words
    brand = load_brand(selection.brand)
    counselor = selection.counselor
    drafts = [b.sheet.title for b in pack.brochures if b.draft]
    fmt = present.Formatter(pack.lang)
    return {
        "L": words,
        "lang_tag": present.LANG_TAGS[pack.lang],
        "brand": brand,
        "meta": _meta(pack),
        "version": pack.brochures[0].version,
        "date": pack.request.date,
        "for_line": words["pack_for"].format(name=selection.dossier.student.first_name),
        "by_line": pack.typeset(words["pack_by"].format(counselor=counselor.name)),
        "word_line": words["pack_word"].format(counselor=counselor.name),
        "date_text": fmt.date(pack.request.date),
        "note": [pack.typeset(p) for p in dossier.paragraphs(selection.dossier.note)],
        "careers": _careers(pack, numbers),
        "compare": pack.comparison,
        "counselor": counselor,
        "drafts": pack.typeset(words["pack_draft"].format(titles=", ".join(drafts))) if drafts else None,
        "start": numbers.starts[0],
        "total": numbers.total,
    }


def html(pack: Pack, part: str, numbers: Numbers) -> str:
    """The HTML of the front matter (``part`` "front") or the back matter ("back")."""
    start = numbers.starts[0] if part == "front" else numbers.starts[-1]
    variables = context(pack, numbers) | {"part": part, "start": start}
    return render_html.environment().get_template("pack.html.j2").render(**variables)
