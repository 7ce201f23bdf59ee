"""The section plan: which parts a brochure has, in which order, under which label.

This is the one list of the brochure's parts (the design brief's reading order). The presentation
step turns it into :class:`PartView` items for one sheet; the PDF templates loop over them (each
part is the partial ``layouts/parts/<id>.html.j2``) and the DOCX writer dispatches on their ids.
Adding a part means adding it here, writing its partial and its DOCX method: no include list to edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from brochure.model.sheet import Sheet


def _always(sheet: Sheet) -> bool:
    return True


def _any_of(*fields: str) -> Callable[[Sheet], bool]:
    def present(sheet: Sheet) -> bool:
        return any(getattr(sheet, name) is not None for name in fields)

    return present


@dataclass(frozen=True)
class Part:
    """One part of the brochure: ``label`` is a key of the label catalogue; ``contents``: listed in
    the table of contents; ``present``: does this sheet have the part."""

    id: str
    label: str
    present: Callable[[Sheet], bool] = _always
    contents: bool = True


PARTS: tuple[Part, ...] = (
    Part("cover", "kind", contents=False),
    Part("glance", "glance", contents=False),
    Part("missions", "missions", _any_of("missions")),
    Part("skills", "skills", _any_of("soft_skills", "hard_skills")),
    Part("training", "training_and_experience", _any_of("training", "experience")),
    Part("tools", "tools", _any_of("tools")),
    Part("constraints", "constraints", _any_of("constraints")),
    Part("salary", "salary", _any_of("salary")),
    Part("faq", "faq", _any_of("faq")),
    Part("colophon", "colophon", contents=False),
)


@dataclass(frozen=True)
class PartView:
    """A part as one sheet shows it: its id, its label in the brochure's language, its partial."""

    id: str
    label: str
    contents: bool

    @property
    def template(self) -> str:
        return f"parts/{self.id}.html.j2"


def plan_for(sheet: Sheet, words: dict[str, str]) -> list[PartView]:
    """The parts ``sheet`` has, in order, labelled in ``words``' language."""
    return [PartView(p.id, words[p.label], p.contents) for p in PARTS if p.present(sheet)]
