"""Extreme sheets built from the sample, for the front pages' rule tests and for looking at pages.

``variants()`` maps a name to a sheet: the sample itself, 25 hard skills, 1 training level, a
94-character title, one salary band, and no online address (no QR code, no empty box).
"""

from __future__ import annotations

from functools import cache

from brochure.model import sources
from brochure.model.sheet import HardSkill, Sheet

from .conftest import SOURCE

LONG_TITLE = "Responsable e-commerce et marketing digital omnicanal des marketplaces et réseaux de franchise"
assert len(LONG_TITLE) == 94


def _copy(sheet: Sheet) -> Sheet:
    return sheet.model_copy(deep=True)


def many_hard_skills(sheet: Sheet, count: int = 25) -> Sheet:
    s = _copy(sheet)
    base = s.hard_skills.items
    s.hard_skills.items = [
        HardSkill(
            name=f"{base[i % len(base)].name} {i + 1}", score=60 + (i * 7) % 40, keywords=base[i % len(base)].keywords
        )
        for i in range(count)
    ]
    return s


def one_level(sheet: Sheet) -> Sheet:
    s = _copy(sheet)
    s.training.levels = s.training.levels[-1:]
    s.training.entry_level = s.training.levels[0].name
    return Sheet.model_validate(s.model_dump())


def long_title(sheet: Sheet) -> Sheet:
    s = _copy(sheet)
    s.title = LONG_TITLE
    return s


def one_band(sheet: Sheet) -> Sheet:
    s = _copy(sheet)
    s.salary.bands = s.salary.bands[:1]
    return s


def no_address(sheet: Sheet) -> Sheet:
    s = _copy(sheet)
    s.provenance.source_url = None
    return s


@cache
def sample() -> Sheet:
    return sources.load(SOURCE)


def variants() -> dict[str, Sheet]:
    s = sample()
    return {
        "sample": s,
        "hard25": many_hard_skills(s),
        "level1": one_level(s),
        "title94": long_title(s),
        "band1": one_band(s),
        "nourl": no_address(s),
    }
