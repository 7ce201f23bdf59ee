"""Editorial lint of a valid sheet: what a careful proof-reader would flag.

Errors (placeholders, doubled words, words no dictionary knows, impossible salary bands,
unconfirmed theme titles, partial sheets, import leftovers) make a sheet a draft; warnings
(duplicates, empty sections, suspicious text) are advice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from brochure.core import paths
from brochure.model import spelling
from brochure.model.importer import PLACEHOLDER_GUESS, PLACEHOLDER_MISSING
from brochure.model.sheet import Sheet
from brochure.model.sources import Problem, field_path, to_data
from brochure.model.yamlsafe import Document, FieldPath

PLACEHOLDERS = re.compile(r"\b(?:todo|tbd|fixme|lorem|ipsum|xxx+)\b|\?\?\?", re.I)
# "à compléter" is ordinary French in a sentence; it is a placeholder in a short note.
EDITOR_NOTE = re.compile(r"\b[àa] (?:modifier|compl[ée]ter|v[ée]rifier|r[ée]diger|remplir|revoir)\b", re.I)
SHORT_NOTE_WORDS = 8
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
DOUBLE_ALLOWED = {"nous", "vous", "elle", "elles", "on", "si", "très", "bien", "beau", "tout", "pas", "non", "oui"}
GLUED = re.compile(r"(?<=[a-zà-ÿ])[,;:!?.](?=[A-Za-zÀ-ÿ]{2})|(?<=\d)(?=[a-zà-ÿ]{2,})|(?<=[a-zà-ÿ]{2})(?=\d)")
LONE_LETTER = re.compile(r"(?<![\w’'()/.-])([b-xzB-XZ])(?![\w’'/).-])")
LOWER_START = re.compile(r"^[a-zà-ÿ]")
URL_OR_ABBR = re.compile(r"https?://\S+|\b[A-Z]{2,}\b")


UNPRINTABLE = "characters the bundled fonts cannot print"


@cache
def printable() -> frozenset[int]:
    """Code points every bundled font face can print (a missing glyph would fail the render)."""
    from fontTools.ttLib import TTFont  # fontTools: kept out of a no-op build

    faces = [set(TTFont(path, lazy=True).getBestCmap()) for path in sorted(paths.FONTS.glob("*.ttf"))]
    return frozenset(set.intersection(*faces))


def _unprintable(text: str) -> list[str]:
    known = printable()
    return sorted({c for c in text if ord(c) not in known and not c.isspace()})


def texts(sheet: Sheet) -> Iterator[tuple[FieldPath, str]]:
    """Every piece of text in the sheet with its path."""

    def walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("slug", "status", "provenance", "leftovers"):
                    yield from walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, path + (i,))

    yield from walk(to_data(sheet), ())


def _text_problems(path: FieldPath, text: str) -> Iterator[tuple[str, str]]:
    missing = _unprintable(text)
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
        yield "error", f"{UNPRINTABLE}: {shown}; the brochure would fail to render"
    for match in PLACEHOLDERS.finditer(text):
        if path[-1:] == ("title",) and text.startswith((PLACEHOLDER_GUESS, PLACEHOLDER_MISSING)):
            break  # reported as an unconfirmed theme title below
        yield "error", f"placeholder text {match.group()!r} in {_excerpt(text, match)}"
        break
    note = EDITOR_NOTE.search(text)
    short = note and (len(text.split()) <= SHORT_NOTE_WORDS or note.group().isupper() or "[" in text)
    if short and not text.startswith((PLACEHOLDER_GUESS, PLACEHOLDER_MISSING)):
        yield "error", f"placeholder text {note.group()!r} in {_excerpt(text, note)}"
    for match in DOUBLED.finditer(text):
        word = match.group(1).lower()
        if word not in DOUBLE_ALLOWED and not word.isdigit():
            yield "error", f"doubled word {match.group()!r} in {_excerpt(text, match)}"
    plain = URL_OR_ABBR.sub(" ", text)
    for match in GLUED.finditer(plain):
        yield "warning", f"text glued to punctuation or a number in {_excerpt(plain, match)}"
    for match in LONE_LETTER.finditer(plain):
        yield "warning", f"lone letter {match.group()!r} in {_excerpt(plain, match)}"
    prose = path[-1] in ("question", "text", "answer", "intro") or path[-2:-1] in (("paragraphs",), ("evolution",))
    if prose and LOWER_START.match(text):
        yield "warning", f"starts with a small letter: {text[:40]!r}"


def _spelling_problems(
    text: str, verdicts: spelling.Verdicts, known: re.Pattern[str] | None
) -> Iterator[tuple[str, str]]:
    misspelled = verdicts.misspelled
    plain = spelling.without(text, known)  # same length as text: its places are the text's
    for word in dict.fromkeys(w for w in spelling.words(plain) if w in misspelled):
        hint = f" (did you mean {' or '.join(repr(s) for s in misspelled[word])}?)" if misspelled[word] else ""
        match = re.search(re.escape(word), plain)
        where = f" in {_excerpt(text, match)}" if match else ""
        yield (
            "error",
            f"unknown word {word!r}{hint}{where}; if it is right, add it to sources/{spelling.PROJECT_WORDS.name}",
        )
    for match in spelling.LONE.finditer(text):
        if match.group(1) in verdicts.lone_adjectives:
            yield "error", f"a noun seems to be missing after {match.group().strip()!r} in {_excerpt(text, match)}"


def known_phrases(sheet: Sheet) -> re.Pattern[str] | None:
    """The phrases known in ``sheet`` as wholes: the tools it lists, and the job-title loanwords."""
    families = sheet.tools.families if sheet.tools else []
    return spelling.phrases(tool for family in families for tool in family.tools)


def _spelled(path: FieldPath) -> bool:
    """Whether the text at ``path`` is prose or a name to spell-check (tool names are brands)."""
    return path[-2:-1] != ("tools",)


def _excerpt(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - 25), min(len(text), match.end() + 25)
    return "«" + ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "") + "»"


def _structure_problems(sheet: Sheet) -> Iterator[tuple[str, FieldPath, str]]:
    if sheet.status == "partial":
        missing = ", ".join(sheet.missing_sections()) or "none"
        yield "error", ("status",), f"partial sheet (import was incomplete; missing sections: {missing})"
    if not sheet.provenance.revised:
        yield (
            "warning",
            ("provenance", "revised"),
            "no revision date: write provenance.revised (YYYY-MM-DD) once the sheet is checked;"
            " until then the brochure prints no revision date",
        )
    for leftover in sheet.leftovers:
        yield "error", ("leftovers",), f"line {leftover.line} of the export was not recognised: {leftover.text[:60]!r}"
    if sheet.missions:
        for i, theme in enumerate(sheet.missions.themes):
            if theme.title.startswith(PLACEHOLDER_MISSING):
                yield "error", ("missions", "themes", i, "title"), "missing theme title: write one"
            elif theme.title.startswith(PLACEHOLDER_GUESS):
                yield (
                    "error",
                    ("missions", "themes", i, "title"),
                    (
                        f"theme title guessed by the importer, not confirmed: {theme.title!r}"
                        f" (check it, then remove {PLACEHOLDER_GUESS.strip()!r})"
                    ),
                )
    if sheet.salary:
        bands = sheet.salary.bands
        for i, band in enumerate(bands):
            if band.min > band.max:
                yield "error", ("salary", "bands", i), f"salary band {band.label!r}: min {band.min} > max {band.max}"
            if i and (band.min < bands[i - 1].min or band.max < bands[i - 1].max):
                yield (
                    "error",
                    ("salary", "bands", i),
                    (f"salary band {band.label!r} is below the band before it ({bands[i - 1].label!r})"),
                )
    yield from _duplicates(sheet)


def _duplicates(sheet: Sheet) -> Iterator[tuple[str, FieldPath, str]]:
    groups: list[tuple[FieldPath, list[str]]] = []
    if sheet.missions:
        groups.append((("missions", "themes"), [t.title for t in sheet.missions.themes]))
        bullets = [b for t in sheet.missions.themes for b in t.bullets]
        groups.append((("missions",), bullets))
    for name in ("soft_skills", "hard_skills", "constraints"):
        section = getattr(sheet, name)
        if section:
            groups.append(((name, "items"), [item.name for item in section.items]))
    if sheet.tools:
        groups.append((("tools", "families"), [f.name for f in sheet.tools.families]))
    if sheet.faq:
        groups.append((("faq", "items"), [q.question for q in sheet.faq.items]))
    for path, values in groups:
        for value, count in Counter(v.casefold() for v in values).items():
            if count > 1:
                yield "warning", path, f"duplicate item ({count} times): {value[:60]!r}"


def spell(sheet: Sheet, checker: spelling.Checker | None = None, save: bool = True) -> spelling.Verdicts:
    """The dictionary's verdicts on ``sheet`` (looked up through ``checker``'s cache)."""
    checker = checker or spelling.Checker()
    known = known_phrases(sheet)
    spelled = [text for path, text in texts(sheet) if _spelled(path)]
    verdicts = spelling.Verdicts(
        checker.misspelled(word for text in spelled for word in spelling.words(spelling.without(text, known))),
        checker.adjectives_only(word for text in spelled for word in spelling.lone_candidates(text)),
    )
    if save:
        checker.save()
    return verdicts


def lint(
    sheet: Sheet, document: Document | None, file: str, verdicts: spelling.Verdicts | None = None
) -> list[Problem]:
    """The editorial problems of ``sheet``, errors first, each with its place.

    ``verdicts``: the dictionary's, when already looked up (a build does it in its main process);
    by default they are looked up here."""

    def place(path: FieldPath) -> tuple[int, int]:
        return document.position(path) if document else (1, 1)

    verdicts = spell(sheet) if verdicts is None else verdicts
    known = known_phrases(sheet)

    problems = []
    for severity, path, message in _structure_problems(sheet):
        problems.append(Problem(file, *place(path), field_path(path), message, severity))
    for path, text in texts(sheet):
        for severity, message in _text_problems(path, text):
            problems.append(Problem(file, *place(path), field_path(path), message, severity))
        for severity, message in _spelling_problems(text, verdicts, known) if _spelled(path) else ():
            problems.append(Problem(file, *place(path), field_path(path), message, severity))
    return sorted(problems, key=lambda p: (p.severity != "error", p.line, p.column))


def is_draft(problems: list[Problem]) -> bool:
    """A sheet with any editorial error only ever builds as a draft."""
    return any(p.severity == "error" for p in problems)
