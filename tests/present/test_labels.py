"""Fixed labels come from a catalogue (French default, English); the sheet's text stays as written."""

from __future__ import annotations

import io

import docx
from pypdf import PdfReader

from brochure import commands
from brochure.build import pipeline
from brochure.model import sources
from brochure.present import labels
from tests.conftest import SOURCE, normalise


def test_catalogues_have_the_same_keys() -> None:
    assert set(labels.LABELS["fr"]) == set(labels.LABELS["en"])


def test_english_labels_and_number_formats_in_pdf_and_docx() -> None:
    sheet = sources.load(SOURCE)
    outputs = pipeline.sheet_outputs(sheet, lang="en", problems=1)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    for words in ("At a glance", "Fulfilment profile", "Frequently asked questions", "Quality of life", "€30,000"):
        assert words in text
    assert "L’essentiel" not in text and "Questions fréquentes" not in text
    assert normalise(sheet.missions.themes[0].bullets[0]) in normalise(text)  # the sheet text is kept as written
    assert "DRAFT" in text and "BROUILLON" not in text
    document = docx.Document(io.BytesIO(outputs["docx"]))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "At a glance" in body and "Frequently asked questions" in body
    assert document.core_properties.language == "en-GB"


def test_unknown_language_is_a_clear_error(capsys) -> None:
    assert commands.build(lang="de") == 2
    assert "unknown language 'de'" in capsys.readouterr().err


def test_counts_agree_in_number() -> None:
    """'1 niveau de formation : Mastère', never '1 niveaux de formation, de Mastère à Mastère'."""
    from brochure.present import presentation as present
    from tests import extremes

    one = extremes.extreme(sources.load(SOURCE), "one-level-one-band-scores-0")
    one.missions.themes = one.missions.themes[:1]
    one.missions.themes[0].bullets = one.missions.themes[0].bullets[:1]
    one.tools.families = one.tools.families[:1]
    facts = present.present(one).facts
    assert facts == [
        "1 niveau de formation\u00a0: Mastère",
        "1 grand domaine de missions, 1 mission détaillée",
        "1 famille d’outils",
    ]
    assert present.present(one, "en").facts[0] == "1 training level: Mastère"
    assert present.present(sources.load(SOURCE)).facts[0] == "3 niveaux de formation, de BTS à Mastère"
    assert labels.counted(labels.LABELS["en"], "fact_tools", 2) == "2 tool families"
