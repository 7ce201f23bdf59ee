"""Shared look of every chart: colours, bundled Noto Sans, type sizes and deterministic output.

Figures are built with the object-oriented :class:`matplotlib.figure.Figure` API (no pyplot global
state) at their final print size in inches, so 9 pt in the figure is 9 pt on paper. Text stays text
in the SVG (``svg.fonttype: none``) and always names the bundled "Noto Sans", never DejaVu.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

from charts.colours import ACCENT, channels, tint

FONT_DIR = Path(__file__).resolve().parent.parent / "layouts" / "fonts"
FONT_FILES = tuple(FONT_DIR / f"NotoSans-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic"))
FONT_FAMILY = "Noto Sans"

# Colours: one accent plus neutrals. Contrast on white: ACCENT 6.9:1, TEXT 17:1, NEUTRAL_DARK 8.6:1.
# In grayscale (ITU-R 601 luma) ACCENT ~ 81/255 and ACCENT_LIGHT ~ 186/255: clearly apart.
ACCENT_LIGHT = "#a5bfd1"  # 40 % ACCENT + 60 % white; fills only, never text
TEXT = "#1a1a1a"
NEUTRAL_DARK = "#4d4d4d"  # secondary text: ticks, axis titles
NEUTRAL = "#8c8c8c"  # axis lines
NEUTRAL_LIGHT = "#e0e0e0"  # light vertical grid
NEUTRALS = (NEUTRAL_DARK, NEUTRAL, NEUTRAL_LIGHT)
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class Palette:
    """The colours that follow a school's brand: its accent and two tints of it; neutrals stay.

    A brand's accent passes WCAG AA on white (4.5:1, checked when the brand loads), so its luma is
    at most about 118/255 and the 40 % tint is at least 80 luma levels lighter: bars and the entry
    level stay apart in grayscale whatever the brand.
    """

    accent: str = ACCENT
    accent_light: str = ACCENT_LIGHT  # fills only, never text
    accent_mid: str = "#84a7bf"  # the second career in a comparison

    @classmethod
    def of(cls, accent: str) -> Palette:
        """The palette of a brand's accent colour (``#rrggbb``)."""
        return cls(accent.lower(), tint(accent, 0.4), tint(accent, 0.55))


DEFAULT = Palette()

# Type sizes in points, at print size: chart text matches 8.5-9.5 pt body text.
BODY_PT = 9.5
LABEL_PT = 9.0  # category labels (skill names, levels, salary bands)
VALUE_PT = 9.0  # values printed on the bars (bold)
TICK_PT = 8.5  # axis tick labels
AXIS_LABEL_PT = 8.5  # axis titles

BAR_ROW_IN = 0.32  # height of one horizontal bar row, in inches
LINE_IN = LABEL_PT * 1.25 / 72  # height of one wrapped label line, in inches

RC: dict[str, Any] = {
    "font.family": [FONT_FAMILY],
    "font.sans-serif": [FONT_FAMILY],
    "font.size": BODY_PT,
    "mathtext.fontset": "custom",
    "mathtext.rm": FONT_FAMILY,
    "mathtext.sf": FONT_FAMILY,
    "mathtext.it": f"{FONT_FAMILY}:italic",
    "mathtext.bf": f"{FONT_FAMILY}:bold",
    "mathtext.fallback": None,
    "text.color": TEXT,
    "axes.labelcolor": NEUTRAL_DARK,
    "axes.labelsize": AXIS_LABEL_PT,
    "axes.edgecolor": NEUTRAL,
    "axes.linewidth": 0.6,
    "axes.facecolor": BACKGROUND,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "xtick.color": NEUTRAL_DARK,
    "ytick.color": NEUTRAL_DARK,
    "xtick.labelcolor": NEUTRAL_DARK,
    "ytick.labelcolor": TEXT,
    "xtick.labelsize": TICK_PT,
    "ytick.labelsize": LABEL_PT,
    "grid.color": NEUTRAL_LIGHT,
    "grid.linewidth": 0.5,
    "hatch.color": ACCENT,
    "hatch.linewidth": 0.6,
    "figure.facecolor": BACKGROUND,
    "figure.edgecolor": BACKGROUND,
    "figure.dpi": 100,
    "savefig.facecolor": BACKGROUND,
    "savefig.edgecolor": BACKGROUND,
    "savefig.transparent": False,
    "savefig.bbox": None,  # keep the figure's exact print size
    "savefig.dpi": 300,
    "svg.fonttype": "none",
    "svg.hashsalt": "brochure",
    "svg.image_inline": True,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
}

_registered = False
_measurer: RendererAgg | None = None


def register_fonts() -> None:
    """Register the bundled Noto Sans faces once and make them win over any system copy."""
    global _registered
    if _registered:
        return
    missing = [str(p) for p in FONT_FILES if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"bundled fonts missing: {missing}")
    manager = font_manager.fontManager
    for path in FONT_FILES:
        manager.addfont(str(path))
    # On a family/weight tie findfont keeps the first entry: put the bundled files first
    # (stable sort) so layout always uses the very files the brochure embeds.
    bundled = {str(p) for p in FONT_FILES}
    manager.ttflist.sort(key=lambda entry: entry.fname not in bundled)
    cache_clear = getattr(getattr(manager, "_findfont_cached", None), "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
    _registered = True


def _check_font() -> None:
    """Fail loudly rather than let matplotlib fall back to DejaVu."""
    for weight in ("normal", "bold"):
        prop = font_manager.FontProperties(family=FONT_FAMILY, weight=weight)
        found = font_manager.findfont(prop, fallback_to_default=False)
        if Path(found).parent.resolve() != FONT_DIR:
            raise RuntimeError(f"{FONT_FAMILY} {weight} resolved to {found}, not the bundled font")


@contextmanager
def rc(palette: Palette = DEFAULT) -> Iterator[None]:
    """Context with the brochure's rcParams: build and save figures inside it."""
    register_fonts()
    with matplotlib.rc_context(RC | {"hatch.color": palette.accent}):
        yield


def new_figure(width_in: float, height_in: float) -> Figure:
    """A white figure at its print size, with an Agg canvas (for measuring); no layout engine."""
    register_fonts()
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width_in, height_in), layout="none")
    FigureCanvasAgg(fig)
    return fig


def to_svg(fig: Figure) -> bytes:
    """The figure as SVG bytes: text kept as text, width/height in pt, no date: byte-identical per input."""
    buffer = io.BytesIO()
    with rc():
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def to_png(fig: Figure, dpi: int = 300) -> bytes:
    """The figure as PNG bytes at ``dpi`` (recorded in pHYs), white background, no software tag."""
    buffer = io.BytesIO()
    with rc():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# The print edition's charts in black ink only, as its text (layouts/css/edition-print.css): a neutral grey
# (r = g = b) is painted device-cmyk(0 0 0 K), the text's and the ticks' at the stylesheet's 100 % and 75 %
# K, any other grey at its darkness (1 - lightness). WeasyPrint's SVG renderer reads CSS Color 5 colours and
# paints device-cmyk() with /DeviceCMYK; the accent and its tints stay RGB (the press profile converts them).
BLACK_INK = {TEXT: 1.0, NEUTRAL_DARK: 0.75}
_HEX = re.compile(rb"#([0-9a-fA-F]{6})\b")


def _black_ink(match: re.Match) -> bytes:
    colour = match[0].decode().lower()
    red, green, blue = channels(colour)
    if not red == green == blue:
        return match[0]
    k = BLACK_INK.get(colour, round(1 - red / 255, 3))
    return f"device-cmyk(0 0 0 {k:g})".encode()


def black_ink(svg: bytes) -> bytes:
    """``svg`` (from :func:`to_svg`) with every neutral grey painted in black ink only (the print edition)."""
    return _HEX.sub(_black_ink, svg)


def wrap(label: str, width: int) -> str:
    """Wrap ``label`` onto lines of at most ``width`` characters; words and no-break spaces are kept whole."""
    lines = textwrap.wrap(label, width=max(width, 1), break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if lines else label


def text_width_in(text: str, size: float, bold: bool = False) -> float:
    """Printed width in inches of the widest line of ``text`` in Noto Sans at ``size`` points."""
    global _measurer
    register_fonts()
    if _measurer is None:
        _measurer = RendererAgg(10, 10, 72)  # 72 dpi: one pixel per point
    prop = font_manager.FontProperties(family=FONT_FAMILY, size=size, weight="bold" if bold else "normal")
    widths = [_measurer.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n")]
    return max(widths) / 72


def wrap_to(label: str, width_in: float, size: float = LABEL_PT, bold: bool = False) -> str:
    """Wrap ``label`` (with :func:`wrap`) to the most characters a line whose print width fits ``width_in``."""
    for chars in range(len(label), 0, -1):
        wrapped = wrap(label, chars)
        if text_width_in(wrapped, size, bold) <= width_in:
            return wrapped
    return wrap(label, 1)  # one word a line: the narrowest it can be


def line_count(text: str) -> int:
    """Number of lines in a (wrapped) label."""
    return text.count("\n") + 1


def percent(value: float) -> str:
    """French percentage: ``90`` -> ``"90 %"`` with a narrow no-break space (U+202F)."""
    return f"{value:g}\u202f%"


def thousands(value: int) -> str:
    """French integer with U+202F thousands separators: ``45000`` -> ``"45 000"``."""
    return f"{value:,}".replace(",", "\u202f")


def euros(value: int) -> str:
    """French amount: ``45000`` -> ``"45 000 €"`` (U+202F separators, U+00A0 before the sign)."""
    return f"{thousands(value)}\u00a0€"


register_fonts()
_check_font()
