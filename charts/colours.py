"""Colour arithmetic shared by the charts and the brands (no matplotlib import: brands load light)."""

from __future__ import annotations

ACCENT = "#1f5f8b"  # the project's blue: the neutral brand's accent and the charts' default (6.9:1 on white)


def channels(colour: str) -> list[int]:
    """The red, green and blue of ``colour`` ("#rrggbb"), 0-255."""
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def tint(colour: str, share: float) -> str:
    """``share`` of ``colour`` on white (``share`` 0.4 -> 40 % colour, 60 % white), as ``#rrggbb``."""
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels(colour))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in channels(colour))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
