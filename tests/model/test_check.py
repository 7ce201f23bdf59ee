"""`invoke check`: schema errors plus the editorial lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure import commands
from brochure.model import check, sources
from brochure.model.sheet import Sheet
from tests.conftest import EXPORT, SOURCE


@pytest.fixture()
def raw_import(tmp_path: Path) -> Path:
    assert commands.import_sheet(EXPORT, tmp_path) == 0
    return tmp_path


def _problems(sheet: Sheet) -> list[sources.Problem]:
    return check.lint(sheet, None, "x.yaml")


def test_raw_sample_fails_naming_its_defects(raw_import: Path, capsys) -> None:
    capsys.readouterr()
    assert commands.check([], raw_import) == 1
    err = capsys.readouterr().err
    assert "Description salaire a modifier" in err
    assert "'ne ne'" in err
    assert "missions.themes[1].title" in err  # guessed titles must be confirmed
    assert "3ans" in err  # glued text (warning)
    lines = [line for line in err.splitlines() if "'ne ne'" in line]
    assert lines[0].startswith(f"{raw_import / 'responsable-e-commerce.yaml'}:")


def test_sources_pass() -> None:
    sheet, document = sources.parse_file(SOURCE)
    assert check.lint(sheet, document, str(SOURCE)) == []


def _sheet() -> Sheet:
    return sources.load(SOURCE)


@pytest.mark.parametrize(
    ("text", "severity", "words"),
    [
        ("TODO: écrire ce paragraphe.", "error", "placeholder"),
        ("Lorem ipsum dolor sit amet.", "error", "placeholder"),
        ("Texte à compléter", "error", "placeholder"),
        ("Il faut ne ne pas oublier.", "error", "doubled word"),
        ("Nous nous adaptons.", None, ""),
        ("Vous vous formez.", None, ""),
        ("Un mot,collé au suivant.", "warning", "glued"),
        ("Moins de 3ans.", "warning", "glued"),
        ("Une lettre z seule.", "warning", "lone letter"),
        ("Les candidat(e)s formé(e)s à l'UX.", None, ""),
        ("Chaque étudiant est encouragé à compléter ces informations par des recherches.", None, ""),
    ],
)
def test_text_lint(text: str, severity: str | None, words: str) -> None:
    sheet = _sheet()
    sheet.salary.paragraphs = [text]
    found = [p for p in _problems(sheet) if p.field == "salary.paragraphs[1]" and "unknown word" not in p.message]
    if severity is None:
        assert found == []
    else:
        assert [p.severity for p in found] == [severity]
        assert words in found[0].message


def test_salary_bands() -> None:
    sheet = _sheet()
    sheet.salary.bands[0].min, sheet.salary.bands[0].max = 46000, 45000
    messages = [p.message for p in _problems(sheet) if p.severity == "error"]
    assert any("min 46000 > max 45000" in m for m in messages)
    sheet = _sheet()
    sheet.salary.bands[1].min, sheet.salary.bands[1].max = 20000, 40000
    assert any("below the band before it" in p.message for p in _problems(sheet))


def test_partial_and_duplicates_and_missing_titles() -> None:
    sheet = _sheet()
    sheet.status = "partial"
    sheet.faq = None
    sheet.missions.themes[2].title = "[À COMPLÉTER] Thème 3"
    sheet.soft_skills.items.append(sheet.soft_skills.items[0])
    problems = _problems(sheet)
    errors = [p.message for p in problems if p.severity == "error"]
    warnings = [p.message for p in problems if p.severity == "warning"]
    assert any("partial sheet" in m and "faq" in m for m in errors)
    assert any("missing theme title" in m for m in errors)
    assert any("duplicate item" in m for m in warnings)
    assert check.is_draft(problems)
    assert not check.is_draft([p for p in problems if p.severity == "warning"])
