"""Run a command with a shared library really absent: /dev/null bind-mounted over it in a private
mount namespace, so the dynamic loader cannot load it. As root: ``unshare -m``. Otherwise: a user
namespace where the user is root for the mount (``unshare -rm``), then a nested one that maps the
user back to itself, so the command runs as that user. Where the library is not installed, the
command runs as it is (the absence is real)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

SUBSET = "libharfbuzz-subset.so.0"  # Debian's libharfbuzz-subset0


def library_path(soname: str) -> Path | None:
    """Where the dynamic loader finds ``soname`` (``ldconfig -p``), or None when it is not installed."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        name, _, target = line.strip().partition(" => ")
        if name.split(" (")[0] == soname and Path(target).exists():
            return Path(target).resolve()
    return None


def without(soname: str, command: Sequence[str]) -> list[str]:
    """``command`` run where ``soname`` cannot be loaded."""
    path = library_path(soname)
    if path is None:
        return list(command)
    hide = ["sh", "-c", 'mount --bind /dev/null "$0" && exec "$@"', str(path)]
    if os.geteuid() == 0:
        return ["unshare", "-m", *hide, *command]
    back = ["unshare", f"--map-user={os.geteuid()}", f"--map-group={os.getegid()}"]
    return ["unshare", "-rm", *hide, *back, *command]
