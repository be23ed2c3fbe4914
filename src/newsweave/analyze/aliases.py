"""Lexical rules that say when two spellings of a name can be one entity.

Entity linking (`analyze.entities`) decides *which* mentions to merge; this
module only answers small questions about strings, each a named rule a reader
can check: how a mention is normalised, whether a word is an acronym and what
it abbreviates, whether a text defines an acronym ("Northern Rail Agency
(NRA)") or an official name ("Examplia, officially the Republic of
Examplia"), whether a mention is a title or a fragment rather than a name.
The word lists are generic English (titles, function words, forms of state),
never names from any corpus, so the rules carry over to articles never seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


# Honorifics and offices written before a name ("Gen.", "Defense Minister");
# stripped only when matching people. Royal and religious titles are kept:
# they are part of how such people are named.
TITLES = frozenset(
    _words(
        """mr mrs ms miss mx dr prof professor president vice deputy acting prime minister premier
        chancellor secretary general gen lt lieutenant col colonel maj major capt captain cmdr
        commander adm admiral sgt sergeant cpl corporal pvt gov governor sen senator rep
        representative mayor judge justice chief chairman chairwoman chair ceo spokesman
        spokeswoman spokesperson ambassador envoy leader former foreign defense defence interior
        finance economy trade state attorney trooper officer detective det sheriff inspector insp
        constable superintendent supt commissioner coach agent of the"""
    )
)
# Abbreviated ranks the tagger sometimes glues after a name ("... Police Lt").
_TRAILING_TITLES = frozenset(_words("lt sgt gen col capt maj cmdr adm cpl pvt gov sen rep det insp supt"))
# Function words skipped when reading initials ("Bank of the North" -> BN).
_STOPWORDS = frozenset(_words("of the and for de du des la le el del der di da van von & on in at to"))
# Forms of state that introduce a country's official name ("Republic of ...").
_STATE_FORMS = (
    "republic|kingdom|federation|commonwealth|principality|duchy|sultanate|emirate|state|states|union"
)
_STATE_NAME_WORDS = frozenset({"republic", "kingdom", "principality", "sultanate", "emirate", "emirates"})
# Words after a name that make it a ministry's portfolio, not an entity ("Transport Minister").
_PORTFOLIO = re.compile(r"^\s+(?:Minister|Ministers|Secretary|Secretaries)\b")
_DEMONYM_ENDINGS = ("an", "ian", "ean", "ese", "ish", "i", "ic")

_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_EDGE_PUNCT = "\"“”‘'()[]{},;:!?*"
_HYPHEN_TAIL = re.compile(r"^-[A-Za-z][\w]*(?:-[\w]+)*")
_DEFINED_ACRONYM = re.compile(r"^\s*\(\s*((?:[A-Z]\.?){2,8})\s*\)")
_OFFICIALLY = re.compile(
    r"^\s*,?\s*\(?\s*(?:or\s+)?officially(?:\s+(?:known\s+as|called|named))?\s*,?\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def clean_surface(text: str, at_sentence_start: bool = False) -> str:
    """The mention as it should be shown: edge quotes, a possessive and a
    leading lowercase "the" or "a", and an abbreviated rank or a function word
    tagged after the name ("... Police Lt", "... Agency and") removed. A capitalised "The" is kept ("The Daily
    Example" is a name) unless it only opens the sentence."""
    text = text.strip().strip(_EDGE_PUNCT).strip()
    text = _POSSESSIVE.sub("", text).strip()
    text = re.sub(r"^(?:an?|the)\s+", "", text)
    if at_sentence_start and text.startswith("The "):
        text = text[4:].strip()
    words = text.split()
    while len(words) > 1 and (normal_word(words[-1]) in _TRAILING_TITLES or words[-1] in _STOPWORDS):
        words.pop()
    return " ".join(words)


def entity_key(text: str) -> str:
    """What two spellings of one name share: case, hyphens, apostrophes,
    periods ("U.S." and "US"), a possessive and a leading "the" ignored."""
    text = _LEADING_THE.sub("", clean_surface(text))
    text = text.replace("’", "").replace("'", "").replace(".", " ")
    text = re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", text, flags=re.IGNORECASE)
    return " ".join(text.replace("-", " ").replace("‐", " ").casefold().split())


def normal_word(word: str) -> str:
    """One word compared alone: "Jean-Luc" and "jeanluc" are the same word."""
    return re.sub(r"[-‐.'’]", "", word).casefold()


def strip_titles(text: str) -> str:
    """`text` without the titles and offices before a name ("Gen. Ana Ruiz" ->
    "Ana Ruiz"); empty when it is nothing but titles."""
    words = text.split()
    while words and normal_word(words[0]) in TITLES:
        words.pop(0)
    return " ".join(words)


def extend_hyphenated(sentence: str, end: int) -> str:
    """A hyphenated tail the tagger cut off the entity ending at `end`
    ("Port-" + "on-Sea"), so the mention is the whole written name."""
    match = _HYPHEN_TAIL.match(sentence[end:])
    return match.group(0) if match else ""


def acronym_letters(word: str) -> str | None:
    """The letters of an acronym ("NRA", "U.N."), None for ordinary words."""
    letters = word.replace(".", "").replace("&", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters
    return None


def has_acronym(words: Sequence[str]) -> bool:
    return any(acronym_letters(word) for word in words)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_junk(surface: str) -> bool:
    """Not a name at all: no capitalised word (a tagged common noun), no two
    letters, a bare number, or nothing but a title ("Minister")."""
    words = surface.split()
    if not any(is_capitalised(word) for word in words):
        return True
    if sum(char.isalpha() for char in surface) < 2:
        return True
    return not strip_titles(surface)


def is_portfolio(sentence: str, end: int) -> bool:
    """A mention followed by "Minister"/"Secretary" names a portfolio
    ("Transport" in "Transport Minister Ana Ruiz"), not an organization."""
    return bool(_PORTFOLIO.match(sentence[end:]))


def is_demonym(word: str, places: Iterable[str]) -> bool:
    """Whether `word` is the adjective of one of `places` ("Examplian" for
    "Examplia"): it starts with the place's stem and ends like a demonym."""
    return bool(demonym_places(word, places))


def demonym_places(word: str, places: Iterable[str]) -> list[str]:
    """The places of `places` whose adjective `word` is (sorted)."""
    lowered = word.casefold()
    if " " in lowered or not lowered.endswith(_DEMONYM_ENDINGS):
        return []
    found = []
    for place in places:
        stem = place.casefold().rstrip("aeiouy")
        if len(stem) >= 4 and lowered != place.casefold() and lowered.startswith(stem):
            found.append(place)
    return sorted(found)


def is_state_name(surface: str) -> bool:
    """A country's formal name ("Kingdom of Examplia", "Examplian Federation"):
    a place, whatever label the tagger gave it."""
    words = [normal_word(word) for word in surface.split()]
    if any(word in _STATE_NAME_WORDS for word in words):
        return True
    return len(words) == 2 and words[1] == "federation"


def is_official_name_of(long_key: str, short_key: str) -> bool:
    """`long_key` is a formal name ending in `short_key` after a form of state:
    "democratic republic of examplia" for "examplia" (never "new examplia")."""
    pattern = rf"^(?:.+ )?(?:{_STATE_FORMS}) of (?:the )?{re.escape(short_key)}$"
    return long_key != short_key and bool(re.match(pattern, long_key))


_OFFICIAL_NAME_OF = re.compile(
    r"^\s*[.,;:]?\s*(?:which\s+is\s+|being\s+)?the\s+official\s+name\s+of\s+(?:the\s+)?$", re.IGNORECASE
)


def defined_acronym(sentence: str, end: int) -> str | None:
    """The acronym a text introduces right after a name: "Northern Rail Agency
    (NRA)" defines NRA."""
    match = _DEFINED_ACRONYM.match(sentence[end:])
    return match.group(1) if match else None


def says_officially(between: str) -> bool:
    """Whether the text between two names says the second is the first's
    official name ("Examplia, officially the Republic of Examplia")."""
    return bool(_OFFICIALLY.match(between))


def names_official_of(between: str) -> bool:
    """Whether the text between two names says the first is the official name
    of the second ("the Republic of Examplia, the official name of Examplia")."""
    return bool(_OFFICIAL_NAME_OF.match(between))


def initials_words(surface: str) -> list[str]:
    """The words that count for initials: function words dropped."""
    return [word for word in surface.split() if word.casefold() not in _STOPWORDS]


def abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether `short` is `long` with runs of words written as acronyms
    ("NRA" / "Northern Rail Agency", "U.N. Security Council" / "United
    Nations Security Council"). Both are word lists without function words;
    every long word must be capitalised and at least one acronym must be used."""
    if not long or not all(is_capitalised(word) for word in long):
        return False
    letters = [acronym_letters(word) for word in short]
    if not any(letters):
        return False
    wanted = [normal_word(word) for word in short]
    have = [normal_word(word) for word in long]
    initials = [word[0].upper() for word in long]

    def match(i: int, j: int) -> bool:
        if i == len(short):
            return j == len(long)
        if j < len(long) and wanted[i] == have[j] and match(i + 1, j + 1):
            return True
        acronym = letters[i]
        if acronym is None or j + len(acronym) > len(long):
            return False
        return "".join(initials[j : j + len(acronym)]) == acronym and match(i + 1, j + len(acronym))

    return match(0, 0)


PERSON = "PERSON"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Form:
    """One normalised spelling (`entity_key`) of a story, across its sources.

    `label` is the tagger's majority label; `words` the words of its most
    frequent spelling; `end_words` the first and last word of each spelling
    (what a short mention of a person can be)."""

    key: str
    label: str
    words: tuple[str, ...]
    end_words: frozenset[str]
    sources: frozenset[int]
    mentions: int

    @property
    def is_acronym(self) -> bool:
        return len(self.words) == 1 and acronym_letters(self.words[0]) is not None

    @property
    def is_full_person(self) -> bool:
        return self.label == PERSON and len(self.words) >= 2 and not has_acronym(self.words)

    @property
    def is_state_name(self) -> bool:
        return is_state_name(" ".join(self.words))

    @property
    def completeness(self) -> int:
        """How fully it names the thing: 2 full multi-word name, 1 one word or
        a formal state name (so a frequent short name can still win), 0 an acronym."""
        if self.is_acronym:
            return 0
        if len(self.words) == 1 or self.is_state_name or has_acronym(self.words):
            return 1
        return 2


def merge_forms(forms: Mapping[str, Form], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Story-wide merges: key -> the key that represents its group.

    `links` are pairs a text states (a defined acronym, "officially"); then
    formal state names join their short place name, acronyms the one longer
    name they abbreviate, and full personal names that differ only by a middle
    part ("Ana Ruiz" / "Ana M. Ruiz") join."""
    parent = {key: key for key in forms}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            parent[high] = low

    for a, b in sorted(links):
        if a in forms and b in forms:
            union(a, b)
    keys = sorted(forms)
    places = {key for key in keys if forms[key].label in PLACE_LABELS and not forms[key].is_state_name}
    for key in keys:
        for place in _official_of(key, places):
            union(key, place)
        name = forms[key].words
        if forms[key].is_state_name and len(name) == 2:
            # "Examplian Republic": the state named by its adjective
            named = demonym_places(name[0], [p for p in sorted(places) if " " not in p])
            if len(named) == 1:
                union(key, named[0])
    by_letter = _by_first_letter(forms, [key for key in keys if not forms[key].is_full_person])
    for short in keys:
        if not has_acronym(forms[short].words):
            continue
        words = initials_words(" ".join(forms[short].words))
        matches = {
            find(key)
            for letter in _first_letters(words)
            for key, long in by_letter.get(letter, ())
            if key != short and abbreviates(words, long)
        }
        if len(matches) == 1:
            union(short, matches.pop())
    people: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        if forms[key].is_full_person:
            full = forms[key].words
            people.setdefault((normal_word(full[0]), normal_word(full[-1])), []).append(key)
    for group in people.values():
        for shorter in group:
            for longer in group:
                if _middle_part_only(forms[shorter].words, forms[longer].words):
                    union(shorter, longer)
    return {key: find(key) for key in keys}


def _official_of(key: str, places: set[str]) -> list[str]:
    """The places `key` is a formal name of: each tail after an " of " looked up, not every place tried."""
    tails = [key[match.end() :] for match in re.finditer(" of ", key)]
    tails += [tail[4:] for tail in tails if tail.startswith("the ")]
    return sorted({tail for tail in tails if tail in places and is_official_name_of(key, tail)})


def _first_letters(words: Sequence[str]) -> set[str]:
    """The letters a name's initials may open with: its acronym's first, its first word's
    as written and as normalised."""
    if not words:
        return set()
    letters = acronym_letters(words[0])
    found = {words[0][:1].upper(), normal_word(words[0])[:1].upper()}
    return found | {letters[0]} if letters else found


_Initials = dict[str, list[tuple[str, list[str]]]]


def _by_first_letter(forms: Mapping[str, Form], keys: Sequence[str]) -> _Initials:
    """Keys (with their initials words) by the letters their initials open with: an
    acronym is only checked against the names its first letter can open. A name
    that begins with a capitalised "The" is tried with and without its initial."""
    found: _Initials = {}
    for key in keys:
        name = forms[key].words
        spellings = [initials_words(" ".join(name))]
        if len(name) > 2 and name[0] == "The":  # "THR" for "The Hollywood Reporter"
            spellings.append(["The", *initials_words(" ".join(name[1:]))])
        for words in spellings:
            for letter in _first_letters(words):
                found.setdefault(letter, []).append((key, words))
    return found


def _middle_part_only(shorter: Sequence[str], longer: Sequence[str]) -> bool:
    a = [normal_word(word) for word in shorter]
    b = [normal_word(word) for word in longer]
    if len(a) >= len(b) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    # a middle initial, or a middle name one source leaves out ("Ana Ruiz" / "Ana Maria Ruiz")
    return all(len(word) <= 2 for word in b[1:-1]) or (len(a) == 2 and len(b) == 3)
