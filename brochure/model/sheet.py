"""The career sheet: one typed model holding every section of a "fiche métier".

Counts are data, not schema: any number of themes, skills, levels... is valid.
Scores and amounts are numbers. Text is kept exactly as the editor typed it;
typography is applied later, by the presentation step.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from brochure.model.messages import meaning, noun

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WEB_PATTERN = r"^https?://\S+$"
SLUG_MEANING = (
    "a slug (lowercase letters a to z, digits, and single hyphens between words, such as 'responsable-e-commerce')"
)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean_text(value: str) -> str:
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(f"contains the control character U+{ord(bad.group()):04X}, which cannot be printed")
    if not value.strip():
        raise ValueError("is empty")
    return unicodedata.normalize("NFC", value)


def _day_text(value: object) -> object:
    """Only a date, or a text ``YYYY-MM-DD``: never a number of seconds since 1970."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _DAY.fullmatch(value)):
        return value
    raise PydanticCustomError("date_type", "not a date written YYYY-MM-DD")


Text = Annotated[str, Field(strict=True), AfterValidator(_clean_text)]
"""A piece of sheet text: a string, not empty, printable; stored NFC-normalised."""
Notes = Annotated[list[Text], Field(json_schema_extra=noun("note"))]
"""Remarks printed under a section."""
Score = Annotated[int, Field(strict=True, ge=0, le=100)]
Day = Annotated[dt.date, BeforeValidator(_day_text)]
"""A calendar date, written ``YYYY-MM-DD`` in the source."""
Euros = Annotated[int, Field(strict=True, ge=0, le=10_000_000)]
Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=120),
    Field(json_schema_extra=meaning(SLUG_MEANING)),
]
WebAddress = Annotated[
    str,
    StringConstraints(strict=True, pattern=WEB_PATTERN),
    Field(json_schema_extra=meaning("a web address (http:// or https://)")),
]


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def slugify(title: str) -> str:
    """``"Chargé(e) de communication"`` -> ``"chargee-de-communication"``."""
    spelled = title.translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"[()]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


class Part(BaseModel):
    """Base of every model: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class Dimension(StrEnum):
    """The five dimensions of the fulfilment profile, in the sheet's order."""

    quality_of_life = "quality_of_life"
    flexibility = "flexibility"
    stimulation = "stimulation"
    human_relations = "human_relations"
    career = "career"


class DimensionScore(Part):
    score: Score = Field(description="Score de 0 à 100 (%)")
    hint: Text | None = Field(None, description="Ligne d'aide sous le score")


class Fulfilment(Part):
    """Profil d'épanouissement: five scores in %."""

    quality_of_life: DimensionScore = Field(description="Qualité de vie")
    flexibility: DimensionScore = Field(description="Flexibilité")
    stimulation: DimensionScore = Field(description="Stimulation")
    human_relations: DimensionScore = Field(description="Relations humaines")
    career: DimensionScore = Field(description="Carrière")

    def items(self) -> list[tuple[Dimension, DimensionScore]]:
        return [(d, getattr(self, d.value)) for d in Dimension]


class Provenance(Part):
    source_url: WebAddress | None = Field(None, description="Adresse de la fiche sur le site d'origine")
    retrieved: Day | None = Field(None, description="Date de récupération de la fiche")
    revised: Day | None = Field(None, description="Date de révision éditoriale")


class Theme(Part):
    title: Text = Field(description="Titre du thème")
    bullets: list[Text] = Field(min_length=1, json_schema_extra=noun("bullet"))


class Missions(Part):
    intro: Text
    notes: Notes = []
    themes: list[Theme] = Field(min_length=1, json_schema_extra=noun("theme"))


class NamedText(Part):
    name: Text
    text: Text


class SoftSkills(Part):
    intro: Text
    notes: Notes = []
    items: list[NamedText] = Field(min_length=1, json_schema_extra=noun("soft skill"))


class HardSkill(Part):
    name: Text
    score: Score
    keywords: list[Text] = Field([], json_schema_extra=noun("keyword"))


class HardSkills(Part):
    intro: Text
    notes: Notes = []
    items: list[HardSkill] = Field(min_length=1, json_schema_extra=noun("hard skill"))


class Level(Part):
    name: Text = Field(description="BTS, Bachelor, Mastère…")
    level: Text = Field(description='Niveau, par exemple "BAC +2"')
    ects: Annotated[int, Field(strict=True, ge=0, le=600)] | None = Field(None, description="Crédits ECTS")
    general: Text | None = Field(None, description="Description générale du diplôme (texte du site)")
    specific: Text | None = Field(None, description="Ce que ce niveau apporte pour ce métier")
    rncp_note: Text | None = None
    programmes: Annotated[int, Field(strict=True, ge=0)] | None = Field(
        None, description="Nombre de formations listées"
    )


class Training(Part):
    notes: Notes = []
    levels: list[Level] = Field(min_length=1, json_schema_extra=noun("training level"))
    entry_level: Text = Field(description="Nom du niveau d'entrée habituel (un des niveaux)")

    @field_validator("levels")
    @classmethod
    def _unique_names(cls, levels: list[Level]) -> list[Level]:
        names = [level.name for level in levels]
        if len(set(names)) != len(names):
            twice = sorted({name for name in names if names.count(name) > 1})
            raise ValueError("two training levels have the same name: " + ", ".join(twice))
        return levels

    @field_validator("entry_level")
    @classmethod
    def _entry_level_exists(cls, entry_level: str, info: ValidationInfo) -> str:
        names = [level.name for level in info.data.get("levels", [])]
        if names and entry_level not in names:
            raise ValueError(f"{entry_level!r} is not one of the levels: " + ", ".join(names))
        return entry_level

    @property
    def entry(self) -> Level:
        return next(level for level in self.levels if level.name == self.entry_level)


class Experience(Part):
    intro: Text | None = None
    paths: list[NamedText] = Field(min_length=1, json_schema_extra=noun("path into the job"))


class ToolFamily(Part):
    name: Text
    tools: list[Text] = Field(min_length=1, json_schema_extra=noun("tool"))
    text: Text | None = None


class Tools(Part):
    intro: Text
    notes: Notes = []
    families: list[ToolFamily] = Field(min_length=1, json_schema_extra=noun("family of tools"))


class Constraints(Part):
    intro: Text
    notes: Notes = []
    items: list[NamedText] = Field(min_length=1, json_schema_extra=noun("constraint"))


class SalaryBand(Part):
    label: Text = Field(description="Débutant, Confirmé…")
    experience: Text | None = Field(None, description="Par exemple « moins de 3 ans »")
    min: Euros = Field(description="Minimum en € brut par an")
    max: Euros = Field(description="Maximum en € brut par an")


class Salary(Part):
    paragraphs: list[Text] = Field([], json_schema_extra=noun("paragraph"))
    bands: list[SalaryBand] = Field(min_length=1, json_schema_extra=noun("salary band"))
    quote: Text | None = None
    evolution: list[Text] = Field([], json_schema_extra=noun("career prospect"))


class Question(Part):
    question: Text
    answer: Text


class Faq(Part):
    intro: Text | None = None
    items: list[Question] = Field(min_length=1, json_schema_extra=noun("question and answer"))


class Leftover(Part):
    """A line of the text export that the importer did not recognise."""

    line: Annotated[int, Field(strict=True, ge=1)]
    text: str


class Sheet(Part):
    """A whole career sheet."""

    title: Text = Field(description="Intitulé du métier")
    slug: Slug = Field(description="Nom des fichiers produits: minuscules, chiffres, tirets")
    summary: Text = Field(description="Résumé en une phrase")
    status: Literal["complete", "partial"] = Field(
        "complete", description="'partial' pour un import incomplet: construit comme brouillon"
    )
    provenance: Provenance = Provenance()
    fulfilment: Fulfilment
    missions: Missions | None = None
    soft_skills: SoftSkills | None = None
    hard_skills: HardSkills | None = None
    training: Training | None = None
    experience: Experience | None = None
    tools: Tools | None = None
    constraints: Constraints | None = None
    salary: Salary | None = None
    faq: Faq | None = None
    leftovers: list[Leftover] = Field(
        [],
        json_schema_extra=noun("leftover line"),
        description="Lignes de l'export non reconnues à l'import: à replacer puis supprimer",
    )

    @model_validator(mode="after")
    def _complete_sheets_have_every_section(self) -> Sheet:
        if self.status == "complete":
            missing = [name for name in SECTIONS if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    "a complete sheet needs every section; missing: " + ", ".join(missing) + " (or set status: partial)"
                )
        return self

    def missing_sections(self) -> list[str]:
        return [name for name in SECTIONS if getattr(self, name) is None]


# The sheet's sections: the fields a partial sheet may lack, in the order of the model.
SECTIONS = tuple(name for name, info in Sheet.model_fields.items() if info.default is None)
