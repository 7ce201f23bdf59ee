"""The DOCX reference document: every style the DOCX writer uses, in ``layouts/docx/reference.docx``.

A designer restyles the DOCX brochures by editing that file in Word or LibreOffice (fonts,
sizes, colours, list and TOC styles); `invoke docx-reference` rebuilds it from this module.
The writer only names styles, it never sets a font or a size itself.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from brochure.core import paths
from brochure.core.files import write_atomic
from brochure.render.docx.stablezip import deterministic_zip

REFERENCE = paths.LAYOUTS / "docx" / "reference.docx"
HEADING_FONT = "Noto Sans"
BODY_FONT = "Noto Sans SemiCondensed"
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x4A, 0x4A, 0x4A)
# Where the bundled fonts are missing (Word on Windows or macOS), Word and LibreOffice fall back
# on the font table's alternative name and family: a plain sans-serif of the same width class.
FALLBACKS = {HEADING_FONT: "Arial", BODY_FONT: "Arial Narrow"}
# (name, base, font, size pt, bold, italic, colour, space before pt, space after pt, keep with next)
# Body text at the PDF's 9.5 pt (layouts/css/brochure.css), so both editions hold as much a page.
PARAGRAPH_STYLES = [
    ("Normal", None, BODY_FONT, 9.5, False, False, INK, 0, 4, False),
    ("Title", "Normal", HEADING_FONT, 28, True, False, INK, 0, 6, True),
    ("Subtitle", "Normal", BODY_FONT, 13, False, False, MUTED, 0, 12, False),
    ("Heading 1", "Normal", HEADING_FONT, 18, True, False, ACCENT, 18, 6, True),
    ("Heading 2", "Normal", HEADING_FONT, 13, True, False, ACCENT, 12, 4, True),
    ("Heading 3", "Normal", HEADING_FONT, 10.5, True, False, INK, 8, 2, True),
    ("TOC Heading", "Heading 1", HEADING_FONT, 13, True, False, ACCENT, 12, 4, True),
    ("toc 1", "Normal", BODY_FONT, 10, True, False, INK, 4, 0, False),
    ("toc 2", "Normal", BODY_FONT, 9.5, False, False, INK, 0, 0, False),
    ("Caption", "Normal", BODY_FONT, 8, False, False, MUTED, 2, 8, False),
    ("Quote", "Normal", BODY_FONT, 9.5, False, True, INK, 6, 6, False),
    ("List Bullet", "Normal", BODY_FONT, 9.5, False, False, INK, 0, 2, False),
    ("Site Note", "Normal", BODY_FONT, 8, False, False, MUTED, 0, 4, False),
    ("Draft Mark", "Normal", HEADING_FONT, 9, True, False, RGBColor(0xB0, 0x00, 0x20), 0, 6, False),
    ("Header", "Normal", BODY_FONT, 8, False, False, MUTED, 0, 0, False),
    ("Footer", "Normal", BODY_FONT, 8, False, False, MUTED, 0, 0, False),
]


OUTLINE = {"Title": 0}  # outline levels beyond the built-in headings' (0 is the top level)


def _style(document, name: str, base: str | None):
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    if base:
        style.base_style = styles[base]
    return style


def _fonts(rpr, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]  # drop theme fonts: they would override the named font
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), font)


def _apply(document, spec: tuple) -> None:
    name, base, font, size, bold, italic, colour, before, after, keep = spec
    style = _style(document, name, base)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = colour
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(before), Pt(after), keep
    if name == "Normal":  # single spacing: Noto's own 1.36 line, the PDF's 1.35 (the template says 1.15 times it)
        fmt.line_spacing = 1.0
    if name == "toc 2":
        fmt.left_indent = Mm(5)
    if name in OUTLINE:  # the title heads the outline, so the cover's level-2 heading skips no level
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{OUTLINE[name]}"/>'))


def language(document, lang: str) -> None:
    """The document's default language (``w:lang`` of the default run properties), e.g. fr-FR."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>'))
    _fonts(rpr, BODY_FONT)


def _font_table(document) -> None:
    part = next(p for p in document.part.package.iter_parts() if p.partname.endswith("fontTable.xml"))
    table = parse_xml(part.blob)
    for name, alternative in FALLBACKS.items():
        font = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
            '<w:panose1 w:val="020B0502040504020204"/><w:charset w:val="00"/>'
            '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        )
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_reference() -> bytes:
    """The reference document, from python-docx's default template."""
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    for spec in PARAGRAPH_STYLES:
        _apply(document, spec)
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb, link.font.underline = ACCENT, True
    language(document, "fr-FR")
    _font_table(document)
    props = document.core_properties
    props.author = props.last_modified_by = ""
    props.comments = props.title = props.subject = props.keywords = ""
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_reference() -> None:
    """`invoke docx-reference`: (re)write ``layouts/docx/reference.docx``."""

    write_atomic(REFERENCE, deterministic_zip(build_reference(), dt.date(2026, 1, 1)))
    print(f"wrote {REFERENCE}")
