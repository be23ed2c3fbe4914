"""Syndicated copies and near-duplicates: which articles are one voice.

A wire story reprinted by many sites, a truncated excerpt of it, or a
lightly reworded copy on a content farm adds no independent confirmation, so
consensus counts each such family once (`voices`). Detection runs in two
steps, so ten thousand articles take seconds:

1. Candidates. MinHash LSH (datasketch, fixed seed) over word shingles
   finds near-duplicates; a second, looser LSH over content-word sets finds
   light rewrites, whose shingles are broken; an index of exact sentence
   fingerprints finds excerpts of any length (a fingerprint shared by more
   than `MAX_POSTINGS` articles is boilerplate and ignored).
2. Verification, exact, on each candidate pair, in this order of names:
   "near-duplicate" when shingle Jaccard >= `NEAR_DUPLICATE`; "partial copy"
   when at least `CONTAINMENT` of the shorter text's words are in sentences
   the longer one has word for word; "light rewrite" when sentences making
   up at least `REWRITE_COVERAGE` of the shorter text each match a sentence
   of the longer one with content-word Jaccard >= `SENTENCE_MATCH`; else
   "partial copy" when at least `CONTAINMENT` of the shorter text's
   shingles are in the longer one (a copy whose sentences were all touched,
   by a glued-in token say, but whose wording survives).

Quoted speech is never compared (see `shingles`): two reporters at one press
conference share the quotes, not their own sentences. A text with fewer than
`MIN_WORDS` own words or `MIN_SENTENCES` usable sentences is never linked,
so an empty or headline-only article cannot become anybody's copy.

Verified pairs join families; each family's original is chosen by
`original_key` and every other member links to its neighbour one step closer
to the original along verified pairs (usually the original itself), with
that pair's similarity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsweave.group.shingles import CopyText, copy_text, minhash_values, stable_hash
from newsweave.models import Article
from newsweave.vocabulary import FlagKind

NEAR_DUPLICATE = 0.7
CONTAINMENT = 0.6
REWRITE_COVERAGE = 0.6
SENTENCE_MATCH = 0.6
LSH_THRESHOLD = 0.5
VOCABULARY_LSH_THRESHOLD = 0.35
MIN_WORDS = 20
MIN_SENTENCES = 2
MIN_SHARED_SENTENCES = 2
MAX_POSTINGS = 50
NUM_PERM = 128
SEED = 1
CREDIBLE = 0.5
NOT_CREDIBLE = frozenset({FlagKind.DATE_MISMATCH, FlagKind.CONTENT_FARM})

# Generic credits a syndicated or wire text carries; no agency is named.
_CREDITS = (
    re.compile(r"^[A-Z][A-Z .,'\u2019-]{1,40}\([A-Za-z][\w .&/-]{0,30}\)\s*[\u2014\u2013-]"),
    re.compile(r"\bcontributed (?:to )?(?:this )?report(?:ing)?\b", re.IGNORECASE),
    re.compile(
        r"\b(?:story|article|report) (?:was|is) (?:first|originally) (?:published|posted)", re.IGNORECASE
    ),
    re.compile(r"\b(?:first|originally) (?:appeared|published) (?:on|in|at|by)\b", re.IGNORECASE),
    re.compile(r"^\s*(?:source|via)\s*:\s*\S", re.IGNORECASE),
    re.compile(r"\b(?:reporting|writing) by [A-Z]"),
)


@dataclass(frozen=True)
class CopyLink:
    """This article copies `original` (an index into the input), and how closely."""

    original: int
    similarity: float
    how: str


@dataclass(frozen=True)
class _Pair:
    similarity: float
    how: str


def find_copies(articles: Sequence[Article]) -> tuple[CopyLink | None, ...]:
    """One entry per article: the link to the article it copies, or None."""
    texts = [copy_text(article) for article in articles]
    usable = [i for i, text in enumerate(texts) if _usable(text)]
    edges: dict[tuple[int, int], _Pair] = {}
    for a, b in sorted(_candidates(texts, usable)):
        pair = compare(texts[a], texts[b])
        if pair is not None:
            edges[(a, b)] = pair
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    links: list[CopyLink | None] = [None] * len(articles)
    for family in _families(edges):
        _link_family(family, edges, neighbours, articles, texts, links)
    return tuple(links)


def voices(links: Sequence[CopyLink | None]) -> list[int]:
    """Per article, the index of the family original it resolves to (itself when no copy)."""
    roots: list[int] = []
    for index in range(len(links)):
        seen = {index}
        current = index
        link = links[current]
        while link is not None and link.original not in seen:
            current = link.original
            seen.add(current)
            link = links[current]
        roots.append(current)
    return roots


@dataclass(frozen=True)
class Overlap:
    """The three measures a pair is judged on (see the module docstring)."""

    jaccard: float
    containment: float
    sentences: float
    coverage: float


def overlap(a: CopyText, b: CopyText) -> Overlap:
    """Shingle Jaccard; the shorter text's shingle and sentence containment; its rewrite coverage."""
    union = len(a.shingles | b.shingles)
    shared = len(a.shingles & b.shingles)
    smaller = min(len(a.shingles), len(b.shingles))
    short, long = (a, b) if (a.words, a.sentences) <= (b.words, b.sentences) else (b, a)
    return Overlap(
        jaccard=shared / union if union else 0.0,
        containment=shared / smaller if smaller else 0.0,
        sentences=_sentence_containment(short, long),
        coverage=_rewrite_coverage(short, long),
    )


def compare(a: CopyText, b: CopyText) -> _Pair | None:
    """How `a` and `b` are copies of each other, or None when they are not."""
    if not (_usable(a) and _usable(b)):
        return None
    shared = len(a.shingles & b.shingles)
    union = len(a.shingles) + len(b.shingles) - shared
    jaccard = shared / union if union else 0.0
    if jaccard >= NEAR_DUPLICATE:
        return _Pair(round(jaccard, 3), "near-duplicate")
    short, long = (a, b) if (a.words, a.sentences) <= (b.words, b.sentences) else (b, a)
    containment = shared / max(min(len(a.shingles), len(b.shingles)), 1)
    sentences = _sentence_containment(short, long)
    partial = round(max(sentences, containment), 3)
    if sentences >= CONTAINMENT:
        return _Pair(partial, "partial copy")
    coverage = _rewrite_coverage(short, long)
    if coverage >= REWRITE_COVERAGE:
        return _Pair(round(coverage, 3), "light rewrite")
    if containment >= CONTAINMENT:
        return _Pair(partial, "partial copy")
    return None


def original_key(article: Article, text: CopyText, index: int) -> tuple[int, int, str, int, int, int]:
    """Sort key of a family member; the smallest is the original.

    In order: content-farm articles last (they copy, they are not copied);
    a credible date (publication date with confidence >= 0.5 on an article
    with no `date_mismatch` or `content_farm` flag) before none, earlier
    before later, a less precise date after the precise days it covers; then
    the most complete text (more body words); then a wire credit in the text
    (a "CITY (AGENCY) -" dateline, "contributed reporting", "first published
    by", "Source:"); then input order.
    """
    kinds = {flag.kind for flag in article.flags}
    published = article.published
    credible = published is not None and published.confidence >= CREDIBLE and not kinds & NOT_CREDIBLE
    date = (published.date + "-~~-~~")[:10] if credible and published is not None else ""
    return (
        int(FlagKind.CONTENT_FARM in kinds),
        0 if credible else 1,
        date,
        -text.body_words,
        0 if has_wire_credit(article) else 1,
        index,
    )


def has_wire_credit(article: Article) -> bool:
    """Whether any line of the article (any role) credits a wire or a first publisher."""
    return any(pattern.search(line.content) for line in article.lines for pattern in _CREDITS)


def _usable(text: CopyText) -> bool:
    return text.words >= MIN_WORDS and len(text.sentences) >= MIN_SENTENCES


def _candidates(texts: Sequence[CopyText], usable: Sequence[int]) -> set[tuple[int, int]]:
    """Index pairs (smaller first) worth an exact comparison."""
    pairs: set[tuple[int, int]] = set()
    pairs |= _lsh_pairs(usable, [minhash_values(texts[i].shingles) for i in usable], LSH_THRESHOLD)
    vocabularies = [sorted(stable_hash(word) for word in texts[i].vocabulary) for i in usable]
    pairs |= _lsh_pairs(usable, vocabularies, VOCABULARY_LSH_THRESHOLD)
    pairs |= _shared_sentence_pairs(texts, usable)
    return pairs


def _lsh_pairs(ids: Sequence[int], values: Sequence[list[int]], threshold: float) -> set[tuple[int, int]]:
    """Pairs whose MinHash signatures share an LSH band (estimated Jaccard near the threshold or over)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    signatures: list[LeanMinHash] = []
    for key, hashes in zip(ids, values, strict=True):
        minhash = MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            hashfunc=_identity,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        minhash.update_batch(hashes)
        signature = LeanMinHash(minhash)
        signatures.append(signature)
        lsh.insert(key, signature)
    pairs: set[tuple[int, int]] = set()
    for key, signature in zip(ids, signatures, strict=True):
        for other in lsh.query(signature):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return pairs


def _identity(value: int) -> int:
    return value


def _shared_sentence_pairs(texts: Sequence[CopyText], usable: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs sharing at least `MIN_SHARED_SENTENCES` identical sentences that are not boilerplate."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index in usable:
        for sentence in sorted(set(texts[index].sentences)):
            postings[sentence].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTINGS:
            for pair in combinations(members, 2):
                shared[pair] += 1
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_SENTENCES}


def _sentence_containment(short: CopyText, long: CopyText) -> float:
    """Share of the shorter text's words in sentences the longer one has word for word."""
    present = set(long.sentences)
    found = sum(w for s, w in zip(short.sentences, short.weights, strict=True) if s in present)
    return found / max(sum(short.weights), 1)


def _rewrite_coverage(short: CopyText, long: CopyText) -> float:
    """Share of the shorter text's words in sentences that closely match some sentence of the longer."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for position, words in enumerate(long.content):
        for word in words:
            by_word[word].append(position)
    covered = 0
    for words, weight in zip(short.content, short.weights, strict=True):
        overlap: dict[int, int] = defaultdict(int)
        for word in words:
            for position in by_word.get(word, ()):
                overlap[position] += 1
        if any(_jaccard(n, len(words), len(long.content[p])) >= SENTENCE_MATCH for p, n in overlap.items()):
            covered += weight
    return covered / max(sum(short.weights), 1)


def _jaccard(shared: int, left: int, right: int) -> float:
    union = left + right - shared
    return shared / union if union else 0.0


def _families(edges: dict[tuple[int, int], _Pair]) -> list[list[int]]:
    """Connected groups of articles joined by verified pairs, each sorted, in order of first member."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in sorted(parent):
        groups[find(node)].append(node)
    return [groups[root] for root in sorted(groups)]


def _link_family(
    family: Sequence[int],
    edges: dict[tuple[int, int], _Pair],
    neighbours: dict[int, list[int]],
    articles: Sequence[Article],
    texts: Sequence[CopyText],
    links: list[CopyLink | None],
) -> None:
    """Link every member but the original to its best neighbour one step nearer the original."""
    original = min(family, key=lambda i: original_key(articles[i], texts[i], i))
    depth = {original: 0}
    frontier = [original]
    while frontier:
        following: list[int] = []
        for node in frontier:
            for other in sorted(neighbours[node]):
                if other not in depth:
                    depth[other] = depth[node] + 1
                    following.append(other)
        frontier = sorted(following)
    for member in family:
        if member == original:
            continue
        closer = [n for n in neighbours[member] if depth[n] == depth[member] - 1]
        best = min(closer, key=lambda n: (-_edge(edges, member, n).similarity, n))
        pair = _edge(edges, member, best)
        links[member] = CopyLink(original=best, similarity=pair.similarity, how=pair.how)


def _edge(edges: dict[tuple[int, int], _Pair], a: int, b: int) -> _Pair:
    return edges[(min(a, b), max(a, b))]
