"""Charts kept between jobs, by the digest of what they are drawn from.

A chart's image depends only on its data, the words it prints (``ChartText``), its size, the brand's
accent and the code and libraries that draw it (the build's environment digest, ``salt``). So an
edit to a sheet's text, a second target of the same sheet in another worker, or a rebuild after a
template change reuses the charts already drawn. The cache is a folder (``output/.build/charts``):

- entries are written atomically (a temporary file renamed), so workers drawing the same chart at
  once each leave a whole file and a reader never sees a torn one;
- a hit touches its file, and :meth:`ChartCache.prune` (main process, after a build) keeps the
  ``limit`` most recently used files: the folder stays bounded.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from brochure.core.files import TEMP_PREFIX, write_atomic

LIMIT = 4000  # files (an SVG and a PNG per chart): a few hundred sheets' charts


@dataclass(frozen=True)
class ChartCache:
    folder: Path
    salt: str  # the environment digest (fingerprint.environment()): chart code, fonts, library versions
    limit: int = LIMIT

    def key(self, *parts: object) -> str:
        """The digest of a chart's inputs (their ``repr``: dataclasses, tuples, strings and numbers)."""
        return hashlib.sha256((self.salt + "\0" + repr(parts)).encode("utf-8")).hexdigest()

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    def get(self, key: str, suffix: str) -> bytes | None:
        path = self._path(key, suffix)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with suppress(OSError):
            os.utime(path)  # recently used: kept by prune
        return data

    def put(self, key: str, suffix: str, data: bytes) -> None:
        with suppress(OSError):  # a cache that cannot be written only costs a redraw
            write_atomic(self._path(key, suffix), data)

    def prune(self) -> int:
        """Keep the ``limit`` most recently used entries; return how many were removed."""
        if not self.folder.is_dir():
            return 0
        entries = []
        for path in self.folder.glob("*/*"):
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        stale = [p for _, p in sorted(entries, reverse=True)[self.limit :] if not p.name.startswith(TEMP_PREFIX)]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
