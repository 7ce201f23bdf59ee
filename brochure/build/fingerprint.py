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
import os
import time
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from brochure import __version__
from brochure.core import paths
from brochure.core.files import write_atomic

# Where the build remembers each output's file status (size, times, inode) beside its hash, so that a
# no-op build hashes only files whose status changed. Outside output/: the manifest itself holds no
# timestamps (merged shards are byte for byte a single build), and a lost status file costs only hashing.
STATUS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "career-brochures" / "outputs"
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


def _status(path: Path) -> list[int] | None:
    """What changes when a file is written or replaced: size, modification and change times, inode."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a lost or torn file only costs hashing (the status) or a full rebuild (the manifest)
    return data if isinstance(data, dict) else {}


@dataclass
class Manifest:
    """``{output path relative to output/: {"inputs": digest, "sha256": of the bytes written}}``.

    ``status``: for each output, its file status when its hash was last taken (kept in the user cache,
    :data:`STATUS`): a file whose status is unchanged still has that hash, and is not read again."""

    path: Path
    entries: dict[str, dict[str, str]]
    saved_at: float = field(default=0.0, repr=False, compare=False)  # perf_counter of the last save
    status: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        manifest = cls(path, _load_json(path))
        manifest.status = _load_json(manifest.status_path)
        return manifest

    @property
    def status_path(self) -> Path:
        folder = str(self.path.parent.parent.resolve())  # output/ (the manifest is output/.build/manifest.json)
        return STATUS / f"{hashlib.sha256(folder.encode()).hexdigest()[:24]}.json"

    def _hash(self, output: Path, key: str) -> str | None:
        status, known = _status(output), self.status.get(key)
        if status is not None and known and known[:-1] == status:
            return known[-1]
        digest = file_hash(output)
        if status is not None and digest is not None:
            self.status[key] = [*status, digest]
        return digest

    def fresh(self, output: Path, key: str, digest: str) -> bool:
        entry = self.entries.get(key)
        return bool(entry) and entry.get("inputs") == digest and entry.get("sha256") == self._hash(output, key)

    def record(self, key: str, digest: str, data: bytes) -> None:
        sha = hashlib.sha256(data).hexdigest()
        self.entries[key] = {"inputs": digest, "sha256": sha}
        status = _status(self.path.parent.parent / key)
        if status is not None:
            self.status[key] = [*status, sha]

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)
        self.status.pop(key, None)

    def save(self, every_s: float = 0.0) -> None:
        """Write the manifest (sorted, no timings: the same inputs give the same bytes); with
        ``every_s``, only when the last save is older than that (a build of many sheets)."""
        now = time.perf_counter()
        if every_s and self.saved_at and now - self.saved_at < every_s:
            return
        text = json.dumps(self.entries, indent=1, sort_keys=True)
        write_atomic(self.path, text.encode("utf-8"))
        self.saved_at = now
        with suppress(OSError):  # only ever a cache
            write_atomic(self.status_path, json.dumps(self.status, sort_keys=True).encode("utf-8"))
