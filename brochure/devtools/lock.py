"""The pinned versions: ``constraints.txt``, every package the product and its `test` extra install.

`invoke lock` compiles it with uv (``uv pip compile``) from pyproject.toml's ``dependencies`` and
``test`` extra, for CPython 3.11 on Linux x86_64. uv keeps each version the file already pins when
it still fits (``--upgrade`` takes the newest instead), writes next to the file, and the new file
replaces the old one in one rename: an interrupted or failed run leaves the old file whole.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from brochure.core import paths

CONSTRAINTS = paths.PROJECT / "constraints.txt"
OPTIONS = ("--extra", "test", "--python-version", "3.11", "--python-platform", "x86_64-unknown-linux-gnu")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)", re.MULTILINE)


def command(out: Path = CONSTRAINTS) -> list[str]:
    """The compile command, as the file's header shows it (relative to the project)."""
    return ["uv", "pip", "compile", "pyproject.toml", *OPTIONS, "-o", os.path.relpath(out, paths.PROJECT)]


def normalise(name: str) -> str:
    """A distribution's name as PEP 503 compares them: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """Normalised name -> pinned version, for every ``name==version`` line of a constraints file."""
    return {normalise(name): version for name, version in PIN.findall(text)}


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """``package: old -> new`` for every pin added, removed or moved, by name."""
    return [
        f"{name}: {old.get(name, '(none)')} -> {new.get(name, '(removed)')}"
        for name in sorted(old.keys() | new.keys())
        if old.get(name) != new.get(name)
    ]


def lock(upgrade: bool = False, out: Path = CONSTRAINTS) -> list[str]:
    """Compile ``out`` again (with ``upgrade``: to the newest versions), replace it, print and return what changed."""
    before = out.read_text(encoding="utf-8") if out.exists() else ""
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(before)  # uv keeps the versions its output file already pins
        args = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml", *OPTIONS, "--quiet", "-o", str(tmp)]
        args += ["--custom-compile-command", " ".join(command(out))]  # the header names the file, not tmp
        subprocess.run([*args, *(["--upgrade"] if upgrade else [])], cwd=paths.PROJECT, check=True)
        tmp.chmod(0o644)  # mkstemp made it private; the file is the project's
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    changed = changes(pins(before), pins(out.read_text(encoding="utf-8")))
    print("\n".join(changed) if changed else f"{out.name}: no version changed")
    return changed
