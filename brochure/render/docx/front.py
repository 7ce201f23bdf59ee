"""The DOCX brochure's front pages: the cover (key-fact tiles, mission themes, QR code) and "L’essentiel".

The same facts as the PDF's partials (``layouts/parts/cover.html.j2``, ``glance.html.j2``), in the same
order, from the presentation step (:mod:`brochure.present.front`). Word takes no SVG: the QR code is a PNG.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from brochure.present import qr
from brochure.render.docx import logo
from brochure.render.docx.word import set_look

if TYPE_CHECKING:
    from brochure.present.front import Link
    from brochure.present.plan import PartView
    from brochure.render.docx.writer import Writer

QR_MM = 28  # printed size of the cover's code (>= qr.MIN_MM)
COLUMN_GAP_TWIPS = 425  # 7.5 mm between the glance page's columns


def _cell_lines(cell, lines: list[tuple[str, str | None, bool]]) -> None:
    """Fill a table cell with (text, style, bold) paragraphs."""
    cell.paragraphs[0].text = ""
    for index, (text, style, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if style:
            paragraph.style = style
        paragraph.add_run(text).bold = bold or None


def tiles(w: Writer) -> None:
    """The key-fact tiles, two to a row."""
    items = w.b.front.tiles
    table = w.doc.add_table(rows=(len(items) + 1) // 2, cols=2)
    set_look(table, header=False, first_column=False)  # a layout table: no header row for screen readers
    shade = w.b.brand.accent_light[1:].upper()
    for index, tile in enumerate(items):
        cell = table.rows[index // 2].cells[index % 2]
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{shade}"/>')
        )
        _cell_lines(
            cell, [(tile.label.upper(), "Caption", True), (tile.value, "Heading 3", True), (tile.note, None, False)]
        )


def layout_table(w: Writer, widths_mm: list[float]):
    """A one-row table that only places things side by side (no header row, no header column)."""
    table = w.doc.add_table(rows=1, cols=len(widths_mm))
    set_look(table, header=False, first_column=False)
    fit(table, widths_mm)
    return table


def code_cells(w: Writer, link: Link, left, right, size_mm: float) -> None:
    """The QR code (PNG) in ``left``, the short address and how to use it in ``right``."""
    words = w.b.labels
    if link.has_code:
        run = left.paragraphs[0].add_run()
        shape = run.add_picture(io.BytesIO(qr.png(link.url, size_mm)), width=Mm(size_mm), height=Mm(size_mm))
        shape._inline.docPr.set("descr", f"{words['online']}{words['colon']}{link.short}")
    lines = [(words["online"].upper(), "Caption", True), (link.short, None, True)]
    if link.has_code:
        lines.append((words["scan"], "Caption", False))
    _cell_lines(right, lines)


def online(w: Writer, link: Link | None, size_mm: float = QR_MM, width_mm: float = 170) -> None:
    """The QR code with the short address printed beside it, ``width_mm`` wide in all; nothing for a
    sheet without an address."""
    if link is not None:
        code_cells(w, link, *layout_table(w, [size_mm + 4, width_mm - size_mm - 4]).rows[0].cells, size_mm)


def cover(w: Writer, part: PartView) -> None:
    b, words, brand = w.b, w.b.labels, w.b.brand
    picture = logo.png(brand)  # Word takes PNG: an SVG-only brand's logo is rasterised
    if picture:
        shape = w.doc.add_picture(io.BytesIO(picture), height=Mm(logo.HEIGHT_MM))
        shape._inline.docPr.set("descr", brand.school or "")
    if brand.school:
        w.para(brand.school, "Subtitle")
    w.para(words["kind"].upper(), "Subtitle")
    w.doc.add_paragraph(b.sheet.title, style="Title")
    w.para(b.sheet.summary, "Subtitle")
    if b.draft_note:
        w.para(b.draft_note, "Draft Mark")
    tiles(w)
    if b.front.themes:
        w.doc.add_heading(words["mission_themes"], 2)
        for theme in b.front.themes:
            w.para(theme, "List Number")
    online(w, b.front.link)
    if b.front.link is None and b.facts:  # as the PDF's cover: the counted facts where the code would be
        w.doc.add_heading(words["key_facts"], 2)
        w.bullets(b.facts)
    if b.date_text:
        w.para(f"{words['revised']}{words['colon']}{b.date_text}", "Caption")
    w.doc.add_page_break()


def fit(table, widths_mm: list[float]) -> None:
    """Give a table fixed column widths (a table in one of the glance page's columns)."""
    table.autofit = False
    for column, mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(mm)
        for cell in column.cells:
            cell.width = Mm(mm)


def columns(w: Writer, count: int) -> None:
    """End the section here: what follows is set in ``count`` columns that read down (Word's columns).

    The section ends on the last paragraph written when there is one (no empty line for the break)."""
    body = w.doc.element.body
    sentinel = body.get_or_add_sectPr()
    last = sentinel.getprevious()
    if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        w.doc.add_section(WD_SECTION.CONTINUOUS)
    else:  # as python-docx's add_section, on that paragraph
        last.set_sectPr(sentinel.clone())
        for reference in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(reference)
        sentinel.start_type = WD_SECTION.CONTINUOUS
    cols = sentinel.find(qn("w:cols"))
    if cols is None:
        cols = sentinel.makeelement(qn("w:cols"), {})
        sentinel.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(COLUMN_GAP_TWIPS))


def glance(w: Writer, part: PartView) -> None:
    """The glance page in two columns, as in the PDF: it holds on one page (rule 13's page count)."""
    b, f, words = w.b, w.b.front, w.b.labels
    colon = words["colon"]
    w.heading(part.label, 1)
    columns(w, 2)
    w.doc.add_heading(words["fulfilment"], 2)
    fit(w.table(None, [[d.label + (f" — {d.hint}" if d.hint else ""), d.value] for d in b.dims]), [64, 16])
    w.para(words["how_to_read"], "Caption")
    if f.hard:
        w.doc.add_heading(words["top_skills"], 2)
        fit(
            w.table(None, [[h.name + (f" — {h.keywords}" if h.keywords else ""), h.value] for h in f.hard]),
            [64, 16],
        )
        w.para(f.hard_note, "Caption")
    if f.soft:
        w.doc.add_heading(words["soft_skills"], 2)
        w.bullets([item.name for item in f.soft])
        w.para(f.soft_note, "Caption")
    w.doc.add_paragraph().add_run().add_break(WD_BREAK.COLUMN)  # the right column, as in the PDF
    entry = b.entry
    if entry:
        w.doc.add_heading(f"{words['usual_entry']}{colon}{entry.name}", 2)
        fit(
            w.table(None, [[lv.name, lv.line + (f" — {lv.mark}" if lv.mark else "")] for lv in b.levels]),
            [22, 58],
        )
        w.para(f"{words['route']}{colon}{f.route}")
        if f.experience:
            w.para(f"{words['by_experience']}{colon}{' · '.join(f.experience)}")
    if f.pay:
        w.doc.add_heading(words["salary_bands"], 2)
        rows = [[p.label + (f" ({p.experience})" if p.experience else ""), f"{p.annual} · {p.monthly}"] for p in f.pay]
        fit(w.table(None, rows), [26, 54])
        w.para(f.monthly_note, "Caption")
    if f.constraints:
        w.doc.add_heading(words["constraints"], 2)
        w.bullets([item.name for item in f.constraints])
        w.para(f.constraints_note, "Caption")
    columns(w, 1)  # LibreOffice sets a contents field across the page, whatever the columns around it
    w.doc.add_heading(words["learn_more"], 2)
    w.toc_anchor = w.doc.add_paragraph()  # "in this brochure", filled when every heading is written
    online(w, f.link, qr.MIN_MM)
