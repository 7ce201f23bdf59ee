"""Brochure model + chart PNGs -> an editable DOCX, in the PDF's content and order.

Built from Word's own structures: built-in Title/Heading styles (the navigation pane works),
a TOC field pre-filled with the headings and refreshed by Word on open, PAGE/NUMPAGES fields,
List Bullet paragraphs, tables for scores, pictures with alt text. Styles come from
``layouts/docx/reference.docx``; this module names styles and never sets fonts or sizes.
Same inputs give the same bytes (fixed zip dates, fixed core properties).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, RGBColor

from . import logo
from .docx_reference import REFERENCE
from .docx_word import brand_accent, deterministic_zip, fill_toc, header_footer, properties, update_fields_on_open
from .plan import PartView
from .present import Brochure, contact_lines

TABLE_STYLE = "Light List Accent 1"


class Writer:
    """One DOCX brochure; ``toc`` collects the headings for the pre-filled table of contents."""

    def __init__(self, brochure: Brochure, pngs: dict[str, bytes]) -> None:
        self.b = brochure
        self.pngs = pngs
        self.doc = Document(str(REFERENCE))
        self.toc: list[tuple[int, str]] = []
        self.toc_anchor = None  # the paragraph the table of contents replaces (set by glance)
        accent = RGBColor.from_string(brochure.brand.accent[1:].upper())
        for name in ("Heading 1", "Heading 2", "TOC Heading"):  # the brand's accent on the headings
            self.doc.styles[name].font.color.rgb = accent
        brand_accent(self.doc, TABLE_STYLE, brochure.brand.accent)  # and on the tables
        section = self.doc.sections[0]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    # -- building blocks -------------------------------------------------------------------
    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        self.doc.add_heading(text, level).paragraph_format.page_break_before = new_page or None
        if level <= 2:
            self.toc.append((level, text))

    def para(self, text: str, style: str | None = None) -> None:
        self.doc.add_paragraph(text, style=style)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.doc.add_paragraph(item, style="List Bullet")

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> None:
        table = self.doc.add_table(rows=0, cols=len(rows[0]) if rows else len(header or []))
        table.style = self.doc.styles[TABLE_STYLE]
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is None:
            look = table._tbl.tblPr.makeelement(qn("w:tblLook"), {})
            table._tbl.tblPr.append(look)
        # No header band on a table without a header row (w:val is the same flags as a bitmask).
        flags = {
            "firstRow": bool(header),
            "lastRow": False,
            "firstColumn": True,
            "lastColumn": False,
            "noHBand": False,
            "noVBand": True,
        }
        bits = {
            "firstRow": 0x20,
            "lastRow": 0x40,
            "firstColumn": 0x80,
            "lastColumn": 0x100,
            "noHBand": 0x200,
            "noVBand": 0x400,
        }
        look.set(qn("w:val"), f"{sum(bits[k] for k, on in flags.items() if on):04X}")
        for key, on in flags.items():
            look.set(qn(f"w:{key}"), "1" if on else "0")
        for values in ([header] if header else []) + list(rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        self.doc.add_paragraph()

    def chart(self, kind: str) -> None:
        chart = self.b.charts.get(kind)
        if chart is None:
            return
        shape = self.doc.add_picture(io.BytesIO(self.pngs[kind]))
        ratio = shape.height / shape.width
        shape.width = Emu(int(self.text_width))
        shape.height = Emu(int(self.text_width * ratio))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", self.b.labels["data_table"])
        for line in (chart.how_to_read, chart.caption, chart.source):  # as under the PDF's chart
            self.para(line, "Caption")

    # -- the brochure, part by part (PART_WRITERS: one method per part of the section plan) ----
    def cover(self, part: PartView) -> None:
        s, words, brand = self.b.sheet, self.b.labels, self.b.brand
        picture = logo.png(brand)  # Word takes PNG: an SVG-only brand's logo is rasterised
        if picture:
            shape = self.doc.add_picture(io.BytesIO(picture), height=Mm(logo.HEIGHT_MM))
            shape._inline.docPr.set("descr", brand.school or "")
        if brand.school:
            self.para(brand.school, "Subtitle")
        self.para(words["kind"].upper(), "Subtitle")
        self.doc.add_paragraph(s.title, style="Title")
        self.para(s.summary, "Subtitle")
        if self.b.draft_note:
            self.para(self.b.draft_note, "Draft Mark")
        self.doc.add_heading(words["fulfilment"], 2)
        self.chart("fulfilment")
        if self.b.date_text:
            self.para(f"{words['revised']}{words['colon']}{self.b.date_text}", "Caption")
        self.doc.add_page_break()

    def glance(self, part: PartView) -> None:
        b, words = self.b, self.b.labels
        self.heading(part.label, 1)
        self.doc.add_heading(words["fulfilment"], 2)
        self.table(None, [[d.label, d.hint or "", d.value] for d in b.dims])
        if b.top_skills:
            self.doc.add_heading(words["top_skills"], 2)
            self.table(None, [[name, value] for name, _, value in b.top_skills])
        if b.bands:
            self.doc.add_heading(words["salary_bands"], 2)
            self.table(None, [[band.label, band.experience or "", band.range] for band in b.bands])
        if b.levels:
            self.doc.add_heading(words["levels"], 2)
            mark = words["entry_level"]
            self.table(None, [[lv.name, lv.line, mark if lv.is_entry else ""] for lv in b.levels])
        self.doc.add_heading(words["key_facts"], 2)
        self.bullets(b.facts)
        self.toc_anchor = self.doc.add_paragraph()

    def missions(self, part: PartView) -> None:
        m = self.b.sheet.missions
        self.heading(part.label, 1, new_page=True)
        self.para(m.intro)
        for theme in m.themes:
            self.heading(theme.title, 2)
            self.bullets(theme.bullets)

    def skills(self, part: PartView) -> None:
        s, words = self.b.sheet, self.b.labels
        self.heading(part.label, 1)
        if s.soft_skills:
            self.heading(words["soft_skills"], 2)
            self.para(s.soft_skills.intro)
            self.named(s.soft_skills.items, 3)
        if s.hard_skills:
            self.heading(words["hard_skills"], 2)
            self.para(s.hard_skills.intro)
            self.chart("skills")
            rows = [[h.name, ", ".join(h.keywords)] for h in s.hard_skills.items]
            self.table([words["hard_skills"], words["keywords"]], rows)

    def named(self, items: Sequence, level: int) -> None:  # items with .name and .text
        """Headed items: level 2 in a part without sections, 3 under a section (as the PDF's partials)."""
        for item in items:
            self.doc.add_heading(item.name, level)
            self.para(item.text)

    def training(self, part: PartView) -> None:
        s, words = self.b.sheet, self.b.labels
        self.heading(part.label, 1)
        if s.training:
            self.heading(words["training"], 2)
            self.chart("training")
            for lv in self.b.levels:
                mark = f" — {words['entry_level']}" if lv.is_entry else ""
                self.doc.add_heading(f"{lv.name} · {lv.line}{mark}", 3)
                if lv.specific:
                    self.para(lv.specific)
        if s.experience:
            self.heading(words["experience"], 2)
            if s.experience.intro:
                self.para(s.experience.intro)
            self.named(s.experience.paths, 3)

    def tools(self, part: PartView) -> None:
        t = self.b.sheet.tools
        self.heading(part.label, 1)
        self.para(t.intro)
        for family in t.families:
            self.doc.add_heading(family.name, 2)
            self.para(" · ".join(family.tools))
            if family.text:
                self.para(family.text)

    def constraints(self, part: PartView) -> None:
        c = self.b.sheet.constraints
        self.heading(part.label, 1)
        self.para(c.intro)
        self.named(c.items, 2)

    def salary(self, part: PartView) -> None:
        s, words = self.b.sheet.salary, self.b.labels
        self.heading(part.label, 1)
        self.chart("salary")
        for paragraph in s.paragraphs:
            self.para(paragraph, "Site Note")
        if s.quote:
            self.para(s.quote, "Quote")
        if s.evolution:
            self.heading(words["evolution"], 2)
            for paragraph in s.evolution:
                self.para(paragraph)

    def faq(self, part: PartView) -> None:
        f = self.b.sheet.faq
        self.heading(part.label, 1)
        if f.intro:
            self.para(f.intro, "Site Note")
        for item in f.items:
            self.doc.add_heading(item.question, 2)
            self.para(item.answer)

    def colophon(self, part: PartView) -> None:
        self.doc.add_heading(part.label, 2)
        for row in self.b.colophon:
            self.para(row.plain(self.b.labels["colon"]), "Caption")
        for line in contact_lines(self.b.brand):  # the school's contact block
            self.para(line, "Normal")

    def write(self) -> bytes:
        for part in self.b.plan:
            PART_WRITERS[part.id](self, part)
        fill_toc(self.toc_anchor, self.toc, self.b.labels["contents"])
        header_footer(self.doc, self.b)
        properties(self.doc, self.b)
        update_fields_on_open(self.doc)
        out = io.BytesIO()
        self.doc.save(out)
        return deterministic_zip(out.getvalue(), self.b.date)


PART_WRITERS: dict[str, Callable[[Writer, PartView], None]] = {
    "cover": Writer.cover,
    "glance": Writer.glance,
    "missions": Writer.missions,
    "skills": Writer.skills,
    "training": Writer.training,
    "tools": Writer.tools,
    "constraints": Writer.constraints,
    "salary": Writer.salary,
    "faq": Writer.faq,
    "colophon": Writer.colophon,
}


def write_docx(brochure: Brochure, pngs: dict[str, bytes]) -> bytes:
    """The DOCX bytes of one brochure."""
    return Writer(brochure.for_edition("docx"), pngs).write()
