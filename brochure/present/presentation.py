"""The presentation step shared by every writer (PDF, DOCX).

It turns a :class:`Sheet` into display text: French typography on every text, numbers
and amounts formatted by Babel, fixed labels from the label catalogue, chart data with
their alt text and data tables. Writers only lay out what this module computes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from brochure import __version__
from brochure.model.sheet import Sheet
from brochure.present.brand import Brand
from brochure.present.brand import load as load_brand
from brochure.present.front import Front, front_facts
from brochure.present.labels import LABELS, counted, labels
from brochure.present.plan import PartView, plan_for
from brochure.present.typography import breakable, french
from charts import forms
from charts.text import ChartText

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}  # HTML lang, PDF /Lang, DOCX language
TOP_SKILLS = 3


@dataclass(frozen=True)
class Chart:
    """What a chart shows, in words and numbers: drawn by ``charts/``, described here."""

    kind: str
    alt: str
    table: list[tuple[str, str]]
    data: list[Any]
    caption_head: str  # "Données du graphique : "
    datums: tuple[str, ...]  # "Qualité de vie : 65 %", one per row of ``table``
    text: ChartText  # what the chart itself prints (values, axis, marks)
    how_to_read: str = ""  # the "how to read" line under the chart (design brief rule 11)
    source: str = ""  # where its numbers come from

    @property
    def caption(self) -> str:
        """The caption line under the chart: its data in words."""
        return self.caption_head + " · ".join(self.datums)


@dataclass(frozen=True)
class Dim:
    key: str
    label: str
    score: int
    value: str
    hint: str | None


@dataclass(frozen=True)
class Band:
    label: str
    experience: str | None
    range: str
    low: str
    high: str


@dataclass(frozen=True)
class LevelView:
    name: str
    level: str
    ects: str
    is_entry: bool  # the usual entry level: decided once, here (the sheet's ``training.entry_level``)
    specific: str | None
    general: str | None
    rncp_note: str | None
    programmes: int | None
    mark: str = ""  # the entry mark printed beside the usual entry level ("niveau d’entrée habituel"), else ""

    @property
    def line(self) -> str:
        """ "BAC +2 · 120 crédits ECTS": the level line every writer prints beside the name."""
        return f"{self.level} · {self.ects}"


@dataclass(frozen=True)
class ColophonRow:
    """One line of the colophon: ``text`` and/or ``url`` (a web address or file name, set apart)."""

    label: str
    text: str
    url: str = ""

    def plain(self, colon: str) -> str:
        return self.label + colon + " ".join(part for part in (self.text, self.url) if part)


@dataclass
class Brochure:
    """Everything a writer prints for one sheet."""

    sheet: Sheet
    lang: str
    labels: dict[str, str]
    dims: list[Dim]
    bands: list[Band]
    levels: list[LevelView]
    facts: list[str]
    charts: dict[str, Chart]
    date: dt.date | None  # the document's date (metadata); None: the sheet holds no date
    date_text: str | None  # the revision date as printed; None: no revision line
    edition: str
    draft: bool
    draft_note: str | None
    formatter: Formatter
    brand: Brand
    front: Front  # the cover's tiles, the glance page's and the summary's facts (brochure/present/front.py)
    plan: list[PartView] = field(default_factory=list)
    version: str = __version__
    meta: dict[str, str] = field(default_factory=dict)
    pages_of: str = ""  # the edition whose pages this one prints, when another (see :attr:`pages`)
    stylesheet: str | None = None  # layouts/css/<stylesheet>.css: the edition's page set-up over the brochure's

    @property
    def entry(self) -> LevelView | None:
        """The usual entry level, if the sheet has training levels."""
        return next((lv for lv in self.levels if lv.is_entry), None)

    @property
    def top_skills(self) -> list[tuple[str, int, str]]:
        """The key technical skills (:attr:`Front.hard`, the one choice of them) as (name, score, printed score)."""
        return [(h.name, h.score, h.value) for h in self.front.hard]

    @property
    def lang_tag(self) -> str:
        return LANG_TAGS[self.lang]

    @property
    def pages(self) -> str:
        """The edition whose pages this one prints (its target's ``same_pages``): the HTML's class and the
        colophon's edition line, so that editions with the same pages have the same HTML and share one layout."""
        return self.pages_of or self.edition

    @property
    def running_head(self) -> str:
        """The job title, and the school where there is one: on every page but the cover."""
        return self.sheet.title + (f" · {self.brand.school}" if self.brand.school else "")

    @property
    def contents(self) -> list[PartView]:
        """The parts listed in the table of contents."""
        return [part for part in self.plan if part.contents]

    @property
    def colophon(self) -> list[ColophonRow]:
        """Where the sheet comes from and what this file is (the edition's name included)."""
        words, s = self.labels, self.sheet
        rows = []
        if s.provenance.source_url:
            rows.append(ColophonRow(words["source"], "", s.provenance.source_url))
        if s.provenance.retrieved:
            rows.append(ColophonRow(words["retrieved"], s.provenance.retrieved.isoformat()))
        if self.date_text:
            rows.append(ColophonRow(words["revised"], self.date_text))
        made = f"{self.pages} · career-brochures {self.version} · {words['generated_from']}"
        rows.append(ColophonRow(words["edition"], made, f"{s.slug}.yaml"))
        return rows

    def for_edition(self, edition: str, pages: str = "", stylesheet: str | None = None) -> Brochure:
        """The same brochure labelled as another edition (nothing is presented again): ``pages``, the edition
        whose pages it prints (default: its own); ``stylesheet``, the edition's own over the brochure's."""
        return replace(self, edition=edition, pages_of="" if pages == edition else pages, stylesheet=stylesheet)


class Formatter:
    """Numbers, amounts and dates in the language's conventions."""

    def __init__(self, lang: str) -> None:
        self.locale = LOCALES[lang]

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def euros(self, value: int) -> str:
        pattern = "#,##0\xa0¤" if self.locale.startswith("fr") else "¤#,##0"
        return format_currency(value, "EUR", locale=self.locale, format=pattern, currency_digits=False)

    def euro_range(self, low: int, high: int) -> str:
        if self.locale.startswith("fr"):
            return f"{self.number(low)}\xa0– {self.euros(high)}"
        return f"{self.euros(low)}–{self.euros(high)}"

    def percent(self, value: int) -> str:
        return format_percent(value / 100, locale=self.locale)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.locale)


# Where a file format needs a date and the sheet holds none (font subsetting timestamps through
# SOURCE_DATE_EPOCH, ZIP entry times, a PDF attachment's dates): a fixed date, for reproducible
# bytes, never printed nor written as the document's date. 1 January 1980 is the earliest date a
# ZIP entry can hold.
UNDATED = dt.date(1980, 1, 1)


def sheet_date(sheet: Sheet) -> dt.date | None:
    """The document's date in the files' metadata: the sheet's revision, else its retrieval; None when
    the sheet holds neither (never the clock, never the epoch)."""
    return sheet.provenance.revised or sheet.provenance.retrieved


def typeset(sheet: Sheet) -> Sheet:
    """A copy of ``sheet`` with French typography applied to every text, and break opportunities in
    runs too long for a line (:func:`typography.breakable`)."""

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            return (
                value if key in ("slug", "status", "source_url", "revised", "retrieved") else breakable(french(value))
            )
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        return value

    return Sheet.model_validate(walk(json.loads(sheet.model_dump_json())))


def _charts(
    s: Sheet, dims: list[Dim], bands: list[Band], levels: list[LevelView], fmt: Formatter, words: dict[str, str]
) -> dict[str, Chart]:
    colon = words["colon"]
    revised = s.provenance.revised
    source = (
        words["chart_source_dated"].format(title=s.title, date=fmt.date(revised))
        if revised
        else words["chart_source"].format(title=s.title)
    )

    texts = {
        "fulfilment": {"axis": words["score_axis"]},
        "skills": {"axis": words["score_axis"]},
        "salary": {"axis": words["salary_axis"], "tick": fmt.euros},
        "training": {"mark": words["entry_level"]},
    }

    def chart(kind: str, rows: list[tuple[str, str]], data: list[Any], **extra: str) -> Chart:
        values = ", ".join(f"{label}{colon}{value}" for label, value in rows)
        alt = words[f"chart_{kind}"].format(title=s.title, values=values, **extra)
        datums = tuple(f"{label}{colon}{value}" for label, value in rows)
        text = ChartText(tuple(value for _, value in rows), **texts[kind])
        head = words["data_table"] + colon
        reading, origin = _how_to_read(kind, data, words), source
        if words is LABELS["fr"]:
            reading, origin = french(reading), french(source)
        return Chart(kind, alt, rows, data, head, datums, text, reading, origin)

    charts = {"fulfilment": chart("fulfilment", [(d.label, d.value) for d in dims], [(d.label, d.score) for d in dims])}
    if s.hard_skills:
        items = s.hard_skills.items
        charts["skills"] = chart(
            "skills", [(h.name, fmt.percent(h.score)) for h in items], [(h.name, h.score) for h in items]
        )
    if s.salary:
        rows = [(b.label + (f" ({b.experience})" if b.experience else ""), b.range) for b in bands]
        data = [(label, band.min, band.max) for (label, _), band in zip(rows, s.salary.bands, strict=True)]
        charts["salary"] = chart("salary", rows, data)
    if s.training:
        rows = [(f"{lv.name} ({lv.level})", lv.ects) for lv in levels]
        data = [(lv.name, lv.level, raw.ects, lv.is_entry) for lv, raw in zip(levels, s.training.levels, strict=True)]
        charts["training"] = chart("training", rows, data, entry=next(lv.name for lv in levels if lv.is_entry))
    return charts


def _how_to_read(kind: str, data: list[Any], words: dict[str, str]) -> str:
    """The line under a chart saying how it reads: score charts as the form the numbers call for."""
    if kind in ("fulfilment", "skills"):
        scores = [score for _, score in data]
        if forms.ranked_dots(scores):
            return words["read_dots"].format(start=forms.dot_axis_start(scores))
        return words["read_bars"]
    return words[f"read_{kind}"]


def _facts(s: Sheet, bands: list[Band], words: dict[str, str]) -> list[str]:
    facts = []
    if s.training:
        levels = s.training.levels
        facts.append(counted(words, "fact_levels", len(levels), first=levels[0].name, last=levels[-1].name))
    if s.missions:
        themes = counted(words, "fact_themes", len(s.missions.themes))
        bullets = counted(words, "fact_bullets", sum(len(t.bullets) for t in s.missions.themes))
        facts.append(words["fact_missions"].format(themes=themes, bullets=bullets))
    if s.tools:
        facts.append(counted(words, "fact_tools", len(s.tools.families)))
    if len(bands) >= 2:
        facts.append(words["fact_salary"].format(low=bands[0].range, high=bands[-1].range))
    return [french(f) for f in facts] if words is LABELS["fr"] else facts


def contact_lines(brand: Brand) -> list[str]:
    """The school's contact block (empty for the neutral brand)."""
    lines = [line for line in (brand.school, brand.address, brand.website) if line]
    if brand.counselor:
        lines.append(f"{brand.counselor.name} — {brand.counselor.email}")
    return lines


def present(
    sheet: Sheet, lang: str = "fr", edition: str = "pdf", problems: int = 0, brand: Brand | None = None
) -> Brochure:
    """Build the display model of ``sheet``. ``problems`` is the number of editorial errors (draft);
    ``brand`` defaults to the project's brand."""
    brand = brand or load_brand()
    words = labels(lang)
    fmt = Formatter(lang)
    s = typeset(sheet)
    dims = [Dim(key.value, words[key.value], d.score, fmt.percent(d.score), d.hint) for key, d in s.fulfilment.items()]
    bands = [
        Band(b.label, b.experience, fmt.euro_range(b.min, b.max), fmt.euros(b.min), fmt.euros(b.max))
        for b in (s.salary.bands if s.salary else [])
    ]
    levels = [
        LevelView(
            lv.name,
            lv.level,
            f"{fmt.number(lv.ects)}\xa0{words['ects']}" if lv.ects is not None else words["ects_unknown"],
            lv.name == s.training.entry_level,
            lv.specific,
            lv.general,
            lv.rncp_note,
            lv.programmes,
            words["entry_level"] if lv.name == s.training.entry_level else "",
        )
        for lv in (s.training.levels if s.training else [])
    ]
    date = sheet_date(sheet)
    draft = problems > 0 or sheet.status == "partial"
    notes = []
    if problems:
        notes.append(words["draft_note"].format(count=problems))
    if sheet.status == "partial":
        notes.append(words["partial_note"].format(sections=", ".join(sheet.missing_sections())))
    front = front_facts(s, dims, bands, levels, fmt, words, brand, TOP_SKILLS)  # the key skills, chosen once
    return Brochure(
        sheet=s,
        lang=lang,
        labels=words,
        dims=dims,
        bands=bands,
        levels=levels,
        facts=_facts(s, bands, words),
        charts=_charts(s, dims, bands, levels, fmt, words),
        date=date,
        date_text=fmt.date(sheet.provenance.revised) if sheet.provenance.revised else None,
        edition=edition,
        draft=draft,
        draft_note=(french(" ".join(notes)) if lang == "fr" else " ".join(notes)) if notes else None,
        formatter=fmt,
        brand=brand,
        front=front,
        plan=plan_for(s, words),
        meta={
            "title": sheet.title,
            "subject": french(sheet.summary),
            "keywords": ", ".join([words["kind"], sheet.title] + [h.name for h in front.hard]),
            "author": brand.school or words["kind"],
        },
    )
