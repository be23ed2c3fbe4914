"""`newsweave eval summaries DIR`: ROUGE of newsweave's summaries against classic baselines.

DIR holds one folder per story cluster: `CLUSTER/docs/*.txt` (the articles)
and `CLUSTER/refs/*.txt` (human reference summaries). Every system fills the
same word budget and is cut to its first N words before scoring, so a longer
output never buys recall.

* newsweave: the real pipeline over `CLUSTER/docs`, told that the folder is
  one story (`one_story`: the cluster is given, so grouping is not what is
  measured here); its summary is the output. The baselines take whole
  sentences until they pass N words; newsweave, which never passes its
  budget, is asked for N + `OVERFLOW_WORDS` so both get to fill N words
  before the cut.
* Lead, LexRank, TextRank (see `baselines.py`): over the cleaned body lines
  of the same documents, in file-name order.

Scores are rouge-score's ROUGE-1, ROUGE-2 and ROUGE-L with Porter stemming;
with several references a cluster's score is the mean over them (the usual
choice for recall), and the table shows the mean over clusters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.table import Table
from rouge_score.rouge_scorer import RougeScorer

from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.errors import InputError, UserError
from newsweave.eval.baselines import BASELINES, document_sentences
from newsweave.ingest import load
from newsweave.models import BODY, Brief, RawDoc
from newsweave.pipeline import Models, run

DEFAULT_WORDS = 100
NEWSWEAVE = "newsweave"
SYSTEMS = (NEWSWEAVE, *BASELINES)
METRICS = ("rouge1", "rouge2", "rougeL")
LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L"}
SCHEMA = "newsweave.eval.summaries/1"


class SummaryDataError(UserError):
    """The evaluation folder does not have the layout `eval summaries` reads."""

    hint = "DIR needs one folder per cluster, each with docs/*.txt and refs/*.txt"


@dataclass(frozen=True)
class Cluster:
    name: str
    docs: tuple[Path, ...]
    refs: tuple[Path, ...]


@dataclass(frozen=True)
class Score:
    """Recall and F-measure of one metric, averaged as the docstring of the module says."""

    recall: float
    f: float


@dataclass(frozen=True)
class ClusterResult:
    """One cluster's scored texts; `stories` is how many stories the pipeline split it into."""

    name: str
    stories: int
    outputs: Mapping[str, str]
    scores: Mapping[str, Mapping[str, Score]]


@dataclass(frozen=True)
class SummaryEvaluation:
    words: int
    clusters: tuple[ClusterResult, ...]
    skipped: tuple[str, ...]

    def mean(self, system: str, metric: str) -> Score:
        """The mean over clusters of one system's score on one metric."""
        scores = [cluster.scores[system][metric] for cluster in self.clusters]
        return Score(
            recall=sum(s.recall for s in scores) / len(scores),
            f=sum(s.f for s in scores) / len(scores),
        )


def find_clusters(path: Path) -> tuple[list[Cluster], list[str]]:
    """The usable clusters under `path`, and a note for each folder skipped (why)."""
    if not path.is_dir():
        raise SummaryDataError(f"{path} is not a directory")
    folders = sorted(child for child in path.iterdir() if child.is_dir() and not child.name.startswith("."))
    if not folders:
        raise SummaryDataError(f"{path} holds no cluster folders")
    clusters: list[Cluster] = []
    skipped: list[str] = []
    for folder in folders:
        docs = tuple(sorted((folder / "docs").glob("*.txt")))
        refs = tuple(sorted((folder / "refs").glob("*.txt")))
        missing = [name for name, found in (("docs/*.txt", docs), ("refs/*.txt", refs)) if not found]
        if missing:
            skipped.append(f"{folder.name}: no {' and no '.join(missing)}")
        else:
            clusters.append(Cluster(folder.name, docs, refs))
    if not clusters:
        raise SummaryDataError(f"no usable cluster in {path} ({'; '.join(skipped)})")
    return clusters, skipped


OVERFLOW_WORDS = 40


def truncate(text: str, words: int) -> str:
    """The first `words` whitespace-separated words of `text`."""
    return " ".join(text.split()[:words])


def newsweave_summary(briefs: Sequence[Brief]) -> str:
    """The largest story's summary, then the other stories' summaries, largest first."""
    order = sorted(range(len(briefs)), key=lambda i: (-len(briefs[i].sources), i))
    return " ".join(item.text for i in order for item in briefs[i].summary)


def baseline_summaries(docs: Sequence[Path], words: int, models: Models) -> dict[str, str]:
    """Lead, LexRank and TextRank over the cleaned body text of `docs` (read in the order given)."""
    decoded = []
    for path in docs:
        try:
            decoded.append(load(RawDoc(str(path), path.read_bytes())))
        except (OSError, InputError):
            continue  # the pipeline reports unreadable articles; baselines just do without
    articles = clean_corpus(decoded, models.nlp.is_organization)
    bodies = ["\n".join(line.content for line in a.lines if line.role == BODY) for a in articles]
    documents = document_sentences(bodies)
    return {name: " ".join(summarize(documents, words)) for name, summarize in BASELINES.items()}


def score(candidate: str, refs: Sequence[str], scorer: RougeScorer) -> dict[str, Score]:
    """ROUGE of `candidate` against each reference, averaged over the references."""
    results = [scorer.score(ref, candidate) for ref in refs]
    return {
        metric: Score(
            recall=sum(r[metric].recall for r in results) / len(results),
            f=sum(r[metric].fmeasure for r in results) / len(results),
        )
        for metric in METRICS
    }


def evaluate_summaries(path: Path, config: Config, models: Models) -> SummaryEvaluation:
    """Score newsweave and the baselines on every usable cluster under `path` at `config.words`."""
    clusters, skipped = find_clusters(path)
    scorer = RougeScorer(list(METRICS), use_stemmer=True)
    results: list[ClusterResult] = []
    for cluster in clusters:
        refs = [ref.read_text(encoding="utf-8", errors="replace") for ref in cluster.refs]
        asked = replace(config, words=config.words + OVERFLOW_WORDS)
        briefs = run([str(cluster.docs[0].parent)], asked, models, one_story=True).briefs
        outputs = {NEWSWEAVE: newsweave_summary(briefs)}
        outputs |= baseline_summaries(cluster.docs, config.words, models)
        outputs = {system: truncate(text, config.words) for system, text in outputs.items()}
        scores = {system: score(text, refs, scorer) for system, text in outputs.items()}
        results.append(ClusterResult(cluster.name, len(briefs), outputs, scores))
    return SummaryEvaluation(config.words, tuple(results), tuple(skipped))


def render_table(evaluation: SummaryEvaluation) -> Table:
    """One row per system, recall and F per metric, means over clusters."""
    count = len(evaluation.clusters)
    clusters = f"{count} cluster{'' if count == 1 else 's'}"
    table = Table(
        title=f"ROUGE (stemmed) · {clusters} · first {evaluation.words} words",
        caption="mean over clusters; mean over references within a cluster; "
        "newsweave is given each cluster as one story",
    )
    table.add_column("system")
    for metric in METRICS:
        table.add_column(f"{LABELS[metric]} R", justify="right")
        table.add_column(f"{LABELS[metric]} F", justify="right")
    for system in SYSTEMS:
        cells = []
        for metric in METRICS:
            mean = evaluation.mean(system, metric)
            cells += [f"{mean.recall:.3f}", f"{mean.f:.3f}"]
        table.add_row(system, *cells)
    return table


def to_json(evaluation: SummaryEvaluation) -> dict[str, Any]:
    """The evaluation as plain data: means, per-cluster scores and each system's scored text."""

    def scores(get: Any) -> dict[str, dict[str, dict[str, float]]]:
        return {
            system: {
                metric: {"recall": round(get(system, metric).recall, 4), "f": round(get(system, metric).f, 4)}
                for metric in METRICS
            }
            for system in SYSTEMS
        }

    return {
        "schema": SCHEMA,
        "words": evaluation.words,
        "skipped": list(evaluation.skipped),
        "mean": scores(evaluation.mean),
        "clusters": [
            {
                "name": cluster.name,
                "stories": cluster.stories,
                "scores": scores(lambda system, metric, c=cluster: c.scores[system][metric]),
                "outputs": dict(cluster.outputs),
            }
            for cluster in evaluation.clusters
        ],
    }
