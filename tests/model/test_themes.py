"""Theme titles recovered from missions intros written in other styles than the sample's.

The intros are written for these tests, after the facts recorded for five more careers of the same
site (../shared/sheets/openings/: theme labels named in order, how the intro opens), in different
styles and with different theme counts (tests/fixtures/intros.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brochure.commands import import_sheet
from brochure.model import importer, lexicon, sources, themes

FIXTURES = Path(__file__).parents[1] / "fixtures"  # tests/fixtures/
INTROS = {
    name: (case["career"], case["intro"], case["titles"])
    for name, case in yaml.safe_load((FIXTURES / "intros.yaml").read_text("utf-8")).items()
}


@pytest.mark.parametrize("name", sorted(INTROS))
def test_titles_recovered_in_order(name: str) -> None:
    title, intro, expected = INTROS[name]
    got = themes.recover(intro, len(expected), title)
    assert len(got) == len(expected)
    assert [g is None for g in got] == [e is None for e in expected]  # placeholders only where nothing is named
    right = sum(g == e for g, e in zip(got, expected, strict=True))
    assert right >= len(expected) - 1, list(zip(got, expected, strict=True))


def test_titles_are_short_phrases() -> None:
    for title, intro, expected in INTROS.values():
        for got in themes.recover(intro, len(expected), title):
            if got is not None:
                assert got[0].isupper() and got[-1] not in ".,;:!?" and len(got.split()) <= themes.MAX_WORDS


def test_fewer_clauses_than_themes_leave_placeholders(export_text: str) -> None:
    title, intro, expected = INTROS["fewer-clauses"]
    assert themes.recover(intro, 5, title)[2:] == [None, None, None]
    sample_intro = importer.parse(export_text)["missions"]["intro"]
    text = export_text.replace(sample_intro, intro)
    titles = [t["title"] for t in importer.parse(text)["missions"]["themes"]]
    assert titles[:2] == [importer.PLACEHOLDER_GUESS + t for t in expected[:2]]
    assert titles[2:] == [f"{importer.PLACEHOLDER_MISSING}Thème {i}" for i in range(3, 11)]


def test_an_intro_with_no_theme_gives_placeholders() -> None:
    intro = "Ce poste demande de la rigueur et une bonne dose de créativité. Le travail se fait souvent en équipe."
    assert themes.recover(intro, 3) == [None, None, None]


def test_verb_forms_come_from_the_dictionary() -> None:
    assert [lexicon.infinitive(w) for w in ("gère", "définit", "conçoit", "supervisant", "garantissant")] == [
        "gérer",
        "définir",
        "concevoir",
        "superviser",
        "garantir",
    ]
    assert lexicon.infinitive("financière") is None and not lexicon.is_infinitive("technologique")


def test_full_export_with_another_intro(tmp_path: Path, export_text: str) -> None:
    _career, intro, expected = INTROS["assistant-comptable"]
    sample_intro = importer.parse(export_text)["missions"]["intro"]
    export = tmp_path / "export.txt"
    export.write_text(export_text.replace(sample_intro, intro), encoding="utf-8")
    assert import_sheet(export, tmp_path / "out") == 0
    sheet = sources.load(tmp_path / "out" / "responsable-e-commerce.yaml")
    assert sheet.missions.intro == intro
    assert [t.title for t in sheet.missions.themes] == [importer.PLACEHOLDER_GUESS + t for t in expected]
