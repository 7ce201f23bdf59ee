from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PROJECT = HERE.parent
EXPORT = HERE / "fixtures" / "responsable-e-commerce.txt"
SOURCE = PROJECT / "sources" / "responsable-e-commerce.yaml"


def require(*commands: str) -> None:
    """Fail (never skip) when a Debian tool is missing: `invoke install-tools` installs them."""
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        pytest.fail(f"missing tools {missing}: run `invoke install-tools`", pytrace=False)


@pytest.fixture(scope="session")
def export_text() -> str:
    return EXPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def other_counts(sheet):
    """The sample with other counts: 4 themes, 2 hard skills, 2 levels, 1 salary band, 1 question."""
    from brochure.model.sheet import Sheet

    small = sheet.model_copy(deep=True)
    small.missions.themes = small.missions.themes[:4]
    small.hard_skills.items = small.hard_skills.items[:2]
    small.training.levels = small.training.levels[1:]
    small.training.entry_level = "Mastère"
    small.faq.items = small.faq.items[:1]
    small.salary.bands = small.salary.bands[:1]
    return Sheet.model_validate(small.model_dump())


def normalise(text: str) -> str:
    """Text compared across formats: NFC, ’ -> ', no guillemets, no spaces or hyphens, lower case."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("’", "'").replace("…", "...").replace("«", "").replace("»", "")
    return re.sub(r"[\s\-‐\u00a0\u202f]+", "", text).lower()


def content_items(sheet) -> list[str]:
    """The sheet's content items in brochure order: sections, bullets, names, scores, amounts, questions."""
    items = [sheet.title]
    items += [f"{d.score} %" for _, d in sheet.fulfilment.items()]
    for theme in sheet.missions.themes:
        items += [theme.title, *theme.bullets]
    items += [s.name for s in sheet.soft_skills.items]
    items += [f"{h.score} %" for h in sheet.hard_skills.items] + [h.name for h in sheet.hard_skills.items]
    items += [lv.name for lv in sheet.training.levels] + [str(lv.ects) for lv in sheet.training.levels]
    items += [p.name for p in sheet.experience.paths]
    for family in sheet.tools.families:
        items += [family.name, *family.tools]
    items += [c.name for c in sheet.constraints.items]
    for band in sheet.salary.bands:
        items += [f"{band.min:,}".replace(",", " "), f"{band.max:,}".replace(",", " ")]
    items += [q.question for q in sheet.faq.items]
    return items


def missing_in_order(items: list[str], text: str) -> list[str]:
    """The items not found in ``text`` (normalised) one after the other, in the given order."""
    haystack, position, missing = normalise(text), 0, []
    for item in items:
        found = haystack.find(normalise(item), position)
        if found < 0:
            missing.append(item)
        else:
            position = found
    return missing


# The web edition's sample site (tests/render/web/test_web*.py): three careers with every download built.
WEB_SCORES = {
    "alpha": {"quality_of_life": 80, "stimulation": 90, "career": 40},
    "beta": {"quality_of_life": 55, "stimulation": 65, "career": 85},
    "gamma": {"quality_of_life": 30, "stimulation": 75, "career": 60},
}


def web_sources(folder: Path) -> dict[str, dict]:
    """alpha, beta, gamma: the sample with other titles, scores and (gamma) entry level; beta's
    summary holds markup that must come out escaped."""
    from brochure.model import sources

    folder.mkdir(parents=True, exist_ok=True)
    base = sources.load(SOURCE)
    for slug, scores in WEB_SCORES.items():
        sheet = base.model_copy(deep=True)
        sheet.slug, sheet.title = slug, f"Métier {slug.capitalize()}"
        for key, score in scores.items():
            getattr(sheet.fulfilment, key).score = score
        if slug == "beta":
            sheet.summary = 'Un métier <script>alert("x")</script> & <b>gras</b>. Deuxième phrase.'
        if slug == "gamma":
            sheet.training.entry_level = "BTS"
        (folder / f"{slug}.yaml").write_text(sources.dumps(sheet), encoding="utf-8")
    return WEB_SCORES


@pytest.fixture(scope="session")
def web_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``output/`` of `invoke build --edition web` over the three careers: returns output/web/."""
    from brochure import commands
    from brochure.build import builder as build

    root = tmp_path_factory.mktemp("web-site")
    web_sources(root / "sources")
    options = build.Options(formats=commands.targets((), ("web",)), jobs=2)
    summary = build.build((), options, folder=root / "sources", output=root / "output")
    assert summary.exit_code == 0, [r.failure for r in summary.results]
    return root / "output" / "web"
