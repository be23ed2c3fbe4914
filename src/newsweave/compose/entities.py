"""Entities of a story: spellings of one name grouped, with the sources naming them.

Variants that differ only in case, hyphens, a leading "the" or a possessive
("Jean-Luc Dupont", "Jean Luc Dupont") are one entity; the most frequent spelling
names it and the others are its aliases. Deeper merging (surnames, acronyms)
belongs to a dedicated entity-linking stage.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.models import AnalyzedArticle, EntitySummary

_POSSESSIVE = re.compile(r"['’]s$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def entity_key(text: str) -> str:
    text = _LEADING_THE.sub("", _POSSESSIVE.sub("", text.strip()))
    return " ".join(text.replace("-", " ").casefold().split())


@dataclass(frozen=True)
class EntityIndex:
    """A story's entities, and which entity each mention in a source names."""

    entities: tuple[EntitySummary, ...]
    names: Mapping[tuple[int, str], str] = field(default_factory=dict)

    def canonical(self, source: int, surface: str) -> str | None:
        """Display name of the story entity that `surface`, written in source
        number `source` (0-based), refers to; None when it names none."""
        return self.names.get((source, entity_key(surface)))


def story_entities(
    source_ids: Sequence[str], articles: Sequence[AnalyzedArticle]
) -> tuple[EntitySummary, ...]:
    return link_entities(source_ids, articles).entities


def link_entities(source_ids: Sequence[str], articles: Sequence[AnalyzedArticle]) -> EntityIndex:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    sources: dict[str, set[str]] = defaultdict(set)
    for source_id, analyzed in zip(source_ids, articles, strict=True):
        for sentence in analyzed.sentences:
            for entity in sentence.entities:
                key = entity_key(entity.text)
                if not key:
                    continue
                surface = _POSSESSIVE.sub("", entity.text.strip())
                spellings[key][surface] += 1
                labels[key][entity.label] += 1
                sources[key].add(source_id)
    found = []
    for key, counts in spellings.items():
        ranked = sorted(counts, key=lambda s: (-counts[s], -len(s), s))
        label = sorted(labels[key], key=lambda name: (-labels[key][name], name))[0]
        found.append(
            EntitySummary(
                name=ranked[0],
                type=label,
                aliases=tuple(sorted(ranked[1:])),
                sources=tuple(sorted(sources[key], key=_source_number)),
            )
        )
    mentions = {key: sum(counts.values()) for key, counts in spellings.items()}
    found.sort(key=lambda e: (-len(e.sources), -mentions[entity_key(e.name)], e.name))
    display = {entity_key(e.name): e.name for e in found}
    names = {
        (index, entity_key(entity.text)): display[entity_key(entity.text)]
        for index, analyzed in enumerate(articles)
        for sentence in analyzed.sentences
        for entity in sentence.entities
        if entity_key(entity.text) in display
    }
    return EntityIndex(tuple(found), names)


def _source_number(source_id: str) -> int:
    return int(source_id.lstrip("S") or 0)
