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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from charts.colours import contrast, tint

from . import paths, sources, yamlsafe

BRANDS = paths.LAYOUTS / "brands"
INK, WHITE = "#1a1a1a", "#ffffff"
AA = 4.5
Colour = Annotated[str, StringConstraints(strict=True, pattern=r"^#[0-9a-fA-F]{6}$")]
Name = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class BrandError(ValueError):
    """A brand that cannot be used; the message names the file, line and field."""


class Counselor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = ""
    school: str | None = Field(None, description="School name; none for the neutral brand")
    accent: Colour = "#1f5f8b"
    address: str | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    counselor: Counselor | None = None
    logo: str | None = Field(None, description="File name of the logo (SVG or PNG) in the brand's folder")

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


def default_name() -> str:
    """The project's default brand (pyproject.toml, ``[tool.brochure] brand``)."""
    settings = tomllib.loads((paths.PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    return settings.get("tool", {}).get("brochure", {}).get("brand", "neutral")


@cache
def load(name: str | None = None) -> Brand:
    """Read, validate and contrast-check a brand (default: the project setting)."""
    name = name or default_name()
    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", name):
        raise BrandError(f"brand {name!r}: a brand is a folder name of lowercase letters, digits and hyphens")
    path = BRANDS / name / "brand.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.name for p in BRANDS.iterdir() if (p / "brand.yaml").is_file()))
        raise BrandError(f"no brand {name!r} ({path} is missing); known brands: {known}")
    try:
        document = yamlsafe.loads(path.read_text(encoding="utf-8"))
        brand = Brand.model_validate({**(document.data or {}), "slug": name})
    except yamlsafe.YamlError as exc:
        raise BrandError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    except Exception as exc:  # pydantic's ValidationError: report the first field with its line
        errors = getattr(exc, "errors", lambda: [])()
        if not errors:
            raise
        loc = tuple(errors[0]["loc"])
        line, col = document.position(loc)
        raise BrandError(f"{path}:{line}:{col}: {sources.field_path(loc)}: {errors[0]['msg']}") from None
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
