"""What the product and its tests rely on: how to tell each piece is there, and how to install it.

One list, ``NEEDS``, feeds `invoke doctor` (a table of every piece, see ``brochure/devtools/doctor.py``) and
`invoke install-tools` (apt-get install of the Debian packages that are missing). Each probe looks
for the real thing: a program on PATH, a shared library the dynamic loader can load, fontconfig
reading the project's own fonts.conf.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from brochure.core import paths
from brochure.render.pdf import fontconf

Probe = Callable[[], tuple[bool, str]]  # (present, what was found or why it is missing)
LOCALE = "fr_FR.UTF-8"  # the determinism test builds under it
PRODUCT, TESTS = "product", "tests"
SUBSET_NOTE = "fonts are subset with fontTools: writing a PDF takes about 3 times as long"


@dataclass(frozen=True)
class Need:
    name: str
    needed_by: str  # PRODUCT or TESTS
    required: bool  # False: the build works without it, more slowly
    install: str  # the command that installs it
    probe: Probe
    debian: tuple[str, ...] = ()  # the Debian packages `invoke install-tools` installs when it is missing


def _python() -> tuple[bool, str]:
    version = ".".join(map(str, sys.version_info[:3]))
    return sys.version_info >= (3, 11), version if sys.version_info >= (3, 11) else f"{version} (3.11 or later needed)"


def _packages(*names: str) -> Probe:
    def probe() -> tuple[bool, str]:
        found, missing = [], []
        for name in names:
            try:
                found.append(f"{name} {metadata.version(name)}")
            except metadata.PackageNotFoundError:
                missing.append(name)
        return not missing, ", ".join(found) if not missing else f"not installed: {', '.join(missing)}"

    return probe


def _load(soname: str) -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(soname)
    except OSError:
        return None


def _version_string(library: ctypes.CDLL, function: str) -> str:
    call = getattr(library, function)
    call.restype = ctypes.c_char_p
    return call().decode()


def _library(soname: str, version_function: str = "", *also: str) -> Probe:
    """The dynamic loader finds ``soname`` (and ``also``); its version when it has a function for it."""

    def probe() -> tuple[bool, str]:
        missing = [name for name in (soname, *also) if _load(name) is None]
        if missing:
            return False, f"cannot load {', '.join(missing)}"
        library = _load(soname)
        return True, _version_string(library, version_function) if version_function else soname

    return probe


def _harfbuzz_subset() -> tuple[bool, str]:
    harfbuzz, subset = _load("libharfbuzz.so.0"), _load("libharfbuzz-subset.so.0")
    if subset is None or harfbuzz is None:
        return False, f"cannot load libharfbuzz-subset.so.0: {SUBSET_NOTE}; future WeasyPrint versions need it"
    version = _version_string(harfbuzz, "hb_version_string")
    if not harfbuzz.hb_version_atleast(4, 1, 0):
        return False, f"{version} (4.1.0 or later needed): {SUBSET_NOTE}"
    return True, version


class _FontSet(ctypes.Structure):
    _fields_ = (("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p)))


def _font_files(fc: ctypes.CDLL, conf: str) -> set[str]:
    """The font files fontconfig lists with the configuration file ``conf`` alone."""
    fc.FcConfigCreate.restype = ctypes.c_void_p
    fc.FcConfigParseAndLoad.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
    fc.FcConfigBuildFonts.argtypes = fc.FcConfigDestroy.argtypes = (ctypes.c_void_p,)
    fc.FcConfigGetFonts.argtypes = (ctypes.c_void_p, ctypes.c_int)
    fc.FcConfigGetFonts.restype = ctypes.POINTER(_FontSet)
    fc.FcPatternGetString.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p))
    config = fc.FcConfigCreate()
    files = set()
    if fc.FcConfigParseAndLoad(config, conf.encode(), 1) and fc.FcConfigBuildFonts(config):
        fonts = fc.FcConfigGetFonts(config, 0)  # FcSetSystem
        for index in range(fonts.contents.nfont if fonts else 0):
            name = ctypes.c_char_p()
            if fc.FcPatternGetString(fonts.contents.fonts[index], b"file", 0, ctypes.byref(name)) == 0:
                files.add(os.path.basename(name.value.decode()))
    fc.FcConfigDestroy(config)
    return files


def _bundled_fonts() -> tuple[bool, str]:
    fc = _load("libfontconfig.so.1")
    if fc is None:
        return False, "cannot load libfontconfig.so.1"
    bundled = sorted(p.name for p in paths.FONTS.glob("*.[ot]tf"))
    unseen = sorted(set(bundled) - _font_files(fc, str(fontconf.isolated_config())))
    if not bundled or unseen:
        return False, f"sees {len(bundled) - len(unseen)} of {len(bundled)} fonts of layouts/fonts; not: {unseen}"
    return True, f"{len(bundled)} fonts of layouts/fonts"


def _program(command: str) -> Probe:
    def probe() -> tuple[bool, str]:
        path = shutil.which(command)
        return path is not None, path or f"no {command} on PATH"

    return probe


def _has_locale() -> bool:
    if shutil.which("locale") is None:
        return False
    result = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return "fr_fr.utf8" in result.stdout.lower()


def _locale() -> tuple[bool, str]:
    return (True, LOCALE) if _has_locale() else (False, f"{LOCALE} not generated")


def _apt(*packages: str) -> str:
    return f"apt-get install {' '.join(packages)}"


NEEDS: tuple[Need, ...] = (
    Need("Python", PRODUCT, True, _apt("python3") + " (3.11 or later)", _python),
    Need(
        "WeasyPrint and the Python packages",
        PRODUCT,
        True,
        "pip install -c constraints.txt -e .",
        _packages("weasyprint", "pydantic"),
    ),
    Need(
        "Pango",
        PRODUCT,
        True,
        _apt("libpango-1.0-0", "libpangoft2-1.0-0"),
        _library("libpango-1.0.so.0", "pango_version_string", "libpangoft2-1.0.so.0"),
        ("libpango-1.0-0", "libpangoft2-1.0-0"),
    ),
    Need(
        "HarfBuzz",
        PRODUCT,
        True,
        _apt("libharfbuzz0b"),
        _library("libharfbuzz.so.0", "hb_version_string"),
        ("libharfbuzz0b",),
    ),
    Need("HarfBuzz-Subset", PRODUCT, False, _apt("libharfbuzz-subset0"), _harfbuzz_subset, ("libharfbuzz-subset0",)),
    Need(
        "fontconfig sees the bundled fonts", PRODUCT, True, _apt("libfontconfig1"), _bundled_fonts, ("libfontconfig1",)
    ),
    Need(
        "test packages",
        TESTS,
        True,
        "pip install -c constraints.txt -e '.[test]'",
        _packages("pytest", "hypothesis", "ruff"),
    ),
    Need("poppler (pdftotext)", TESTS, True, _apt("poppler-utils"), _program("pdftotext"), ("poppler-utils",)),
    Need("qpdf", TESTS, True, _apt("qpdf"), _program("qpdf"), ("qpdf",)),
    Need("GNU gettext (msgfmt)", TESTS, True, _apt("gettext"), _program("msgfmt"), ("gettext",)),
    Need(
        "LibreOffice (soffice)",
        TESTS,
        True,
        _apt("libreoffice-writer-nogui"),
        _program("soffice"),
        ("libreoffice-writer-nogui",),
    ),
    Need(f"{LOCALE} locale", TESTS, True, f"invoke install-tools ({_apt('locales')}, locale-gen {LOCALE})", _locale),
    Need("Chromium (browser tests)", TESTS, True, _apt("chromium"), _program("chromium"), ("chromium",)),
    Need(
        "ChromeDriver (browser tests)",
        TESTS,
        True,
        _apt("chromium-driver"),
        _program("chromedriver"),
        ("chromium-driver",),
    ),
    Need(  # the isolated LibreOffice check of the DOCX's embedded fonts (tests/test_docx_fonts.py)
        "DejaVu fonts",
        TESTS,
        True,
        _apt("fonts-dejavu-core"),
        lambda: (os.path.isfile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), "/usr/share/fonts/truetype/dejavu"),
        ("fonts-dejavu-core",),
    ),
)


def missing() -> list[str]:
    """The Debian packages of ``NEEDS`` that this machine lacks (``locales`` when the locale is missing)."""
    packages = [pkg for need in NEEDS if need.debian and not need.probe()[0] for pkg in need.debian]
    if not _has_locale() and shutil.which("locale-gen") is None:
        packages.append("locales")
    return list(dict.fromkeys(packages))


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
