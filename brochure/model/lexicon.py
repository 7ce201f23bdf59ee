"""French words from the bundled dictionary's parts of speech: infinitives, nouns, and the
infinitive of a conjugated (3rd person present) or gerund form. Used to read missions intros
(``brochure/model/themes.py``) with no word list tuned to one sheet.
"""

from __future__ import annotations

import re
from functools import cache

from brochure.core import paths

DICTIONARY = paths.LAYOUTS / "dictionaries" / "fr.dic"


def wordset(text: str) -> frozenset[str]:
    """The words of ``text`` (separated by spaces) as a set."""
    return frozenset(text.split())


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The dictionary's infinitives and nouns (from its ``po:`` parts of speech)."""
    verbs, nouns = set(), set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, rest = line.partition("/")
        if " po:v" in rest:
            verbs.add(word)
        if " po:nom" in rest:
            nouns.add(word)
    return frozenset(verbs), frozenset(nouns)


def is_infinitive(word: str) -> bool:
    return word.lower() in _lexicon()[0]


_IRREGULAR = {
    "conçoit": "concevoir",
    "reçoit": "recevoir",
    "suit": "suivre",
    "poursuit": "poursuivre",
    "prend": "prendre",
    "met": "mettre",
    "fait": "faire",
    "prenant": "prendre",
    "faisant": "faire",
    "écrit": "écrire",
}


def infinitive(word: str) -> str | None:
    """The infinitive of a present-tense (3rd person) or gerund form, when the dictionary knows it."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ant"):
        stem = low[:-3]
        tries = [stem + "er", stem[:-2] + "r" if stem.endswith("iss") else "", stem + "ir", stem + "re"]
        tries += [stem[:-1] + "er" if stem.endswith("ge") else "", stem[:-1] + "cer" if stem.endswith("ç") else ""]
    else:
        grave = re.sub(r"è(?=[^è]*$)", "é", low)
        tries = [low + "r", grave + "r", low[:-1] + "r", low[:-1] + "re", low[:-2] + "re" if low.endswith("it") else ""]
        tries += [low[:-4] + "enir" if low.endswith("ient") else "", low + "re", low[:-3] + "aire"]
    return next((t for t in tries if t and t != low and is_infinitive(t)), None)


def is_noun(word: str) -> bool:
    return word.lower() in _lexicon()[1]


def is_verb(word: str) -> bool:
    """An infinitive, or a present-tense or gerund form that is not also a noun ("analyse", "veille")."""
    return is_infinitive(word) or (infinitive(word) is not None and word.lower() not in _lexicon()[1])
