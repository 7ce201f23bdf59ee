"""Text export of a published sheet -> sheet data.

The export is a flat text: the title, the summary, the fulfilment profile (printed
twice), then sections opened by markers such as ``#MISSIONS``. Every line is either
stored in a field or recognised as a label of the site; anything else is kept in
``leftovers`` with its line number, so nothing is ever dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brochure.core.errors import BrochureError
from brochure.model.sheet import SECTIONS, Dimension, slugify
from brochure.model.themes import recover as recover_titles

DIMENSION_NAMES = {
    "Qualité de vie": Dimension.quality_of_life,
    "Flexibilité": Dimension.flexibility,
    "Stimulation": Dimension.stimulation,
    "Relations humaines": Dimension.human_relations,
    "Carrière": Dimension.career,
}
MARKERS = {
    "#MISSIONS": "missions",
    "#SOFTSKILLS": "soft_skills",
    "#HARDSKILLS": "hard_skills",
    "#FORMATIONS": "training",
    "EXPERIENCE PROFESSIONNELLE": "experience",
    "#OUTILS": "tools",
    "#CONTRAINTES": "constraints",
    "#SALAIRE": "salary",
    "#FAQ": "faq",
}
# Headings the site prints in every sheet: recognised, not stored.
SITE_LABELS = {
    "Profil d'épanouissement",
    "Les principales missions",
    "Les Soft Skills",
    "Les compétences liées à la personnalité",
    "Les Hard Skills",
    "Les compétences techniques",
    "Le parcours scolaire et les diplômes",
    "Les formations proposées",
    "PAR LE TRAVAIL",
    "Les outils",
    "Les contraintes",
    "Salaire et evolution",
    "Salaire et évolution",
    "EVOLUTION DE CARRIERE",
    "ÉVOLUTION DE CARRIÈRE",
    "Questions frequentes",
    "Questions fréquentes",
    "Réponse :",
}
LEVEL_NAMES = {
    "BTS": "BTS",
    "BACHELOR": "Bachelor",
    "MASTERE": "Mastère",
    "MASTÈRE": "Mastère",
    "LICENCE": "Licence",
    "MASTER": "Master",
    "BUT": "BUT",
    "DUT": "DUT",
    "CAP": "CAP",
    "BAC PRO": "Bac pro",
    "DOCTORAT": "Doctorat",
    "MBA": "MBA",
}
PLACEHOLDER_GUESS = "[À VÉRIFIER] "
PLACEHOLDER_MISSING = "[À COMPLÉTER] "

_SCORE = re.compile(r"^(?P<name>.+?)\s+(?P<score>\d{1,3})\s*%$")
_BULLET = re.compile(r"^\s*[•\-\*]\s+(?P<text>.+)$")
_HARD = re.compile(r"^(?P<score>\d{1,3})\s*\|\s*(?P<name>.+)$")
_LEVEL = re.compile(r"^(?P<level>BAC\s*\+\s*\d+)\s*\|\s*\((?P<ects>\d+)\s*crédits ECTS\)$", re.I)
_PROGRAMMES = re.compile(r"^Voir toutes les formations .*\((?P<count>\d+)\)$")
_BAND = re.compile(r"^(?P<label>[^()]+?)\s*\((?P<experience>[^()]+)\)$")
_AMOUNTS = re.compile(
    r"^De\s+(?P<min>[\d\s\u202f\u00a0.]+)\s*€\s+à\s+(?P<max>[\d\s\u202f\u00a0.]+)\s*€\s+brut par an\.?$"
)


class ImportError_(BrochureError):
    """The export cannot be imported; ``missing`` names the sections not found."""

    def __init__(self, message: str, missing: list[str], data: dict) -> None:
        super().__init__(message)
        self.missing = missing
        self.data = data


@dataclass
class Line:
    number: int
    text: str


@dataclass
class Reader:
    """Blocks of non-empty lines, separated by blank lines, with their numbers."""

    lines: list[Line]
    title: str
    leftovers: list[dict] = field(default_factory=list)

    def unknown(self, line: Line) -> None:
        self.leftovers.append({"line": line.number, "text": line.text})

    def content(self, lines: list[Line]) -> list[Line]:
        """Drop the site's labels and the repeated career title."""
        return [ln for ln in lines if ln.text not in SITE_LABELS and ln.text != self.title]


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _is_paragraph(text: str) -> bool:
    return len(text) > 60 and text.rstrip()[-1:] in ".!?…»)"


def _amount(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def _profile(reader: Reader, lines: list[Line]) -> dict:
    scores: dict[str, dict] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _SCORE.match(line.text)
        if line.text == "Profil d'épanouissement":
            i += 1
            continue
        if match and match["name"] in DIMENSION_NAMES:
            key = DIMENSION_NAMES[match["name"]].value
            entry = {"score": int(match["score"])}
            if (
                i + 1 < len(lines)
                and not _SCORE.match(lines[i + 1].text)
                and lines[i + 1].text != "Profil d'épanouissement"
            ):
                entry["hint"] = lines[i + 1].text
                i += 1
            if key in scores and scores[key] != entry:
                reader.unknown(line)  # the repeated block disagrees: keep the line for the editor
            scores.setdefault(key, entry)
        else:
            reader.unknown(line)
        i += 1
    return scores


def _intro_and_notes(paragraphs: list[Line]) -> dict:
    out: dict = {}
    if paragraphs:
        out["intro"] = paragraphs[0].text
        if len(paragraphs) > 1:
            out["notes"] = [p.text for p in paragraphs[1:]]
    return out


def _missions(reader: Reader, lines: list[Line]) -> dict:
    paragraphs: list[Line] = []
    themes: list[list[str]] = []
    for block in _blocks(reader.content(lines)):
        bullets = [_BULLET.match(ln.text) for ln in block]
        if all(bullets):
            themes.append([m["text"].strip() for m in bullets if m])
        elif not themes:
            paragraphs.extend(block)
        else:
            for ln in block:
                reader.unknown(ln)
    out = _intro_and_notes(paragraphs)
    titles = recover_titles(out.get("intro", ""), len(themes), reader.title)
    out["themes"] = [
        {
            "title": PLACEHOLDER_GUESS + title if title else f"{PLACEHOLDER_MISSING}Thème {i + 1}",
            "bullets": bullets,
        }
        for i, (title, bullets) in enumerate(zip(titles, themes, strict=True))
    ]
    return out


def _named_items(reader: Reader, lines: list[Line]) -> dict:
    """Intro paragraph, note lines, then (name, paragraph) pairs — soft skills, constraints.

    The site prints the first name right under the notes, without a blank line.
    """
    blocks = _blocks(reader.content(lines))
    if not blocks:
        return {}
    paragraphs: list[Line] = []
    items: list[dict] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        following = blocks[i + 1] if i + 1 < len(blocks) else []
        heads = block[:-1]
        starts_item = (
            not _is_paragraph(block[-1].text)
            and len(following) == 1
            and _is_paragraph(following[0].text)
            and all(_is_paragraph(ln.text) for ln in heads)
        )
        if starts_item:
            if items:
                for ln in heads:
                    reader.unknown(ln)
            else:
                paragraphs.extend(heads)
            items.append({"name": block[-1].text, "text": following[0].text})
            i += 2
            continue
        if not items and all(_is_paragraph(ln.text) for ln in block):
            paragraphs.extend(block)
        else:
            for ln in block:
                reader.unknown(ln)
        i += 1
    out = _intro_and_notes(paragraphs)
    out["items"] = items
    return out


def _hard_skills(reader: Reader, lines: list[Line]) -> dict:
    paragraphs: list[Line] = []
    items: list[dict] = []
    for block in _blocks(reader.content(lines)):
        match = _HARD.match(block[0].text)
        if match and len(block) <= 2:
            item = {"name": match["name"].strip(), "score": int(match["score"])}
            if len(block) == 2:
                words = block[1].text.rstrip(". …")
                item["keywords"] = [w.strip() for w in words.split(",") if w.strip()]
            items.append(item)
        elif not items:
            paragraphs.extend(block)
        else:
            for ln in block:
                reader.unknown(ln)
    out = _intro_and_notes(paragraphs)
    out["items"] = items
    return out


def _training(reader: Reader, lines: list[Line]) -> dict:
    content = [ln for ln in reader.content(lines) if ln.text]
    starts = [i for i, ln in enumerate(content) if _LEVEL.match(ln.text)]
    notes = content[: starts[0] - 1] if starts else content
    levels = []
    for n, start in enumerate(starts):
        name_line = content[start - 1]
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(content)
        match = _LEVEL.match(content[start].text)
        assert match
        level: dict = {
            "name": LEVEL_NAMES.get(name_line.text.upper(), name_line.text),
            "level": re.sub(r"\s+", " ", match["level"]).upper().replace("BAC +", "BAC +"),
            "ects": int(match["ects"]),
        }
        paragraphs = []
        for ln in content[start + 1 : end]:
            programmes = _PROGRAMMES.match(ln.text)
            if programmes:
                level["programmes"] = int(programmes["count"])
            else:
                paragraphs.append(ln)
        for key, para in zip(("general", "specific", "rncp_note"), paragraphs, strict=False):
            level[key] = para.text
        for extra in paragraphs[3:]:
            reader.unknown(extra)
        levels.append(level)
    entry = next((lv["name"] for lv in levels if "niveau de référence" in lv.get("specific", "")), None)
    if entry is None and levels:
        entry = max(levels, key=lambda lv: lv.get("ects", 0))["name"]
    return {"notes": [ln.text for ln in notes], "levels": levels, "entry_level": entry}


def _experience(reader: Reader, lines: list[Line]) -> dict:
    blocks = _blocks(reader.content(lines))
    out: dict = {"paths": []}
    if blocks and _is_paragraph(blocks[0][-1].text) and len(blocks[0]) == 1:
        out["intro"] = blocks.pop(0)[0].text
    while blocks:
        head = blocks.pop(0)
        if len(head) == 1 and blocks and len(blocks[0]) == 1 and not _is_paragraph(head[0].text):
            out["paths"].append({"name": head[0].text, "text": blocks.pop(0)[0].text})
        else:
            for ln in head:
                reader.unknown(ln)
    return out


def _tools(reader: Reader, lines: list[Line]) -> dict:
    content = [ln for ln in reader.content(lines) if ln.text]
    out: dict = {"families": []}
    paragraphs: list[Line] = []
    i = 0
    family: dict | None = None
    while i < len(content):
        ln = content[i]
        nxt = content[i + 1] if i + 1 < len(content) else None
        bullet = _BULLET.match(ln.text)
        if nxt is not None and _BULLET.match(nxt.text) and not bullet:
            family = {"name": ln.text, "tools": []}
            out["families"].append(family)
        elif bullet and family is not None:
            family["tools"].append(bullet["text"].strip())
        elif family is not None and ln.text == family["name"] and "text" not in family:
            pass  # the site prints the family name again after its tools
        elif family is not None and "text" not in family and _is_paragraph(ln.text):
            family["text"] = ln.text
        elif family is None:
            paragraphs.append(ln)
        else:
            reader.unknown(ln)
        i += 1
    out.update(_intro_and_notes(paragraphs))
    return out


def _salary(reader: Reader, lines: list[Line]) -> dict:
    blocks = _blocks(reader.content(lines))
    out: dict = {"paragraphs": [], "bands": [], "evolution": []}
    after_bands = False
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block[0].text
        band = _BAND.match(text) if len(block) == 1 else None
        amounts = _AMOUNTS.match(blocks[i + 1][0].text) if band and i + 1 < len(blocks) else None
        if band and amounts:
            label = band["label"].strip()
            out["bands"].append(
                {
                    "label": label[0] + label[1:].lower(),
                    "experience": band["experience"].strip(),
                    "min": _amount(amounts["min"]),
                    "max": _amount(amounts["max"]),
                }
            )
            after_bands = True
            i += 2
            continue
        for ln in block:
            if ln.text.startswith("«") and after_bands and "quote" not in out:
                out["quote"] = ln.text
            elif _AMOUNTS.match(ln.text):
                reader.unknown(ln)
            else:
                out["evolution" if after_bands else "paragraphs"].append(ln.text)
        i += 1
    return out


def _faq(reader: Reader, lines: list[Line]) -> dict:
    blocks = _blocks(reader.content(lines))
    out: dict = {"items": []}
    if blocks and len(blocks[0]) == 1 and not blocks[0][0].text.endswith("?"):
        out["intro"] = blocks.pop(0)[0].text
    while blocks:
        head = blocks.pop(0)
        if len(head) == 1 and head[0].text.rstrip().endswith("?") and blocks:
            answer = blocks.pop(0)
            out["items"].append({"question": head[0].text, "answer": "\n".join(ln.text for ln in answer)})
        else:
            for ln in head:
                reader.unknown(ln)
    return out


PARSERS = {
    "missions": _missions,
    "soft_skills": _named_items,
    "hard_skills": _hard_skills,
    "training": _training,
    "experience": _experience,
    "tools": _tools,
    "constraints": _named_items,
    "salary": _salary,
    "faq": _faq,
}


def _empty(section: dict) -> bool:
    lists = [v for k, v in section.items() if k in ("themes", "items", "levels", "paths", "families", "bands")]
    return not section or any(not v for v in lists)


_URL = re.compile(r"https?://[^\s<>\"'»)]+")
_URL_LINE = re.compile(r"^(?:(?:source|url|adresse|lien|page)\s*:\s*)?(?P<url>https?://\S+)$", re.I)


def career_url(text: str, slug: str) -> str | None:
    """The career page's address named in the export: a URL on a line of its own (optionally after
    "Source :"), else a URL whose last path segment is the career's slug."""
    lines = [ln.strip() for ln in text.splitlines()]
    alone = [m["url"].rstrip(".,;") for ln in lines if (m := _URL_LINE.match(ln))]
    named = [u.rstrip(".,;") for u in _URL.findall(text) if slug and u.rstrip("/.,;").rsplit("/", 1)[-1] == slug]
    return next(iter(alone + named), None)


def parse(text: str) -> dict:
    """Parse a text export into sheet data (plain dict, not yet validated).

    Raises :class:`ImportError_` when sections are missing or empty; its ``data``
    holds what was found, for a partial import.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw = [Line(i + 1, t.rstrip()) for i, t in enumerate(text.split("\n"))]
    raw = [Line(ln.number, "" if _URL_LINE.match(ln.text.strip()) else ln.text) for ln in raw]  # see career_url
    content = [ln for ln in raw if ln.text.strip()]
    if len(content) < 2:
        raise ImportError_("the export has no title and summary", list(SECTIONS), {})
    title, summary = content[0], content[1]
    reader = Reader(raw, title.text.strip())
    # Split into the header and the sections opened by markers.
    spans: dict[str, list[Line]] = {"header": []}
    current = "header"
    for ln in raw[summary.number :]:
        key = MARKERS.get(ln.text.strip())
        if key:
            current = key
            spans[current] = []
        else:
            spans[current].append(Line(ln.number, ln.text.strip()))
    data: dict = {
        "title": reader.title,
        "slug": slugify(reader.title),
        "summary": summary.text.strip(),
        "fulfilment": _profile(reader, [ln for ln in spans["header"] if ln.text]),
    }
    for name in SECTIONS:
        if name in spans:
            section = PARSERS[name](reader, spans[name])
            if not _empty(section):
                data[name] = section
    if reader.leftovers:
        data["leftovers"] = sorted(reader.leftovers, key=lambda d: d["line"])
    missing = [name for name in SECTIONS if name not in data]
    if len(data["fulfilment"]) < len(DIMENSION_NAMES):
        missing.insert(0, "fulfilment")
    if missing:
        raise ImportError_("missing or empty sections: " + ", ".join(missing), missing, {**data, "status": "partial"})
    return data
