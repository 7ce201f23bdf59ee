"""What decides a rebuild: a digest of every input of an output, kept in a manifest.

An output is rebuilt when its inputs digest changes (the sheet's bytes, the layouts, chart
code and style, fonts, the spelling dictionaries (``layouts/dictionaries``, ``sources/
dictionary.txt``), the engine's code and library versions, the build options) or when
the file is missing or no longer has the bytes the build wrote. Hashing only: nothing here
imports WeasyPrint or matplotlib.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from . import __version__, paths
from .files import write_atomic

DEVTOOLS = paths.PROJECT / "brochure" / "devtools"  # the bench, golden dumps, installer: never in an output
# Every library whose output lands in a file (tests/test_fingerprint.py checks this list against the
# imports of the writing code).
LIBRARIES = (
    "weasyprint",
    "matplotlib",
    "python-docx",
    "jinja2",
    "markupsafe",
    "pydantic",
    "pydantic-core",
    "babel",
    "pyyaml",
    "pikepdf",
    "pypdf",
    "pypdfium2",
    "spylls",
    "fonttools",
    "lxml",
    "segno",
)


def _tree(*folders: Path, suffixes: tuple[str, ...] = (), leave_out: Path | None = None) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if (suffixes and path.suffix not in suffixes) or (leave_out and path.is_relative_to(leave_out)):
                continue
            digest.update(str(path.relative_to(folder.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def environment() -> str:
    """Digest of everything shared by all sheets: layouts (templates, CSS, fonts, DOCX styles), charts, engine."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(_tree(paths.LAYOUTS).encode())
    digest.update(_tree(paths.CHARTS, paths.PROJECT / "brochure", suffixes=(".py",), leave_out=DEVTOOLS).encode())
    words = paths.SOURCES / "dictionary.txt"  # the project's words decide which sheets are drafts
    digest.update(words.read_bytes() if words.is_file() else b"")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


def inputs(source: bytes, target: str, options: dict[str, str]) -> str:
    """Digest of the inputs of one output."""
    digest = hashlib.sha256(environment().encode())
    digest.update(hashlib.sha256(source).digest())
    digest.update(json.dumps({"format": target, **options}, sort_keys=True).encode())
    return digest.hexdigest()


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


@dataclass
class Manifest:
    """``{output path relative to output/: {"inputs": digest, "sha256": of the bytes written}}``."""

    path: Path
    entries: dict[str, dict[str, str]]
    saved_at: float = field(default=0.0, repr=False, compare=False)  # perf_counter of the last save

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            entries = {}  # a lost or torn manifest only costs a full rebuild
        return cls(path, entries if isinstance(entries, dict) else {})

    def fresh(self, output: Path, key: str, digest: str) -> bool:
        entry = self.entries.get(key)
        return bool(entry) and entry.get("inputs") == digest and entry.get("sha256") == file_hash(output)

    def record(self, key: str, digest: str, data: bytes) -> None:
        self.entries[key] = {"inputs": digest, "sha256": hashlib.sha256(data).hexdigest()}

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)

    def save(self, every_s: float = 0.0) -> None:
        """Write the manifest (sorted, no timings: the same inputs give the same bytes); with
        ``every_s``, only when the last save is older than that (a build of many sheets)."""
        now = time.perf_counter()
        if every_s and self.saved_at and now - self.saved_at < every_s:
            return
        text = json.dumps(self.entries, indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))
        self.saved_at = now
