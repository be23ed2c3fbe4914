"""Names and sentences read without a language model, for story clustering.

* sentences: a line cut after a full stop, question or exclamation mark
  followed by a capital or a digit, except after a title ("Dr.") or an
  initial ("J.", "U.S."): good enough for a lead;
* names: runs of capitalized words ("Ana Ruiz", "Port Ellis", "UNICEF"),
  but not a single word opening a sentence (capitalized for its place;
  acronyms excepted), nor month and weekday names. A name of several words
  also counts by its last word, as a surname would ("Ruiz" for "Ana Ruiz"),
  unless that is a generic head such as "Group" or "Bay" (`NAME_HEADS`).
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.analyze.aliases import TITLES, normal_word
from newsweave.analyze.entities import entity_key
from newsweave.vocabulary import MONTHS, WEEKDAYS

_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_NAME = re.compile(
    r"(?<![\w'’-])[^\W\d_a-z][\w'’.-]*[\w]"
    r"(?:\s+(?:(?:of|de|del|la|le|van|von|der|da|al|bin|y)\s+)?[^\W\d_a-z][\w'’.-]*\w)*"
)
_WORDS = re.compile(r"[^\W\d_]+")
# A part ending in a title or an initial was cut too early.
_ABBREVIATED = re.compile(
    r"(?:^|\s)(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Jr|Sr|No|Vol)\.)$"
)
# Last words that make a name an organization's or a place's ("Delmar Group", "Kelso
# Bay"): shared by many unrelated names, so unlike a surname they identify nothing alone.
NAME_HEADS = frozenset(
    re.findall(
        r"\w+",
        "group groups union unions agency institute institution holdings company co corp "
        "corporation inc ltd plc llc bank party council committee ministry department "
        "university college school academy hospital clinic court association foundation "
        "federation authority commission service services police army navy force forces "
        "guard club league fund trust board office center centre society network airline "
        "airlines airways motors energy partners capital industries international systems "
        "technologies labs media news times post press herald tribune journal city county "
        "state province region district island islands river bay lake mountain mountains "
        "valley port harbour harbor street road avenue square bridge airport station park "
        "coast sea ocean north south east west central national hall tower church "
        "cathedral stadium arena market",
    )
)
_CALENDAR = frozenset(name.lower() for name in (*MONTHS, *WEEKDAYS))


def split_sentences(text: str) -> list[str]:
    """`text` cut after sentence-ending punctuation followed by a capital or digit,
    except after a title ("Dr.") or an initial ("J.", "U.S.")."""
    sentences: list[str] = []
    for part in (part.strip() for part in _SPLIT.split(text)):
        if not part:
            continue
        if sentences and _ABBREVIATED.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return sentences


def find_names(sentence: str) -> list[str]:
    """Capitalized runs in `sentence` (see the module docstring); a run is cut at a
    month or weekday name ("Bush Wednesday" is "Bush"), and loses the titles and
    function words it opens with ("That Thompson" is "Thompson")."""
    names = []
    for match in _NAME.finditer(sentence):
        if not match.group()[0].isupper():
            continue
        opening = match.start() == 0
        for part in _cut_at_calendar(match.group().split()):
            words = list(part)
            while words and (normal_word(words[0]) in TITLES or words[0].casefold() in ENGLISH_STOP_WORDS):
                words.pop(0)
            if not words or (opening and len(words) == 1 and not words[0].isupper()):
                continue
            names.append(" ".join(words))
            opening = False
    return names


def _cut_at_calendar(words: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for word in words:
        if word.casefold() in _CALENDAR:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def title_case(headline: str) -> bool:
    """Whether most longer words of a headline are capitalized ("Storm Hits The Coast")."""
    words = [word for word in _WORDS.findall(headline) if len(word) > 3]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) > len(words) / 2


def name_keys(text: str, surname: bool) -> list[str]:
    """A name's key (`entity_key`), and with `surname` also its last word when it has
    several: later mentions of a person drop the first name."""
    key = entity_key(text)
    if not key:
        return []
    return [key, key.rsplit(" ", 1)[1]] if surname and " " in key else [key]
