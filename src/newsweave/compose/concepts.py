"""What a summary should cover: word-bigram concepts weighted by news priors.

A story's important facts are told by many of its sources, and told early:
wire style puts what happened in the first sentences and background later.
Following Gillick & Favre (2009), a concept is a pair of adjacent word
stems ("oil spill", "spill reach"); pairs made only of function words carry
no content and are left out. A concept's weight is

    (independent sources that carry it) x (1 + position_weight / (1 + k))

where a syndicated copy and its original are one source (a copy is one
voice) and `k` is the earliest sentence index, in any article, at which the
concept appears. Concepts carried by fewer than `min_voices` independent
sources are dropped: what one or two outlets mention is detail, not the
story. A story with fewer sources than that lowers the bar to what it has,
so a single article still gets a summary.

Stems are Porter stems of lowercased alphanumeric tokens, the ones ROUGE
uses, so coverage is measured in the units summaries are judged in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nltk.stem.porter import PorterStemmer
from spacy.lang.en.stop_words import STOP_WORDS

Concept = tuple[str, str]

# Reporting verbs are everywhere in news and say nothing about the story.
FUNCTION_WORDS = frozenset(STOP_WORDS) | {"said", "says", "say", "told", "according"}
_TOKEN = re.compile(r"[a-z0-9]+")
_STEMMER = PorterStemmer()


@dataclass(frozen=True)
class ConceptConfig:
    min_voices: int = 3
    position_weight: float = 3.0


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The Porter stem of a lowercased token; tokens of three letters or fewer stay as they are."""
    return _STEMMER.stem(token) if len(token) > 3 else token


def concepts(text: str) -> frozenset[Concept]:
    """The content bigrams of a sentence: adjacent stems, not both function words."""
    tokens = _TOKEN.findall(text.lower())
    return frozenset(
        (stem(first), stem(second))
        for first, second in pairwise(tokens)
        if not (first in FUNCTION_WORDS and second in FUNCTION_WORDS)
    )


def concept_weights(
    sentence_concepts: Sequence[frozenset[Concept]],
    voices: Sequence[int],
    positions: Sequence[int],
    config: ConceptConfig,
) -> dict[Concept, float]:
    """Each concept's weight, as the module docstring says.

    `sentence_concepts[i]` are the concepts of candidate sentence i, `voices[i]`
    the independence id of its source and `positions[i]` its index in its article.
    """
    carriers: dict[Concept, set[int]] = defaultdict(set)
    earliest: dict[Concept, int] = {}
    for found, voice, position in zip(sentence_concepts, voices, positions, strict=True):
        for concept in found:
            carriers[concept].add(voice)
            earliest[concept] = min(earliest.get(concept, position), position)
    if not carriers:
        return {}
    bar = min(config.min_voices, len(set(voices)))
    while bar > 1 and not any(len(found) >= bar for found in carriers.values()):
        bar -= 1
    return {
        concept: round(len(found) * (1.0 + config.position_weight / (1 + earliest[concept])), 4)
        for concept, found in sorted(carriers.items())
        if len(found) >= bar
    }
