"""What an article brings to story clustering: its gist, its names, its figures.

Two reports of look-alike events (two earthquakes, two celebrities entering
rehab, two office shootings) read alike to a sentence encoder; what tells
them apart is what the encoder blurs: who (people), where (places), when
(years and dates written in the text) and how much (casualty counts,
magnitudes, scores). So a cleaned article is described by

* `vector`: the normalized mean embedding of its title and lead sentences,
  the title and the first sentence counting double (news puts the event up
  front), from the static encoder (`analyze.static`, a token table distilled
  from MiniLM): fast enough to file ten thousand reports as they arrive;
* `entities`: name keys (`names.name_keys`) with a weight that grows with
  mentions and with how early they come (the title counts as first);
* `people`, `places`: the salient names (in the title or the first
  sentences, or named twice). Names are untyped, so a name of two or more
  words stands in for a person and a single word for a place: crude, but it
  is what keeps two look-alike events apart. In a headline written in title
  case ("Storm Hits The Coast") the names are those of the body found in it;
* `years` and `numbers` written in the text (numbers in words are left out:
  they are mostly vague "two", "dozens");
* `published`, the publication date when the article has one sure enough
  (`FILING_DATE`);
* `terms`: content words with 1 + log(count), the rare words (a product
  version, a surname) that the encoder averages away; `distinctive`
  weighs them by a fixed rarity (`fixed_idf`), so that a story's state never
  depends on what was filed after it.

It also keeps `names`, every name as first written in the title or the text
(one per spelling up to case), which the store records with the article so
stories can be looked up by the names their articles use before any brief
is composed (`store.names`); grouping does not read them.

Nothing here depends on the article's shape: an article with no title, no
date, or all its text on one line is read by the same rules. An article with
no text at all (no title, no body), or in a language other than English, is
marked `alone`: it is filed as a story of its own, and nothing joins it,
never into a big story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from math import log

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.analyze.embeddings import Encoder, Vectors
from newsweave.analyze.static import StaticEncoder
from newsweave.group.names import NAME_HEADS, find_names, name_keys, split_sentences, title_case
from newsweave.models import Article
from newsweave.vocabulary import FlagKind

LEAD_SENTENCES = 8
# An article flagged so is filed as a story of its own, and nothing joins it: what
# it says cannot be read by these rules (another language).
ALONE_FLAGS = frozenset({FlagKind.NOT_ENGLISH})
TOP_TERMS = 100
# An article's date keeps it to a story's days only at this confidence or more: a
# line stating a date that nothing else confirms (0.5) is often an older event's,
# and would keep the article out of its story (ECB+ dev: B-cubed .845 at 0.5, .858 at 0.6).
FILING_DATE = 0.6
SALIENT_SENTENCES = 3

_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]")
_YEAR = re.compile(r"(?<![\d.,$])(19[5-9]\d|20\d\d)(?![\d,]|\.\d)")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]|\.\d)")


@dataclass(frozen=True)
class ArticleFeatures:
    """One article as the story clusterer sees it (see the module docstring)."""

    vector: Vectors
    entities: Mapping[str, float] = field(default_factory=dict)
    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    numbers: frozenset[str] = frozenset()
    published: date | None = None
    terms: Mapping[str, float] = field(default_factory=dict)
    alone: bool = False
    names: tuple[str, ...] = ()


def describe_articles(articles: Sequence[Article], encoder: Encoder) -> list[ArticleFeatures]:
    """Features of every article, the title and lead sentences of all encoded in one batch."""
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
    rows = [find_names(sentence) for sentence in sentences]
    headline = article.title or ""
    if title_case(headline):  # capitalized words that are no names: take the body's names in it
        rows.insert(0, sorted({name for row in rows for name in row if name in headline}))
    else:
        rows.insert(0, find_names(headline))
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
        published=filing_day(article),
        terms=terms_of([article.title or "", *sentences]),
        alone=not (sentences or headline) or any(flag.kind in ALONE_FLAGS for flag in article.flags),
        names=written_names(rows),
    )


def written_names(rows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Each name of `rows` once, as first written, in order of first appearance
    (two spellings that differ only in case are one name)."""
    seen: dict[str, str] = {}
    for names in rows:
        for name in names:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def lead_vector(sentences: Vectors, title: Vectors) -> Vectors:
    """Normalized weighted mean of the title and the lead sentences (title and first sentence double)."""
    rows = [*title[:1], *sentences[:LEAD_SENTENCES]]
    if not rows:
        width = sentences.shape[1] if sentences.ndim == 2 else title.shape[1] if title.ndim == 2 else 0
        return np.zeros(width, dtype=np.float32)
    weights = np.ones(len(rows), dtype=np.float32)
    weights[0] = 2.0
    if len(title) and len(sentences):
        weights[1] = 2.0
    mean: Vectors = (np.vstack(rows) * weights[:, None]).sum(axis=0).astype(np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def years_and_numbers(sentences: Sequence[str]) -> tuple[frozenset[int], frozenset[str]]:
    """Years written anywhere, and the figures in digits of the lead except years
    (commas dropped: "1,200" is "1200")."""
    years = frozenset(int(match) for text in sentences for match in _YEAR.findall(text))
    found: set[str] = set()
    for text in sentences[:LEAD_SENTENCES]:
        for match in _NUMBER.findall(text):
            value = match.replace(",", "")
            if not _YEAR.fullmatch(value):
                found.add(value)
    return years, frozenset(found)


def filing_day(article: Article) -> date | None:
    """The article's publication day when it is sure enough to file the article by
    (`FILING_DATE`); None for a less sure date, or one of a month or a year."""
    published = article.published
    if published is None or published.confidence < FILING_DATE:
        return None
    return article.publication_day()


def terms_of(texts: Sequence[str]) -> dict[str, float]:
    """Content words of the texts, weighted 1 + log(count)."""
    counts: dict[str, int] = defaultdict(int)
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if len(word) > 2 and word not in ENGLISH_STOP_WORDS:
                counts[word] += 1
    return {word: round(1.0 + log(count), 4) for word, count in sorted(counts.items())}


def distinctive(features: ArticleFeatures, ranks: Mapping[str, int]) -> ArticleFeatures:
    """`features` with word weights times their fixed rarity, the `TOP_TERMS` heaviest kept."""
    weighted = sorted(
        ((round(weight * fixed_idf(term, ranks), 4), term) for term, weight in features.terms.items()),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return replace(features, terms=dict(sorted((term, w) for w, term in weighted[:TOP_TERMS] if w > 0)))


def fixed_idf(term: str, rank: Mapping[str, int]) -> float:
    """Rarity of `term` without a corpus: log(1 + rank / 1000) by its rank in a
    frequency-ordered vocabulary, the highest rank (plus one) for an unknown word."""
    return log(1.0 + rank.get(term, len(rank) + 1) / 1000.0)


def vocabulary_ranks(encoder: StaticEncoder) -> dict[str, int]:
    """Whole words of the encoder's vocabulary by rank (the vocabulary lists them
    roughly from frequent to rare), for `fixed_idf`."""
    vocabulary: dict[str, int] = encoder.table.tokenizer.get_vocab()
    return {piece: rank for piece, rank in vocabulary.items() if piece.isalpha()}
