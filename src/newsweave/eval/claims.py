"""Claim alignment against ECB+ event coreference: do a brief's agreements link
sentences that report the same event, and keep apart look-alike events?

Gold. ECB+ lists, per document, the sentences its annotators marked with
mentions of the topic's seminal event (`ECBplus_coreference_sentences.csv`).
Each topic holds two look-alike events (sub-corpora `ecb` and `ecbplus`: two
celebrities entering rehab). Two annotated sentences of different documents
of one topic form a labelled pair: positive when both documents report the
same event, negative when they report the topic's two events. This is an
approximation of mention-level coreference: two annotated sentences of one
event need not state the same claim, they only report the same event.

What is scored. Only pairs of annotated sentences count. A predicted link
that touches an unannotated sentence is neither right nor wrong (ECB+
annotated a selection of sentences, and the others may well corefer); it is
counted apart as `ignored`. An annotated headline is left out of the gold: a
brief aligns body sentences, never titles.

Systems. newsweave is run as a brief runs it (`pipeline.prepare`, then
`pipeline.compose` on a story): its agreements (`Brief.consensus`, at most
`MAX_CONSENSUS` per brief) link every two cited sentences of one item; the
claim groups behind them (`align.align`, every group of two or more voices,
uncapped) are scored too. Each topic is composed twice: as one story of both
events (where cross-event links can be made, so precision means something),
and as one story per event, as a perfect clusterer would file it (recall
only: every annotated pair there is positive). The baselines score every
labelled pair alone: the best cosine between the two lines' sentence vectors
(the same MiniLM vectors the brief aligns), and the Jaccard overlap of their
content words (spaCy's stop words and reporting verbs left out); their
thresholds are chosen on the dev half only.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from newsweave.align import align
from newsweave.analyze import Models
from newsweave.analyze.entities import link_entities
from newsweave.analyze.timerefs import with_times
from newsweave.compose.brief import source_ids
from newsweave.compose.concepts import FUNCTION_WORDS
from newsweave.config import Config
from newsweave.group import find_copies, voices
from newsweave.models import Brief, DecodedDoc, PageMeta, Story
from newsweave.pipeline import Prepared, compose, prepare

TOPICS = range(1, 31)
"""ECB+ topics 1-30 are read; 31-45 are held out and never read."""
ECBPLUS = "ecbplus"
ECB = "ecb"

Unit = tuple[str, int]
"""An annotated sentence: document id and its 1-based line in the document's text."""
Pair = tuple[Unit, Unit]
_CONTENT_WORD = re.compile(r"[a-z0-9]+")
THRESHOLDS = tuple(round(step / 100, 2) for step in range(101))
"""The thresholds a baseline is tried at: 0 to 1 in steps of 0.01."""


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence: ECB+ sentence number and the line it is in the text."""

    topic: int
    event: str
    doc: str
    sentence: int
    line: int


@dataclass(frozen=True)
class Doc:
    """One document of a topic, its text one sentence a line."""

    id: str
    topic: int
    event: str
    text: str
    title: str | None = None


@dataclass
class Score:
    """Counts over labelled pairs; `ignored` links touched an unannotated sentence."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.ignored += other.ignored


@dataclass(frozen=True)
class TopicRun:
    """What every system linked in one topic, and each labelled pair's baseline scores."""

    labels: dict[Pair, bool]
    links: dict[str, frozenset[Pair]]
    cosine: dict[Pair, float] = field(default_factory=dict)
    jaccard: dict[Pair, float] = field(default_factory=dict)
    texts: dict[Unit, str] = field(default_factory=dict)


def event_of(file: str) -> str:
    return ECBPLUS if file.endswith(ECBPLUS) else ECB


def gold_line(file: str, sentence: int, lines: Sequence[str], title: str | None) -> int | None:
    """The 1-based text line of ECB+ sentence `sentence` of `file`, or None for a headline.

    ECB+ numbers an `ecb` file's sentences from 0 at its first line; an `ecbplus`
    file's sentence 0 is its URL, absent from the text, so sentence s is line s.
    """
    line = sentence if event_of(file) == ECBPLUS else sentence + 1
    if not 1 <= line <= len(lines):
        raise ValueError(f"sentence {sentence} of {file} is past its {len(lines)} lines")
    if event_of(file) == ECBPLUS and line == 1 and title is not None and lines[0].strip() == title.strip():
        return None
    return line


def build_gold(index: Iterable[tuple[int, str, int]], docs: Mapping[str, Doc]) -> list[GoldSentence]:
    """Gold sentences of ECB+'s (topic, file, sentence) index rows, topics 1-30 only."""
    gold = []
    for topic, file, sentence in index:
        if topic not in TOPICS:
            continue
        doc = docs[f"{topic}_{file}"]
        line = gold_line(file, sentence, doc.text.splitlines(), doc.title)
        if line is not None:
            gold.append(GoldSentence(topic, event_of(file), doc.id, sentence, line))
    return sorted(gold, key=lambda g: (g.topic, g.doc, g.line))


def write_gold(path: Path, gold: Sequence[GoldSentence]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["topic", "event", "doc", "sentence", "line"])
        out.writerows((g.topic, g.event, g.doc, g.sentence, g.line) for g in gold)


def read_gold(path: Path) -> list[GoldSentence]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        GoldSentence(int(r["topic"]), r["event"], r["doc"], int(r["sentence"]), int(r["line"]))
        for r in rows
        if int(r["topic"]) in TOPICS
    ]


def labelled_pairs(gold: Sequence[GoldSentence]) -> dict[Pair, bool]:
    """Every two annotated sentences of different documents of one topic: True when
    both documents report the same event."""
    labels: dict[Pair, bool] = {}
    by_topic: dict[int, list[GoldSentence]] = {}
    for g in gold:
        by_topic.setdefault(g.topic, []).append(g)
    for members in by_topic.values():
        for a, b in itertools.combinations(members, 2):
            if a.doc != b.doc:
                labels[pair((a.doc, a.line), (b.doc, b.line))] = a.event == b.event
    return labels


def pair(a: Unit, b: Unit) -> Pair:
    return (a, b) if a <= b else (b, a)


def score(predicted: Iterable[Pair], labels: Mapping[Pair, bool]) -> Score:
    """Links among annotated sentences against the labelled pairs; other links are `ignored`."""
    result = Score()
    found = set()
    for link in set(predicted):
        if link not in labels:
            result.ignored += 1
        elif labels[link]:
            found.add(link)
        else:
            result.fp += 1
    result.tp = len(found)
    result.fn = sum(1 for link, same in labels.items() if same and link not in found)
    return result


def threshold_score(values: Mapping[Pair, float], labels: Mapping[Pair, bool], at: float) -> Score:
    return score((p for p, v in values.items() if v >= at), labels)


def best_threshold(values: Mapping[Pair, float], labels: Mapping[Pair, bool]) -> float:
    """The threshold, in steps of 0.01, with the best F1 (the lowest on a tie)."""
    return max(THRESHOLDS, key=lambda at: (round(threshold_score(values, labels, at).f1, 6), -at))


def threshold_at_precision(
    values: Mapping[Pair, float], labels: Mapping[Pair, bool], precision: float
) -> float:
    """The lowest threshold, in steps of 0.01, whose precision reaches `precision` (1.0
    when none does): a baseline compared at the precision of the system it stands beside,
    so their recalls can be read against each other."""
    return next((at for at in THRESHOLDS if threshold_score(values, labels, at).precision >= precision), 1.0)


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _CONTENT_WORD.findall(text.lower()) if w not in FUNCTION_WORDS)


def jaccard(a: str, b: str) -> float:
    left, right = content_words(a), content_words(b)
    return len(left & right) / len(left | right) if left | right else 0.0


def brief_links(brief: Brief, docs: Sequence[Doc]) -> set[Pair]:
    """Every two cited sentences of different sources in one agreement."""
    doc_of = dict(zip(source_ids(len(docs)), (d.id for d in docs), strict=True))
    links: set[Pair] = set()
    for item in brief.consensus:
        cited = {(doc_of[c.source], c.line) for c in item.cite}
        links.update(pair(a, b) for a, b in itertools.combinations(sorted(cited), 2) if a[0] != b[0])
    return links


def group_links(prepared: Prepared, members: Sequence[int], docs: Sequence[Doc]) -> set[Pair]:
    """Every two sentences in a claim group of two or more voices, uncapped."""
    analyzed = [with_times(prepared.analyzed[i]) for i in members]
    ids = source_ids(len(members))
    voice = voices(find_copies([a.article for a in analyzed]))
    vectors = [prepared.sentence_vectors[i] for i in members]
    alignment = align(ids, analyzed, vectors, link_entities(ids, analyzed), voice)
    links: set[Pair] = set()
    for group in alignment.groups:
        if group.voices < 2:
            continue
        units = sorted({(docs[s].id, analyzed[s].sentences[k].line) for s, k in group.members})
        links.update(pair(a, b) for a, b in itertools.combinations(units, 2) if a[0] != b[0])
    return links


class PreparedTopic(NamedTuple):
    """A topic's documents as read, prepared once, and the numbers of all of them and of
    each event's (the events with no document left out)."""

    decoded: list[DecodedDoc]
    prepared: Prepared
    everyone: tuple[int, ...]
    events: list[tuple[int, ...]]


def prepare_topic(docs: Sequence[Doc], models: Models, config: Config) -> PreparedTopic:
    decoded = [
        DecodedDoc(d.id, "utf-8", tuple(d.text.splitlines()), meta=PageMeta(title=d.title)) for d in docs
    ]
    prepared = prepare(decoded, models, max_sentences=config.max_article_sentences)
    everyone = tuple(range(len(docs)))
    events = [tuple(i for i in everyone if docs[i].event == e) for e in (ECB, ECBPLUS)]
    return PreparedTopic(decoded, prepared, everyone, [e for e in events if e])


def run_topic(docs: Sequence[Doc], gold: Sequence[GoldSentence], models: Models, config: Config) -> TopicRun:
    """One topic: its documents prepared once, composed as one story and as one per event."""
    labels = labelled_pairs(gold)
    decoded, prepared, everyone, events = prepare_topic(docs, models, config)
    pooled = compose(prepared, [Story(everyone)], config)[0]
    apart = compose(prepared, [Story(e) for e in events], config)
    links = {
        "brief:topic": frozenset(brief_links(pooled, docs)),
        "brief:events": frozenset(
            link for e, b in zip(events, apart, strict=True) for link in brief_links(b, [docs[i] for i in e])
        ),
        "groups:topic": frozenset(group_links(prepared, everyone, docs)),
        "groups:events": frozenset(
            link for e in events for link in group_links(prepared, e, [docs[i] for i in e])
        ),
    }
    position = {d.id: i for i, d in enumerate(docs)}
    text = {(g.doc, g.line): decoded[position[g.doc]].lines[g.line - 1] for g in gold}
    rows: dict[Unit, np.ndarray] = {}
    for g in gold:
        i = position[g.doc]
        picked = [k for k, s in enumerate(prepared.analyzed[i].sentences) if s.line == g.line]
        rows[(g.doc, g.line)] = prepared.sentence_vectors[i][picked]
    cosine = {
        p: float((rows[p[0]] @ rows[p[1]].T).max()) if len(rows[p[0]]) and len(rows[p[1]]) else 0.0
        for p in labels
    }
    overlap = {p: jaccard(text[p[0]], text[p[1]]) for p in labels}
    return TopicRun(labels, links, cosine, overlap, text)


@dataclass(frozen=True)
class Row:
    """One system on one half: scores with both events in one story, and recall
    with one story per event (`None` for a baseline, which scores pairs alone)."""

    system: str
    half: str
    topic: Score
    events_recall: float | None
    threshold: float | None = None


def half_of(topic: int) -> str:
    """Odd topics are the dev half (thresholds chosen there), even ones are held out."""
    return "dev" if topic % 2 else "held-out"


def _merged(runs: Mapping[int, TopicRun], half: str, attribute: str) -> dict[Pair, float]:
    merged: dict[Pair, float] = {}
    for topic, run in runs.items():
        if half_of(topic) == half:
            merged.update(getattr(run, attribute))
    return merged


def evaluate(runs: Mapping[int, TopicRun]) -> list[Row]:
    """Rows for every system and half. Each baseline's threshold comes from the dev
    half twice: the one with its best F1, and the lowest that reaches the precision of
    newsweave's agreements on the dev half (their recalls are then comparable)."""
    rows: list[Row] = []
    halves = ("dev", "held-out")
    labels = {
        h: {p: s for t, r in runs.items() if half_of(t) == h for p, s in r.labels.items()} for h in halves
    }
    for system, name in (("brief", "newsweave agreements"), ("groups", "newsweave claim groups")):
        for h in halves:
            topic, events = Score(), Score()
            for t, run in runs.items():
                if half_of(t) == h:
                    topic.add(score(run.links[f"{system}:topic"], run.labels))
                    events.add(score(run.links[f"{system}:events"], run.labels))
            rows.append(Row(name, h, topic, events.recall))
    ours = next(row.topic.precision for row in rows if row.half == "dev")  # agreements, dev half
    for attribute, name in (("cosine", "cosine (MiniLM)"), ("jaccard", "content-word Jaccard")):
        dev = _merged(runs, "dev", attribute)
        for label, at in (
            ("best F1", best_threshold(dev, labels["dev"])),
            ("newsweave's precision", threshold_at_precision(dev, labels["dev"], ours)),
        ):
            for h in halves:
                found = threshold_score(_merged(runs, h, attribute), labels[h], at)
                rows.append(Row(f"{name}, {label}", h, found, None, at))
    return rows


def one_to_one_ceiling(labels: Mapping[Pair, bool]) -> float:
    """The best recall a one-to-one matching per document pair can reach (a
    sentence links to at most one sentence of each other source)."""
    sides: dict[tuple[str, str], tuple[set[Unit], set[Unit]]] = {}
    for (a, b), same in labels.items():
        if same:
            left, right = sides.setdefault((a[0], b[0]), (set(), set()))
            left.add(a)
            right.add(b)
    total = sum(1 for same in labels.values() if same)
    return sum(min(len(a), len(b)) for a, b in sides.values()) / total if total else 0.0
