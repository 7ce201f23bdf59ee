"""Brochure model + chart PNGs -> an editable DOCX, in the PDF's content and order.

Built from Word's own structures: built-in Title/Heading styles (the navigation pane works),
a contents line whose page numbers are PAGEREF fields to the part headings, PAGE/NUMPAGES fields,
List Bullet paragraphs, tables for scores, pictures with alt text. Styles come from
``layouts/docx/reference.docx``; this module names styles and never sets fonts or sizes.
Same inputs give the same bytes (fixed zip dates, fixed core properties).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu, RGBColor

from brochure.present.plan import PartView
from brochure.present.presentation import Brochure, contact_lines
from brochure.render.docx import fonts as docx_fonts
from brochure.render.docx import front as docx_front
from brochure.render.docx.reference import REFERENCE
from brochure.render.docx.stablezip import deterministic_zip
from brochure.render.docx.word import (
    bookmark,
    brand_accent,
    fill_contents,
    header_footer,
    hyperlink,
    properties,
    set_look,
    update_fields_on_open,
)

TABLE_STYLE = "Light List Accent 1"


class Writer:
    """One DOCX brochure; ``toc`` bookmarks the part headings for the contents line."""

    def __init__(self, brochure: Brochure, pngs: dict[str, bytes]) -> None:
        self.b = brochure
        self.pngs = pngs
        self.doc = Document(str(REFERENCE))
        self.toc: dict[str, str] = {}  # a level-1 heading -> its bookmark, for the contents' page numbers
        self.toc_anchor = None  # the paragraph the contents line is written into (set by glance)
        accent = RGBColor.from_string(brochure.brand.accent[1:].upper())
        for name in ("Heading 1", "Heading 2", "TOC Heading"):  # the brand's accent on the headings
            self.doc.styles[name].font.color.rgb = accent
        brand_accent(self.doc, TABLE_STYLE, brochure.brand.accent)  # and on the tables
        section = self.doc.sections[0]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    # -- building blocks -------------------------------------------------------------------
    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        paragraph = self.doc.add_heading(text, level)
        paragraph.paragraph_format.page_break_before = new_page or None
        if level == 1:
            self.toc[text] = f"_Toc{len(self.toc) + 1}"
            bookmark(paragraph, self.toc[text], len(self.toc))

    def para(self, text: str, style: str | None = None) -> None:
        self.doc.add_paragraph(text, style=style)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.doc.add_paragraph(item, style="List Bullet")

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[str]]):
        table = self.doc.add_table(rows=0, cols=len(rows[0]) if rows else len(header or []))
        table.style = self.doc.styles[TABLE_STYLE]
        set_look(table, header=bool(header))
        for values in ([header] if header else []) + list(rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
        if header:  # repeated on each page, and read as the header row by screen readers
            table.rows[0]._tr.get_or_add_trPr().append(table._tbl.makeelement(qn("w:tblHeader"), {}))
        # No empty paragraph after the table: the heading that follows it has space before.
        return table

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
        lines = (chart.how_to_read, chart.caption, chart.source)  # as under the PDF's chart
        paragraphs = [self.doc.paragraphs[-1]] + [self.doc.add_paragraph(line, style="Caption") for line in lines]
        for paragraph in paragraphs[:-1]:  # the chart and its lines on one page
            paragraph.paragraph_format.keep_with_next = True

    @contextmanager
    def columns(self) -> Iterator[None]:
        """What is written inside is set in two columns that read down, as the PDF sets its cards, themes and
        long paragraphs (brochure.css ``.cols``): a line of about 60 characters, not 115 (rules 4 and 13)."""
        docx_front.columns(self, 2)
        yield
        docx_front.columns(self, 1)

    # -- the brochure, part by part (PART_WRITERS: one method per part of the section plan) ----
    def missions(self, part: PartView) -> None:
        m = self.b.sheet.missions
        self.heading(part.label, 1, new_page=True)
        with self.columns():
            self.para(m.intro)
            for theme in m.themes:
                self.heading(theme.title, 2)
                self.bullets(theme.bullets)

    def skills(self, part: PartView) -> None:
        s, words = self.b.sheet, self.b.labels
        self.heading(part.label, 1)
        if s.soft_skills:
            with self.columns():  # the heading too: Word keeps it with its text only inside one section
                self.heading(words["soft_skills"], 2)
                self.para(s.soft_skills.intro)
                self.named(s.soft_skills.items, 3)
        if s.hard_skills:
            self.heading(words["hard_skills"], 2)
            self.para(s.hard_skills.intro)
            self.chart("skills")
            rows = [[h.name, ", ".join(h.keywords)] for h in s.hard_skills.items]
            self.table([words["hard_skills"], words["keywords"]], rows)

    def named(self, items: Sequence, level: int = 3) -> None:  # items with .name and .text
        for item in items:
            if level <= 2:
                self.heading(item.name, level)
            else:
                self.doc.add_heading(item.name, level)
            self.para(item.text)

    def training(self, part: PartView) -> None:
        s, words = self.b.sheet, self.b.labels
        self.heading(part.label, 1)
        if s.training:
            self.heading(words["training"], 2)
            self.chart("training")
            with self.columns():
                for lv in self.b.levels:
                    mark = f" — {lv.mark}" if lv.mark else ""
                    self.doc.add_heading(f"{lv.name} · {lv.line}{mark}", 3)
                    if lv.specific:
                        self.para(lv.specific)
        if s.experience:
            with self.columns():
                self.heading(words["experience"], 2)
                if s.experience.intro:
                    self.para(s.experience.intro)
                self.named(s.experience.paths, 3)

    def tools(self, part: PartView) -> None:
        t = self.b.sheet.tools
        self.heading(part.label, 1)
        with self.columns():
            self.para(t.intro)
            for family in t.families:  # level 2 right under the part: the outline skips no level
                self.heading(family.name, 2)
                self.para(" · ".join(family.tools))
                if family.text:
                    self.para(family.text)

    def constraints(self, part: PartView) -> None:
        c = self.b.sheet.constraints
        self.heading(part.label, 1)
        with self.columns():
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
            with self.columns():
                self.heading(words["evolution"], 2)
                for paragraph in s.evolution:
                    self.para(paragraph)

    def faq(self, part: PartView) -> None:
        f = self.b.sheet.faq
        self.heading(part.label, 1)
        if f.intro:
            self.para(f.intro, "Site Note")
        with self.columns():
            for item in f.items:
                self.heading(item.question, 2)
                self.para(item.answer)

    def colophon(self, part: PartView) -> None:
        self.doc.add_heading(part.label, 2)
        colon = self.b.labels["colon"]
        for row in self.b.colophon:
            if row.url.startswith(("https://", "http://")):  # a real link that shows its address
                paragraph = self.doc.add_paragraph(f"{row.label}{colon}" + (f"{row.text} " if row.text else ""))
                paragraph.style = self.doc.styles["Caption"]
                hyperlink(paragraph, row.url, row.url)
            else:
                self.para(row.plain(colon), "Caption")
        for line in contact_lines(self.b.brand):  # the school's contact block
            self.para(line, "Normal")

    def write(self) -> bytes:
        for part in self.b.plan:
            PART_WRITERS[part.id](self, part)
        # The contents close the glance page: the parts with their page numbers (PAGEREF fields).
        words = self.b.labels
        entries = [(part.label, self.toc[part.label]) for part in self.b.contents if part.label in self.toc]
        fill_contents(self.toc_anchor, entries, f"{words['in_this_brochure']}{words['colon']}")
        header_footer(self.doc, self.b)
        properties(self.doc, self.b)
        update_fields_on_open(self.doc)
        docx_fonts.embed_fonts(self.doc)  # last: subset to every character written above
        out = io.BytesIO()
        self.doc.save(out)
        return deterministic_zip(out.getvalue(), self.b.date)


PART_WRITERS: dict[str, Callable[[Writer, PartView], None]] = {
    "cover": docx_front.cover,
    "glance": docx_front.glance,
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
    """The DOCX bytes of one brochure (presented as the DOCX edition by its target)."""
    return Writer(brochure, pngs).write()
