"""Story-clustering features at corpus scale, without the language models.

`features.article_features` reads an article through spaCy (sentences and
typed entities) and MiniLM (a vector per sentence): right for a brief, but
about one article a second on two cores, far too slow to file ten thousand
reports as they arrive. This module builds the same `ArticleFeatures` from a
cleaned `Article` with cheap means:

* sentences: body lines split after a full stop, question or exclamation
  mark followed by a capital (good enough for a lead);
* `vector`: the static encoder (`analyze.static`, a token table distilled
  from MiniLM) over the title and lead sentences, weighted as
  `features.lead_vector` weighs them;
* names: runs of capitalized words ("Ana Ruiz", "Port Ellis", "UNICEF"),
  but not a single word opening a sentence (capitalized for its place;
  acronyms excepted), nor month and weekday names; in a headline written in
  title case ("Storm Hits The Coast") the names are those of the body found
  in it. A name of several words also counts by its last word, as a surname
  would ("Ruiz" for "Ana Ruiz"), unless that is a generic head such as
  "Group" or "Bay" (`NAME_HEADS`). Names are untyped, so a name of two or
  more words stands in for a person (`people`) and a single word for a
  place (`places`): crude, but it is what keeps two look-alike events apart;
* years, figures and content words exactly as `features` reads them.

Term weights are made distinctive by `weigh_terms` over a batch, or, when
articles are filed one at a time, by a fixed rarity estimate (see
`fixed_idf`) so that a story's state never depends on what came later.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from math import log

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.analyze.embeddings import Encoder, Vectors
from newsweave.analyze.static import StaticEncoder
from newsweave.compose.aliases import TITLES, normal_word
from newsweave.group.features import (
    LEAD_SENTENCES,
    SALIENT_SENTENCES,
    ArticleFeatures,
    lead_vector,
    name_keys,
    published_day,
    terms_of,
    years_and_numbers,
)
from newsweave.models import Article

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
_CALENDAR = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)


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


def light_features(articles: Sequence[Article], encoder: Encoder) -> list[ArticleFeatures]:
    """Features of every article, the lead sentences of all encoded in one batch."""
    leads: list[tuple[str | None, list[str]]] = []
    for article in articles:
        sentences = [s for line in article.body_lines() for s in split_sentences(line.content)]
        leads.append((article.title, sentences))
    texts = [text for title, lead in leads for text in [title or "", *lead[:LEAD_SENTENCES]] if text]
    vectors = encoder.encode(texts)
    found: list[ArticleFeatures] = []
    row = 0
    for article, (title, sentences) in zip(articles, leads, strict=True):
        width = (1 if title else 0) + len(sentences[:LEAD_SENTENCES])
        block = vectors[row : row + width]
        row += width
        titled = 1 if title else 0
        found.append(_features(article, sentences, block[titled:], block[:titled]))
    return found


def _features(article: Article, sentences: list[str], lead: Vectors, title: Vectors) -> ArticleFeatures:
    rows = [_names(sentence) for sentence in sentences]
    headline = article.title or ""
    if _title_case(headline):  # capitalized words that are no names: take the body's names in it
        rows.insert(0, sorted({name for row in rows for name in row if name in headline}))
    else:
        rows.insert(0, _names(headline))
    weights: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    early: set[str] = set()
    for position, names in enumerate(rows):
        for name in names:
            for key in name_keys(name, surname=name.rsplit(" ", 1)[-1].casefold() not in NAME_HEADS):
                weights[key] += 1.0 / (1.0 + position / 5.0)
                counts[key] += 1
                if position <= SALIENT_SENTENCES:
                    early.add(key)
    salient = {key for key, count in counts.items() if key in early or count >= 2}
    multi = {key for key in salient if " " in key}
    years, numbers = years_and_numbers(sentences)
    return ArticleFeatures(
        vector=lead_vector(np.asarray(lead), np.asarray(title)),
        entities={key: round(value, 4) for key, value in sorted(weights.items())},
        people=frozenset(multi),
        places=frozenset(salient - multi - {key.rsplit(" ", 1)[-1] for key in multi}),
        years=years,
        numbers=numbers,
        published=published_day(article),
        terms=terms_of([article.title or "", *sentences]),
    )


def _names(sentence: str) -> list[str]:
    """Capitalized runs in `sentence` (see the module docstring)."""
    names = []
    for match in _NAME.finditer(sentence):
        words = match.group().split()
        if not words[0][0].isupper():
            continue
        while words and (normal_word(words[0]) in TITLES or words[0].casefold() in _CALENDAR):
            words.pop(0)
        if not words:
            continue
        if match.start() == 0 and len(words) == 1 and not words[0].isupper():
            continue
        if len(words) == 1 and words[0].casefold() in ENGLISH_STOP_WORDS:
            continue
        names.append(" ".join(words))
    return names


def _title_case(headline: str) -> bool:
    """Whether most longer words of a headline are capitalized ("Storm Hits The Coast")."""
    words = [word for word in _WORDS.findall(headline) if len(word) > 3]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) > len(words) / 2


def fixed_idf(term: str, rank: Mapping[str, int]) -> float:
    """Rarity of `term` without a corpus: log(1 + rank / 1000) by its rank in a
    frequency-ordered vocabulary, the highest rank (plus one) for an unknown word."""
    return log(1.0 + rank.get(term, len(rank) + 1) / 1000.0)


def vocabulary_ranks(encoder: StaticEncoder) -> dict[str, int]:
    """Whole words of the encoder's vocabulary by rank (the vocabulary lists them
    roughly from frequent to rare), for `fixed_idf`."""
    vocabulary: dict[str, int] = encoder.table.tokenizer.get_vocab()
    return {piece: rank for piece, rank in vocabulary.items() if piece.isalpha()}
