"""Embed the bundled fonts in a DOCX, as Word does (ECMA-376 Part 1, §17.8.1 and §17.8.3.4).

Each face the styles name (Noto Sans and Noto Sans SemiCondensed, regular, bold, italic, bold
italic) is subset with fontTools to the characters the document holds, then stored as an
obfuscated font part (``/word/fonts/fontN.odttf``, content type
``application/vnd.openxmlformats-officedocument.obfuscatedFont``): its first 32 bytes are XORed
with the 16 bytes of a GUID key read in reverse order, the key written in ``fontTable.xml`` as
``w:fontKey`` on ``w:embedRegular``/``w:embedBold``/… . ``w:embedTrueTypeFonts`` and
``w:saveSubsetFonts`` in the settings tell Word to keep them. Word and LibreOffice then show the
brochure in its own fonts on a machine without them. Same document, same bytes: the keys are
derived from the font data, and the subsets keep their timestamps.
"""

from __future__ import annotations

import hashlib
import io
import uuid

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree

from brochure.core import paths

BULLET_FONT = "Noto Sans"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONTS = paths.LAYOUTS / "fonts"
FACES = {  # family in the font table -> {embed element: bundled file}
    "Noto Sans": {
        "embedRegular": "NotoSans-Regular.ttf",
        "embedBold": "NotoSans-Bold.ttf",
        "embedItalic": "NotoSans-Italic.ttf",
        "embedBoldItalic": "NotoSans-BoldItalic.ttf",
    },
    "Noto Sans SemiCondensed": {
        "embedRegular": "NotoSans-SemiCondensed.ttf",
        "embedBold": "NotoSans-SemiCondensedBold.ttf",
        "embedItalic": "NotoSans-SemiCondensedItalic.ttf",
        "embedBoldItalic": "NotoSans-SemiCondensedBoldItalic.ttf",
    },
}
# Characters a field may show once Word updates it (page numbers, the contents' leaders).
FIELD_TEXT = "0123456789 /.…-–"
# CT_Settings elements that come before w:embedTrueTypeFonts (the schema's sequence).
SETTINGS_BEFORE = {
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
}


def used_text(document) -> str:
    """Every character of the document's body, headers and footers, plus what fields may show."""
    parts = [
        document.element,
        *(s.header._element for s in document.sections),
        *(s.footer._element for s in document.sections),
    ]
    text = "".join(t.text or "" for part in parts for t in part.iter(qn("w:t"), qn("w:instrText")))
    return "".join(sorted(set(text + text.upper() + FIELD_TEXT)))


def subset_font(path, text: str) -> bytes:
    """The font at ``path`` cut down to the glyphs of ``text`` (layout features and names kept)."""
    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_key(data: bytes) -> str:
    """A GUID for the obfuscation key, derived from the font's bytes (deterministic)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes of ``data`` with the GUID's 16 bytes in reverse order (§17.8.1)."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _font_table(package) -> Part:
    return next(p for p in package.iter_parts() if p.partname == "/word/fontTable.xml")


def _font_element(table, family: str):
    for font in table.iterfind(qn("w:font")):
        if font.get(qn("w:name")) == family:
            return font
    font = parse_xml(f'<w:font {nsdecls("w")} w:name="{family}"/>')
    table.append(font)
    return font


def _settings(document) -> None:
    settings = document.settings.element
    later = next((c for c in settings if etree.QName(c).localname not in SETTINGS_BEFORE), None)
    for name in ("saveSubsetFonts", "embedTrueTypeFonts"):  # inserted in reverse: embed… comes first
        if settings.find(qn(f"w:{name}")) is None:
            flag = parse_xml(f"<w:{name} {nsdecls('w')}/>")
            if later is None:
                settings.append(flag)
            else:
                later.addprevious(flag)
            later = flag


def bundled_bullets(document) -> None:
    """List bullets in a bundled font: the template's Symbol bullet (U+F0B7) falls back to another font
    where Symbol is missing; "•" in Noto Sans is embedded with the rest."""
    part = document.part.numbering_part
    for level in part.element.iter(qn("w:lvl")):
        text = level.find(qn("w:lvlText"))
        if text is not None and text.get(qn("w:val")) == "\uf0b7":
            text.set(qn("w:val"), "•")
            for fonts in level.iter(qn("w:rFonts")):
                for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                    fonts.set(qn(attribute), BULLET_FONT)


def embed_fonts(document) -> None:
    """Embed the subset, obfuscated bundled fonts in ``document`` (a python-docx Document)."""
    bundled_bullets(document)
    text = used_text(document) + "•"
    part = _font_table(document.part.package)
    table = etree.fromstring(part.blob)
    number = 0
    for family, faces in FACES.items():
        font = _font_element(table, family)
        for element in font.findall(qn("w:embedRegular")) + font.findall(qn("w:embedBold")):
            font.remove(element)
        for embed, filename in faces.items():
            number += 1
            data = subset_font(FONTS / filename, text)
            key = font_key(data)
            blob = obfuscate(data, key)
            font_part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED, blob, part.package)
            rid = part.relate_to(font_part, RT.FONT)
            font.append(parse_xml(f'<w:{embed} {nsdecls("w", "r")} r:id="{rid}" w:fontKey="{key}" w:subsetted="1"/>'))
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    _settings(document)
