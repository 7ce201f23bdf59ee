"""French spelling: the words of a sheet that neither the dictionary nor the project knows.

- Dictionary: Dicollecte's French Hunspell dictionary (``layouts/dictionaries/fr.aff``/``.dic``,
  MPL-2.0), read by spylls, a pure-Python Hunspell (no system library to install).
- Project words: ``sources/dictionary.txt``, one word a line, for the trade terms and job titles
  careers use that a French dictionary lacks ("insights", "Webmarketeur"). Editors add to it.
- What is checked: prose and names, not tool names (brands). Inclusive endings ("un(e)",
  "Directeur(trice)", "Il/elle"), elided articles ("l’", "qu’"), acronyms and CamelCase names
  ("SEO", "HubSpot"), numbers and web addresses are taken apart or left out first.
- Also known: a hyphenated compound of a usual prefix (``PREFIXES``) and a known word ("co-animer";
  its suggestions keep the prefix: "co-animerr" → "co-animer"), and whole phrases left out of the
  text before its words are looked up (``phrases``): the names the sheet lists as tools ("Canva",
  "Google Analytics") and the job-title loanwords of ``layouts/dictionaries/loanwords-metiers.txt``
  ("community manager"); "manager" or "growth" alone is looked up as any word.

One grammar slip is also caught with the dictionary's parts of speech: an article directly followed
by a word that can only be an adjective, then a pause ("une maîtrise des adéquats, ainsi que"):
a noun seems to be missing.

Loading the dictionary costs about 1.7 s and 130 MB, so verdicts are kept per word in a user
cache (``~/.cache/career-brochures/spelling.json``, or under ``$XDG_CACHE_HOME``; tied to the
digest of the dictionary and of ``PREFIXES``, and only ever a cache; project words and phrases are
applied outside it): a build looks up only the words it has never seen, in its main process, and
its workers stay light. Suggestions are the known words one edit away ("rapidemen" →
"rapidement"), the likeliest edits first and at most ``CANDIDATES`` of them, so the same word
always gets the same suggestions (spylls' own suggester takes tens of seconds a word on this
dictionary).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from brochure.core import paths
from brochure.core.files import write_atomic

DICTIONARY = paths.LAYOUTS / "dictionaries" / "fr"
PROJECT_WORDS = paths.SOURCES / "dictionary.txt"
LOANWORDS = paths.LAYOUTS / "dictionaries" / "loanwords-metiers.txt"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "career-brochures" / "spelling.json"
SUGGESTIONS = 3
CANDIDATES = 600  # edits looked up for suggestions, at most (about 1.5 ms each)
SUGGESTED_WORDS = 25  # words a run finds suggestions for; later unknown words get none (bounded time)
LONGEST = 40  # letters: a longer "word" is not French (anticonstitutionnellement has 25)
# Letters tried in edits, most frequent first (the dictionary's TRY line, without the capitals).
LETTERS = "esntiarulodcpmévqfgbhàxèjyêzçôîâùûœïëü"

# Prefixes a job sheet joins to a word by a hyphen: the usual six (co-, re-, pré-, multi-, auto-, e-), then
# anti-, inter-, sous-, non-, post-, semi-, cross-, ex-, and pluri-, intra-, omni-, éco-, cyber-, bi-. The
# dictionary itself accepts two known words joined by a hyphen ("multi-canal"), not co- or pluri-, which
# are no words. Part of the cache's key: a change of the list re-checks every word.
PREFIXES = frozenset(
    ("co", "re", "pré", "multi", "auto", "e", "anti", "inter", "sous", "non")
    + ("post", "semi", "cross", "ex", "pluri", "intra", "omni", "éco", "cyber", "bi")
)

_SKIP = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_INCLUSIVE = re.compile(r"(?<=[^\W\d_])\((?:[^\W\d_]{1,6})\)")  # un(e), Directeur(trice)
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|lorsqu|puisqu|jusqu|quoiqu|presqu)[’']", re.I)

# An article, then one word, then a pause: where that word can only be an adjective, a noun is missing.
LONE = re.compile(
    r"\b(?:des|les|ces|ses|leurs|nos|vos|aux|une|un|du)\s+([^\W\d_]+)(?=\s*(?:[,.;:!?)]|$)|\s+(?:et|ou|mais)\b)", re.I
)
# Adjectives that stand for a noun after an article ("les mêmes", "les suivants").
PRONOUN_LIKE = frozenset(
    [
        "même",
        "mêmes",
        "tous",
        "toutes",
        "plusieurs",
        "certains",
        "certaines",
        "divers",
        "diverses",
        "différents",
        "différentes",
        "premier",
        "premiers",
        "première",
        "premières",
        "dernier",
        "derniers",
        "dernière",
        "dernières",
        "suivant",
        "suivants",
        "suivante",
        "suivantes",
        "précédent",
        "précédents",
        "précédente",
        "précédentes",
        "seul",
        "seuls",
        "seule",
        "seules",
    ]
)


@dataclass(frozen=True)
class Verdicts:
    """What the dictionary says of one sheet: its unknown words (with suggestions) and the
    adjectives left without a noun. Small and picklable: a build hands it to its workers."""

    misspelled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lone_adjectives: frozenset[str] = frozenset()


def lone_candidates(text: str) -> Iterator[str]:
    """Words right after an article and before a pause (to look up as parts of speech)."""
    for match in LONE.finditer(text):
        if match.group(1).lower() not in PRONOUN_LIKE:
            yield match.group(1)


def words(text: str) -> Iterator[str]:
    """The words of ``text`` worth a dictionary lookup."""
    text = _INCLUSIVE.sub("", _SKIP.sub(" ", text))
    for match in _WORD.finditer(text.replace("/", " ")):
        word = _ELISION.sub("", match.group())
        if len(word) < 2 or any(c.isupper() for c in word[1:]):
            continue  # a letter, an acronym (SEO) or a CamelCase name (HubSpot)
        yield word.replace("'", "’")


def project_words(path: Path = PROJECT_WORDS) -> frozenset[str]:
    """The words of ``sources/dictionary.txt`` (blank lines and ``#`` comments ignored), read on
    every call: `invoke watch` sees an editor's addition at once."""
    return frozenset(_entries(path))


def loanwords(path: Path = LOANWORDS) -> list[str]:
    """The job-title loanwords of ``path``, one phrase a line (read on every call, as project words)."""
    return _entries(path)


def _entries(path: Path) -> list[str]:
    """The lines of a word list, blank lines and ``#`` comments left out (none if there is no file)."""
    if not path.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def _phrase(text: str) -> str:
    """A phrase as a pattern: any case, words apart by spaces or a hyphen."""
    return r"[\s-]+".join(re.escape(part) for part in text.split())


def phrases(tools: Iterable[str] = ()) -> re.Pattern[str] | None:
    """The known phrases of a sheet: its ``tools`` names as written, and the loanwords (also with a
    final "s": "des community managers"), matched whole in any case."""
    names = {_phrase(t) for t in tools if t.strip()} | {_phrase(t) + "s?" for t in loanwords()}
    if not names:
        return None
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(longest_first) + r")(?![\w-])", re.I)


def without(text: str, known: re.Pattern[str] | None) -> str:
    """``text`` with the ``known`` phrases blanked out (same length: places in it are places in ``text``)."""
    return known.sub(lambda match: " " * len(match.group()), text) if known else text


def split_prefix(word: str) -> tuple[str, str] | None:
    """``("co", "animer")`` for "co-animer": a usual prefix, and the rest of the word."""
    head, hyphen, rest = word.partition("-")
    return (head, rest) if hyphen and rest and head.lower() in PREFIXES else None


@cache
def dictionary_digest() -> str:
    """What the cached verdicts depend on: the dictionary's files and the compound rule's prefixes."""
    digest = hashlib.sha256()
    for suffix in (".aff", ".dic"):
        digest.update(DICTIONARY.with_suffix(suffix).read_bytes())
    digest.update(" ".join(sorted(PREFIXES)).encode())
    return digest.hexdigest()


def edits(word: str) -> Iterator[str]:
    """Words one edit from ``word``, likeliest typos first: two letters swapped, a letter too many,
    a letter missing, a letter wrong (the frequent letters first)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (head + tail[1] + tail[0] + tail[2:] for head, tail in cuts if len(tail) > 1)
    yield from (head + tail[1:] for head, tail in cuts if tail)
    for letter in LETTERS:
        yield from (head + letter + tail for head, tail in cuts)
        yield from (head + letter + tail[1:] for head, tail in cuts if tail and tail[0] != letter)


def _project_knows(word: str, known: frozenset[str]) -> bool:
    """Whether ``word`` is a project word, or a prefix and a project word ("multi-marketplaces")."""
    if word in known or word.lower() in known:
        return True
    compound = split_prefix(word)
    return bool(compound) and _project_knows(compound[1], known)


class Checker:
    """Looks words up, remembering verdicts in ``cache``: a JSON file, by default the user cache;
    None keeps them in memory only."""

    def __init__(self, cache: Path | Literal["user"] | None = "user") -> None:
        self.cache: Path | None = CACHE if cache == "user" else cache
        self._dictionary = None
        self._verdicts: dict[str, list[str] | None] = {}  # word -> None (known) or suggestions
        self._adjective_only: dict[str, bool] = {}
        self._dirty = False
        self._suggested = 0
        if self.cache and self.cache.is_file():
            try:
                stored = json.loads(self.cache.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if stored.get("dictionary") == dictionary_digest():
                self._verdicts = stored.get("words", {})
                self._adjective_only = stored.get("adjective_only", {})

    @property
    def loaded(self) -> bool:
        """Whether the dictionary itself had to be read (a word was not in the cache)."""
        return self._dictionary is not None

    def _load(self):
        if self._dictionary is None:
            from spylls.hunspell import Dictionary  # spylls: loaded only when a word must be looked up

            self._dictionary = Dictionary.from_files(str(DICTIONARY))
        return self._dictionary

    def _remember(self, verdicts: dict, word: str, look_up: Callable[[str], Any]) -> Any:
        """The verdict on ``word`` from ``verdicts`` (part of the cache), else looked up and kept."""
        if word not in verdicts:
            verdicts[word] = look_up(word)
            self._dirty = True
        return verdicts[word]

    def _is_adjective_only(self, word: str) -> bool:
        if len(word) > LONGEST:
            return False
        stems = [form.in_dictionary for form in self._load().lookuper.good_forms(word) if form.in_dictionary]
        parts = {part for stem in stems for part in stem.data.get("po", [])}
        return bool(stems) and parts == {"adj"}

    def adjectives_only(self, candidates: Iterable[str]) -> frozenset[str]:
        """The words of ``candidates`` the dictionary knows only as adjectives (never as nouns)."""
        verdict = self._is_adjective_only
        return frozenset(w for w in dict.fromkeys(candidates) if self._remember(self._adjective_only, w, verdict))

    def _lookup(self, word: str) -> list[str] | None:
        if len(word) > LONGEST:
            return []
        if self._load().lookup(word):
            return None
        compound = split_prefix(word)
        if compound:  # known if its rest is; suggestions keep the prefix ("co-animerr" → "co-animer")
            head, rest = compound
            verdict = self._remember(self._verdicts, rest, self._lookup)
            return None if verdict is None else [f"{head}-{s}" for s in verdict]
        self._suggested += 1
        if self._suggested > SUGGESTED_WORDS:
            return []
        found: list[str] = []
        for candidate in islice(dict.fromkeys(edits(word)), CANDIDATES):
            if self._dictionary.lookup(candidate):
                found.append(candidate)
                if len(found) == SUGGESTIONS:
                    break
        return found

    def misspelled(self, candidates: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The words of ``candidates`` nobody knows, each with the dictionary's suggestions."""
        known = project_words()
        found: dict[str, tuple[str, ...]] = {}
        for word in dict.fromkeys(candidates):
            if _project_knows(word, known):
                continue
            verdict = self._remember(self._verdicts, word, self._lookup)
            if verdict is not None:
                found[word] = tuple(verdict)
        return found

    def save(self) -> None:
        """Write the cache if new words were looked up (atomically; a failure only costs time later)."""
        if not (self.cache and self._dirty):
            return
        data = {
            "dictionary": dictionary_digest(),
            "words": dict(sorted(self._verdicts.items())),
            "adjective_only": dict(sorted(self._adjective_only.items())),
        }
        try:
            write_atomic(self.cache, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))
        except OSError:
            return
        self._dirty = False
