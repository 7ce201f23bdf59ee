"""Notices a render leaves for the build's output: things that worked, but could work better.

A worker collects them while it renders (``add``) and sends them back with its result (``take``);
the build's main process shows each one once.
"""

from __future__ import annotations

SLOW_SUBSETTING = (
    "Font subsetting uses fontTools because Debian's libharfbuzz-subset0 is missing: each PDF takes "
    "longer to write. To speed it up: apt-get install libharfbuzz-subset0 (`invoke doctor` lists what is missing)."
)

_pending: dict[str, None] = {}  # insertion-ordered set


def add(text: str) -> None:
    """Record a notice in this process (once, however often it is added)."""
    _pending.setdefault(text)


def take() -> tuple[str, ...]:
    """The notices recorded since the last call, in order; forgets them."""
    texts = tuple(_pending)
    _pending.clear()
    return texts
