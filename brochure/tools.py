"""Debian tools the tests use, installed on demand (CI and fresh machines).

poppler-utils and qpdf check the PDFs; LibreOffice converts the DOCX files; libharfbuzz-subset0
makes WeasyPrint's font subsetting about twice as fast (same output).
"""

from __future__ import annotations

import os
import shutil
import subprocess

# command that proves the package is there -> Debian package
TOOLS = {
    "pdftotext": "poppler-utils",
    "qpdf": "qpdf",
    "soffice": "libreoffice-writer-nogui",
}
LIBRARIES = ["libharfbuzz-subset0"]


def _installed(package: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False)
    return "install ok installed" in result.stdout


LOCALE = "fr_FR.UTF-8"  # the determinism test builds under it


def _has_locale() -> bool:
    result = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return "fr_fr.utf8" in result.stdout.lower()


def missing() -> list[str]:
    """The Debian packages the tests need that this machine lacks."""
    packages = [pkg for cmd, pkg in TOOLS.items() if shutil.which(cmd) is None]
    if shutil.which("dpkg-query"):
        packages += [pkg for pkg in LIBRARIES if not _installed(pkg)]
        if not _installed("locales"):
            packages.append("locales")
    return packages


def install(c) -> None:
    """apt-get install what is missing (as root, or through sudo)."""
    packages = missing()
    sudo = "" if os.geteuid() == 0 else "sudo "
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    if packages:
        c.run(f"{sudo}apt-get update -qq", env=env, pty=False)
        c.run(f"{sudo}apt-get install -y -qq --no-install-recommends {' '.join(packages)}", env=env, pty=False)
    if not _has_locale():
        c.run(f"{sudo}sed -i 's/^# *{LOCALE} UTF-8/{LOCALE} UTF-8/' /etc/locale.gen", pty=False)
        c.run(f"{sudo}locale-gen {LOCALE}", pty=False)
    print("test tools: all present")
