"""The DOCX embeds its fonts (ECMA-376 §17.8.1) and carries the cover facts and QR code, checked with
LibreOffice in isolation: a fresh profile and a fontconfig that sees DejaVu only, never Noto.
Fails, never skips, without `soffice` and `pdffonts` (`invoke install-tools`)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from fontTools.ttLib import TTFont

from brochure.build import pipeline
from brochure.render.docx import fonts as docx_fonts
from tests.conftest import require
from tests.extremes import extreme
from tests.front_extremes import sample

URL = "https://plateforme-orientation-metiers.fr/metiers/responsable-e-commerce"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture(scope="module")
def outputs(renders) -> dict[str, bytes]:
    return renders.sample("pdf", "docx")  # rendered once per run (tests/conftest.py)


def isolated_pdf(tmp: Path, name: str, data: bytes) -> Path:
    """Convert a DOCX with LibreOffice, a fresh profile and only DejaVu visible to fontconfig."""
    require("soffice", "pdffonts")
    assert DEJAVU.is_dir(), "fonts-dejavu-core is needed for the isolated LibreOffice check"
    (tmp / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp / "fc-cache"}</cachedir></fontconfig>'
    )
    source = tmp / f"{name}.docx"
    source.write_bytes(data)
    env = {"HOME": str(tmp), "PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(tmp / "fonts.conf")}
    profile = f"-env:UserInstallation=file://{tmp / 'lo-profile'}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(source)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, env=env)
    converted = tmp / f"{name}.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr
    return converted


def fonts_used(path: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}


def without_fonts(data: bytes) -> bytes:
    """The same DOCX with its embedded fonts taken out (the font table's embed elements and parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.startswith("word/fonts/") or info.filename == "word/_rels/fontTable.xml.rels":
                continue
            blob = source.read(info.filename)
            if info.filename == "word/fontTable.xml":
                blob = re.sub(rb"<w:embed(Regular|Bold|Italic|BoldItalic) [^>]*/>", b"", blob)
            target.writestr(info, blob)
    return out.getvalue()


def test_libreoffice_without_noto_shows_the_embedded_fonts(tmp_path: Path, outputs: dict[str, bytes]) -> None:
    embedded = fonts_used(isolated_pdf(tmp_path, "embedded", outputs["docx"]))
    assert {"NotoSans-SemiCondensed", "NotoSans-Bold"} <= embedded and not any("DejaVu" in f for f in embedded)
    bare = fonts_used(isolated_pdf(tmp_path, "bare", without_fonts(outputs["docx"])))
    assert any("DejaVu" in f for f in bare) and not any("Noto" in f for f in bare)  # the isolation is real


def test_the_docx_cover_and_glance_page_carry_the_qr_code(tmp_path: Path, outputs: dict[str, bytes]) -> None:
    converted = isolated_pdf(tmp_path, "qr", outputs["docx"])
    document = pypdfium2.PdfDocument(converted.read_bytes())
    for index in (0, 1):
        page = document[index].render(scale=150 / 72).to_pil()
        assert [r.text for r in zxingcpp.read_barcodes(page)] == [URL], index
    text = "".join(document[i].get_textpage().get_text_range() for i in (0, 1))
    assert "plateforme-orientation-metiers.fr/metiers/" in text and "Niveau d’entrée habituel" in text


def test_embedded_fonts_are_obfuscated_subsets(outputs: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as docx:
        table = docx.read("word/fontTable.xml").decode()
        rels = docx.read("word/_rels/fontTable.xml.rels").decode()
        types = docx.read("[Content_Types].xml").decode()
        settings = docx.read("word/settings.xml").decode()
        embeds = re.findall(r'<w:(embed\w+) r:id="(rId\d+)" w:fontKey="(\{[0-9A-F-]+\})"', table)
        assert len(embeds) == 8 and "<w:embedTrueTypeFonts/>" in settings
        for _, rid, key in embeds:
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
                rf'Target="([^"]+)"[^>]*Id="{rid}"', rels
            )
            name = "word/" + target[1]
            assert f'PartName="/{name}" ContentType="{docx_fonts.OBFUSCATED}"' in types
            blob = docx.read(name)
            assert blob[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true")  # obfuscated: no font header
            font = TTFont(io.BytesIO(docx_fonts.obfuscate(blob, key)))  # XOR twice gives the font back
            assert font["name"].getDebugName(1).startswith("Noto Sans")
            assert len(font.getGlyphOrder()) < 1000  # subset (the bundled faces have 3 317 glyphs)


def test_obfuscation_follows_the_standard() -> None:
    key = "{01020304-0506-0708-090A-0B0C0D0E0F10}"
    data = bytes(64)
    out = docx_fonts.obfuscate(data, key)
    assert out[:16] == bytes(range(16, 0, -1)) and out[16:32] == bytes(range(16, 0, -1)) and out[32:] == bytes(32)


def pages(path: Path) -> int:
    return len(pypdfium2.PdfDocument(path.read_bytes()))


def close_in_pages(docx_pages: int, pdf_pages: int) -> bool:
    """Design brief rule 13: the DOCX's page count within 20 % of the PDF's."""
    return abs(docx_pages - pdf_pages) <= 0.2 * pdf_pages


def breaking_pages(data: bytes) -> bytes:
    """The same DOCX with a page break before every level-2 heading (a broken layout: a page per section)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "word/document.xml":
                style = b'<w:pStyle w:val="Heading2"/>'
                blob = blob.replace(style, style + b"<w:pageBreakBefore/>")
            target.writestr(info, blob)
    return out.getvalue()


def test_libreoffice_pages_are_within_20_percent_of_the_pdf(tmp_path: Path, outputs: dict[str, bytes]) -> None:
    pdf_pages = len(pypdfium2.PdfDocument(outputs["pdf"]))
    docx_pages = pages(isolated_pdf(tmp_path, "pages", outputs["docx"]))
    assert close_in_pages(docx_pages, pdf_pages), (docx_pages, pdf_pages)
    broken = pages(isolated_pdf(tmp_path, "broken", breaking_pages(outputs["docx"])))
    assert not close_in_pages(broken, pdf_pages), (broken, pdf_pages)  # the check can fail


def test_a_3000_word_answer_keeps_the_page_counts_close(tmp_path: Path) -> None:
    long = pipeline.sheet_outputs(extreme(sample(), "faq-3000-words"), formats=("pdf", "docx"))
    pdf_pages = len(pypdfium2.PdfDocument(long["pdf"]))
    docx_pages = pages(isolated_pdf(tmp_path, "long", long["docx"]))
    assert close_in_pages(docx_pages, pdf_pages), (docx_pages, pdf_pages)
