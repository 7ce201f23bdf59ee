"""French spelling: the export's typo is caught with its place and a suggestion; the sample passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brochure import commands
from brochure.build import job, pipeline
from brochure.model import check, sources, spelling
from tests.conftest import EXPORT, SOURCE


def test_words_are_taken_apart_as_a_reader_would() -> None:
    text = "Un(e) Directeur(trice) l’analyse qu'il SEO HubSpot Il/elle 3ans https://x.fr/abc e-commerce"
    assert list(spelling.words(text)) == ["Un", "Directeur", "analyse", "il", "Il", "elle", "ans", "e-commerce"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[sources.Problem], object]:
    """The export imported as is, and its editorial problems."""
    folder = tmp_path_factory.mktemp("raw")
    assert commands.import_sheet(EXPORT, folder) == 0
    path = folder / "responsable-e-commerce.yaml"
    sheet, document = sources.parse_file(path)
    return check.lint(sheet, document, str(path)), document


def test_the_exports_typo_is_an_error_with_its_place_and_a_suggestion(imported) -> None:
    problems, document = imported
    found = [p for p in problems if "unknown word" in p.message]
    assert [(p.severity, p.field) for p in found] == [("error", "constraints.items[5].text")]
    assert "'rapidemen' (did you mean 'rapidement'?)" in found[0].message
    assert found[0].line == document.position(("constraints", "items", 4, "text"))[0]  # fields show 1-based


def test_corrected_sample_knows_all_its_words() -> None:
    sheet = sources.load(SOURCE)
    assert check.spell(sheet).misspelled == {}
    assert "insights" in spelling.project_words()  # an English word of the trade, accepted by the project


def test_a_typo_makes_a_draft_and_a_project_word_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = sources.load(SOURCE)
    sheet.summary = "Le métier se transfrome vite, avec le growthhacking."
    unknown = check.spell(sheet, spelling.Checker(tmp_path / "cache.json")).misspelled
    assert set(unknown) == {"transfrome", "growthhacking"} and "transforme" in unknown["transfrome"]
    words = tmp_path / "dictionary.txt"
    words.write_text(spelling.PROJECT_WORDS.read_text(encoding="utf-8") + "growthhacking\n", encoding="utf-8")
    original = spelling.project_words
    monkeypatch.setattr(spelling, "project_words", lambda: original(words))
    assert set(check.spell(sheet, spelling.Checker(tmp_path / "cache.json")).misspelled) == {"transfrome"}


def test_verdicts_are_cached_and_tied_to_the_dictionary(tmp_path: Path) -> None:
    cache = tmp_path / "spelling.json"
    first = spelling.Checker(cache)
    assert first.misspelled(["rapidemen", "rapidement"]) == {"rapidemen": ("rapidement",)}
    first.save()
    again = spelling.Checker(cache)
    assert again.misspelled(["rapidemen", "rapidement"]) == {"rapidemen": ("rapidement",)}
    assert not again.loaded  # answered from the cache: the dictionary was not read
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored["dictionary"] = "another dictionary"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    stale = spelling.Checker(cache)
    stale.misspelled(["rapidement"])
    assert stale.loaded  # a cache from another dictionary is not trusted


def test_build_spells_in_its_main_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build hands each worker its sheet's misspelled words: a worker never reads the dictionary."""
    folder = tmp_path / "sources"
    folder.mkdir()
    text = SOURCE.read_text(encoding="utf-8").replace("développe et pilote", "dévelope et pilote", 1)
    path = folder / SOURCE.name
    path.write_text(text, encoding="utf-8")
    checker = spelling.Checker(tmp_path / "spelling.json")
    prepared = job.prepare(path, checker)
    assert [p.message for p in prepared.problems if "dévelope" in p.message] != []

    def no_dictionary(self, word):  # what a worker would have to do without the main process' answer
        raise AssertionError(f"the worker looked up {word!r}")

    monkeypatch.setattr(spelling.Checker, "_lookup", no_dictionary)
    result = pipeline.run_job(prepared, ("summary",))
    assert result.failure == "" and result.errors == 1  # built, as a draft


def test_hostile_text_is_checked_in_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 5 000-letter word is not looked up; beyond 25 unknown words, no suggestions are searched."""
    checker = spelling.Checker(None)
    lookups = []
    monkeypatch.setattr(spelling, "edits", lambda word: lookups.append(word) or iter(()))
    gibberish = [f"zqx{chr(97 + i % 26)}{chr(97 + i // 26)}w" for i in range(60)]
    found = checker.misspelled(["a" * 5000, *gibberish])
    assert len(found) == 61 and found["a" * 5000] == ()
    assert len(lookups) == spelling.SUGGESTED_WORDS  # suggestions searched for the first 25 only


def test_the_exports_missing_noun_is_an_error(imported) -> None:
    """'une maîtrise des adéquats, ainsi que…': an article, then a word that is only an adjective."""
    found = [p for p in imported[0] if "noun seems to be missing" in p.message]
    assert [(p.severity, p.field) for p in found] == [("error", "salary.evolution[3]")]
    assert "'des adéquats'" in found[0].message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Une maîtrise des adéquats, ainsi que des soft skills.", {"adéquats"}),
        ("Il maîtrise des outils adéquats, ainsi que des méthodes.", set()),  # the noun is there
        ("Les résultats sont les mêmes.", set()),  # an adjective standing for a noun
        ("Il aime les bleus et les verts.", set()),  # adjectives that are nouns too
        ("Des principaux.", set()),
    ],
)
def test_lone_adjective_rule(text: str, flagged: set[str]) -> None:
    candidates = list(spelling.lone_candidates(text))
    assert spelling.Checker(None).adjectives_only(candidates) == flagged


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> spelling.Checker:
    """A checker shared by the tests below that need no suggestions (one dictionary load)."""
    return spelling.Checker(tmp_path_factory.mktemp("quick") / "spelling.json")


@pytest.mark.parametrize(
    "word",
    ["co-animer", "Co-animer", "multi-canal", "auto-entrepreneur", "e-mailing", "re-paramétrer", "pluri-disciplinaire"],
)
def test_a_prefix_and_a_known_word_make_a_known_compound(quick: spelling.Checker, word: str) -> None:
    assert quick.misspelled([word]) == {}


def test_a_compound_with_an_unknown_part_is_an_error_whose_suggestions_keep_the_prefix() -> None:
    found = spelling.Checker(None).misspelled(["co-animerr", "Co-animerr", "co-", "sous-jacent", "multi-marketplaces"])
    assert set(found) == {"co-animerr", "Co-animerr", "co-"}  # a dictionary compound, a project word after a prefix
    assert "co-animer" in found["co-animerr"] and all(s.startswith("co-") for s in found["co-animerr"])
    assert all(s.startswith("Co-") for s in found["Co-animerr"])


def test_the_compound_rule_is_part_of_the_caches_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verdicts found with another list of prefixes are not trusted: without "co", co-animer is unknown."""
    cache = tmp_path / "spelling.json"
    monkeypatch.setattr(spelling, "PREFIXES", frozenset())
    spelling.dictionary_digest.cache_clear()
    try:
        before = spelling.Checker(cache)
        assert set(before.misspelled(["co-animer"])) == {"co-animer"}
        before.save()
    finally:
        monkeypatch.undo()
        spelling.dictionary_digest.cache_clear()
    after = spelling.Checker(cache)
    assert after.misspelled(["co-animer"]) == {} and after.loaded


def test_known_phrases_are_whole_tool_names_and_job_titles() -> None:
    known = spelling.phrases(["Canva", "Google Analytics", "  "])
    text = "Avec canva et Google  Analytics, des Community Managers, un growth-hacker ; Canvaa, Google, le growth."
    assert list(spelling.words(spelling.without(text, known))) == [
        "Avec",
        "et",
        "des",
        "un",
        "Canvaa",
        "Google",
        "le",
        "growth",
    ]
    assert len(spelling.without(text, known)) == len(text)  # places in it are places in the text
    assert spelling.phrases([]).search("un product owner")  # the loanwords are known on any sheet


def test_the_loanword_list_states_its_source_and_each_entry_is_needed(
    quick: spelling.Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each title has a word the dictionary lacks, else it needs no entry ("social media manager")."""
    header = spelling.LOANWORDS.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "Source:" in header and "plateforme-orientation-metiers.fr" in spelling.LOANWORDS.read_text(encoding="utf-8")
    monkeypatch.setattr(spelling, "edits", lambda word: iter(()))  # no suggestions: only the verdicts matter
    titles = spelling.loanwords()
    assert 20 <= len(titles) <= 40 and "community manager" in titles
    assert [t for t in titles if not quick.misspelled(spelling.words(t))] == []


def _unknown_words(sheet, checker: spelling.Checker) -> dict[str, str]:
    """The words lint reports as unknown, with their fields."""
    problems = check.lint(sheet, None, "x.yaml", check.spell(sheet, checker))
    return {p.message.split("'")[1]: p.field for p in problems if p.message.startswith("unknown word")}


def test_a_sheet_knows_its_compounds_its_tools_and_job_titles(tmp_path: Path) -> None:
    sheet = sources.load(SOURCE)
    sheet.tools.families[2].tools.append("Canva")
    sheet.faq.items[0].answer += " Il prépare ses visuels sur Canva."
    sheet.missions.themes[0].bullets.append("Co-animer les ateliers avec le Community manager.")
    cache = tmp_path / "spelling.json"
    checker = spelling.Checker(cache)
    assert _unknown_words(sheet, checker) == {}
    checker.save()
    assert "Canva" not in json.loads(cache.read_text(encoding="utf-8"))["words"]  # never cached as known

    sheet.tools.families[2].tools.remove("Canva")
    sheet.constraints.items[0].text += " Le co-animerr et Canvaa."
    assert _unknown_words(sheet, spelling.Checker(cache)) == {
        "Canva": "faq.items[1].answer",
        "co-animerr": "constraints.items[1].text",
        "Canvaa": "constraints.items[1].text",
    }
