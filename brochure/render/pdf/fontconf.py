"""The isolated fontconfig set-up: the bundled fonts of ``layouts/fonts`` and nothing else.

Written here, without importing WeasyPrint, so that `invoke doctor` can check what fontconfig sees
with it even where WeasyPrint cannot load; ``brochure.render.pdf.writer`` points ``FONTCONFIG_FILE`` at it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from brochure.core import paths
from brochure.core.files import write_atomic

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <config><rescan><int>0</int></rescan></config>
</fontconfig>
"""


def isolated_config(fonts: Path = paths.FONTS) -> Path:
    """The fonts.conf that makes fontconfig see ``fonts`` only.

    One folder per user and per fonts folder (two checkouts on one machine never share one), made
    private to its user; the file is replaced atomically, so a process starting meanwhile never reads
    a half-written config."""
    key = hashlib.sha256(str(fonts.resolve()).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"brochure-fontconfig-{os.getuid()}-{key}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid():
        raise OSError(f"{folder} belongs to another user: remove it, or set TMPDIR to a folder of your own")
    conf = folder / "fonts.conf"
    text = _FONTS_CONF.format(fonts=fonts, cache=folder / "cache")
    if not conf.exists() or conf.read_text() != text:
        write_atomic(conf, text.encode("utf-8"))
    return conf
