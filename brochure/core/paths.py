"""Where things are: the project's folders, found from the engine's own location."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]  # brochure/core/paths.py
SOURCES = PROJECT / "sources"
LAYOUTS = PROJECT / "layouts"
FONTS = LAYOUTS / "fonts"
CHARTS = PROJECT / "charts"
OUTPUT = PROJECT / "output"
STATE = ".build"  # <output>/.build/: the lock, the manifests, the caches, never beside finished documents
SCHEMA = SOURCES / "sheet.schema.json"
