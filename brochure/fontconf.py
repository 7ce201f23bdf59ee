"""The isolated fontconfig set-up: the bundled fonts of ``layouts/fonts`` and nothing else.

Written here, without importing WeasyPrint, so that `invoke doctor` can check what fontconfig sees
with it even where WeasyPrint cannot load; ``brochure.pdf`` points ``FONTCONFIG_FILE`` at it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import paths

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <config><rescan><int>0</int></rescan></config>
</fontconfig>
"""


def isolated_config(fonts: Path = paths.FONTS) -> Path:
    """The fonts.conf that makes fontconfig see ``fonts`` only (written once per user)."""
    folder = Path(tempfile.gettempdir()) / f"brochure-fontconfig-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    conf = folder / "fonts.conf"
    text = _FONTS_CONF.format(fonts=fonts, cache=folder / "cache")
    if not conf.exists() or conf.read_text() != text:
        conf.write_text(text)
    return conf
