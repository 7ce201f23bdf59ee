"""Notices a render leaves for the build's output: things that worked, but could work better.

A worker collects them while it renders (``add``) and sends them back with its result (``take``);
the build's main process shows each one once.
"""

from __future__ import annotations

SLOW_SUBSETTING = (
    "font subsetting falls back to fontTools because Debian's libharfbuzz-subset0 is missing: writing each PDF "
    "takes about 3 times as long, and future WeasyPrint versions will require the library. To speed it up: "
    "apt-get install libharfbuzz-subset0 (`invoke doctor` lists what is missing)."
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
