"""`newsweave eval summaries`: ROUGE of newsweave's summaries beside baselines and official peers.

Every system fills the same word budget and every summary, references
included, is cut to its first N words before scoring (`rouge.py`), so a
longer output never buys recall. The clusters come from one of two layouts
(`layouts.py`, `duc.py`); each cluster's systems are:

* newsweave: the real pipeline over the cluster's folder, told that the
  folder is one story (`one_story`: the cluster is given, so grouping is
  not what is measured here), with `--words N`: its summary is exactly
  what `newsweave brief DIR --one-story --words N` prints, never past the
  budget. The baselines take whole sentences until they pass N words and
  are cut there, as NIST cut every submission.
* Lead, Lead-newest, LexRank, TextRank (`baselines.py`): over the cleaned
  body lines of the same documents, read as the pipeline reads the folder,
  in file-name order. Lead-newest needs each document's date: the date it
  states (DUC's `<DATE_TIME>`), else the publication date the pipeline
  settled for it, else a date in its file name (`APW20310101.0042`).
* the official peers of the DUC layout, as NIST's files hold them.

Scores are ROUGE-1, ROUGE-2 and ROUGE-SU4 as ROUGE-1.5.5 computes them
(stemmed, references pooled, jackknifed); the tables show the mean over
clusters. Wall times of newsweave's brief and of LexRank (read, clean,
rank) are kept per cluster, with the models loaded once before the loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.errors import NoArticlesError, UserError
from newsweave.eval.baselines import BASELINES, document_sentences, newest_lead
from newsweave.eval.duc import find_duc_clusters, read_nist_averages
from newsweave.eval.layouts import Cluster, SummaryDataError, find_clusters
from newsweave.eval.rouge import MEASURES, Score, grams, jackknife, mean_score, truncate
from newsweave.models import Brief
from newsweave.pipeline import read_inputs, run
from newsweave.vocabulary import Role

DEFAULT_WORDS = 100
DUC_WORDS = 250
NEWSWEAVE = "newsweave"
LEXRANK = "LexRank"
LEAD_NEWEST = "Lead-newest"
BASELINE_NAMES = ("Lead", LEAD_NEWEST, LEXRANK, "TextRank")
SYSTEMS = (NEWSWEAVE, *BASELINE_NAMES)
TIMED = (NEWSWEAVE, LEXRANK)
OURS, BASELINE, PEER, HUMAN = "newsweave", "baseline", "peer", "human"
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")

Progress = Callable[[int, int, str], None]
"""Told (clusters done, clusters in all, the cluster starting now) before each cluster and at the end."""


@dataclass(frozen=True)
class ClusterResult:
    """One cluster's scores; `outputs` are our systems' scored texts (peers' are in their files),
    `stories` is how many stories the pipeline split it into, `seconds` the timed systems' wall times."""

    name: str
    stories: int
    outputs: Mapping[str, str]
    scores: Mapping[str, Mapping[str, Score]]
    seconds: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class SummaryEvaluation:
    """Every scored cluster, what was skipped, each system's kind (newsweave, baseline, peer,
    human) in listing order, and NIST's own averages by system name when given."""

    words: int
    clusters: tuple[ClusterResult, ...]
    skipped: tuple[str, ...]
    kinds: Mapping[str, str]
    nist: Mapping[str, float] | None = None

    def recalls(self, system: str, measure: str) -> list[float]:
        """The system's recall per cluster, over the clusters it has a summary for."""
        return [c.scores[system][measure].recall for c in self.clusters if system in c.scores]

    def mean(self, system: str, measure: str) -> Score:
        """The mean over clusters of one system's score on one measure."""
        return mean_score([c.scores[system][measure] for c in self.clusters if system in c.scores])

    def differences(self, system: str, other: str, measure: str) -> list[float]:
        """Per-cluster recall of `system` minus `other`, over clusters both have."""
        return [
            c.scores[system][measure].recall - c.scores[other][measure].recall
            for c in self.clusters
            if system in c.scores and other in c.scores
        ]

    def empty(self, system: str = NEWSWEAVE) -> list[str]:
        """The clusters where the system's summary was empty."""
        return [c.name for c in self.clusters if not c.outputs.get(system, "").strip()]


def peer_name(summarizer: str, human: bool) -> str:
    """How an official summarizer is listed: `peer 24` for a system, `human A` for a person."""
    return f"{'human' if human else 'peer'} {summarizer}"


def newsweave_summary(briefs: Sequence[Brief]) -> str:
    """The largest story's summary, then the other stories' summaries, largest first."""
    order = sorted(range(len(briefs)), key=lambda i: (-len(briefs[i].sources), i))
    return " ".join(item.text for i in order for item in briefs[i].summary)


def published_dates(briefs: Sequence[Brief]) -> dict[str, str]:
    """The publication date the pipeline settled for each source, by the source's path."""
    return {
        source.article.path: source.article.published.date
        for brief in briefs
        for source in brief.sources
        if source.article.published is not None
    }


def document_date(path: str, published: Mapping[str, str], declared: str | None) -> str | None:
    """A document's ISO date: as it states it (the page's declared date, DUC's `<DATE_TIME>`),
    else as the pipeline settled it, else from a date in its file name (`NYT20310612.0403`
    -> 2031-06-12). The stated date comes first because it is what NIST's baseline went by,
    while the pipeline's date is inferred from the text and can stray from it (a "For
    release Sunday, Nov. 7" line in a 1999 article resolved to 2004)."""
    for value in (declared, published.get(path)):
        match = _ISO_DATE.search(value or "")
        if match:
            return match.group()
    named = _NAME_DATE.search(Path(path).name)
    return "-".join(named.groups()) if named else None


@dataclass(frozen=True)
class BaselineRun:
    outputs: dict[str, str]
    lexrank_seconds: float


def baseline_summaries(
    folder: Path, config: Config, models: Models, published: Mapping[str, str] | None = None
) -> BaselineRun:
    """The baselines over the cleaned body text of the articles in `folder`, at `config.words`.

    The folder is read as the pipeline reads it (`read_inputs`), so the
    baselines see the same articles; `published` are the pipeline's dates for
    Lead-newest. LexRank's time covers reading, cleaning and ranking.
    """
    start = perf_counter()
    inputs = read_inputs([str(folder)], config)
    decoded = [item.doc for item in inputs.loaded]
    articles = clean_corpus(decoded, models.nlp.is_organization)
    bodies = ["\n".join(line.content for line in a.lines if line.role == Role.BODY) for a in articles]
    documents = document_sentences(bodies)
    shared = perf_counter() - start
    outputs: dict[str, str] = {}
    lexrank_seconds = shared
    for name, summarize in BASELINES.items():
        began = perf_counter()
        outputs[name] = " ".join(summarize(documents, config.words))
        if name == LEXRANK:
            lexrank_seconds += perf_counter() - began
    dates = [document_date(doc.path, published or {}, doc.meta.date) for doc in decoded]
    own_sentences = [document_sentences([body])[0] for body in bodies]
    outputs[LEAD_NEWEST] = " ".join(newest_lead(own_sentences, dates, config.words))
    return BaselineRun({name: outputs[name] for name in BASELINE_NAMES}, lexrank_seconds)


def score_cluster(cluster: Cluster, config: Config, models: Models, humans: frozenset[str]) -> ClusterResult:
    """Run our systems on one cluster and score them and its peers against its references."""
    words = config.words
    started = perf_counter()
    briefs = run([str(cluster.folder)], config, models, one_story=True).briefs
    newsweave_seconds = perf_counter() - started
    baselines = baseline_summaries(cluster.folder, config, models, published_dates(briefs))
    outputs = {NEWSWEAVE: newsweave_summary(briefs), **baselines.outputs}
    outputs = {system: truncate(text, words) for system, text in outputs.items()}
    refs = {ref.id: grams(ref.text, words) for ref in cluster.refs}
    scores = {system: jackknife(grams(text), refs) for system, text in outputs.items()}
    for peer in cluster.peers:
        name = peer_name(peer.id, peer.id in humans)
        scores[name] = jackknife(grams(peer.text, words), refs, own=peer.id)
    seconds = {NEWSWEAVE: newsweave_seconds, LEXRANK: baselines.lexrank_seconds}
    return ClusterResult(cluster.name, len(briefs), outputs, scores, seconds)


def warm_up(folder: Path, config: Config, models: Models) -> None:
    """One untimed pipeline run over the smallest file of `folder`, so the first cluster's time
    is not the models' loading time (spaCy, MiniLM, the language identifier and the date
    parser all load on first use); one file loads them all at a fraction of a cluster's cost."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.name.startswith(".")]
    if not files:
        return
    smallest = min(files, key=lambda path: (path.stat().st_size, str(path)))
    with suppress(UserError):  # an unreadable file: its cluster reports it when its turn comes
        run([str(smallest)], config, models, one_story=True)


def system_kinds(clusters: Sequence[Cluster], humans: frozenset[str]) -> dict[str, str]:
    """Every system in listing order: newsweave, the baselines, official systems, then humans."""
    kinds = {NEWSWEAVE: OURS, **dict.fromkeys(BASELINE_NAMES, BASELINE)}
    peers = {peer.id for cluster in clusters for peer in cluster.peers}
    numbered = sorted((p for p in peers if p not in humans), key=lambda p: (not p.isdigit(), p.zfill(8)))
    kinds |= {peer_name(p, False): PEER for p in numbered}
    kinds |= {peer_name(p, True): HUMAN for p in sorted(peers & humans)}
    return kinds


def evaluate_summaries(
    path: Path,
    config: Config,
    models: Models,
    refs: Path | None = None,
    peers: Path | None = None,
    nist_avg: Path | None = None,
    progress: Progress | None = None,
) -> SummaryEvaluation:
    """Score newsweave, the baselines and any official peers on every usable cluster, at `config.words`.

    Without `refs`, `path` is the folder layout; with it, the DUC layout
    (`peers` and `nist_avg` optional). Layout and NIST file problems are
    raised before the first cluster runs. A cluster in which the pipeline
    finds no readable article is skipped with its reason.
    """
    if refs is None and (peers is not None or nist_avg is not None):
        raise SummaryDataError("--peers and --nist-avg need --refs (the DUC layout)", hint="")
    nist = read_nist_averages(nist_avg) if nist_avg is not None else None
    clusters, skipped = find_duc_clusters(path, refs, peers) if refs is not None else find_clusters(path)
    humans = frozenset(ref.id for cluster in clusters for ref in cluster.refs)
    if progress is not None:
        progress(0, len(clusters), "loading models")
    warm_up(clusters[0].folder, config, models)
    results: list[ClusterResult] = []
    for done, cluster in enumerate(clusters):
        if progress is not None:
            progress(done, len(clusters), cluster.name)
        try:
            results.append(score_cluster(cluster, config, models, humans))
        except NoArticlesError as error:
            skipped.append(f"cluster {cluster.name}: {error}")
    if progress is not None:
        progress(len(clusters), len(clusters), "")
    if not results:
        raise SummaryDataError(f"no cluster could be scored ({'; '.join(skipped[:3])})", hint="")
    scored = {system for result in results for system in result.scores}
    kinds = {system: kind for system, kind in system_kinds(clusters, humans).items() if system in scored}
    by_name = None
    if nist is not None:
        by_name = {peer_name(p, p in humans): score for p, score in nist.items()}
    return SummaryEvaluation(config.words, tuple(results), tuple(skipped), kinds, by_name)


__all__ = [
    "DEFAULT_WORDS",
    "DUC_WORDS",
    "MEASURES",
    "SYSTEMS",
    "ClusterResult",
    "SummaryDataError",
    "SummaryEvaluation",
    "baseline_summaries",
    "evaluate_summaries",
    "find_clusters",
    "newsweave_summary",
    "truncate",
]
