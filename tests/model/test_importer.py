"""Importing the real export: every line is stored or recognised, counts and values are right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brochure.commands import import_sheet
from brochure.model import importer, sources
from brochure.model.sheet import Sheet
from tests.conftest import SOURCE


@pytest.fixture(scope="module")
def data(export_text: str) -> dict:
    return importer.parse(export_text)


@pytest.fixture(scope="module")
def sheet(data: dict) -> Sheet:
    return sources.validate(data, None, "export")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_scores_and_counts_match_the_export(sheet: Sheet, export_text: str) -> None:
    # Figures read from the export text itself, not a copy of expected values.
    profile = re.findall(
        r"^(?:Qualité de vie|Flexibilité|Stimulation|Relations humaines|Carrière) (\d+)%$", export_text, re.M
    )
    assert [d.score for _, d in sheet.fulfilment.items()] == [int(s) for s in profile[:5]] == [65, 70, 90, 70, 75]
    bullets_per_group = [
        len(g.strip().splitlines())
        for g in re.split(r"\n\s*\n", export_text.split("#SOFTSKILLS")[0])
        if g.strip().startswith("•")
    ]
    assert [len(t.bullets) for t in sheet.missions.themes] == bullets_per_group == [10] * 10
    assert len(sheet.soft_skills.items) == 9
    hard = [int(s) for s in re.findall(r"^(\d+) \| ", export_text, re.M)]
    assert [h.score for h in sheet.hard_skills.items] == hard == [95, 90, 93, 85, 83, 85]
    ects = [int(e) for e in re.findall(r"\((\d+) crédits ECTS\)", export_text)]
    assert [lv.ects for lv in sheet.training.levels] == ects == [120, 180, 300]
    assert len(sheet.experience.paths) == 3
    assert [len(f.tools) for f in sheet.tools.families] == [3] * 6
    assert len(sheet.constraints.items) == 9
    amounts = [int(a) for a in re.findall(r"(\d+)€", export_text)]
    assert [(b.min, b.max) for b in sheet.salary.bands] == [tuple(amounts[0:2]), tuple(amounts[2:4])]
    assert amounts == [30000, 45000, 50000, 75000]
    assert len(sheet.faq.items) == 6


def test_every_line_is_stored_or_recognised(data: dict, export_text: str) -> None:
    stored = _strings(data)
    joined = "\n".join(stored)
    labels = importer.SITE_LABELS | set(importer.MARKERS) | {data["title"]}
    unaccounted = []
    for number, line in enumerate(export_text.splitlines(), 1):
        text = re.sub(r"^\s*•\s*", "", line).strip()
        if not text or text in labels:
            continue
        if text in stored:  # bullets, paragraphs, names, questions: stored exactly as written
            continue
        if (
            re.match(r"^(?:\S.*) \d+%$", text)
            or re.match(r"^\d+ \| ", text)
            or importer._LEVEL.match(text)
            or importer._PROGRAMMES.match(text)
            or importer._AMOUNTS.match(text)
            or importer._BAND.match(text)
        ):
            continue  # lines carrying numbers, checked as numbers elsewhere
        if text.upper() in importer.LEVEL_NAMES:
            continue
        if text.rstrip(".").split(",")[0] in joined:  # keyword lines, split into keywords
            continue
        unaccounted.append((number, text))
    assert unaccounted == []
    assert "leftovers" not in data


def test_paragraphs_equal_the_export(sheet: Sheet, export_text: str) -> None:
    lines = set(export_text.splitlines())
    for theme in sheet.missions.themes:
        for bullet in theme.bullets:
            assert f"  • {bullet}" in lines
    for item in sheet.soft_skills.items + sheet.constraints.items:
        assert item.name in lines and item.text in lines
    for q in sheet.faq.items:
        assert q.question in lines and q.answer in lines
    assert sheet.training.entry_level == "Mastère"  # "constitue le niveau de référence"
    assert sheet.summary.startswith("Le/la Responsable e-commerce")  # inclusive forms kept


def test_profile_block_is_read_once_and_no_final_newline(export_text: str) -> None:
    assert not export_text.endswith("\n")
    assert export_text.count("Profil d'épanouissement") == 2
    data = importer.parse(export_text + "\n")
    assert data == importer.parse(export_text)


def test_entry_level_defaults_to_the_highest(export_text: str) -> None:
    data = importer.parse(export_text.replace("constitue le niveau de référence", "est utile"))
    assert data["training"]["entry_level"] == "Mastère"
    # with the Mastère removed, the Bachelor becomes the highest level
    cut = (
        export_text.split("MASTERE\n")[0]
        + "EXPERIENCE PROFESSIONNELLE"
        + export_text.split("EXPERIENCE PROFESSIONNELLE")[1]
    )
    data = importer.parse(cut)
    assert [lv["name"] for lv in data["training"]["levels"]] == ["BTS", "Bachelor"]
    assert data["training"]["entry_level"] == "Bachelor"


def test_theme_titles_are_flagged_guesses(sheet: Sheet) -> None:
    titles = [t.title for t in sheet.missions.themes]
    assert all(t.startswith(importer.PLACEHOLDER_GUESS) for t in titles)
    assert titles[0] == importer.PLACEHOLDER_GUESS + "Définir la stratégie commerciale en ligne"


def test_unknown_lines_are_kept_not_dropped(export_text: str) -> None:
    text = export_text.replace("#HARDSKILLS", "Une ligne que le site n'a jamais imprimée\n\n#HARDSKILLS", 1)
    data = importer.parse(text)
    line = text.splitlines().index("Une ligne que le site n'a jamais imprimée") + 1
    assert data["leftovers"] == [{"line": line, "text": "Une ligne que le site n'a jamais imprimée"}]
    assert len(data["soft_skills"]["items"]) == 9


def test_cut_export_is_refused_then_partial(tmp_path: Path, export_text: str, capsys) -> None:
    cut = export_text[: export_text.index("Il/elle veille à optimiser")]  # cut mid missions intro
    export = tmp_path / "cut.txt"
    export.write_text(cut, encoding="utf-8")
    out = tmp_path / "out"
    assert import_sheet(export, out) == 2
    message = capsys.readouterr().err
    assert "soft_skills" in message and "faq" in message and "Nothing was written" in message
    assert not out.exists() or not list(out.iterdir())
    assert import_sheet(export, out, partial=True) == 0
    sheet = sources.load(out / "responsable-e-commerce.yaml")
    assert sheet.status == "partial" and sheet.soft_skills is None


def test_existing_source_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "responsable-e-commerce.yaml"
    target.write_text("précieux", encoding="utf-8")
    from tests.conftest import EXPORT

    assert import_sheet(EXPORT, tmp_path) == 2
    assert target.read_text(encoding="utf-8") == "précieux"
    assert import_sheet(EXPORT, tmp_path, force=True) == 0
    assert sources.load(target).title == "Responsable e-commerce"


def test_sample_titles_mostly_right(data: dict, source_text: str) -> None:
    """The sample's intro names its 10 themes; the editor's titles are in sources/."""
    edited = [t.title for t in sources.load(SOURCE).missions.themes]
    recovered = [t["title"].removeprefix(importer.PLACEHOLDER_GUESS) for t in data["missions"]["themes"]]
    assert sum(r == e for r, e in zip(recovered, edited, strict=True)) >= 8
