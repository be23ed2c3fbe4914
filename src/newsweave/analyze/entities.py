"""Entities of a story: every way its sources name one thing, merged.

Reports name the same person, body or place many ways: "Jean-Luc Martin",
"Jean Luc Martin", "Mr. Martin", "Martin's"; "Northern Rail Agency (NRA)" and
later "NRA"; "Examplia" and "the Republic of Examplia". A reader wants one
entry per thing, with the spellings as aliases and the sources that name it.

Linking works in two steps, in the order of how safe a merge is:

1. Story-wide merges of *forms* (one normalised spelling, `entity_key`):
   acronyms a text defines or whose initials match exactly one longer name,
   official names ("X, officially Y"; "Republic of X" with X a place of the
   story), and full names that differ only by a middle part.
2. Per-source resolution of one-word mentions of people ("Martin", or
   "Park" for a family-name-first "Park Min-jun"): to the one full name the
   same source uses, else to the only full name of the story with that word;
   with two candidates (two people sharing a surname) the mention stays apart
   rather than guess.

The display name is the most complete frequent spelling; the type comes from
the most reliable members (full names over acronyms and bare surnames).
`EntityIndex.canonical` lets later stages (speakers, claim values) resolve
any mention of a source to its story entity the same way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from newsweave.analyze import aliases
from newsweave.analyze.aliases import PERSON, PLACE_LABELS, Form, entity_key, merge_forms, strip_titles
from newsweave.models import AnalyzedArticle, EntitySummary, Sentence

__all__ = ["EntityIndex", "entity_key", "link_entities"]

_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# Ties between labels go to the first of these.
LABEL_ORDER = ("PERSON", "GPE", "ORG", "LOC", "FAC", "EVENT")


@dataclass(frozen=True)
class EntityIndex:
    """A story's entities, and which entity each mention in a source names.

    `names` maps (source number, key) of every mention to its entity's display
    name; `story_names` maps a key to its entity when that holds in every
    source; `people` maps the key of each full personal name to its entity.
    """

    entities: tuple[EntitySummary, ...]
    names: Mapping[tuple[int, str], str] = field(default_factory=dict)
    story_names: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)

    def canonical(self, source: int, surface: str) -> str | None:
        """Display name of the story entity that `surface`, written in source
        number `source` (0-based), refers to; None when it names none.

        Beyond the mentions seen, a title-prefixed name ("Finance Minister Ana
        Ruiz") resolves through the name it ends with, and a bare surname
        through the only full name of the story that carries it."""
        for key in (entity_key(surface), entity_key(strip_titles(aliases.clean_surface(surface)))):
            if not key:
                continue
            found = self.names.get((source, key)) or self.story_names.get(key)
            if found:
                return found
        key = entity_key(surface)
        words = key.split()
        if len(words) == 1:
            matches = {name for full, name in self.people.items() if words[0] in _ends(full)}
            return matches.pop() if len(matches) == 1 else None
        for length in range(len(words) - 1, 1, -1):
            found = self.people.get(" ".join(words[-length:]))
            if found:
                return found
        return None


def link_entities(source_ids: Sequence[str], articles: Sequence[AnalyzedArticle]) -> EntityIndex:
    """Link every entity mention of one story's sources (S1, S2... in order)."""
    mentions, links, officials = collect_mentions(articles)
    forms = story_forms(mentions)
    root = merge_forms(forms, links)
    resolved = _resolve_short_names(forms, root)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.key in forms:
            groups[resolved.get((mention.source, mention.key), root[mention.key])].append(mention)
    found: list[tuple[EntitySummary, int]] = []
    display: dict[str, str] = {}
    for group_root, members in groups.items():
        summary = _summary(members, forms, officials, source_ids)
        display[group_root] = summary.name
        found.append((summary, len(members)))
    found.sort(key=lambda pair: (-len(pair[0].sources), -pair[1], pair[0].name))
    names: dict[tuple[int, str], str] = {}
    by_key: dict[str, set[str]] = defaultdict(set)
    for (source, key), group_root in sorted(_assignments(mentions, forms, root, resolved).items()):
        names[(source, key)] = display[group_root]
        by_key[key].add(display[group_root])
    story_names = {key: next(iter(shown)) for key, shown in sorted(by_key.items()) if len(shown) == 1}
    people = {
        key: display[root[key]]
        for key, form in sorted(forms.items())
        if form.is_full_person and root[key] in display
    }
    return EntityIndex(tuple(summary for summary, _ in found), names, story_names, people)


def _assignments(
    mentions: Sequence[Mention],
    forms: Mapping[str, Form],
    root: Mapping[str, str],
    resolved: Mapping[tuple[int, str], str],
) -> dict[tuple[int, str], str]:
    return {
        (m.source, m.key): resolved.get((m.source, m.key), root[m.key]) for m in mentions if m.key in forms
    }


def _ends(key: str) -> set[str]:
    words = key.split()
    return {words[0], words[-1]} if len(words) > 1 else set()


def _resolve_short_names(forms: Mapping[str, Form], root: Mapping[str, str]) -> dict[tuple[int, str], str]:
    """(source, key) of one-word person mentions -> the full name they stand for.

    The word must be the first or last word of a full name (surname-first
    names included); a full name the same source uses wins, else the only
    one in the story; ambiguous mentions keep their own entity."""
    in_story: dict[str, set[str]] = defaultdict(set)
    in_source: dict[tuple[int, str], set[str]] = defaultdict(set)
    for key, form in forms.items():
        if not form.is_full_person:
            continue
        for word in form.end_words:
            in_story[word].add(root[key])
            for source in form.sources:
                in_source[(source, word)].add(root[key])
    resolved: dict[tuple[int, str], str] = {}
    members = Counter(root.values())
    for key, form in sorted(forms.items()):
        if len(form.words) != 1 or form.label in PLACE_LABELS or members[root[key]] > 1:
            continue
        if form.label != PERSON and form.is_acronym:
            continue  # an acronym is not the end of a name
        word = aliases.normal_word(form.words[0])
        if word not in in_story:
            continue
        for source in sorted(form.sources):
            local = in_source.get((source, word), set())
            candidates = local or in_story[word]
            if len(candidates) == 1:
                resolved[(source, key)] = next(iter(candidates))
    return resolved


def _summary(
    members: Sequence[Mention], forms: Mapping[str, Form], officials: set[str], source_ids: Sequence[str]
) -> EntitySummary:
    """The group's entry. Its name is the most complete frequent spelling; an
    official or formal state name counts as no more complete than the short
    name, so a country keeps the name readers know it by."""
    keys = Counter(m.key for m in members)
    official = {k: k in officials or forms[k].is_state_name for k in keys}
    rank = {k: min(forms[k].completeness, 1) if official[k] else forms[k].completeness for k in keys}
    best = sorted(keys, key=lambda k: (-rank[k], official[k], -keys[k], -len(k), k))[0]
    spellings = Counter(m.surface for m in members if m.key == best)
    name = sorted(spellings, key=lambda s: (-spellings[s], s.isupper(), -len(s), s))[0]
    sources = sorted({m.source for m in members})
    return EntitySummary(
        name=name,
        type=_type(members, forms, rank),
        aliases=tuple(sorted({m.surface for m in members} - {name})),
        sources=tuple(source_ids[s] for s in sources),
    )


def _type(members: Sequence[Mention], forms: Mapping[str, Form], rank: Mapping[str, int]) -> str:
    """Label vote of the group's most complete members, so a surname the
    tagger calls an organization does not outvote the full name, and an
    acronym takes its expansion's type; a formal state name votes for a
    place. With no full personal name in the group, PERSON votes count half:
    a lone word called a person once and a place once is usually a place,
    since people are named in full at least once."""
    votes: dict[str, float] = defaultdict(float)
    full_person = any(forms[m.key].is_full_person for m in members)
    top = max(rank[m.key] for m in members)
    for mention in members:
        if rank[mention.key] < top:
            continue
        label = "GPE" if forms[mention.key].is_state_name else mention.label
        weight = 0.5 if label == PERSON and not full_person else 1.0
        votes[label] += weight
    return sorted(votes, key=lambda label: (-round(votes[label], 3), _label_rank(label)))[0]


def _label_rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


@dataclass(frozen=True)
class Mention:
    """One entity mention: its source number, shown spelling, key and label."""

    source: int
    surface: str
    key: str
    label: str


def collect_mentions(
    articles: Sequence[AnalyzedArticle],
) -> tuple[list[Mention], list[tuple[str, str]], set[str]]:
    """Every usable mention, the key pairs the texts say are one entity, and
    the keys the texts call official names ("X, officially Y": Y).

    Sources not known to be English are skipped (the tagger reads English). Titles are
    stripped from people's names, and from any other mention whose remainder
    is a person's name elsewhere in the story."""
    raw: list[Mention] = []
    links: list[tuple[str, str]] = []
    officials: set[str] = set()
    openers: set[int] = set()  # raw mentions that open their sentence
    lowercase: set[str] = set()  # words the story writes in lower case
    for source, analyzed in enumerate(articles):
        if not analyzed.article.in_english():
            continue
        for sentence in analyzed.sentences:
            found = _sentence_mentions(source, sentence)
            openers.update(len(raw) + n for n, (_, start, _) in enumerate(found) if start == 0)
            raw.extend(mention for mention, _, _ in found)
            lowercase.update(_LOWER_WORD.findall(sentence.text))
            for first, second, official in _stated_links(sentence, found):
                links.append((first, second))
                if official:
                    officials.add(second)
    person_keys = {m.key for m in raw if m.label == PERSON}
    mentions = []
    for number, mention in enumerate(raw):
        if number in openers and mention.label == PERSON:
            mention = _without_opening_noun(mention, lowercase, person_keys)
        bare = strip_titles(mention.surface)
        if bare != mention.surface and (mention.label == PERSON or entity_key(bare) in person_keys):
            mention = Mention(mention.source, bare, entity_key(bare), mention.label)
        mentions.append(mention)
    return mentions, links, officials


def _without_opening_noun(mention: Mention, lowercase: set[str], person_keys: set[str]) -> Mention:
    """ "Comedian Ana Costa will host ...": a word capitalised only because it opens
    the sentence (the story writes it in lower case elsewhere) is not part of a
    name that the story gives in full without it."""
    first, _, rest = mention.surface.partition(" ")
    if first.lower() not in lowercase or len(rest.split()) < 2 or entity_key(rest) not in person_keys:
        return mention
    return Mention(mention.source, rest, entity_key(rest), mention.label)


def _sentence_mentions(source: int, sentence: Sentence) -> list[tuple[Mention, int, int]]:
    """Mentions of one sentence with their offsets, junk and portfolios left out;
    an acronym the sentence defines counts as a mention even if untagged."""
    text = sentence.text
    found: list[tuple[Mention, int, int]] = []
    starts = {entity.start for entity in sentence.entities}
    for entity in sentence.entities:
        written, start, end = entity.text, entity.start, entity.end
        if 0 <= start < end <= len(text):
            tail = aliases.extend_hyphenated(text, end)
            written, end = text[start : end + len(tail)], end + len(tail)
        surface = aliases.clean_surface(written, at_sentence_start=start == 0)
        if aliases.is_junk(surface) or (
            end > 0 and entity.label not in {PERSON, "GPE"} and aliases.is_portfolio(text, end)
        ):
            continue
        found.append((Mention(source, surface, entity_key(surface), entity.label), start, end))
        acronym = aliases.defined_acronym(text, end) if end > 0 else None
        if acronym:
            at = text.index(acronym, end)
            if at not in starts:
                found.append(
                    (Mention(source, acronym, entity_key(acronym), entity.label), at, at + len(acronym))
                )
    return found


def _stated_links(
    sentence: Sentence, found: Sequence[tuple[Mention, int, int]]
) -> list[tuple[str, str, bool]]:
    """Key pairs the sentence itself equates: "Y (ACRONYM)", "X, officially
    Y" and "Y, the official name of X" (true when the second of the pair is an
    official name)."""
    links = []
    text = sentence.text
    for (first, _, end), (second, start, _) in pairwise(found):
        if end < 0 or start < end:
            continue
        between = text[end:start]
        if aliases.says_officially(between):
            links.append((first.key, second.key, True))
        elif aliases.names_official_of(between):
            links.append((second.key, first.key, True))
        elif between.strip() == "(" and aliases.defined_acronym(text, end) == second.surface:
            links.append((first.key, second.key, False))
    return links


def story_forms(mentions: Sequence[Mention]) -> dict[str, Form]:
    """Mentions grouped by key into forms; forms that are only the adjective of
    a story place ("Examplian") or a word that only opens longer place names
    ("North" beside "North Examplia") are dropped as fragments."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    sources: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        spellings[mention.key][mention.surface] += 1
        labels[mention.key][mention.label] += 1
        sources[mention.key].add(mention.source)
    forms: dict[str, Form] = {}
    for key in sorted(spellings):
        counts = spellings[key]
        top = sorted(counts, key=lambda s: (-counts[s], s))[0]
        ends = set()
        for spelling in counts:
            words = spelling.split()
            ends.update({aliases.normal_word(words[0]), aliases.normal_word(words[-1])})
        label = sorted(labels[key], key=lambda name: (-labels[key][name], _label_rank(name)))[0]
        forms[key] = Form(
            key, label, tuple(top.split()), frozenset(ends), frozenset(sources[key]), sum(counts.values())
        )
    places = [form for form in forms.values() if form.label in PLACE_LABELS]
    place_words = {form.words[-1] for form in places} | {" ".join(form.words) for form in places}
    openers = {aliases.normal_word(form.words[0]) for form in places if len(form.words) > 1}
    for key, form in list(forms.items()):
        if len(form.words) != 1 or form.label == PERSON:
            continue
        word = form.words[0]
        if aliases.is_demonym(word, place_words) or (
            form.label not in {"GPE"} and aliases.normal_word(word) in openers
        ):
            del forms[key]
    return forms
