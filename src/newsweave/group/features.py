"""What an article brings to story clustering: its gist, its names, its figures.

Two reports of look-alike events (two earthquakes, two celebrities entering
rehab, two office shootings) read alike to a sentence encoder; what tells
them apart is what the encoder blurs: who (people), where (places), when
(years and dates written in the text) and how much (casualty counts,
magnitudes, scores). So an article is described by

* `vector`: the normalized mean embedding of its title and lead sentences,
  the title and the first sentence counting double (news puts the event up
  front);
* `entities`: canonical entity keys (`compose.entities.entity_key`) with a
  weight that grows with mentions and with how early they come; a person is
  also keyed by surname, because later mentions drop the first name;
* `people`, `places`: the salient ones (in the title or lead, or named
  twice), used to notice two stories about different people or places;
* `years` and `numbers` written in the text (numbers in words are left out:
  they are mostly vague "two", "dozens");
* `published`, the publication date when the article has one;
* `terms`: content words with 1 + log(count), the rare words (a product
  version, a surname the tagger missed) that the encoder averages away.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import log

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.analyze.embeddings import Vectors
from newsweave.compose.entities import entity_key
from newsweave.models import AnalyzedArticle, Article, Entity

LEAD_SENTENCES = 8
SALIENT_SENTENCES = 3
PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = (
    PERSON_LABELS | PLACE_LABELS | frozenset({"ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
)

_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]")
_YEAR = re.compile(r"(?<![\d.,$])(19[5-9]\d|20\d\d)(?![\d,]|\.\d)")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]|\.\d)")


@dataclass(frozen=True)
class ArticleFeatures:
    """One article as the online clusterer sees it (see the module docstring)."""

    vector: Vectors
    entities: Mapping[str, float] = field(default_factory=dict)
    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    numbers: frozenset[str] = frozenset()
    published: date | None = None
    terms: Mapping[str, float] = field(default_factory=dict)


def article_features(analyzed: AnalyzedArticle, sentences: Vectors, title: Vectors) -> ArticleFeatures:
    """Features of one analyzed article from its sentence vectors (aligned with
    `analyzed.sentences`) and its title vector (0 or 1 row)."""
    return ArticleFeatures(
        vector=lead_vector(sentences, title),
        entities=_entity_weights(analyzed),
        people=_salient(analyzed, PERSON_LABELS),
        places=_salient(analyzed, PLACE_LABELS),
        years=_years(analyzed),
        numbers=_numbers(analyzed),
        published=_published(analyzed),
        terms=_terms(analyzed),
    )


def lead_vector(sentences: Vectors, title: Vectors) -> Vectors:
    """Normalized weighted mean of the title and the lead sentences (title and first sentence double)."""
    rows = [*title[:1], *sentences[:LEAD_SENTENCES]]
    if not rows:
        return np.zeros(sentences.shape[1] if sentences.ndim == 2 else title.shape[1], dtype=np.float32)
    weights = np.ones(len(rows), dtype=np.float32)
    weights[0] = 2.0
    if len(title) and len(sentences):
        weights[1] = 2.0
    mean: Vectors = (np.vstack(rows) * weights[:, None]).sum(axis=0).astype(np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def _keys(entity: Entity) -> list[str]:
    return name_keys(entity.text, surname=entity.label in PERSON_LABELS)


def name_keys(text: str, surname: bool) -> list[str]:
    """A name's key (`entity_key`), and with `surname` also its last word when it has
    several: later mentions of a person drop the first name."""
    key = entity_key(text)
    if not key:
        return []
    return [key, key.rsplit(" ", 1)[1]] if surname and " " in key else [key]


def _entity_weights(analyzed: AnalyzedArticle) -> dict[str, float]:
    """Mentions weighted 1 / (1 + position / 5): early mentions count more; the title counts as first."""
    weights: dict[str, float] = defaultdict(float)
    for position, entities in enumerate(_entity_rows(analyzed)):
        for entity in entities:
            if entity.label in NAME_LABELS:
                for key in _keys(entity):
                    weights[key] += 1.0 / (1.0 + position / 5.0)
    return {key: round(value, 4) for key, value in sorted(weights.items())}


def _entity_rows(analyzed: AnalyzedArticle) -> list[tuple[Entity, ...]]:
    rows = [sentence.entities for sentence in analyzed.sentences]
    title = analyzed.article.title
    if title:
        # The title is not analyzed; its entities are those of the body found in it.
        found = {e.text: e for row in rows for e in row if e.text and e.text in title}
        rows.insert(0, tuple(found[text] for text in sorted(found)))
    return rows


def _salient(analyzed: AnalyzedArticle, labels: frozenset[str]) -> frozenset[str]:
    """Keys of entities in `labels` named in the title or lead, or at least twice."""
    counts: dict[str, int] = defaultdict(int)
    early: set[str] = set()
    for position, entities in enumerate(_entity_rows(analyzed)):
        for entity in entities:
            if entity.label in labels:
                for key in _keys(entity):
                    counts[key] += 1
                    if position < SALIENT_SENTENCES:
                        early.add(key)
    return frozenset(key for key, count in counts.items() if key in early or count >= 2)


def _years(analyzed: AnalyzedArticle) -> frozenset[int]:
    return years_and_numbers([s.text for s in analyzed.sentences])[0]


def _numbers(analyzed: AnalyzedArticle) -> frozenset[str]:
    return years_and_numbers([s.text for s in analyzed.sentences])[1]


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


def _published(analyzed: AnalyzedArticle) -> date | None:
    return published_day(analyzed.article)


def published_day(article: Article) -> date | None:
    """The article's publication day, when it has one."""
    published = article.published
    if published is None:
        return None
    try:
        return date.fromisoformat(published.date[:10])
    except ValueError:
        return None


def _terms(analyzed: AnalyzedArticle) -> dict[str, float]:
    return terms_of([analyzed.article.title or ""] + [s.text for s in analyzed.sentences])


def terms_of(texts: Sequence[str]) -> dict[str, float]:
    """Content words of the texts, weighted 1 + log(count): the rare words
    (a product, a surname, a team) that an encoder averages away."""
    counts: dict[str, int] = defaultdict(int)
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if len(word) > 2 and word not in ENGLISH_STOP_WORDS:
                counts[word] += 1
    return {word: round(1.0 + log(count), 4) for word, count in sorted(counts.items())}
