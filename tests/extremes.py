"""Sheets unlike the sample, built from it as a new user would write them (the design tests' extremes).

Each one keeps the sample's texts and changes one count or length to its extreme: 25 hard skills,
a 3 000-word answer, 1 and 7 training levels, one salary band, a 94-character title, themes of 40
bullets and of 1 bullet, all scores at 0 and at 100. Texts are the sample's own sentences, so the
French hyphenation meets real words.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from brochure.model.sheet import Sheet

TITLE_94 = "Responsable du développement commercial des sites marchands et des places de marché en Gironde"
assert len(TITLE_94) == 94

SKILL_NAMES = (
    "Analyse des indicateurs",
    "Gestion de projet",
    "Marketing digital",
    "Budgets et finances",
    "Communication digitale",
    "Tendances du marché",
    "Référencement naturel",
    "Référencement payant",
    "Gestion des catalogues produits",
    "Expérience utilisateur",
    "Conception de parcours d’achat",
    "Gestion de la relation client",
    "Logistique et préparation des commandes",
    "Paiement en ligne et lutte contre la fraude",
    "Droit du commerce électronique",
    "Protection des données personnelles",
    "Pilotage des places de marché",
    "Animation des réseaux sociaux",
    "Marketing d’affiliation",
    "Emailing et automatisation",
    "Tests A/B et optimisation",
    "Tableaux de bord et reporting",
    "Négociation avec les prestataires",
    "Management d’équipe",
    "Veille concurrentielle",
)

LEVELS_7 = (
    ("CAP", "CAP", None),
    ("Bac professionnel", "BAC", None),
    ("BTS", "BAC +2", 120),
    ("BUT", "BAC +3", 180),
    ("Bachelor", "BAC +3", 180),
    ("Mastère", "BAC +5", 300),
    ("Doctorat", "BAC +8", 480),
)


def _sentences(sheet: Sheet) -> list[str]:
    """The sample's own sentences (its answers and item texts), to write long texts with."""
    texts = [q.answer for q in sheet.faq.items] + [i.text for i in sheet.soft_skills.items]
    return [s.strip() + "." for t in texts for s in t.split(". ") if len(s.split()) > 4]


def words_from(sheet: Sheet, count: int) -> str:
    """About ``count`` words of the sample's sentences, repeated in order."""
    out, total = [], 0
    for sentence in itertools.cycle(_sentences(sheet)):
        out.append(sentence.rstrip(".") + ".")
        total += len(sentence.split())
        if total >= count:
            return " ".join(out)
    raise AssertionError("unreachable")


def hard_skills_25(sheet: Sheet) -> None:
    template = sheet.hard_skills.items[0]
    scores = [95 - (i * 60) // 24 for i in range(25)]  # 95 down to 35
    sheet.hard_skills.items = [
        template.model_copy(update={"name": name, "score": score})
        for name, score in zip(SKILL_NAMES, scores, strict=True)
    ]


def faq_3000(sheet: Sheet) -> None:
    sheet.faq.items[0].answer = words_from(sheet, 3000)


def one_level_one_band_scores_0(sheet: Sheet) -> None:
    sheet.training.levels = sheet.training.levels[-1:]
    sheet.training.entry_level = sheet.training.levels[0].name
    sheet.salary.bands = sheet.salary.bands[:1]
    _scores(sheet, 0)


def seven_levels_scores_100(sheet: Sheet) -> None:
    template = sheet.training.levels[-1]
    sheet.training.levels = [
        template.model_copy(update={"name": name, "level": level, "ects": ects}) for name, level, ects in LEVELS_7
    ]
    sheet.training.entry_level = "BTS"
    _scores(sheet, 100)


def _scores(sheet: Sheet, value: int) -> None:
    for _, dimension in sheet.fulfilment.items():
        dimension.score = value
    for item in sheet.hard_skills.items:
        item.score = value


def title_94(sheet: Sheet) -> None:
    sheet.title = TITLE_94


def themes_40(sheet: Sheet) -> None:
    bullets = [b for t in sheet.missions.themes for b in t.bullets]
    for theme in sheet.missions.themes[:3]:
        theme.bullets = bullets[:40]
    sheet.missions.themes = sheet.missions.themes[:3]


def themes_1(sheet: Sheet) -> None:
    for theme in sheet.missions.themes:
        theme.bullets = theme.bullets[:1]


EXTREMES: dict[str, Callable[[Sheet], None]] = {
    "hard-skills-25": hard_skills_25,
    "faq-3000-words": faq_3000,
    "one-level-one-band-scores-0": one_level_one_band_scores_0,
    "seven-levels-scores-100": seven_levels_scores_100,
    "title-94": title_94,
    "themes-40-bullets": themes_40,
    "themes-1-bullet": themes_1,
}


def extreme(sample: Sheet, name: str) -> Sheet:
    """The sample changed by the extreme ``name`` (validated again, like a sheet read from a file)."""
    return changed(sample, EXTREMES[name])


def changed(sample: Sheet, change: Callable[[Sheet], None]) -> Sheet:
    """A copy of ``sample`` with ``change`` made to it, validated again like a sheet read from a file."""
    sheet = sample.model_copy(deep=True)
    change(sheet)
    return Sheet.model_validate(sheet.model_dump())


def short(sheet: Sheet) -> None:
    """About half the sample, every section kept: for tests that need many careers or many builds,
    where what they check is not the length of one career (the catalogue's numbering, the bench)."""
    sheet.missions.themes = sheet.missions.themes[:4]
    sheet.soft_skills.items = sheet.soft_skills.items[:4]
    sheet.hard_skills.items = sheet.hard_skills.items[:5]
    if sheet.experience:
        sheet.experience.paths = sheet.experience.paths[:2]
    if sheet.tools:
        sheet.tools.families = sheet.tools.families[:3]
    sheet.constraints.items = sheet.constraints.items[:3]
    sheet.faq.items = sheet.faq.items[:3]


def write_short_sample(folder: Path) -> Path:
    """The sample made :func:`short`, as ``folder/responsable-e-commerce.yaml`` (the sample's slug and
    file name, which the bench's figures name)."""
    from brochure.model import sources

    from .conftest import SOURCE

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SOURCE.name
    path.write_text(sources.dumps(changed(sources.load(SOURCE), short)), encoding="utf-8")
    return path
