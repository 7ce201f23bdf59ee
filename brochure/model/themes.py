"""Theme titles recovered from a missions intro that names the themes in order.

The site writes no theme titles: the intro paragraph names the themes one after the other, in any
phrasing ("Il/elle doit avant tout définir …", "Sa mission consiste aussi à …", "La gestion des
relations presse lui permet …", "… repose sur la saisie comptable, le suivi des factures et …").

How it works, with no sentence of a known sheet in it:

1. the intro is cut into sentences, then into pieces at ``;``, ``:`` and commas (not inside
   parentheses);
2. in each piece the phrase that names a theme is found after its subject and auxiliary: a
   trigger ("doit", "consiste à", "commence par", "repose sur" …), a conjugated verb after
   "il/elle" (turned into its infinitive), a nominal subject ("La gestion de X lui permet …"), or
   a piece that starts with an infinitive or, in a list, with an article;
3. the phrase is cut at its natural end (a purpose clause "pour …", a gerund "en …ant", a
   relative "qui …"), then split at "et", "puis", "ensuite", "ainsi que" where a new infinitive
   (or, in a nominal list, a new article) starts;
4. verbs are recognised with the parts of speech of the bundled French dictionary
   (``layouts/dictionaries/fr.dic``), not with a list tuned to one sheet.

Phrases of the main clauses are *strong*; a simultaneous activity ("tout en collaborant avec …")
is *weak*; an infinitive coordinated inside a purpose clause ("pour générer du trafic et
fidéliser la clientèle") is *optional*. The strong ones are taken first; weak, then optional ones
fill in when the intro names fewer strong phrases than there are themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.model.lexicon import infinitive, is_infinitive, is_noun, is_verb
from brochure.model.lexicon import wordset as _wordset

MAX_WORDS = 10


STRONG, WEAK, OPTIONAL, ROLE = 0, 1, 2, 3  # ROLE: the opening "Le/la X fait …", never a theme

_W = r"[^\W\d_]"  # a letter
_APOS = "['’]"
_ADVERBS = (
    r"(?:avant tout|tout d['’]abord|d['’]abord|aussi|également|ensuite|enfin|puis|notamment|surtout|en outre|"
    r"par ailleurs|de plus|en parallèle|parallèlement|en priorité|en premier lieu|au quotidien|en permanence|"
    r"au besoin|" + _W + r"+ment)"
)
_E = r"(?:\(e\)|e)?"  # inclusive ending: amené(e), chargée
# Words after which an infinitive phrase follows (adverbs may stand before the preposition).
_VERBAL = (
    r"(?:doit|devra|peut|pourra|sait|va|aime|a à)(?P<modal>)"
    r"|(?:consiste|consistent|veille|veillent|s['’]attache|s['’]emploie|est amen[ée]" + _E + r"|contribue|participe"
    r"|revient|continue|commence|débute|termine|finit|apprend)(?=(?:\s+" + _ADVERBS + r")*\s+(?:à|par)\s)"
    r"|(?:implique|impliquent|exige|suppose|nécessite|demande|s['’]efforce|est charg[ée]"
    + _E
    + r"|est tenu"
    + _E
    + r"|a pour (?:mission|rôle|tâche|objectif|charge)|ont pour (?:mission|rôle)|se charge|s['’]occupe|s['’]assure"
    r"|permet|s['’]agit|incombe|continue)(?=(?:\s+" + _ADVERBS + r")*\s+(?:de|d['’]))"
)
# Words after which a nominal phrase (or an infinitive) follows.
_NOMINAL = (
    r"repose sur|reposent sur|s['’]appuie sur|s['’]appuient sur|se distingue par|se caractérise par|comprend|"
    r"englobe|inclut|couvre|regroupe|passe par|s['’]articule autour|joue un rôle(?: \w+)? (?:dans|auprès)|"
    r"intervient (?:dans|sur)|est au cœur|est responsable|est en charge|a en charge|prend en charge"
)
_TRIGGER = re.compile(
    rf"\b(?P<kind>{_VERBAL}|{_NOMINAL})(?:\s+(?:{_ADVERBS}),?)*\s+(?:(?:de|d['’]|à|par|du|des|de la|de l['’])\s*)?"
    rf"(?:(?:{_ADVERBS}),?\s+)*",
    re.I,
)
_NOMINAL_KIND = re.compile(rf"^(?:{_NOMINAL})$", re.I)
_CONNECTOR = re.compile(
    rf"^(?:(?:et|puis|ensuite|enfin|ainsi que|mais aussi|sans oublier|de même que|{_ADVERBS})\b,?\s*)+", re.I
)
_SUBJECT = re.compile(
    r"^(?:il/elle|elle/il|il ou elle|iel|il|elle|celui-ci|celle-ci|ce(?:tte)? professionnel(?:\(le\)|le)?|"
    r"le/la professionnel\(le\)|l['’]un\(e\)|on)\s+",
    re.I,
)
_ARTICLE = re.compile(rf"^(?:les|le|la|l{_APOS}|des|du|un|une|ses|sa|son|leur|leurs)\s*", re.I)
# Where a phrase ends: purpose, means, manner, relative and time clauses, circumstances.
_TAIL = re.compile(
    r"\s+(?:pour|afin|en fonction|selon|grâce|dans le but|en vue|de manière|de façon|avec pour|qui|dont|où|"
    r"lorsqu|quand|car|ce qui|tout en|lui permet|leur permet|permettant|en lien avec|en collaboration avec|"
    r"en coordination avec|en relation avec|au sein|dans le respect|en accord|en s['’]appuyant)\b"
    rf"|\s+en\s+(?={_W}{{3,}}ant\b)(?!(?:avant|tant|constant|cependant|pendant)\b)"
    r"|\s+avec\s+(?!(?:les?|la|l['’]|des|du|un|une|ses|sa|son|leurs?|ces|cet|cette|chaque|tous|toutes|"
    r"plusieurs|différent|divers|d['’]autres)\b)",
    re.I,
)
# A participle adjunct ("les contenus adaptés à chaque canal") ends a phrase that is long enough without it.
_PARTICIPLE = re.compile(
    rf"\s+(?!(?:mise|prise|mis|pris)\b){_W}{{3,}}(?:é|ée|és|ées)\s+(?:à|au|aux|par|selon|pour|dans)\s", re.I
)
PARTICIPLE_MIN_WORDS = 4
_GERUND = re.compile(rf"^tout en\s+({_W}+ant)\b", re.I)
# What follows a nominal subject: "La gestion de X lui permet / est / fait partie …".
_PREDICATE = re.compile(
    r"\s+(?:lui|leur|se|s['’]|l['’]|y)?\s*(?:permet|permettent|est|sont|fait|font|occupe|représente|constitue|"
    r"complète|vient|ajoute|figure|reste|demeure|requiert|nécessite|exige|implique|passe|relève|compte|tient|"
    r"joue|consiste|intervient|mobilise|demande|garantit|concerne|apporte|offre|incombe|revient|inscrit|"
    r"impose|forme|occupe|lui|leur)\b",
    re.I,
)
# Head nouns of activities: a nominal phrase headed by another noun ("la performance d'une
# entreprise", "un équilibre entre …") names no theme.
_ACTION_SUFFIX = re.compile(r"(?:tion|sion|ment|age|ing|ure|ise|ite)s?$", re.I)
ACTION_NOUNS = _wordset(
    "gestion suivi saisie veille analyse appui relation relations stratégie clôture clôtures mise prise "
    "conduite tenue étude études collecte vente ventes écoute aide conseil recherche surveillance maintenance "
    "assistance gouvernance contrôle reporting audit coordination sensibilisation optimisation création "
    "élaboration préparation promotion évaluation circulation formation animation supervision pilotage "
    "accompagnement encadrement management marketing communication négociation prospection rédaction "
    "conception production diffusion organisation planification définition réalisation administration "
    "relance relances comptabilité paie facturation budget veille"
)
_STOP_END = re.compile(r"(?:\s+(?:de|des|du|d['’]|la|le|les|l['’]|et|ou|à|au|aux|en|sur|avec|dans|par|son|sa|ses))+$")


@dataclass
class Phrase:
    text: str
    rank: int  # STRONG, WEAK or OPTIONAL
    group: int  # phrases split from one clause share a group (merged back when too many)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


ROLE_NOUNS = _wordset("mission missions fonction fonctions profession position rôle tâche tâches")


def _is_action(noun_phrase: str) -> bool:
    head = re.split(r"[\s(]", _ARTICLE.sub("", noun_phrase, count=1), maxsplit=1)[0].lower()
    if head in ROLE_NOUNS:
        return False
    return head in ACTION_NOUNS or (bool(_ACTION_SUFFIX.search(head)) and is_noun(head))


def _tidy(text: str) -> str:
    """A title: no trailing punctuation or function word, at most MAX_WORDS, cut at a word boundary."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:.!?…-–—")
    if len(text.split(" ")) > MAX_WORDS:
        text = re.sub(r"\s*\([^()]*\)", "", text)
    words = text.split(" ")
    if len(words) > MAX_WORDS:
        coordinated = [i for i, w in enumerate(words[: MAX_WORDS + 1]) if i >= 3 and w == "et"]
        prepositions = [i for i, w in enumerate(words[: MAX_WORDS + 1]) if i >= 3 and w.lower() in _PREPOSITIONS]
        cut = (coordinated or prepositions or [MAX_WORDS])[-1]
        words = words[:cut]
    text = _STOP_END.sub("", " ".join(words)).strip(" ,;:")
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")].rstrip()
    return _capital(text)


_PREPOSITIONS = frozenset(["de", "des", "du", "avec", "sur", "dans", "auprès", "vers", "entre"])
_LIGHT_VERBS = frozenset(["assurer", "effectuer", "réaliser", "mener", "conduire", "garantir", "prendre"])
_COMPLEMENT_START = _wordset("le la les l un une des du de d à au aux avec sur en leur leurs ses sa son se s")


def _pieces(sentence: str) -> list[str]:
    """The sentence cut at ``;``, ``:`` and commas outside parentheses."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(sentence):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;:" and depth <= 0:
            pieces.append(sentence[start:i])
            start = i + 1
    pieces.append(sentence[start:])
    out: list[str] = []
    for piece in (p.strip() for p in pieces):
        if out and piece and not _opens_clause(piece):
            out[-1] += ", " + piece  # "une veille juridique, fiscale et sociale": a list of adjectives
        elif piece:
            out.append(piece)
    return out


_OPENERS = _wordset(
    "le la les l un une des du de d à au aux leurs leur ses sa son ces cet cette il elle il/elle elle/il iel on "
    "et puis ensuite enfin ainsi mais sans notamment pour afin en dans par avec sur selon grâce lorsqu quand qui "
    "que qu dont où ce car tout tous toutes chaque"
)


def _opens_clause(piece: str) -> bool:
    """Whether a piece after a comma can stand as a clause (not a lone adjective or noun of a list)."""
    first = (_words(piece) or [""])[0]
    return first[:1].isupper() or first.lower() in _OPENERS or is_infinitive(first) or infinitive(first) is not None


def _words(text: str) -> list[str]:
    return re.findall(rf"{_W}+(?:-{_W}+)*", text)


def _starts_verb(text: str, after_subject: bool = False) -> bool:
    """Whether ``text`` starts with a verb and its complement ("gère les …", "archive les …")."""
    words = _words(text)
    if len(words) < 2:
        return False
    first, nxt = words[0], words[1].lower()
    conjugated = is_infinitive(first) or infinitive(first) is not None
    if not conjugated:
        return False
    if after_subject or is_verb(first):
        return nxt in _COMPLEMENT_START or len(words) > 2
    return nxt in _DETERMINERS  # "archive les pièces": a noun is not followed by a determiner


_DETERMINERS = _wordset("le la les l un une leurs leur ses sa son ces cet cette")


def _starts_noun(text: str) -> bool:
    return bool(_ARTICLE.match(text)) and len(_words(text)) > 1 and _is_action(text)


def _coordinated(text: str, nominal: bool) -> list[tuple[str, bool]]:
    """``text`` split at "et", "puis", "ainsi que" where a new phrase starts, each with whether it is nominal.

    A bare first member ("déployer et coordonner …", "l'élaboration et le suivi …") stays joined. After a
    light verb ("assurer la gestion de X et l'animation de Y") a new action noun starts a nominal phrase."""
    parts = re.split(r"\s+(?:et|puis|ensuite|ainsi que|mais aussi)\s+(?:(?:puis|ensuite|enfin)\s+)?", text)
    light = not nominal and (infinitive(parts[0].split(" ")[0]) or parts[0].split(" ")[0]).lower() in _LIGHT_VERBS
    out: list[tuple[str, bool]] = []
    for part in parts:
        previous = out[-1][0] if out else ""
        bare = len(_words(_ARTICLE.sub("", previous, count=1))) == 1
        kind = True if (nominal or light) and _starts_noun(part) else False if _starts_verb(part) else None
        if out and kind is not None and not bare:
            out.append((part, kind))
        elif out:
            joined = _ARTICLE.sub("", part, count=1) if out[-1][1] else _verb_phrase(part) if bare else part
            out[-1] = (f"{previous} et {joined}", out[-1][1])
        else:
            out.append((part, nominal))
    return out


def _verb_phrase(text: str) -> str:
    """``text`` starting with a conjugated verb or gerund, with that verb turned into its infinitive."""
    text = re.sub(r"^(?:à|de|d['’])\s*(?=\S)", "", text.strip())
    first, _, rest = text.partition(" ")
    verb = first if is_infinitive(first) else infinitive(first) or first
    return f"{verb} {rest}".strip()


def _nominal_subject(piece: str) -> str | None:
    """ "La gestion des relations presse lui permet …" -> "La gestion des relations presse"."""
    if not (_ARTICLE.match(piece) and _is_action(piece)):
        return None
    predicate = _PREDICATE.search(piece)
    return piece[: predicate.start()] if predicate else None


def _head(piece: str, title: str, context: bool | None, opening: bool) -> tuple[str, bool, int] | None:
    """The phrase of ``piece`` naming a theme, whether it is nominal, and its rank; None when it names none."""
    subject = _nominal_subject(piece)
    trigger = _TRIGGER.search(piece)
    if subject is not None and (not trigger or trigger.start() >= len(subject)):
        return subject, True, STRONG
    if trigger and not _TAIL.search(piece[: trigger.start()]):
        rest = piece[trigger.end() :]
        nominal = bool(_ARTICLE.match(rest)) or (
            bool(_NOMINAL_KIND.match(trigger["kind"])) and not is_infinitive(rest.split(" ")[0])
        )
        if nominal and not _is_action(rest):
            return None
        return rest, nominal, STRONG
    body = _SUBJECT.sub("", piece, count=1)
    career = ""
    if title:
        career = re.sub(rf"^(?:le/la|le|la|l['’]|un\(e\)|une?)\s*{re.escape(title)}\s+", "", body, flags=re.I)
    named = bool(career) and career != body
    body = career or body
    rest = re.sub(r"^(?:à|de|d['’])\s*", "", body)
    if body != piece and _starts_verb(rest, after_subject=True) and not _ARTICLE.match(body):
        return _verb_phrase(rest), False, ROLE if named and opening else STRONG  # "Le/la X porte …": the role
    if context is not None and (_starts_noun(piece) or _starts_verb(rest)):
        return rest, _starts_noun(piece), STRONG  # the next item of a list
    if _starts_verb(rest) and body == piece:
        return rest, False, STRONG
    return None


def _clauses(
    piece: str, title: str, context: bool | None, group: int, opening: bool
) -> tuple[list[Phrase], bool | None]:
    """The phrases of one piece, and the list context it leaves (nominal, verbal or none)."""
    gerund = _GERUND.match(piece)
    piece = _CONNECTOR.sub("", piece).strip()
    if gerund:
        found: tuple[str, bool, int] | None = (_verb_phrase(piece[len("tout en ") :]), False, WEAK)
    else:
        found = _head(piece, title, context, opening)
    if not found:
        return [], context
    text, nominal, rank = found
    tail = _TAIL.search(text)
    main, rest = (text[: tail.start()], text[tail.start() :]) if tail else (text, "")
    adjunct = _PARTICIPLE.search(main)
    if adjunct and len(main[: adjunct.start()].split()) >= PARTICIPLE_MIN_WORDS:
        main = main[: adjunct.start()]
    phrases = [
        Phrase(_tidy(_ARTICLE.sub("", part, count=1) if is_noun else _verb_phrase(part)), rank, group)
        for part, is_noun in _coordinated(main, nominal)
    ]
    phrases += _inside_tail(rest, group)
    return [p for p in phrases if len(p.text.split()) >= 2 or (nominal and p.text)], nominal


def _inside_tail(tail: str, group: int) -> list[Phrase]:
    """Activities coordinated inside a purpose clause: "… tout en supervisant X" (weak), "… et manager Y"."""
    out = []
    for part in re.split(r"\s+(?=tout en\s)|\s+et\s+(?=\S)", tail.strip())[1:]:
        if _GERUND.match(part):
            phrase, rank = _verb_phrase(part[len("tout en ") :]), WEAK
        elif _starts_verb(part):
            phrase, rank = _verb_phrase(part), OPTIONAL
        else:
            continue
        end = _TAIL.search(phrase)
        out.append(Phrase(_tidy(phrase[: end.start()] if end else phrase), rank, group + 1))
    return out


def sentences(intro: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«])", intro.strip()) if s]


def phrases(intro: str, title: str = "") -> list[Phrase]:
    """Every theme phrase the intro names, in order, with its rank."""
    found: list[Phrase] = []
    group = 0
    for number, sentence in enumerate(sentences(intro)):
        context: bool | None = None
        for piece in _pieces(sentence.rstrip(".!?… ")):
            group += 2
            new, context = _clauses(piece, title, context, group, number == 0)
            found.extend(new)
    return found


def _choose(found: list[Phrase], count: int) -> list[Phrase]:
    """``count`` phrases at most, in order: strong first, then weak, then optional ones."""
    strong = [p for p in found if p.rank == STRONG]
    while len(strong) > count and _merge_one(strong):
        pass
    if len(strong) >= count:
        return strong[:count]
    chosen = set(map(id, strong))
    for rank in (WEAK, OPTIONAL):
        for p in found:
            if p.rank == rank and len(chosen) < count:
                chosen.add(id(p))
    return [p for p in found if id(p) in chosen]


def _merge_one(strong: list[Phrase]) -> bool:
    """Join the first two phrases split from one clause ("A et B" named one theme)."""
    for i in range(len(strong) - 1):
        if strong[i].group == strong[i + 1].group:
            second = strong[i + 1].text
            strong[i] = Phrase(f"{strong[i].text} et {second[:1].lower()}{second[1:]}", STRONG, strong[i].group)
            del strong[i + 1]
            return True
    return False


def recover(intro: str, count: int, title: str = "") -> list[str | None]:
    """``count`` titles in theme order; None for a theme the intro does not name."""
    chosen = [p.text for p in _choose(phrases(intro, title), count)]
    return chosen + [None] * (count - len(chosen))
