"""Fixed labels come from a catalogue (French default, English); the sheet's text stays as written."""

from __future__ import annotations

import io
import re
import string
import subprocess
from collections.abc import Mapping

import docx
from babel.messages.pofile import PoFileError, read_po
from pypdf import PdfReader

from brochure import commands
from brochure.build import pipeline
from brochure.model import sources
from brochure.present import labels
from tests.conftest import SOURCE, normalise, require


def test_catalogues_have_the_same_keys() -> None:
    assert set(labels.LABELS["fr"]) == set(labels.LABELS["en"])


# What a .po line may be here: a comment, a blank, msgid or msgstr with a quoted string, or a quoted
# continuation; strings escape only \\ \" \n \t \r (Babel reads an unclosed quote or another escape
# without a word, msgfmt does not). No msgctxt, no plurals: a key is the msgid alone.
PO_LINE = re.compile(r'(#.*|(msgid |msgstr )?"(?:[^"\\]|\\[\\"ntr])*"|)\s*')
MSGID = re.compile(r'msgid "(.*)"')


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def catalogue_problems(texts: Mapping[str, str]) -> list[str]:
    """What is wrong with the ``.po`` texts of ``{lang: text}``: a line that is not plain PO (see
    :data:`PO_LINE`), a key given twice, a file Babel cannot read, a wrong ``Language`` header, a key
    missing from a language, an empty or fuzzy msgstr (gettext tools would not use it), a broken ``{`` or
    ``}``, placeholders that differ between languages."""
    problems, words = [], {}
    for lang, text in texts.items():
        lines = text.splitlines()
        problems += [f"{lang}: line {n}: {line}" for n, line in enumerate(lines, 1) if not PO_LINE.fullmatch(line)]
        ids = [m[1] for m in map(MSGID.fullmatch, lines) if m]
        problems += [f"{lang}: {key}: twice" for key in sorted({k for k in ids if ids.count(k) > 1})]
        try:
            catalogue = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
        except PoFileError as exc:
            problems.append(f"{lang}: Babel cannot read it: {exc}")
            continue
        if str(catalogue.locale) != lang:
            problems.append(f"{lang}: its header says Language: {catalogue.locale}")
        words[lang] = {m.id: m.string for m in catalogue if m.id}
        problems += [f"{lang}: {m.id}: empty" for m in catalogue if m.id and not m.string]
        problems += [f"{lang}: {m.id}: marked fuzzy" for m in catalogue if m.id and m.fuzzy]
    keys = {key for catalogue in words.values() for key in catalogue}
    for key in sorted(keys):
        fields = {}
        for lang, catalogue in words.items():
            if key not in catalogue:
                problems.append(f"{lang}: {key}: missing")
                continue
            try:
                fields[lang] = _placeholders(catalogue[key])
            except ValueError as exc:
                problems.append(f"{lang}: {key}: {exc}")
        if len(set(map(frozenset, fields.values()))) > 1:
            problems.append(f"{key}: placeholders differ: " + "; ".join(f"{k} {sorted(v)}" for k, v in fields.items()))
    return problems


def _texts() -> dict[str, str]:
    return {lang: labels.catalogue_path(lang).read_text(encoding="utf-8") for lang in labels.LANGUAGES}


def test_the_catalogues_agree_and_babel_reads_them() -> None:
    assert catalogue_problems(_texts()) == []
    assert len(labels.LABELS["fr"]) > 100 and labels.LABELS["fr"]["glance"] == "L’essentiel"
    assert labels.LABELS["fr"]["colon"] == "\u00a0: "  # the no-break space survives the file
    assert labels.labels("en") is labels.LABELS["en"]  # read once


def test_the_check_finds_a_broken_catalogue() -> None:
    texts = _texts()
    entry = 'msgid "glance"\nmsgstr "L’essentiel"\n'
    assert entry in texts["fr"]

    def broken(lang: str, old: str, new: str) -> list[str]:
        assert old in texts[lang]
        return catalogue_problems({**texts, lang: texts[lang].replace(old, new)})

    assert broken("fr", entry, "") == ["fr: glance: missing"]
    assert broken("en", '"Prepared by {counselor}"', '"Prepared by {advisor}"') == [
        "pack_by: placeholders differ: fr ['counselor']; en ['advisor']"
    ]
    assert broken("en", '"{count} tool families"', '"{count tool families"') == [
        "en: fact_tools: expected '}' before end of string"
    ]
    assert broken("fr", entry, 'msgid "glance"\nmsgstr ""\n') == ["fr: glance: empty"]
    assert broken("fr", entry, "#, fuzzy\n" + entry) == ["fr: glance: marked fuzzy"]
    assert broken("fr", entry, entry + "\n" + entry) == ["fr: glance: twice"]
    assert broken("fr", "Language: fr", "Language: en") == ["fr: its header says Language: en"]
    (problem,) = broken("fr", entry, 'msgid "glance"\n')
    assert problem.startswith("fr: Babel cannot read it: missing msgstr for msgid 'glance'")
    unclosed = texts["fr"].replace(entry, 'msgid "glance"\nmsgstr "L’essentiel\n')  # Babel reads "L’essentie"
    line = unclosed.splitlines().index('msgstr "L’essentiel') + 1
    assert broken("fr", entry, 'msgid "glance"\nmsgstr "L’essentiel\n') == [f'fr: line {line}: msgstr "L’essentiel']


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


def test_gettext_reads_the_catalogues_without_a_warning() -> None:
    """The translators' tools (msgfmt, Poedit, Weblate) take the files as they are (`invoke install-tools`
    installs GNU gettext)."""
    require("msgfmt")
    for lang in labels.LANGUAGES:
        path = labels.catalogue_path(lang)
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert (done.returncode, done.stderr) == (0, ""), path
