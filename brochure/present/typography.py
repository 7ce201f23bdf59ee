"""French typography for display text (sources keep the text as typed).

- narrow no-break space (U+202F) before ; ! ? and inside « »;
- no-break space (U+00A0) before : and between a number and its unit (30 000 €, 90 %);
- ’ for apostrophes, … for three dots, – for number ranges.

And for every language, :func:`breakable`: a break opportunity (U+200B, which prints nothing and
which text extraction leaves out) every :data:`BREAK_EVERY` characters of a run without spaces (a
long web address, a pasted identifier). WeasyPrint measures a box's narrowest width by laying its
text out at every break opportunity, so ``word-break: break-all`` on a 2 000-character address made
one colophon take 10 s: with a few opportunities the text still wraps and costs a normal line.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"
NBSP = "\u00a0"
ZWSP = "\u200b"
BREAK_EVERY = 30  # characters without a space before a break opportunity (longer than any French word)

_UNITS = r"(?:€|%|k€|M€|ans?|mois|jours?|heures?|h|crédits|ECTS|semaines?|salariés?|€/mois)"
_RULES: list[tuple[re.Pattern[str], str]] = [
    # apostrophes: l'entreprise -> l’entreprise (not inside URLs or code)
    (re.compile(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])"), "’"),
    (re.compile(r"\.\.\.(?!\.)"), "…"),
    # guillemets: straight pairs become « », then the spaces inside are narrow no-break spaces
    (re.compile(r'"([^"\n]+)"'), "«\\1»"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NNBSP + "»"),
    # high punctuation: a space (or none, after a word) becomes the right no-break space
    (re.compile(r"(?<=[\wÀ-ÿ)»%€])[ \u00a0\u202f]*([;!?])(?=\s|$|[»)])"), NNBSP + "\\1"),
    (re.compile(r"(?<=[\wÀ-ÿ)»%€])[ \u00a0\u202f]*:(?=\s|$)"), NBSP + ":"),
    # number ranges: 30 000 - 45 000 -> 30 000 – 45 000
    (re.compile(r"(?<=\d)\s+[-–]\s+(?=\d)"), NBSP + "– "),
    # thousands separated by a space: 30 000 -> 30<NNBSP>000 (never split across lines)
    (re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NNBSP),
    # number + unit
    (re.compile(rf"(?<=\d)[ \u202f]+(?={_UNITS}\b|€|%)"), NBSP),
]


_URL = re.compile(r"(\S+://\S*[\w/])")


def french(text: str) -> str:
    """Apply French typography to one piece of display text."""
    if "://" in text:  # leave addresses alone; typeset the words around them
        return "".join(part if "://" in part else french(part) for part in _URL.split(text))
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_LONG_RUN = re.compile(rf"[^\s{ZWSP}]{{{BREAK_EVERY + 1},}}")


def breakable(text: str) -> str:
    """``text`` with a zero-width space after every :data:`BREAK_EVERY` characters of a run without
    spaces longer than that (words and addresses of ordinary length are left alone)."""

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        return ZWSP.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))

    return _LONG_RUN.sub(cut, text)
