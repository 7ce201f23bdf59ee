"""The web edition's fonts: the bundled Noto Sans, subset to the characters the site prints, as WOFF2.

fontTools writes WOFF2 with brotli; the subsets keep the source fonts' own dates (no timestamp is
recalculated), so the same pages give the same bytes. The stylesheet (layouts/web/site.css) declares
them with ``font-display: swap``: the text shows at first paint in a fallback font.
"""

from __future__ import annotations

import io

from brochure.core import paths

# web/assets/fonts/<name>: the bundled font it is cut from
FONTS = {
    "noto-sans-regular.woff2": "NotoSans-Regular.ttf",
    "noto-sans-bold.woff2": "NotoSans-Bold.ttf",
}


def subset(font: str, text: str) -> bytes:
    """``layouts/fonts/<font>`` cut down to the glyphs of ``text`` (and what its features need), as WOFF2."""
    from fontTools import subset as ft  # fontTools: kept out of a no-op build

    options = ft.Options()
    options.flavor = "woff2"
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # the licence's names stay (OFL: name and copyright)
    options.notdef_outline = True
    font_file = ft.load_font(str(paths.FONTS / font), options)
    subsetter = ft.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font_file)
    out = io.BytesIO()
    ft.save_font(font_file, out, options)
    return out.getvalue()


def subset_fonts(text: str) -> dict[str, bytes]:
    """Every web font, subset to ``text``."""
    return {name: subset(font, text) for name, font in FONTS.items()}
