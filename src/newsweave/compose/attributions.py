"""Who said what across a story's sources: one item per statement, every report cited.

Each source's attributions come from `newsweave.analyze.quotes`. The speaker
is resolved to the story entity it names, so "Deputy Mayor Ana Costa" in one
report and "Costa" in another can be one speaker: the whole speaker phrase
first, then each entity inside it, then the phrase stripped of its leading
titles; failing all that, the phrase as written ("the ministry").

Two attributions are one statement when the same speaker says it and the
sentences mean the same thing (embedding cosine at or above
`same_statement`, 0.75) or the quoted parts share most of their words (wires
reword the frame but keep the quotation). Sources of one voice (a copy and
its original) count once when items are ranked, so a statement many
independent outlets carry comes first (see `_select`). The shown text is one source's
sentence verbatim, a direct quotation preferred, so a reader sees what was
said rather than a paraphrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.entities import EntityIndex, entity_key
from newsweave.analyze.quotes import find_attributions
from newsweave.analyze.speakers import MEDIA_WORDS, ROLE_WORDS
from newsweave.models import AnalyzedArticle, Attribution, AttributionItem, Citation

SAME_STATEMENT = 0.75
SHARED_WORDS = 0.6
MAX_ITEMS = 12
PER_SPEAKER = 2
_MIN_SHARED_WORDS = 4
_WORD = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})\)$")
_LOWERED_LEADS = frozenset({"the", "a", "an"}) | ROLE_WORDS | MEDIA_WORDS


@dataclass(frozen=True)
class _Said:
    source: int
    order: int
    attribution: Attribution
    speaker: str
    vector: Vectors
    words: frozenset[str]


def collect_attributions(
    source_ids: Sequence[str],
    articles: Sequence[AnalyzedArticle],
    vectors: Sequence[Vectors],
    index: EntityIndex,
    voices: Sequence[int],
    same_statement: float = SAME_STATEMENT,
    max_items: int = MAX_ITEMS,
) -> tuple[AttributionItem, ...]:
    """Attributed statements of one story, merged across sources, most voices first."""
    said = _attributions(articles, vectors, index)
    groups: list[list[_Said]] = []
    by_speaker: dict[str, list[int]] = {}  # speaker key -> numbers of its groups, in order
    for item in said:
        best: tuple[float, int] | None = None
        numbers = by_speaker.setdefault(entity_key(item.speaker), [])
        for number in numbers:
            group = groups[number]
            if any(member.source == item.source for member in group):
                continue
            score = max(_closeness(member, item, same_statement) for member in group)
            if score > 0 and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            numbers.append(len(groups))
            groups.append([item])
        else:
            groups[best[1]].append(item)
    named = frozenset(entity_key(entity.name) for entity in index.entities)
    return tuple(_item(group, source_ids, voices) for group in _select(groups, voices, named, max_items))


def _select(
    groups: list[list[_Said]], voices: Sequence[int], named: frozenset[str], max_items: int
) -> list[list[_Said]]:
    """The statements worth a reader's time, in rank order.

    Most voices first; then a speaker that is a story entity before a phrase
    ("observers", "local media"), a
    direct quotation before reported speech, an earlier report before a later
    one. At most `PER_SPEAKER` statements of one speaker are kept while others
    are waiting, so one talkative official does not fill the list.
    """

    def rank(group: list[_Said]) -> tuple[int, bool, bool, int, int, int]:
        first = group[0]
        direct = any(m.attribution.direct for m in group)
        voiced = len({voices[m.source] for m in group})
        return (
            -voiced,
            entity_key(first.speaker) not in named,
            not direct,
            first.source,
            first.attribution.line,
            first.order,
        )

    ranked = sorted(groups, key=rank)
    chosen: list[list[_Said]] = []
    per_speaker: dict[str, int] = {}
    for group in ranked:
        key = entity_key(group[0].speaker)
        if per_speaker.get(key, 0) < PER_SPEAKER:
            chosen.append(group)
            per_speaker[key] = per_speaker.get(key, 0) + 1
    taken = {id(group) for group in chosen}
    chosen += [group for group in ranked if id(group) not in taken]
    return chosen[:max_items]


def resolve_speaker(index: EntityIndex, source: int, speaker: str) -> str:
    """The story entity a speaker phrase names, or the phrase with a lowercase lead word.

    Only the phrase's head can name the speaker: the whole phrase, its
    parenthesized acronym, or the phrase stripped of leading titles ("Deputy Mayor
    Ana Costa" -> "Ana Costa"). "Rivertown's local paper" is not the town, and
    "Costa and Lee" is neither alone, so those stay as written.
    """
    words = speaker.split()
    acronym = _ACRONYM.search(speaker)
    if " and " not in speaker and " & " not in speaker:
        surfaces = [speaker]
        if acronym:
            surfaces += [acronym.group(1), speaker[: acronym.start()]]
        head = speaker[: acronym.start()].split() if acronym else words
        surfaces += [" ".join(head[cut:]) for cut in range(1, len(head))]
        for surface in surfaces:
            if all(word.lower() in _LOWERED_LEADS for word in surface.split()):
                continue  # "the police" names no particular entity
            found = index.canonical(source, surface)
            if found:
                return found
    if words and words[0].lower() in _LOWERED_LEADS:
        words[0] = words[0].lower()
    return " ".join(words)


def _attributions(
    articles: Sequence[AnalyzedArticle], vectors: Sequence[Vectors], index: EntityIndex
) -> list[_Said]:
    found: list[_Said] = []
    for source, analyzed in enumerate(articles):
        if not analyzed.article.in_english():
            continue
        place = {(s.line, s.text): order for order, s in enumerate(analyzed.sentences)}
        for attribution in find_attributions(analyzed):
            order = place[(attribution.line, attribution.sentence)]
            speaker = resolve_speaker(index, source, attribution.speaker)
            words = frozenset(w.casefold() for w in _WORD.findall(attribution.content) if len(w) > 2)
            found.append(_Said(source, order, attribution, speaker, vectors[source][order], words))
    return found


def _closeness(a: _Said, b: _Said, same_statement: float) -> float:
    """How surely two attributions report one statement (0 when they do not)."""
    cosine = round(float(np.dot(a.vector, b.vector)), 4)
    if cosine >= same_statement:
        return cosine
    smaller = min(len(a.words), len(b.words))
    if smaller >= _MIN_SHARED_WORDS and len(a.words & b.words) / smaller >= SHARED_WORDS:
        return round(len(a.words & b.words) / smaller, 4) * same_statement
    return 0.0


def _item(group: list[_Said], source_ids: Sequence[str], voices: Sequence[int]) -> AttributionItem:
    shared = {m.source: sum(voices[o.source] == voices[m.source] for o in group) for m in group}
    chosen = min(group, key=lambda m: (not m.attribution.direct, -shared[m.source], m.source, m.order))
    others = sorted((m for m in group if m is not chosen), key=lambda m: (m.source, m.order))
    cite = tuple(
        Citation(
            source=source_ids[m.source],
            line=m.attribution.line,
            text=m.attribution.sentence,
            similarity=1.0 if m is chosen else round(float(np.dot(chosen.vector, m.vector)), 2),
        )
        for m in [chosen, *others]
    )
    return AttributionItem(
        speaker=chosen.speaker,
        text=chosen.attribution.sentence,
        direct=chosen.attribution.direct,
        cite=cite,
    )
