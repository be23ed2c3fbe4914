"""Divergences on real news: what a brief flags as sources disagreeing, on ECB+.

A divergence tells a reader that sources state different values for one
fact; a wrong one misleads, so its precision is what matters, and precision
is judged by reading (no annotation says which values conflict). This
module gathers what is read and a rough denominator.

Flagged items. Each topic's documents are prepared once and composed as a
brief runs them: as one story per event (what a perfect clusterer files),
whose divergences are the ones read, and as one story of both look-alike
events, where a divergence whose sides come from different events compares
two happenings and is wrong without reading.

Candidates. Two annotated sentences of different documents about the same
event (ECB+ coreference, `claims.labelled_pairs`) that both state numerals
(years left out) or both name places, and whose sets differ: where sources
could disagree on a count, an age, a term, a magnitude or a place. A
divergence is "on a candidate" when two of its sides cite the two
sentences. Most candidates are not conflicts (different facts of one
event), so this counts reach, not recall.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.analyze import Models
from newsweave.compose.brief import source_ids
from newsweave.config import Config
from newsweave.eval.claims import Doc, GoldSentence, Pair, Unit, labelled_pairs, pair, prepare_topic
from newsweave.models import AnalyzedArticle, Brief, Story
from newsweave.pipeline import compose

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NUMBER_WORDS = re.findall(
    r"\w+",
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion",
)
_NUMERAL = re.compile(r"\b(?:\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True)
class Side:
    """One value of a flagged divergence and the annotated-or-not sentences citing it."""

    value: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Flagged:
    """A divergence a brief flagged, its sides' sentences as (document, line)."""

    topic: int
    setting: str
    label: str
    kind: str
    sides: tuple[Side, ...]

    def units(self) -> set[Unit]:
        return {unit for side in self.sides for unit in side.units}


@dataclass(frozen=True)
class DivergenceRun:
    """One topic: divergences of the per-event stories and of the pooled story,
    the candidate pairs, and the text of every cited or annotated line."""

    topic: int
    per_event: tuple[Flagged, ...]
    pooled: tuple[Flagged, ...]
    candidates: frozenset[Pair]
    events: Mapping[str, str]
    texts: Mapping[Unit, str]


def numerals(text: str) -> frozenset[str]:
    """The numerals a sentence states, normalized ("1,200" is "1200"), years left out."""
    found = set()
    for match in _NUMERAL.finditer(text):
        word = match.group(0).casefold().replace(",", "")
        if not _YEAR.match(word):
            found.add(word)
    return frozenset(found)


def places(article: AnalyzedArticle, line: int) -> frozenset[str]:
    """The places (GPE, LOC, FAC entities) named on one line, case-folded."""
    return frozenset(
        entity.text.casefold()
        for sentence in article.sentences
        if sentence.line == line
        for entity in sentence.entities
        if entity.label in _PLACE_LABELS
    )


def differ(left: frozenset[str], right: frozenset[str]) -> bool:
    """Both sides state some, and not the same."""
    return bool(left) and bool(right) and left != right


def candidates(
    gold: Sequence[GoldSentence], texts: Mapping[Unit, str], named: Mapping[Unit, frozenset[str]]
) -> frozenset[Pair]:
    """Same-event annotated pairs whose numerals or places differ."""
    found = set()
    for (a, b), same in labelled_pairs(gold).items():
        if same and (
            differ(numerals(texts[a]), numerals(texts[b]))
            or differ(named.get(a, frozenset()), named.get(b, frozenset()))
        ):
            found.add((a, b))
    return frozenset(found)


def flagged(brief: Brief, docs: Sequence[Doc], topic: int, setting: str) -> list[Flagged]:
    """The brief's divergences, each side's citations as (document, line)."""
    doc_of = dict(zip(source_ids(len(docs)), (d.id for d in docs), strict=True))
    found = []
    for item in brief.divergences:
        sides = tuple(
            Side(value.value, tuple(dict.fromkeys((doc_of[c.source], c.line) for c in value.cite)))
            for value in item.values
        )
        found.append(Flagged(topic, setting, item.topic, item.kind, sides))
    return found


def on_candidates(item: Flagged, chosen: frozenset[Pair]) -> set[Pair]:
    """The candidate pairs whose two sentences stand on two different sides."""
    hit = set()
    for left, right in itertools.combinations(item.sides, 2):
        for a in left.units:
            for b in right.units:
                if a[0] != b[0] and pair(a, b) in chosen:
                    hit.add(pair(a, b))
    return hit


def across_events(item: Flagged, events: Mapping[str, str]) -> bool:
    """Every two sides of the divergence come from documents of different events:
    the values belong to two happenings."""
    return all(
        {events[u[0]] for u in left.units}.isdisjoint({events[u[0]] for u in right.units})
        for left, right in itertools.combinations(item.sides, 2)
    )


def run_topic(
    docs: Sequence[Doc], gold: Sequence[GoldSentence], models: Models, config: Config
) -> DivergenceRun:
    """One topic prepared once, composed per event and pooled, its divergences collected."""
    topic = docs[0].topic
    decoded, prepared, everyone, events = prepare_topic(docs, models, config)
    apart = compose(prepared, [Story(e) for e in events], config)
    per_event = [
        item
        for members, brief in zip(events, apart, strict=True)
        for item in flagged(brief, [docs[i] for i in members], topic, "event")
    ]
    pooled = flagged(compose(prepared, [Story(everyone)], config)[0], docs, topic, "topic")
    position = {d.id: i for i, d in enumerate(docs)}
    texts = {
        (d.id, number): line for d in docs for number, line in enumerate(decoded[position[d.id]].lines, 1)
    }
    named = {(g.doc, g.line): places(prepared.analyzed[position[g.doc]], g.line) for g in gold}
    return DivergenceRun(
        topic,
        tuple(per_event),
        tuple(pooled),
        candidates(gold, texts, named),
        {d.id: d.event for d in docs},
        texts,
    )


def sample(items: Sequence[Flagged], count: int, seed: int = 7) -> list[Flagged]:
    """A seeded sample in a fixed order: the same items, read in the same order, on every run."""
    ordered = sorted(items, key=lambda f: (f.topic, f.sides[0].units, f.label, f.kind))
    return random.Random(seed).sample(ordered, min(count, len(ordered)))
