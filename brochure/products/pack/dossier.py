"""The counselor's dossier, ``*.pack.yaml``: one student's selection of careers, read as strictly as a sheet.

A dossier names the student (a first name, nothing more), the counselor (by default the brand's),
the school brand, the language, 1 to 6 careers by slug (each with an optional one-line comment),
a note of at most 1 200 characters (plain text; a blank line starts a paragraph) and the form of
each career in the pack: ``summary`` (the 2-page leaflet) or ``full`` (the whole brochure).

:func:`read` parses a file (strict YAML, :mod:`brochure.model.yamlsafe`); :func:`resolve` checks what the
model alone cannot know (the careers exist in ``sources/``, the brand, a counselor to name) and
gives a :class:`Selection`. Every problem is a :class:`sources.Problem` at file:line:column: field,
in plain words, and never repeats the student's first name, the note or a comment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from brochure.core import paths
from brochure.model import check, sources, yamlsafe
from brochure.model.messages import meaning, noun
from brochure.model.sheet import SLUG_MEANING, SLUG_PATTERN, Day, Slug, _clean_text
from brochure.model.sources import Problem, SheetError
from brochure.present.brand import BrandError
from brochure.present.brand import load as load_brand

SUFFIX = ".pack.yaml"
MAX_BYTES = 100_000
MAX_CAREERS = 6
MAX_NOTE = 1200


def _printable(value: str) -> str:
    missing = check._unprintable(value)
    if missing:
        shown = ", ".join(f"U+{ord(c):04X}" for c in missing[:5])
        raise ValueError(f"holds {check.UNPRINTABLE} ({shown}); the pack would fail to render")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line (no line break)")
    return value.strip()


def _text(limit: int, one_line: bool) -> object:
    """Text of at most ``limit`` characters, not empty, printable by the bundled fonts (one line if asked)."""
    checks = [AfterValidator(_clean_text), *([AfterValidator(_one_line)] if one_line else [])]
    return Annotated[str, StringConstraints(strict=True, max_length=limit), *checks, AfterValidator(_printable)]


FirstName = _text(40, one_line=True)
OneLine = _text(160, one_line=True)
Note = _text(MAX_NOTE, one_line=False)
BrandName = Annotated[
    str, StringConstraints(strict=True, pattern=SLUG_PATTERN), Field(json_schema_extra=meaning(SLUG_MEANING))
]


class Student(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first_name: FirstName  # type: ignore[valid-type]


class Counselor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: OneLine  # type: ignore[valid-type]
    contact: OneLine  # type: ignore[valid-type]  # an e-mail, a phone number, office hours: one line


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: Slug
    comment: OneLine | None = None  # type: ignore[valid-type]


class Dossier(BaseModel):
    """One student's pack, as the counselor writes it."""

    model_config = ConfigDict(extra="forbid")
    student: Student
    counselor: Counselor | None = Field(None, description="Default: the brand's counselor")
    brand: BrandName | None = Field(None, description="A folder of layouts/brands/; default: the project's brand")
    lang: Literal["fr", "en"] = "fr"
    form: Literal["summary", "full"] = "summary"
    date: Day | None = Field(None, description="The date printed on the cover; default: the day the pack is made")
    note: Note | None = None  # type: ignore[valid-type]
    careers: Annotated[list[Choice], Field(min_length=1, max_length=MAX_CAREERS, json_schema_extra=noun("career"))]


@cache
def _schema() -> dict:
    return Dossier.model_json_schema()


def paragraphs(note: str | None) -> list[str]:
    """The note's paragraphs: a blank line starts one, a single line break is a space."""
    if not note:
        return []
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", note.strip()) if block.strip()]


@dataclass(frozen=True)
class Selection:
    """A dossier checked against the sources and the brand: what a pack is made from."""

    dossier: Dossier
    careers: tuple[Path, ...]  # each career's source file, in the dossier's order
    brand: str  # the brand's folder name
    counselor: Counselor

    @property
    def comments(self) -> tuple[str | None, ...]:
        return tuple(choice.comment for choice in self.dossier.careers)


def validate(data: object, document: yamlsafe.Document, file: str) -> Dossier:
    """Plain data as a :class:`Dossier`, or :class:`SheetError` with each problem's place."""
    if not isinstance(data, dict):
        raise SheetError([Problem(file, 1, 1, "", "a dossier is a group of 'name: value' lines")])
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        raise SheetError(sources.explain(exc, document, file, _schema())) from None


Place = Callable[[tuple[str | int, ...]], tuple[int, int]]


def resolve(dossier: Dossier, place: Place, file: str, folder: Path = paths.SOURCES) -> Selection:
    """Check the careers (they exist in ``folder``, each once), the brand and the counselor.
    ``place(path)`` gives the line and column of a field."""
    problems, found, seen = [], [], {}
    for index, choice in enumerate(dossier.careers):
        where = ("careers", index, "slug")
        path = folder / f"{choice.slug}.yaml"
        if choice.slug in seen:
            problems.append(_problem(file, place, where, f"{choice.slug!r} is already career {seen[choice.slug]}"))
        elif not path.is_file():
            problems.append(_problem(file, place, where, f"no career {choice.slug!r} in {sources._shown(folder)}/"))
        seen.setdefault(choice.slug, index + 1)
        found.append(path)
    brand_name, counselor = dossier.brand or "", dossier.counselor
    try:
        brand = load_brand(dossier.brand)
        brand_name = brand.slug
        if counselor is None and brand.counselor:
            counselor = Counselor(name=brand.counselor.name, contact=brand.counselor.email)
        elif counselor is None:
            why = f"the brand {brand.slug!r} names no counselor: give counselor.name and counselor.contact"
            problems.append(_problem(file, place, ("brand",), why))
    except BrandError as exc:
        problems.append(_problem(file, place, ("brand",), str(exc)))
    if problems:
        raise SheetError(problems)
    assert counselor is not None
    return Selection(dossier, tuple(found), brand_name, counselor)


def _problem(file: str, place: Place, where: tuple[str | int, ...], message: str) -> Problem:
    line, column = place(where)
    return Problem(file, line, column, sources.field_path(where), message)


def read(path: Path, folder: Path = paths.SOURCES) -> Selection:
    """Read, validate and resolve one ``*.pack.yaml`` file."""
    file = str(path)
    raw = sources.read_source(path)
    if len(raw) > MAX_BYTES:
        raise SheetError([Problem(file, 1, 1, "", f"the file is {len(raw)} bytes; a dossier is at most {MAX_BYTES}")])
    try:
        document = yamlsafe.loads(raw.decode("utf-8"))
    except yamlsafe.YamlError as exc:
        raise SheetError([Problem(file, exc.line, exc.column, sources.field_path(exc.path), exc.message)]) from None
    return resolve(validate(document.data, document, file), document.position, file, folder)


def name_of(path: Path) -> str:
    """``lea.pack.yaml`` -> ``lea``: the pack file's name is the dossier's own."""
    return path.name.removesuffix(SUFFIX) if path.name.endswith(SUFFIX) else path.stem


def today() -> dt.date:
    """The cover's date when the dossier gives none: the day the pack is made."""
    return dt.date.today()
