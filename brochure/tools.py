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


def missing() -> list[str]:
    """The Debian packages the tests need that this machine lacks."""
    packages = [pkg for cmd, pkg in TOOLS.items() if shutil.which(cmd) is None]
    if shutil.which("dpkg-query"):
        packages += [pkg for pkg in LIBRARIES if not _installed(pkg)]
    return packages


def install(c) -> None:
    """apt-get install what is missing (as root, or through sudo)."""
    packages = missing()
    if not packages:
        print("test tools: all present")
        return
    sudo = "" if os.geteuid() == 0 else "sudo "
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    c.run(f"{sudo}apt-get update -qq", env=env, pty=False)
    c.run(f"{sudo}apt-get install -y -qq --no-install-recommends {' '.join(packages)}", env=env, pty=False)
