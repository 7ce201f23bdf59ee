"""`invoke merge`: the ``output/`` folders of shard jobs (``invoke build --shard I/N``) as one.

Every document, chart cache entry and manifest entry of each shard is copied into the destination,
which ends up with exactly the files and bytes of one build of every sheet: the manifest holds
only input digests and the documents' hashes (no timings, no timestamps), sorted, so the union of
the shards' manifests is the manifest of a single build, and a later ``invoke build`` on the merged
folder rebuilds nothing. Nothing is half-merged: every shard is checked (each document has the
bytes its manifest says, no two shards disagree about a file) before the first file is copied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from brochure.build import builder as build
from brochure.build import fingerprint
from brochure.core.errors import BrochureError
from brochure.core.files import TEMP_PREFIX, write_atomic

MANIFEST = Path(build.STATE) / "manifest.json"
LEFT_OUT = {Path(build.STATE) / "lock", MANIFEST}  # the lock is the destination's own; manifests are merged


class MergeError(BrochureError):
    """A shard folder is missing, damaged, or disagrees with another about a file."""


def _files(folder: Path) -> dict[Path, Path]:
    """What a shard contributes: relative path -> file (temporary files of a stopped write left out)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not path.name.startswith(TEMP_PREFIX) and relative not in LEFT_OUT:
            found[relative] = path
    return found


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check(shard: Path, entries: dict[str, dict[str, str]]) -> None:
    for key, entry in entries.items():
        if fingerprint.file_hash(shard / key) != entry.get("sha256"):
            raise MergeError(f"{shard / key}: missing, or not the bytes its build wrote (rebuild that shard)")


def plan(shards: Sequence[Path]) -> tuple[dict[Path, Path], dict[str, dict[str, str]]]:
    """The files to copy (relative path -> source file) and the merged manifest entries."""
    files: dict[Path, Path] = {}
    entries: dict[str, dict[str, str]] = {}
    for shard in shards:
        if not (shard / MANIFEST).is_file():
            raise MergeError(f"{shard}: no {MANIFEST} (not the output folder of a build)")
        manifest = fingerprint.Manifest.load(shard / MANIFEST).entries
        _check(shard, manifest)
        for key, entry in manifest.items():
            if entries.setdefault(key, entry) != entry:
                raise MergeError(f"{key}: built differently in {shard} and in an earlier shard")
        for relative, path in _files(shard).items():
            if relative in files and _digest(files[relative]) != _digest(path):
                raise MergeError(f"{relative}: different bytes in {shard} and in {files[relative].parents[0]}")
            files.setdefault(relative, path)
    return files, entries


def merge(shards: Sequence[Path], out: Path) -> int:
    """Merge ``shards`` into ``out`` (which may already hold a build); return how many files were copied."""
    shards = [Path(s) for s in shards]
    if not shards:
        raise MergeError("nothing to merge: name the shards' output folders")
    if any(s.resolve() == out.resolve() for s in shards):
        raise MergeError(f"{out} is both a shard and the destination")
    files, entries = plan(shards)
    with build.lock(out):
        manifest = fingerprint.Manifest.load(out / MANIFEST)
        for relative, path in files.items():
            write_atomic(out / relative, path.read_bytes())
        manifest.entries.update(entries)
        manifest.save()
    return len(files)
