"""brochure/render/pdf/stitch.py: joined PDFs keep their tags, bookmarks and links, where a page merge drops them."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from brochure.render.pdf import stitch
from brochure.render.pdf import writer as pdf
from tests import tagcheck

DATE = dt.date(2026, 11, 27)


def part(title: str, pages: int, link_to: str | None = None, anchor: str = "") -> bytes:
    """A small tagged PDF: a heading per page (bookmarks), a list, and maybe a link."""
    body = "".join(
        f'<section style="break-before: page" id="{anchor}{i}"><h1>{title} {i}</h1>'
        "<ul><li>un</li><li>deux</li></ul></section>"
        for i in range(pages)
    )
    if link_to:
        body += f'<p id="{link_to}"><a href="#{link_to}">vers {link_to}</a></p>'
    return pdf.write_pdf(page(body, title), DATE)


def page(body: str, title: str = "x") -> str:
    head = f"<head><title>{title}</title></head>"
    return f'<html lang="fr-FR">{head}<body style="font-family: Noto Sans">{body}</body></html>'


def test_joined_parts_keep_a_consistent_structure_tree() -> None:
    first, second = part("Avant", 2, link_to="b-0"), part("Après", 3, anchor="b-")
    joined = pikepdf.open(io.BytesIO(stitch.merge([first, second], owners={"b-0": 1})))
    assert len(joined.pages) == 5
    assert tagcheck.problems(joined) == []
    document = joined.Root.StructTreeRoot.K[0]
    headings = [str(kid.S) for kid in document.K]
    assert headings.count("/Sect") == 5  # both parts' sections, in order, under one Document
    # The link in the first part leads to the second part's anchor, its owner, not to the stand-in.
    assert tagcheck.destination_page(joined, "b-0") == 3
    assert str(joined.docinfo["/Title"]) == "Avant"


def test_bookmarks_follow_on() -> None:
    joined = stitch.merge([part("Avant", 2), part("Après", 2)])
    reader = PdfReader(io.BytesIO(joined))
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] == [
        ("Avant 0", 0),
        ("Avant 1", 1),
        ("Après 0", 2),
        ("Après 1", 3),
    ]


def test_a_page_merge_fails_the_check_that_stitch_passes() -> None:
    """The checker can fail: pypdf's page merge of the same parts has no structure tree left."""
    writer = PdfWriter()
    for data in (part("Avant", 1), part("Après", 1)):
        writer.append(PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert tagcheck.problems(pikepdf.open(io.BytesIO(buffer.getvalue()))) != []


def test_parent_tree_keys_are_shifted() -> None:
    joined = pikepdf.open(io.BytesIO(stitch.merge([part("Avant", 2), part("Après", 2)])))
    keys = [int(page.obj.StructParents) for page in joined.pages]
    assert len(set(keys)) == 4
    joined.pages[3].obj.StructParents = keys[0]  # as if the second part had not been renumbered
    assert any("MCID" in problem for problem in tagcheck.problems(joined))


def test_untagged_part_is_refused() -> None:
    untagged = pdf.write_pdf(page("x"), DATE, tagged=False)
    with pytest.raises(stitch.StitchError, match="part 2 has no structure tree"):
        stitch.merge([part("Avant", 1), untagged])
    with pytest.raises(stitch.StitchError, match="nothing"):
        stitch.merge([])


def test_merge_is_reproducible() -> None:
    parts = [part("Avant", 1), part("Après", 2)]
    assert stitch.merge(parts) == stitch.merge(parts)


def programs(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Each embedded face's programs: the PostScript name in its name table -> the streams."""
    from fontTools.ttLib import TTFont

    found: dict[str, set[tuple[int, int]]] = {}
    with pikepdf.open(io.BytesIO(data)) as joined:
        for obj in joined.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.FontDescriptor:
                program = obj.FontFile2
                name = TTFont(io.BytesIO(program.read_bytes()))["name"].getDebugName(6)
                found.setdefault(name, set()).add(program.objgen)
    return found


def text_of(data: bytes, tmp_path) -> str:
    path = tmp_path / "joined.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_parts_share_one_font_program_per_face_and_extract_the_same_text(tmp_path) -> None:
    from fontTools.ttLib import TTFont

    parts = [part("Avant éléphant", 1), part("Après zèbre Ωmega", 2)]
    shared, apart = stitch.merge(parts), stitch.merge(parts, share_fonts=False)
    assert all(len(streams) == 2 for streams in programs(apart).values())  # each part brought its own
    assert all(len(streams) == 1 for streams in programs(shared).values())
    assert programs(shared).keys() == programs(apart).keys()
    assert text_of(shared, tmp_path) == text_of(apart, tmp_path)
    assert len(shared) < len(apart)
    with pikepdf.open(io.BytesIO(shared)) as joined:
        assert tagcheck.problems(joined) == []
        for font in joined.objects:
            if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == pikepdf.Name.CIDFontType2:
                glyf = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))["glyf"]
                order = glyf.glyphOrder
                used = [gid for gid in stitch.fontshare._glyphs(font.W) if gid]
                # every glyph a part draws has its outline in the shared program (space has none)
                assert sum(glyf[order[gid]].numberOfContours != 0 for gid in used) >= len(used) - 2
    path = tmp_path / "shared.pdf"
    path.write_bytes(shared)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "CID TrueType" in fonts and "Error" not in fonts
