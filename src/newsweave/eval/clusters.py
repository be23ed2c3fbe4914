"""`newsweave eval clusters FILE`: story clustering against gold story labels.

FILE is JSONL, one article per line: `id`, `text` (lines separated by
newlines), optional `title` and `published` (ISO date), and the gold `story`.
A malformed line is reported with its line number and skipped; only a file
with nothing usable is an error.

Two systems run on the same articles in the same order:

* newsweave: the articles are cleaned as `brief` cleans them (the record's
  `title` and `published` are taken as given) and filed one by one, in file
  order, into the story clusterer (`group.stories`), as `brief` and `ingest`
  file them.
* TF-IDF baseline: word TF-IDF of title and text, average-linkage
  agglomerative clustering under a cosine distance threshold of
  `BASELINE_THRESHOLD`. That threshold was chosen once, by a sweep from 0.50
  to 0.95 in steps of 0.05 on the odd-numbered topics of the ECB+ dev set,
  and is never tuned on the data being scored.

Scores: B-cubed precision, recall and F1 (per-article averages, so a big
story weighs by its size) and pairwise precision, recall and F1 (over article
pairs put together).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.errors import UserError
from newsweave.group import StoryConfig, cluster, story_labels
from newsweave.models import Article, DecodedDoc, PageMeta, PublishedDate
from newsweave.pipeline import story_features, sure_dated

BASELINE_THRESHOLD = 0.8
NEWSWEAVE = "newsweave"
BASELINE = "tfidf-agglomerative"
SCHEMA = "newsweave.eval.clusters/1"

Report = Callable[[str], None]


class ClusterDataError(UserError):
    """The labelled file cannot be used for `eval clusters`."""

    hint = "FILE needs JSONL lines with `id`, `text` and gold `story` (optional `title`, `published`)"


@dataclass(frozen=True)
class LabelledDoc:
    """One article of a labelled file and its gold story."""

    id: str
    text: str
    story: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Scores:
    """B-cubed and pairwise precision, recall and F1 of one labelling."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    clusters: int


@dataclass(frozen=True)
class ClusterEvaluation:
    """Scores per system (newsweave first), the gold story count and the skipped lines."""

    path: str
    articles: int
    stories: int
    rows: tuple[tuple[str, Scores], ...]
    skipped: tuple[str, ...]


def read_labelled(path: Path | str, report: Report | None = None) -> list[LabelledDoc]:
    """The usable records of a JSONL file, in file order.

    Each unusable line is passed to `report` as "FILE line N: why" and skipped.
    Raises `ClusterDataError` when the file cannot be read or holds nothing usable.
    """
    say = report or (lambda _message: None)
    try:
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise ClusterDataError(f"cannot read {path}: {error.strerror or error}") from error
    docs: list[LabelledDoc] = []
    seen: set[str] = set()
    problems = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = _record(line)
            if doc.id in seen:
                raise ValueError(f"duplicate id {doc.id!r}")
        except ValueError as error:
            problems += 1
            say(f"{path} line {number}: {error}; skipped")
            continue
        seen.add(doc.id)
        docs.append(doc)
    if not docs:
        detail = f" ({problems} malformed line{'' if problems == 1 else 's'})" if problems else ""
        raise ClusterDataError(f"no usable labelled article in {path}{detail}")
    return docs


def _record(line: str) -> LabelledDoc:
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    for name in ("id", "story"):
        if isinstance(value.get(name), bool) or not isinstance(value.get(name), str | int):
            raise ValueError(f"`{name}` missing or not a string or integer")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("`text` missing or empty")
    optional: dict[str, str | None] = {}
    for name in ("title", "published"):
        field = value.get(name)
        if field is not None and not isinstance(field, str):
            raise ValueError(f"`{name}` is not a string")
        optional[name] = field.strip() or None if isinstance(field, str) else None
    published = optional["published"]
    if published is not None and not _iso_date(published):
        raise ValueError(f"`published` {published!r} is not an ISO date (YYYY-MM-DD)")
    return LabelledDoc(str(value["id"]), text, str(value["story"]), optional["title"], published)


def _iso_date(text: str) -> bool:
    parts = text[:10].split("-")
    return len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2] and all(p.isdigit() for p in parts)


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1: per item, the share of its predicted
    cluster that is in its gold story (precision) and of its gold story that is
    in its predicted cluster (recall), averaged over items."""
    _check(pred, gold)
    if not pred:
        return 1.0, 1.0, 1.0
    pred_size: dict[Hashable, int] = {}
    gold_size: dict[Hashable, int] = {}
    both: dict[tuple[Hashable, Hashable], int] = {}
    for p, g in zip(pred, gold, strict=True):
        pred_size[p] = pred_size.get(p, 0) + 1
        gold_size[g] = gold_size.get(g, 0) + 1
        both[(p, g)] = both.get((p, g), 0) + 1
    precision = sum(both[(p, g)] / pred_size[p] for p, g in zip(pred, gold, strict=True)) / len(pred)
    recall = sum(both[(p, g)] / gold_size[g] for p, g in zip(pred, gold, strict=True)) / len(pred)
    return precision, recall, _f1(precision, recall)


def pairwise_f1(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over item pairs placed together.

    With no predicted pair, precision is 1 (nothing wrong was claimed); with no
    gold pair, recall is 1 (nothing was missed).
    """
    _check(pred, gold)

    def pairs(counts: dict[Hashable, int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    pred_counts: dict[Hashable, int] = {}
    gold_counts: dict[Hashable, int] = {}
    both: dict[Hashable, int] = {}
    for p, g in zip(pred, gold, strict=True):
        pred_counts[p] = pred_counts.get(p, 0) + 1
        gold_counts[g] = gold_counts.get(g, 0) + 1
        both[(p, g)] = both.get((p, g), 0) + 1
    shared, predicted, true = pairs(both), pairs(pred_counts), pairs(gold_counts)
    precision = shared / predicted if predicted else 1.0
    recall = shared / true if true else 1.0
    return precision, recall, _f1(precision, recall)


def _check(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted labels for {len(gold)} gold labels")


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def score_labels(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> Scores:
    """Every score of one predicted labelling against the gold one."""
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise_f1(pred, gold)
    return Scores(bp, br, bf, pp, pr, pf, clusters=len(set(pred)))


def tfidf_baseline(texts: Sequence[str], threshold: float = BASELINE_THRESHOLD) -> list[int]:
    """Cluster labels (numbered by first appearance) from word TF-IDF and
    average-linkage agglomerative clustering under cosine distance `threshold`."""
    if len(texts) < 2:
        return [0] * len(texts)
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no word at all survives (empty or stop words only)
        return list(range(len(texts)))
    similarity = np.round((matrix @ matrix.T).toarray(), 6)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return renumber([int(label) for label in clustering.fit_predict(distance)])


def renumber(labels: Sequence[int]) -> list[int]:
    """Labels renamed 0, 1, 2... in order of first appearance."""
    names: dict[int, int] = {}
    return [names.setdefault(label, len(names)) for label in labels]


def labelled_articles(docs: Sequence[LabelledDoc], models: Models) -> list[Article]:
    """The records cleaned as `brief` cleans a batch; a record's title and
    publication date are trusted, else the article's own date when it is sure."""
    decoded = [
        DecodedDoc(doc.id, "utf-8", tuple(doc.text.splitlines()), meta=PageMeta(title=doc.title))
        for doc in docs
    ]
    articles = clean_corpus(decoded, models.nlp.is_organization)
    given = []
    for doc, article, page in zip(docs, articles, decoded, strict=True):
        published = PublishedDate(doc.published[:10], 1.0, ("given",)) if doc.published else None
        article = replace(article, title=doc.title or article.title, published=published)
        given.append(sure_dated(article, page))
    return given


def newsweave_labels(
    docs: Sequence[LabelledDoc], models: Models, config: StoryConfig | None = None
) -> list[int]:
    """newsweave's story label per record, in record order: each record filed in
    turn into an in-memory story index, as `brief` and `ingest` file articles."""
    stories = cluster(story_features(labelled_articles(docs, models), models.static), config)
    return story_labels(stories, len(docs))


def evaluate_clusters(
    path: Path | str,
    models: Models,
    config: StoryConfig | None = None,
    threshold: float = BASELINE_THRESHOLD,
    report: Report | None = None,
) -> ClusterEvaluation:
    """Score newsweave and the TF-IDF baseline on the labelled file at `path`."""
    skipped: list[str] = []

    def note(message: str) -> None:
        skipped.append(message)
        if report is not None:
            report(message)

    docs = read_labelled(path, note)
    gold = [doc.story for doc in docs]
    texts = [f"{doc.title}\n{doc.text}" if doc.title else doc.text for doc in docs]
    rows = (
        (NEWSWEAVE, score_labels(newsweave_labels(docs, models, config), gold)),
        (BASELINE, score_labels(tfidf_baseline(texts, threshold), gold)),
    )
    return ClusterEvaluation(str(path), len(docs), len(set(gold)), rows, tuple(skipped))


def render_table(evaluation: ClusterEvaluation) -> Table:
    """One row per system: B-cubed and pairwise precision, recall, F1 and cluster count."""
    table = Table(
        title=f"Story clustering · {evaluation.articles} articles · {evaluation.stories} gold stories",
        caption=f"{len(evaluation.skipped)} malformed line(s) skipped" if evaluation.skipped else None,
    )
    table.add_column("system")
    for name in ("B³ P", "B³ R", "B³ F1", "pair P", "pair R", "pair F1", "clusters"):
        table.add_column(name, justify="right")
    for system, s in evaluation.rows:
        values = [s.bcubed_precision, s.bcubed_recall, s.bcubed_f1]
        values += [s.pairwise_precision, s.pairwise_recall, s.pairwise_f1]
        table.add_row(system, *(f"{v:.3f}" for v in values), str(s.clusters))
    return table


def to_json(evaluation: ClusterEvaluation) -> dict[str, Any]:
    """The evaluation as plain data (scores rounded to 4 places)."""
    return {
        "schema": SCHEMA,
        "path": evaluation.path,
        "articles": evaluation.articles,
        "stories": evaluation.stories,
        "skipped": list(evaluation.skipped),
        "systems": {
            system: {
                name: (value if isinstance(value, int) else round(value, 4))
                for name, value in vars(scores).items()
            }
            for system, scores in evaluation.rows
        },
    }
