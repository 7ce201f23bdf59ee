from __future__ import annotations

import shutil
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
    from brochure.model import Sheet

    small = sheet.model_copy(deep=True)
    small.missions.themes = small.missions.themes[:4]
    small.hard_skills.items = small.hard_skills.items[:2]
    small.training.levels = small.training.levels[1:]
    small.training.entry_level = "Mastère"
    small.faq.items = small.faq.items[:1]
    small.salary.bands = small.salary.bands[:1]
    return Sheet.model_validate(small.model_dump())
