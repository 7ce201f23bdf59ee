"""School brands: identity in every format, contrast checks, clear errors, part of the rebuild digest."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from brochure.build import builder as build
from brochure.build import pipeline
from brochure.model import sources
from brochure.present import brand
from brochure.render import registry
from tests.conftest import PROJECT, SOURCE, normalise

SCHOOL = "Lycée Exemple"
EMAIL = "orientation@lycee-exemple.fr"


def texts(outputs: dict[str, bytes]) -> tuple[str, str]:
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    document = docx.Document(io.BytesIO(outputs["docx"]))
    body = "\n".join(p.text for p in document.paragraphs)
    return pdf, body + "\n" + document.sections[0].header.paragraphs[0].text


def test_sample_brand_in_pdf_and_docx() -> None:
    pdf, word = texts(pipeline.sheet_outputs(sources.load(SOURCE), brand="lycee-exemple"))
    for text in (pdf, word):
        assert SCHOOL in text and normalise(EMAIL) in normalise(text) and "Camille Martin" in text


def test_default_brand_names_no_school(renders) -> None:
    assert brand.default_name() == "neutral" and brand.load().school is None
    pdf, word = texts(renders.sample(*registry.formats()))
    assert SCHOOL not in pdf and SCHOOL not in word and "@" not in pdf


def test_contrast() -> None:
    assert round(brand.contrast("#000000", "#ffffff"), 1) == 21.0
    assert brand.contrast("#1f5f8b", "#ffffff") >= brand.AA


@pytest.fixture()
def brands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(brand, "BRANDS", tmp_path)
    brand.load.cache_clear()
    yield tmp_path
    brand.load.cache_clear()


@pytest.mark.parametrize(
    ("yaml", "words"),
    [
        ('school: X\naccent: "#f0e68c"\n', "brand.yaml:2:1: accent: #f0e68c gives a contrast of"),
        ("school: X\naccent: yellow\n", "brand.yaml:2:1: accent: must be a colour code: # and six characters"),
        (
            "school: X\ncolour: '#000000'\n",
            "brand.yaml:2:1: colour: unknown field 'colour' (expected one of: school, accent",
        ),
        ("school: X\ncounselor: {name: A, email: nope}\n", "counselor.email: must be an e-mail address"),
        ("school: X\nlogo: ../../../../etc/passwd\n", "logo: an SVG or PNG file inside"),
        ("school: X\nlogo: missing.svg\n", "missing.svg is missing"),
        ("school: [X\n", "invalid YAML"),
        ("- school: X\n", "brand.yaml:1:1: a brand file is a group of"),
        ("school: X\nwebsite: www.ecole.fr\n", "website: must be a web address (http:// or https://); found the text"),
    ],
)
def test_bad_brand_files_give_clear_errors(brands: Path, yaml: str, words: str) -> None:
    (brands / "ecole").mkdir()
    (brands / "ecole" / "brand.yaml").write_text(yaml, encoding="utf-8")
    with pytest.raises(brand.BrandError) as caught:
        brand.load("ecole")
    assert words in str(caught.value)


def test_unknown_brand_lists_the_known_ones() -> None:
    with pytest.raises(brand.BrandError, match="known brands: lycee-exemple, neutral"):
        brand.load("inconnu")


def test_brand_is_part_of_what_decides_a_rebuild() -> None:
    neutral = build.Options().key()
    school = build.Options(brand="lycee-exemple").key()
    assert neutral["brand"] == "neutral" and school["brand"] == "lycee-exemple"
    from brochure.build import fingerprint

    assert fingerprint.inputs(b"x", "pdf", neutral) != fingerprint.inputs(b"x", "pdf", school)


def test_charts_take_the_brand_colour() -> None:
    from brochure.present import figures
    from brochure.present import presentation as present

    sheet = sources.load(SOURCE)
    school = figures.draw(present.present(sheet, brand=brand.load("lycee-exemple")), png=True)
    neutral = figures.draw(present.present(sheet))
    for kind, svg in school.svg.items():
        assert b"#8a2c4b" in svg and b"#1f5f8b" not in svg, kind
        assert b"#1f5f8b" in neutral.svg[kind], kind
    assert school.png["fulfilment"] != figures.draw(present.present(sheet), png=True).png["fulfilment"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_any_accepted_accent_keeps_its_tint_apart_in_grayscale(rgb: tuple[int, int, int]) -> None:
    """The brand check (AA on white) is enough for the charts: the tint stays ≥ 80 luma levels lighter."""
    from charts.style import Palette

    accent = "#" + "".join(f"{c:02x}" for c in rgb)
    assume(brand.contrast(accent, "#ffffff") >= brand.AA)

    def luma(colour: str) -> float:  # ITU-R 601, what a grayscale printer or photocopier keeps
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    palette = Palette.of(accent)
    assert luma(palette.accent_light) - luma(palette.accent) >= 80
    assert luma(palette.accent_mid) - luma(palette.accent) >= 60


def _pictures(data: bytes) -> list[bytes]:
    document = docx.Document(io.BytesIO(data))
    return [part.blob for part in document.part.package.iter_parts() if part.partname.startswith("/word/media/")]


def test_svg_only_logo_reaches_the_docx_as_png() -> None:
    """The sample brand ships only logo.svg: the DOCX gets it drawn at 300 dpi, 12 mm high."""
    from PIL import Image

    school = brand.load("lycee-exemple")
    assert school.logo == "logo.svg" and school.logo_path(".png") is None
    outputs = pipeline.sheet_outputs(sources.load(SOURCE), formats=("docx",), brand="lycee-exemple")
    logos = [blob for blob in _pictures(outputs["docx"]) if Image.open(io.BytesIO(blob)).height < 200]
    assert len(logos) == 1
    image = Image.open(io.BytesIO(logos[0]))
    assert image.format == "PNG" and round(image.info["dpi"][0]) == 300
    assert abs(image.height - 12 / 25.4 * 300) <= 1 and image.width > 2 * image.height  # the SVG's 5:2
    accent = image.getpixel((image.height // 2 - 30, 10))
    assert accent == (0x8A, 0x2C, 0x4B)  # the logo's own colour, not a placeholder


def test_png_logo_is_used_as_shipped(brands: Path) -> None:
    from brochure.present import figures
    from brochure.present import presentation as present
    from brochure.render.docx import writer as docx_writer

    folder = brands / "ecole"
    folder.mkdir()
    shipped = (PROJECT / "tests" / "fixtures" / "logo.png").read_bytes()
    (folder / "logo.png").write_bytes(shipped)
    (folder / "brand.yaml").write_text('school: École X\naccent: "#1f5f8b"\nlogo: logo.png\n', encoding="utf-8")
    brochure = present.present(sources.load(SOURCE), brand=brand.load("ecole"))
    data = docx_writer.write_docx(brochure, figures.draw(brochure, png=True).png)
    assert shipped in _pictures(data)


def test_docx_tables_take_the_brand_colour() -> None:
    def table_colours(data: bytes) -> set[str]:
        styles = docx.Document(io.BytesIO(data)).styles["Light List Accent 1"].element
        found = {value for element in styles.iter() for key, value in element.attrib.items() if key.endswith("}color")}
        return found - {"auto"}

    sheet = sources.load(SOURCE)
    school = pipeline.sheet_outputs(sheet, formats=("docx",), brand="lycee-exemple")["docx"]
    neutral = pipeline.sheet_outputs(sheet, formats=("docx",))["docx"]
    assert table_colours(school) == {"8A2C4B"} and table_colours(neutral) == {"1F5F8B"}
