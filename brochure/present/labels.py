"""Fixed words of the layouts and charts, by language (French is the default).

The words are gettext catalogues, ``layouts/locale/<lang>/LC_MESSAGES/brochure.po``: each msgid is a key
used here and in the templates (``glance``), its msgstr the words printed (``L’essentiel``). A translator
edits them with Poedit, Weblate or any text editor. Babel reads the ``.po`` files as they are (no compiled
``.mo`` is needed), each language once, on its first use: importing this module stays cheap (``invoke
build --lang`` checks the language without reading a catalogue). They live in layouts/ because the words
decide what the pages say, as the templates do: the rebuild digest and ``invoke watch`` already follow
that folder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from brochure.core import paths

LOCALE = paths.LAYOUTS / "locale"
DOMAIN = "brochure"
LANGUAGES = ("fr", "en")  # the engine formats numbers, dates and hyphenation for these (fr first: the default)


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> dict[str, str]:
    """``{msgid: msgstr}`` of one ``.po`` file, in its order; a malformed file is an error naming its line."""
    from babel.messages.pofile import PoFileError, read_po  # here: Babel's catalogue code costs ~20 ms to import

    try:
        with path.open("rb") as file:
            catalogue = read_po(file, abort_invalid=True)
    except PoFileError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    return {message.id: message.string for message in catalogue if message.id}


@cache
def _words(lang: str) -> dict[str, str]:
    return read_catalogue(catalogue_path(lang))


class _Catalogues(Mapping[str, dict[str, str]]):
    """``{lang: {key: words}}``; a language's catalogue is read on its first lookup, then the same dict
    is returned every time (callers compare ``words is LABELS["fr"]``)."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return _words(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __contains__(self, lang: object) -> bool:
        return lang in LANGUAGES


LABELS: Mapping[str, dict[str, str]] = _Catalogues()


def counted(words: dict[str, str], key: str, count: int, **values: object) -> str:
    """The label ``key`` agreeing with ``count``: ``key + "_one"`` for one (its text holds the 1), else
    ``key``; ``{count}`` and ``values`` filled in ("1 niveau de formation", "3 niveaux de formation")."""
    return words[f"{key}_one" if count == 1 else key].format(count=count, **values)


def labels(lang: str = "fr") -> dict[str, str]:
    """The label catalogue of ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(sorted(LABELS))}")
    return LABELS[lang]
