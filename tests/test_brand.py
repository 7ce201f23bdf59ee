"""School brands: identity in every format, contrast checks, clear errors, part of the rebuild digest."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from brochure import brand, build, pipeline, sources
from tests.conftest import SOURCE, normalise

SCHOOL = "Lycée Exemple"
EMAIL = "orientation@lycee-exemple.fr"


def texts(outputs: dict[str, bytes]) -> tuple[str, str]:
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    document = docx.Document(io.BytesIO(outputs["docx"]))
    body = "\n".join(p.text for p in document.paragraphs)
    return pdf, body + "\n" + document.sections[0].header.paragraphs[0].text


def test_sample_brand_in_pdf_and_docx() -> None:
    pdf, word = texts(pipeline.render(sources.load(SOURCE), brand="lycee-exemple"))
    for text in (pdf, word):
        assert SCHOOL in text and normalise(EMAIL) in normalise(text) and "Camille Martin" in text


def test_default_brand_names_no_school() -> None:
    assert brand.default_name() == "neutral" and brand.load().school is None
    pdf, word = texts(pipeline.render(sources.load(SOURCE)))
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
        ("school: X\naccent: yellow\n", "brand.yaml:2:1: accent: String should match pattern"),
        ("school: X\ncolour: '#000000'\n", "brand.yaml:2:1: colour: Extra inputs are not permitted"),
        ("school: X\ncounselor: {name: A, email: nope}\n", "counselor.email"),
        ("school: X\nlogo: ../../../../etc/passwd\n", "logo: an SVG or PNG file inside"),
        ("school: X\nlogo: missing.svg\n", "missing.svg is missing"),
        ("school: [X\n", "invalid YAML"),
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
    from brochure import fingerprint

    assert fingerprint.inputs(b"x", "pdf", neutral) != fingerprint.inputs(b"x", "pdf", school)


def test_charts_take_the_brand_colour() -> None:
    from brochure import figures, present

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
