"""The front pages' facts — cover tiles, the glance page, the summary leaflet — part of the presentation step.

Everything here is read from the sheet or computed from it, and each computed figure says how:
the monthly salary is the annual one ÷ 12 rounded to 50 € and labelled "environ"; the key technical
skills are the 3 best scores; the soft skills and constraints are the first 3 in the sheet's order
("les 3 premières de la fiche"); the route is the training levels up to the usual entry level.
The PDF templates and the DOCX writer print these values as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brochure.model.sheet import Sheet
from brochure.present import qr

if TYPE_CHECKING:
    from brochure.present.brand import Brand
    from brochure.present.presentation import Band, Dim, Formatter, LevelView

FIRST = 3  # soft skills, constraints: the first three in the sheet's order
ROUND_EUROS = 50  # monthly salaries are rounded to 50 €
GIST_CHARS = 150
SHORT_CHARS = 90  # the printed address beside a QR code  # a soft skill's or constraint's gist on the summary leaflet


def shorten(value: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis (the summary's shortening rules)."""
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_sentence(value: str) -> str:
    """The first sentence of a text (up to its first full stop followed by a space)."""
    return re.split(r"(?<=[.!?])\s", value, maxsplit=1)[0]


def monthly(annual: int) -> int:
    """An annual gross salary as a monthly one: ÷ 12, rounded to the nearest 50 € (half up)."""
    return int(annual / 12 / ROUND_EUROS + 0.5) * ROUND_EUROS


@dataclass(frozen=True)
class Tile:
    """A key fact of the cover and the summary: ``label`` over a large ``value``, a ``note`` under it."""

    label: str
    value: str
    note: str


@dataclass(frozen=True)
class Pay:
    """One salary band, annual as in the sheet and monthly as computed ("environ …")."""

    label: str
    experience: str | None
    annual: str
    monthly: str


@dataclass(frozen=True)
class Gist:
    """A named item (soft skill, constraint) with the first sentence of its text, shortened."""

    name: str
    gist: str


@dataclass(frozen=True)
class Skill:
    """A key technical skill: its score as a number (bar length) and as printed, its keywords."""

    name: str
    score: int
    value: str
    keywords: str  # "Performance · interprétation · optimisation" (as in the sheet)


@dataclass(frozen=True)
class Link:
    """The online sheet: the QR code's address and the short form printed beside it."""

    url: str
    short: str
    has_code: bool  # False: too long for a readable 20 mm code (the address is still printed)


@dataclass(frozen=True)
class Front:
    tiles: list[Tile]
    pay: list[Pay]
    hard: list[Skill]  # the 3 best scores (ties: the sheet's order)
    soft: list[Gist]  # the first 3 of the sheet
    soft_note: str  # "les 3 premières de la fiche, sur 9"
    hard_note: str  # "les 3 scores les plus hauts, sur 6"
    constraints: list[Gist]
    constraints_note: str
    route: str  # "BTS › Bachelor › Mastère": the levels up to the usual entry level
    experience: list[str]  # the names of the paths into the job through experience
    experience_gists: list[Gist]  # the same with the first sentence of each (the summary's verso)
    themes: list[str]  # the mission themes' titles
    link: Link | None
    monthly_note: str  # how the monthly salary is computed


def _link(sheet: Sheet, brand: Brand) -> Link | None:
    url = qr.target(sheet.provenance.source_url, brand.sheet_url, sheet.slug)
    if not url:
        return None
    short = qr.short(url)
    if len(short) > SHORT_CHARS:  # a reader types what is printed: past this, the link and code carry it
        short = short[: SHORT_CHARS - 1] + "…"
    return Link(url, short, qr.fits(url))


def _pay(bands: list[Band], sheet: Sheet, fmt: Formatter, words: dict[str, str]) -> list[Pay]:
    raw = sheet.salary.bands if sheet.salary else []
    return [
        Pay(
            band.label,
            band.experience,
            band.range,
            words["monthly"].format(range=fmt.euro_range(monthly(b.min), monthly(b.max))),
        )
        for band, b in zip(bands, raw, strict=True)
    ]


def _tiles(
    sheet: Sheet, dims: list[Dim], bands: list[Band], levels: list[LevelView], fmt: Formatter, words: dict[str, str]
) -> list[Tile]:
    tiles = []
    entry = next((lv for lv in levels if lv.is_entry), None)  # (Brochure.entry, before the brochure exists)
    if entry:
        tiles.append(Tile(words["usual_entry"], entry.name, entry.line))
    if sheet.salary:
        low, high = sheet.salary.bands[0].min, sheet.salary.bands[-1].max
        span = bands[0].label if len(bands) == 1 else f"{bands[0].label} › {bands[-1].label}"
        note = words["tile_salary_note"].format(span=span, monthly=fmt.euro_range(monthly(low), monthly(high)))
        tiles.append(Tile(words["tile_salary"], fmt.euro_range(low, high), note))
    best = max(dims, key=lambda d: d.score)  # the first of equal scores, in the sheet's order
    tiles.append(Tile(words["tile_dimension"], best.label, words["tile_dimension_note"].format(value=best.value)))
    if sheet.hard_skills:
        items = sheet.hard_skills.items
        top = max(items, key=lambda h: h.score)
        note = words["tile_skill_note"].format(value=fmt.percent(top.score), count=len(items))
        tiles.append(Tile(words["tile_skill"], top.name, note))
    return tiles


def _hard(sheet: Sheet, fmt: Formatter, count: int) -> list[Skill]:
    items = sheet.hard_skills.items if sheet.hard_skills else []
    top = sorted(items, key=lambda h: -h.score)[:count]  # sorted() is stable: ties keep the sheet's order
    return [Skill(h.name, h.score, fmt.percent(h.score), " · ".join(h.keywords)) for h in top]


def _gists(items: list, limit: int = GIST_CHARS) -> list[Gist]:
    return [Gist(item.name, shorten(first_sentence(item.text), limit)) for item in items[:FIRST]]


def _first_note(words: dict[str, str], count: int) -> str:
    return words["first_of"].format(shown=min(FIRST, count), count=count)


def front_facts(
    sheet: Sheet,
    dims: list[Dim],
    bands: list[Band],
    levels: list[LevelView],
    fmt: Formatter,
    words: dict[str, str],
    brand: Brand,
    top_count: int,
) -> Front:
    """The front pages' facts of a typeset ``sheet`` (see the module's docstring for each rule)."""
    soft = sheet.soft_skills.items if sheet.soft_skills else []
    constraints = sheet.constraints.items if sheet.constraints else []
    hard = len(sheet.hard_skills.items) if sheet.hard_skills else 0
    route: list[str] = []
    for lv in levels:
        route.append(lv.name)
        if lv.is_entry:
            break
    return Front(
        tiles=_tiles(sheet, dims, bands, levels, fmt, words),
        pay=_pay(bands, sheet, fmt, words),
        hard=_hard(sheet, fmt, top_count),
        soft=_gists(soft),
        soft_note=_first_note(words, len(soft)),
        hard_note=words["best_of"].format(shown=min(top_count, hard), count=hard),
        constraints=_gists(constraints),
        constraints_note=_first_note(words, len(constraints)),
        route=" › ".join(route),
        experience=[p.name for p in sheet.experience.paths] if sheet.experience else [],
        experience_gists=_gists(sheet.experience.paths) if sheet.experience else [],
        themes=[t.title for t in sheet.missions.themes] if sheet.missions else [],
        link=_link(sheet, brand),
        monthly_note=words["monthly_note"],
    )
