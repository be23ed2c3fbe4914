"""Story clustering on real news: newsweave's events and arcs beside TF-IDF, on every shape.

    .venv/bin/python benchmarks/bench_clusters.py                                # ECB+ dev only
    .venv/bin/python benchmarks/bench_clusters.py --duc /tmp/duc-stream.jsonl    # and DUC 2006+2007

Each labelled JSON Lines file (the `newsweave eval clusters` format: `id`,
`text`, optional `title` and `published`, gold `story`) is scored in several
orders and shapes, each in the same run for newsweave and its baseline:

* as given (ECB+ in file order, a DUC stream in date order), and in
  `--shuffles` seeded shuffles (the spread across orders is printed);
* one line: each article's text on one line, no title, no date, as wire
  dumps and scrapers give them;
* the halves the weights were chosen on and never tuned on: ECB+ odd and
  even topics; DUC 2006 (`D06…` topics) and DUC 2007 (`D07…`).

Rows: newsweave's events (stories) and arcs, each scored with B-cubed
against the file's gold; TF-IDF agglomerative at its fixed threshold
(`eval.clusters.BASELINE_THRESHOLD`, chosen once on ECB+ odd topics); and
TF-IDF at the threshold that scores best on that very set, a hindsight
ceiling no system can set without the answers. ECB+ gold are events (two
look-alike events of one kind are two stories); a DUC topic is an arc
(months of coverage of one affair).

`--ingest` also files ECB+ dev through `newsweave ingest` into a new SQLite
store and checks that the stored stories are exactly those of the in-memory
path that `brief` and `eval clusters` use.

Build a DUC stream file with `benchmarks/duc_labelled.py` (DUC text is
licensed: keep it out of the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from newsweave.analyze import Models, default_models
from newsweave.config import Config
from newsweave.eval.clusters import (
    BASELINE_THRESHOLD,
    LabelledDoc,
    Scores,
    labelled_articles,
    read_labelled,
    score_labels,
    tfidf_baseline,
)
from newsweave.group import cluster, story_labels
from newsweave.pipeline import story_features

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev.jsonl"
SWEEP = [round(0.5 + 0.05 * step, 2) for step in range(10)]


@dataclass(frozen=True)
class Row:
    """One system on one variant: B-cubed precision, recall, F1, clusters, seconds."""

    variant: str
    system: str
    precision: float
    recall: float
    f1: float
    clusters: int
    seconds: float


def one_line(docs: Sequence[LabelledDoc]) -> list[LabelledDoc]:
    """Each article's text on one line, with no title and no date."""
    return [LabelledDoc(doc.id, " ".join(doc.text.split()), doc.story) for doc in docs]


def shuffled(docs: Sequence[LabelledDoc], seed: int) -> list[LabelledDoc]:
    order = list(docs)
    random.Random(seed).shuffle(order)
    return order


def score_variant(name: str, docs: Sequence[LabelledDoc], models: Models) -> list[Row]:
    """newsweave (events, arcs) and TF-IDF (fixed and hindsight thresholds) on `docs`."""
    gold = [doc.story for doc in docs]
    rows = []
    started = time.perf_counter()
    stories = cluster(story_features(labelled_articles(docs, models), models.static))
    seconds = time.perf_counter() - started
    for system, arcs in (("newsweave events", False), ("newsweave arcs", True)):
        scores = score_labels(story_labels(stories, len(docs), arcs), gold)
        rows.append(Row(name, system, *_prf(scores), scores.clusters, seconds))
    texts = [f"{doc.title}\n{doc.text}" if doc.title else doc.text for doc in docs]
    started = time.perf_counter()
    fixed = score_labels(tfidf_baseline(texts, BASELINE_THRESHOLD), gold)
    seconds = time.perf_counter() - started
    rows.append(Row(name, f"TF-IDF {BASELINE_THRESHOLD}", *_prf(fixed), fixed.clusters, seconds))
    swept = [(score_labels(tfidf_baseline(texts, t), gold), t) for t in SWEEP]
    best, threshold = max(swept, key=lambda pair: (pair[0].bcubed_f1, -pair[1]))
    rows.append(Row(name, f"TF-IDF {threshold} (hindsight)", *_prf(best), best.clusters, float("nan")))
    return rows


def _prf(scores: Scores) -> tuple[float, float, float]:
    return scores.bcubed_precision, scores.bcubed_recall, scores.bcubed_f1


def halves(docs: Sequence[LabelledDoc], kind: str) -> list[tuple[str, list[LabelledDoc]]]:
    """The tuned and never-tuned halves of a file (see the module docstring)."""
    if kind == "ecb":

        def topic(doc: LabelledDoc) -> int:
            return int(doc.story.split("_", 1)[0])

        return [
            ("odd topics (tuned)", [d for d in docs if topic(d) % 2 == 1]),
            ("even topics (never tuned)", [d for d in docs if topic(d) % 2 == 0]),
        ]
    return [
        ("DUC 2006 (tuned)", [d for d in docs if d.story.startswith("D06")]),
        ("DUC 2007 (never tuned)", [d for d in docs if d.story.startswith("D07")]),
    ]


def benchmark(path: Path, kind: str, shuffles: int, models: Models) -> list[Row]:
    docs = read_labelled(path)
    variants: list[tuple[str, list[LabelledDoc]]] = [("as given", docs)]
    variants += [(f"shuffle {seed}", shuffled(docs, seed)) for seed in range(1, shuffles + 1)]
    variants.append(("one line, no title, no date", one_line(docs)))
    variants += [(name, part) for name, part in halves(docs, kind) if part]
    rows = []
    for name, part in variants:
        rows += score_variant(name, part, models)
    return rows


def ingest_agrees(path: Path, models: Models) -> tuple[bool, int, float]:
    """Whether `newsweave ingest` of the file stores exactly the stories `brief` makes
    of it (the same reader, cleaning across the file, dating and filing in memory);
    the story count and the ingest's seconds."""
    from newsweave.clean import clean_corpus
    from newsweave.ingest import ingest
    from newsweave.pipeline import read_inputs, sure_dated
    from newsweave.store import open_store

    docs = read_labelled(path)
    with tempfile.TemporaryDirectory() as scratch:
        jsonl = Path(scratch) / "articles.jsonl"
        records = [{"id": d.id, "title": d.title, "published": d.published, "text": d.text} for d in docs]
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        inputs = read_inputs([str(jsonl)], Config())
        decoded = [item.doc for item in inputs.loaded]
        cleaned = clean_corpus(decoded, models.nlp.is_organization)
        dated = [sure_dated(article, doc) for article, doc in zip(cleaned, decoded, strict=True)]
        memory = sorted(list(story.members) for story in cluster(story_features(dated, models.static)))
        position = {item.raw.path: number for number, item in enumerate(inputs.loaded)}
        started = time.perf_counter()
        with open_store(f"sqlite:///{Path(scratch) / 'store.db'}") as store:
            ingest([str(jsonl)], store, Config(), models)
            seconds = time.perf_counter() - started
            stored = sorted(
                sorted(position[member.raw.path] for member in store.story_members(row.id))
                for row in store.stories()
            )
    return stored == memory, len(stored), seconds


def render(title: str, rows: Sequence[Row]) -> Table:
    table = Table(title=title)
    for name in ("variant", "system", "B³ P", "B³ R", "B³ F1", "clusters", "s"):
        table.add_column(name, justify="left" if name in ("variant", "system") else "right")
    for row in rows:
        seconds = "-" if np.isnan(row.seconds) else f"{row.seconds:.1f}"
        table.add_row(
            row.variant,
            row.system,
            f"{row.precision:.3f}",
            f"{row.recall:.3f}",
            f"{row.f1:.3f}",
            str(row.clusters),
            seconds,
        )
    return table


def spread(rows: Sequence[Row], system: str) -> str:
    """Mean, min and max F1 of `system` over the file order and the shuffles."""
    orders = [r for r in rows if r.variant == "as given" or r.variant.startswith("shuffle")]
    found = [r.f1 for r in orders if r.system == system]
    return f"{system}: mean {statistics.mean(found):.3f}, min {min(found):.3f}, max {max(found):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--ecb", type=Path, default=ECB, help="ECB+ dev (labelled JSONL); default: shared data"
    )
    parser.add_argument("--duc", type=Path, help="a DUC stream file written by duc_labelled.py")
    parser.add_argument("--shuffles", type=int, default=3, help="seeded shuffles of each file (default 3)")
    parser.add_argument("--ingest", action="store_true", help="check that ingest stores the same stories")
    args = parser.parse_args()
    console = Console()
    models = default_models()
    sets = [("ECB+ dev", args.ecb, "ecb")] + ([("DUC 2006+2007 stream", args.duc, "duc")] if args.duc else [])
    for title, path, kind in sets:
        rows = benchmark(path, kind, args.shuffles, models)
        console.print(render(f"{title} · {path.name} · 2 CPU cores", rows))
        for system in ("newsweave events", "newsweave arcs", f"TF-IDF {BASELINE_THRESHOLD}"):
            console.print("  orders: " + spread(rows, system))
    if args.ingest:
        same, count, seconds = ingest_agrees(args.ecb, models)
        verdict = "the same stories" if same else "DIFFERENT stories"
        console.print(
            f"ingest of {args.ecb.name}: {count} stories in {seconds:.1f} s; {verdict} as brief's path"
        )


if __name__ == "__main__":
    main()
