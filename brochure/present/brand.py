"""School brands: ``layouts/brands/<name>/brand.yaml`` plus a logo, applied to every edition.

A brand names the school, its accent colour, address, website and the counselor to contact.
Its colours are checked for contrast (WCAG AA, 4.5:1) in every pair the layouts use: text on
white, white on the accent, the accent on white. The default brand is the project setting
``[tool.brochure] brand`` in pyproject.toml (``neutral``: no school name).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic.json_schema import SkipJsonSchema

from brochure.core import paths
from brochure.core.errors import BrochureError
from brochure.model import sources, yamlsafe
from brochure.model.messages import meaning
from brochure.model.sheet import SLUG_PATTERN, WebAddress
from charts.colours import ACCENT, contrast, tint

BRANDS = paths.LAYOUTS / "brands"
INK, WHITE = "#1a1a1a", "#ffffff"
AA = 4.5
Colour = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(json_schema_extra=meaning("a colour code: # and six characters from 0 to 9 and a to f, such as '#1f5f8b'")),
]
Email = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    Field(json_schema_extra=meaning("an e-mail address, such as 'orientation@lycee-exemple.fr'")),
]


class BrandError(BrochureError):
    """A brand that cannot be used; the message names the file, line and field."""


class Counselor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    email: Email


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: SkipJsonSchema[str] = Field("", description="The brand's folder name, set by load()")
    school: str | None = Field(None, description="School name; none for the neutral brand")
    accent: Colour = ACCENT  # the project's blue, the one default (charts/colours.py)
    address: str | None = None
    website: WebAddress | None = None
    counselor: Counselor | None = None
    logo: str | None = Field(None, description="File name of the logo (SVG or PNG) in the brand's folder")
    sheet_url: WebAddress | None = Field(
        None,
        description="The school's own page for a career, {slug} standing for the career's slug: the QR codes "
        "lead there instead of the sheet's provenance.source_url",
    )

    @property
    def accent_light(self) -> str:
        """A light tint of the accent (15 %) for highlighted rows."""
        return tint(self.accent, 0.15)

    @property
    def folder(self) -> Path:
        return BRANDS / self.slug

    def logo_path(self, suffix: str | None = None) -> Path | None:
        """The logo file (or its sibling with ``suffix``, e.g. ".png" for the DOCX), if present."""
        if not self.logo:
            return None
        path = self.folder / self.logo
        if suffix:
            path = path.with_suffix(suffix)
        return path if path.is_file() else None


@cache
def _schema() -> dict:
    return Brand.model_json_schema()


def default_name() -> str:
    """The project's default brand (pyproject.toml, ``[tool.brochure] brand``)."""
    settings = tomllib.loads((paths.PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    return settings.get("tool", {}).get("brochure", {}).get("brand", "neutral")


@cache
def load(name: str | None = None) -> Brand:
    """Read, validate and contrast-check a brand (default: the project setting)."""
    name = name or default_name()
    if not re.match(SLUG_PATTERN, name):
        raise BrandError(f"brand {name!r}: a brand is a folder name of lowercase letters, digits and hyphens")
    path = BRANDS / name / "brand.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.name for p in BRANDS.iterdir() if (p / "brand.yaml").is_file()))
        raise BrandError(f"no brand {name!r} ({path} is missing); known brands: {known}")
    try:
        document = yamlsafe.loads(path.read_text(encoding="utf-8"))
        if not isinstance(document.data, dict | None):
            raise BrandError(f"{path}:1:1: a brand file is a group of 'name: value' lines")
        brand = Brand.model_validate({**(document.data or {}), "slug": name})
    except yamlsafe.YamlError as exc:
        raise BrandError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    except ValidationError as exc:  # report the first field with its line, in plain words
        first = sources.explain(exc, document, str(path), _schema())[0]
        raise BrandError(f"{first.file}:{first.line}:{first.column}: {first.field}: {first.message}") from None
    _check(brand, path, document)
    return brand


def _check(brand: Brand, path: Path, document: yamlsafe.Document) -> None:
    pairs = {
        "text on white": (INK, WHITE),
        "white on the accent": (WHITE, brand.accent),
        "the accent on white": (brand.accent, WHITE),
    }
    for what, (fore, back) in pairs.items():
        ratio = contrast(fore, back)
        if ratio < AA:
            line, col = document.position(("accent",))
            raise BrandError(
                f"{path}:{line}:{col}: accent: {brand.accent} gives a contrast of {ratio:.2f}:1 for "
                f"{what} (WCAG AA needs {AA}:1); choose a darker colour"
            )
    if brand.logo:
        logo = (brand.folder / brand.logo).resolve()
        if not logo.is_relative_to(brand.folder.resolve()) or logo.suffix.lower() not in (".svg", ".png"):
            line, col = document.position(("logo",))
            raise BrandError(f"{path}:{line}:{col}: logo: an SVG or PNG file inside {brand.folder}")
        if not logo.is_file():
            line, col = document.position(("logo",))
            raise BrandError(f"{path}:{line}:{col}: logo: {logo.name} is missing from {brand.folder}")
