"""Word structures the DOCX writer needs and python-docx lacks: fields, settings, properties, stable zips."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from brochure.present.presentation import Brochure
from brochure.render.docx.reference import language

DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
SETTINGS_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")


def brand_accent(document, table_style: str, accent: str) -> None:
    """The brand's accent (``#rrggbb``) for the theme's accent 1 and the table style built on it.

    Word draws a table style's borders and header band from the theme colour (``w:themeColor``);
    LibreOffice from the explicit ``w:color``/``w:fill``. Both are set, so both show the brand.
    """
    value = accent[1:].upper()
    for element in document.styles[table_style].element.iter():
        for explicit, theme in (("w:color", "w:themeColor"), ("w:fill", "w:themeFill")):
            if element.get(qn(theme)) == "accent1":
                element.set(qn(explicit), value)
    part = next((p for p in document.part.package.iter_parts() if p.partname.endswith("/theme1.xml")), None)
    if part is not None:
        xml = etree.fromstring(part.blob)
        for srgb in xml.iterfind(".//a:accent1/a:srgbClr", {"a": DRAWING}):
            srgb.set("val", value)
        part._blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)


def _run(xml: str):
    return parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>")


PAGE_MARK = "\u00a0p.\u00a0"  # "Missions p. 3", as the PDF's contents line (layouts/css/front.css)
UNNUMBERED = "–"  # a page number's cached result, shown only by a reader that computes no field


def bookmark(paragraph, name: str, ident: int) -> None:
    """Mark ``paragraph`` (a heading) with the bookmark ``name``, for PAGEREF fields."""
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{ident}"/>'))
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{ident}" w:name="{name}"/>')
    ppr = paragraph._p.pPr
    if ppr is None:
        paragraph._p.insert(0, start)
    else:
        ppr.addnext(start)


def _field(instruction: str, cached: str) -> list:
    """The runs of a complex field: its instruction and the result shown until it is updated."""
    return [
        _run('<w:fldChar w:fldCharType="begin"/>'),
        _run(f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>'),
        _run('<w:fldChar w:fldCharType="separate"/>'),
        _run(f"<w:t>{escape(cached)}</w:t>"),
        _run('<w:fldChar w:fldCharType="end"/>'),
    ]


def _text(text: str, bold: bool = False):
    return _run(("<w:rPr><w:b/></w:rPr>" if bold else "") + f'<w:t xml:space="preserve">{escape(text)}</w:t>')


def fill_contents(anchor, entries: list[tuple[str, str]], lead: str) -> None:
    """The contents in one line, as in the PDF ("Dans cette brochure : Missions p. 3 · …"), written into the
    paragraph ``anchor``; each page number is a PAGEREF field to its heading's bookmark (``entries``: label,
    bookmark). LibreOffice computes PAGEREF numbers when it lays the pages out (it shows a TOC field's
    cached text as it is: no numbers); Word updates them with every field when the file opens."""
    paragraph = anchor._p
    paragraph.append(_text(lead, bold=True))
    for index, (label, name) in enumerate(entries):
        paragraph.append(_text(("" if index == 0 else " · ") + label + PAGE_MARK))
        paragraph.extend(_field(f"PAGEREF {name} \\h", UNNUMBERED))


def hyperlink(paragraph, url: str, text: str) -> None:
    """Append a hyperlink to ``url`` that shows ``text``, in the reference's Hyperlink character style."""
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}" w:history="1"/>')
    run = _run(f'<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t>')
    link.append(run)
    paragraph._p.append(link)


def header_footer(document, b: Brochure) -> None:
    """The running head and "page X / Y" on every page but the cover (as in the PDF): the first section
    has a blank first page; the sections after it inherit its header and footer."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = b.running_head + (f" — {b.labels['draft']}" if b.draft else "")
    header.style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run(f"{b.labels['page']} ")
    for instr, cached in (("PAGE", "1"), ("NUMPAGES", "1")):
        footer._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:t>{cached}</w:t></w:r></w:fldSimple>')
        )
        if instr == "PAGE":
            footer._p.append(_run('<w:t xml:space="preserve"> / </w:t>'))


def properties(document, b: Brochure) -> None:
    """Core properties from the sheet: never the clock, never python-docx's defaults."""
    props = document.core_properties
    props.title, props.subject, props.keywords = b.meta["title"], b.meta["subject"], b.meta["keywords"]
    props.author = props.last_modified_by = b.meta["author"]
    props.comments, props.category = "", b.labels["kind"]
    props.language = b.lang_tag
    language(document, b.lang_tag)  # the text's language too, not only the file's properties
    if b.date:
        props.created = props.modified = props.last_printed = dt.datetime(*b.date.timetuple()[:3], tzinfo=dt.UTC)
    else:  # a sheet without a date: no date at all, rather than the template's or the clock's
        for name in ("created", "modified", "lastPrinted"):
            for element in props._element.findall(qn(("dcterms:" if name != "lastPrinted" else "cp:") + name)):
                props._element.remove(element)
    props.revision = 1
    props.identifier = b.sheet.slug


def update_fields_on_open(document) -> None:
    """Ask Word to refresh the contents' page numbers and the page fields when the file is opened."""
    settings = document.settings.element
    flag = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    later = next((child for child in settings if child.tag.split("}")[1] in SETTINGS_AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(flag)
    else:
        later.addprevious(flag)


LOOK_BITS = {
    "firstRow": 0x20,
    "lastRow": 0x40,
    "firstColumn": 0x80,
    "lastColumn": 0x100,
    "noHBand": 0x200,
    "noVBand": 0x400,
}


def set_look(table, header: bool, first_column: bool = True) -> None:
    """Which parts of the table style apply: a header band only on a table with a header row (a layout
    table has neither header row nor header column). ``w:val`` holds the same flags as a bitmask."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = table._tbl.tblPr.makeelement(qn("w:tblLook"), {})
        table._tbl.tblPr.append(look)
    flags = {"firstRow": header, "lastRow": False, "firstColumn": first_column, "lastColumn": False}
    flags |= {"noHBand": False, "noVBand": True}
    look.set(qn("w:val"), f"{sum(LOOK_BITS[k] for k, on in flags.items() if on):04X}")
    for key, on in flags.items():
        look.set(qn(f"w:{key}"), "1" if on else "0")
