"""One story's sources aligned claim by claim: consensus, divergences, unique details.

This is where the parts meet: candidate sentences are matched into claim
groups (`claims`), each sentence's values are read (`values`) and compared
(`compare`), and the three brief sections are built from them. Voices, not
sources, are counted everywhere: a syndicated copy repeats its original and
adds no independent support, so two copies never make a consensus and never
disagree with each other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.align.claims import (
    Candidate,
    ClaimGroup,
    candidates,
    group_claims,
    link,
    similarity_matrix,
)
from newsweave.align.compare import Cited, Dispute, group_disputes, story_disputes
from newsweave.align.values import DATE, Value, place_key, sentence_values
from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.entities import EntityIndex
from newsweave.models import (
    AnalyzedArticle,
    Citation,
    ConsensusItem,
    Divergence,
    DivergentValue,
    UniqueItem,
)

MAX_CONSENSUS = 10
MAX_UNIQUE_PER_SOURCE = 3
SETTING_SHARE = 0.2
"""A place named in at least this share of candidate sentences (and at least
`SETTING_MIN` times) is the story's setting, the country it happens in:
never a disputed value, never evidence that two sentences match."""
SETTING_MIN = 5
UNIQUE_MAX_SIMILARITY = 0.7
"""A sentence this close to one of another voice is probably said there too."""
Text = Callable[[Cited], str]
Cite = Callable[[Cited, Cited], Citation]
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_READER_TALK = re.compile(r"\b(?:I|we|We|you|You|your|Your|our|Our|subscribe|newsletter|click)\b")


@dataclass(frozen=True)
class Alignment:
    """Every claim group (single-source ones included) and the brief sections built from them."""

    groups: tuple[ClaimGroup, ...]
    consensus: tuple[ConsensusItem, ...]
    divergences: tuple[Divergence, ...]
    unique: tuple[UniqueItem, ...]
    support: dict[tuple[int, int], int] = field(default_factory=dict, compare=False, repr=False)

    def backing(self, source: int, sentence: int) -> int:
        """Distinct independent voices whose sentences say what sentence
        `sentence` of source `source` says, its own voice included; 0 for a
        sentence never considered (not English, not a whole declarative one)."""
        return self.support.get((source, sentence), 0)


def align(
    source_ids: Sequence[str],
    articles: Sequence[AnalyzedArticle],
    vectors: Sequence[Vectors],
    index: EntityIndex,
    voices: Sequence[int],
) -> Alignment:
    """Align one story's sources: `vectors[i]` rows match `articles[i].sentences`,
    `voices[i]` is the independence id of source i (a copy shares its original's)."""
    found = candidates(articles)
    if not found:
        return Alignment((), (), (), ())
    similarity = similarity_matrix(found, vectors)
    values = _values(found, articles, index)
    common = _ubiquitous(found, values)
    specific = [
        frozenset(f"{v.kind}:{v.key}" for v in values[(c.source, c.sentence)] if v.key not in common)
        for c in found
    ]
    groups = group_claims(found, similarity, link(found, similarity, specific), voices)
    support = {member: group.voices for group in groups for member in group.members}
    position = {(c.source, c.sentence): c.order for c in found}

    def cite(member: Cited, to: Cited) -> Citation:
        sentence = articles[member[0]].sentences[member[1]]
        score = 1.0 if member == to else float(similarity[position[member], position[to]])
        return Citation(source_ids[member[0]], sentence.line, sentence.text, round(score, 2))

    def text(member: Cited) -> str:
        return articles[member[0]].sentences[member[1]].text

    def voice(source: int) -> int:
        return voices[source]

    disputes = story_disputes(values, voice)
    for group in groups:
        for found_dispute in group_disputes(group, values, text, voice):
            if not any(_covers(d, found_dispute) for d in disputes):
                disputes.append(found_dispute)
    divergences = tuple(_divergence(d, source_ids, text, cite) for d in disputes)
    consensus = _consensus(groups, source_ids, text, cite)
    unique = _unique(found, groups, values, similarity, voices, common, source_ids, text, cite)
    return Alignment(groups, consensus, divergences, unique, support)


def _values(
    found: Sequence[Candidate], articles: Sequence[AnalyzedArticle], index: EntityIndex
) -> dict[Cited, tuple[Value, ...]]:
    mentions: Counter[str] = Counter()
    places: set[str] = set()
    for c in found:
        seen = set()
        for entity in articles[c.source].sentences[c.sentence].entities:
            key = place_key(index.canonical(c.source, entity.text) or entity.text)
            seen.add(key)
            if entity.label in _PLACE_LABELS:
                places.add(key)
        mentions.update(seen)
    setting = frozenset(
        k for k, n in mentions.items() if n >= SETTING_MIN and n >= SETTING_SHARE * len(found)
    )
    result: dict[Cited, tuple[Value, ...]] = {}
    for c in found:
        analyzed = articles[c.source]

        def canonical(surface: str, source: int = c.source) -> str:
            return index.canonical(source, surface) or surface

        result[(c.source, c.sentence)] = sentence_values(
            analyzed.sentences[c.sentence],
            canonical,
            frozenset(places),
            setting,
            analyzed.article.publication_day(),
        )
    return result


def _ubiquitous(found: Sequence[Candidate], values: dict[Cited, tuple[Value, ...]]) -> frozenset[str]:
    """Value keys stated in so many sentences that sharing them proves nothing."""
    counts = Counter(
        key for c in found for key in {v.key for v in values[(c.source, c.sentence)] if v.kind != DATE}
    )
    return frozenset(k for k, n in counts.items() if n >= SETTING_MIN and n >= SETTING_SHARE * len(found))


def _covers(wide: Dispute, narrow: Dispute) -> bool:
    return wide.kind == narrow.kind and {s.key for s in narrow.sides} <= {s.key for s in wide.sides}


def _divergence(dispute: Dispute, source_ids: Sequence[str], text: Text, cite: Cite) -> Divergence:
    values = []
    for side in dispute.sides:
        shown = side.stated_by[0]
        sources = tuple(dict.fromkeys(source_ids[s] for s, _ in side.stated_by))
        cites = tuple(cite(member, shown) for member in side.stated_by)
        values.append(DivergentValue(value=side.written, text=text(shown), sources=sources, cite=cites))
    return Divergence(topic=dispute.topic, kind=dispute.kind, values=tuple(values))


def _shown_first(group: ClaimGroup) -> list[tuple[int, int]]:
    """The group's members with the shown sentence first, like a summary item's cites."""
    return [group.centre, *(member for member in group.members if member != group.centre)]


def _consensus(
    groups: Sequence[ClaimGroup], source_ids: Sequence[str], text: Text, cite: Cite
) -> tuple[ConsensusItem, ...]:
    """Claims of two or more voices, the most widely backed first, then in reading order."""
    backed = sorted((g for g in groups if g.voices >= 2), key=lambda g: (-g.voices, g.members[0]))
    items = []
    for group in backed[:MAX_CONSENSUS]:
        items.append(
            ConsensusItem(
                text=text(group.centre),
                sources=tuple(source_ids[s] for s, _ in group.members),
                independent=group.voices,
                cite=tuple(cite(member, group.centre) for member in _shown_first(group)),
            )
        )
    return tuple(items)


def _unique(
    found: Sequence[Candidate],
    groups: Sequence[ClaimGroup],
    values: dict[Cited, tuple[Value, ...]],
    similarity: np.ndarray,
    voices: Sequence[int],
    common: frozenset[str],
    source_ids: Sequence[str],
    text: Text,
    cite: Cite,
) -> tuple[UniqueItem, ...]:
    """Substantive claims of one voice only: values nobody else states rank first."""
    order = {(c.source, c.sentence): c.order for c in found}
    stated_by: dict[str, set[int]] = {}
    for (source, _), found_values in values.items():
        for value in found_values:
            stated_by.setdefault(value.key, set()).add(voices[source])
    chosen: list[tuple[int, int, ClaimGroup]] = []
    for group in groups:
        if group.voices != 1:
            continue
        own = voices[group.centre[0]]
        i = order[group.centre]
        others = [c.order for c in found if voices[c.source] != own]
        if others and float(similarity[i, others].max()) >= UNIQUE_MAX_SIMILARITY:
            continue
        if _READER_TALK.search(text(group.centre)):
            continue
        substance = 0
        for value in values[group.centre]:
            if value.key in common:
                continue
            substance += 2 if stated_by.get(value.key, set()) == {own} else 1
        if substance:
            chosen.append((substance, -i, group))
    per_source: Counter[int] = Counter()
    kept: list[tuple[int, int, int, ClaimGroup]] = []
    for substance, position, group in sorted(chosen, key=lambda t: (-t[0], -t[1])):
        voice = voices[group.centre[0]]
        if per_source[voice] < MAX_UNIQUE_PER_SOURCE:
            per_source[voice] += 1
            kept.append((group.centre[0], -substance, -position, group))
    kept.sort(key=lambda t: t[:3])
    return tuple(
        UniqueItem(
            source=source_ids[group.centre[0]],
            text=text(group.centre),
            cite=tuple(cite(member, group.centre) for member in group.members),
        )
        for *_, group in kept
    )
