"""One embedded font program per face in a joined PDF, where each part brought its own subset.

WeasyPrint 70 subsets every font it embeds with HarfBuzz (``HB_SUBSET_FLAGS_RETAIN_GIDS``) or,
without it, fontTools (``retain_gids=True``): a subset keeps the original glyph ids, and the fonts
are CID-keyed with ``/CIDToGIDMap /Identity``, so a page's text codes are the bundled font's glyph
ids whatever part drew them. Joined parts therefore only differ in which glyphs their subset of a
face holds. Here each face is subset once more from its bundled file, with the union of the glyphs
every part uses (the keys of their ``/W`` widths), and every part's font descriptor points at that
one program. Each part keeps its own font dictionaries, widths and ``ToUnicode`` map, so the text
extracts exactly as before; only the duplicate programs go (the save writes what is referenced).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from brochure.core import paths


@cache
def _bundled(folder: Path = paths.FONTS) -> dict[str, Path]:
    """The bundled fonts by PostScript name."""
    found = {}
    for path in sorted(folder.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            found[font["name"].getDebugName(6)] = path
    return found


def _postscript_name(program: pikepdf.Stream) -> str | None:
    try:
        with TTFont(io.BytesIO(program.read_bytes()), lazy=True) as font:
            return font["name"].getDebugName(6)
    except Exception:  # not a font fontTools reads: left as it is
        return None


def _glyphs(widths: Array) -> Iterator[int]:
    """The glyph ids of a ``/W`` array: ``c [w ...]`` runs and ``c_first c_last w`` ranges."""
    index = 0
    while index < len(widths):
        first = int(widths[index])
        if isinstance(widths[index + 1], Array):
            yield from range(first, first + len(widths[index + 1]))
            index += 2
        else:
            yield from range(first, int(widths[index + 1]) + 1)
            index += 3


def _cid_fonts(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every TrueType-based CID font whose glyph ids are its program's (``/CIDToGIDMap /Identity``)."""
    for obj in pdf.objects:
        if (
            isinstance(obj, Dictionary)
            and obj.get("/Subtype") == Name.CIDFontType2
            and obj.get("/CIDToGIDMap") == Name.Identity
            and "/FontFile2" in obj.get("/FontDescriptor", {})
        ):
            yield obj


DROPPED = ("GSUB", "GPOS", "SVG ", "BASE", "JSTF", "DSIG", "EBDT", "EBLC", "EBSC", "LTSH", "PCLT")


def _subset(path: Path, glyphs: set[int]) -> bytes:
    """``path`` cut to ``glyphs``, ids kept, as WeasyPrint cuts it (no hinting, layout tables dropped)."""
    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
        notdef_outline=True,
    )
    options.drop_tables += list(DROPPED)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs | {0}))
    with TTFont(path, lazy=True, recalcTimestamp=False) as font:  # the bundled file's date: same bytes every run
        for tag in DROPPED:  # before the subsetter reads them: decoding GSUB and GPOS is most of its time
            if tag in font:
                del font[tag]
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def share(pdf: pikepdf.Pdf, folder: Path = paths.FONTS) -> int:
    """Give each bundled face one program in ``pdf`` (the union of its parts' glyphs); the number of
    programs that became unreferenced. A face that is not a bundled font is left as it is."""
    bundled = _bundled(folder)
    names: dict[tuple[int, int], str | None] = {}
    faces: dict[str, list[Dictionary]] = {}
    for font in _cid_fonts(pdf):
        program = font.FontDescriptor.FontFile2
        if program.objgen not in names:
            names[program.objgen] = _postscript_name(program)
        name = names[program.objgen]
        if name in bundled:
            faces.setdefault(name, []).append(font)
    dropped = 0
    for name in sorted(faces):
        fonts = faces[name]
        glyphs = {gid for font in fonts for gid in _glyphs(font.get("/W", Array()))}
        data = _subset(bundled[name], glyphs)
        shared = pikepdf.Stream(pdf, data)
        shared.Length1 = len(data)
        dropped += len({font.FontDescriptor.FontFile2.objgen for font in fonts})
        for font in fonts:
            font.FontDescriptor.FontFile2 = shared
            if "/CIDSet" in font.FontDescriptor:  # PDF/A's list of the program's glyphs: now the union's
                del font.FontDescriptor.CIDSet
    return dropped
