"""Embedding backends side by side: speed, agreement with MiniLM, story clustering.

Backends: MiniLM on torch (the default `MiniLMEncoder`) and the static
token-table encoder distilled from it (`StaticEncoder`). For each:

* sentences/s: encoding a seeded sample of real sentences of the file
  (the static encoder is timed on the sample repeated to 20,000 sentences,
  since 2,000 take it only milliseconds);
* Spearman against MiniLM: rank correlation of pairwise cosines with
  MiniLM's, on seeded random sentence pairs ("random": mostly unrelated
  sentences, the hard case) and on pairs half of which come from one gold
  story ("mixed": the spread that grouping cares about);
* story clustering: B-cubed F1 of the story clusterer (`group.stories`)
  when every article's vectors come from that backend (everything else,
  names, words, figures, is the same). `StoryConfig` was tuned with the
  static encoder, so the MiniLM row is also shown with its threshold swept
  (0.50 to 1.30, step 0.05) on the odd-numbered topics only and then scored
  on all topics and on the even-numbered ones (never tuned on);
* build: seconds to distill the table from the packaged MiniLM and its size
  on disk (a fresh build into a temporary folder unless `--table` is given).

    .venv/bin/python benchmarks/bench_embeddings.py ../shared/data/ecbplus-dev.jsonl [--table DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table
from scipy.stats import spearmanr

from newsweave.analyze import default_models
from newsweave.analyze.distill import TABLE_FILE, build_table
from newsweave.analyze.embeddings import Encoder, Vectors
from newsweave.analyze.static import StaticEncoder
from newsweave.eval.clusters import LabelledDoc, bcubed, labelled_articles, read_labelled
from newsweave.group import (
    ArticleFeatures,
    StoryConfig,
    cluster,
    describe_articles,
    distinctive,
    story_labels,
)
from newsweave.group.features import vocabulary_ranks

SEED = 13
SENTENCES = 2000
PAIRS = 2000
STATIC_TIMED = 20000


def sample_sentences(docs: Sequence[LabelledDoc], count: int) -> tuple[list[str], list[str]]:
    """A seeded sample of distinct body lines of four words or more, with their gold story."""
    lines = sorted({(line.strip(), doc.story) for doc in docs for line in doc.text.splitlines()})
    lines = [(text, story) for text, story in lines if len(text.split()) >= 4]
    chosen = random.Random(SEED).sample(lines, min(count, len(lines)))
    return [text for text, _ in chosen], [story for _, story in chosen]


def pairs(stories: Sequence[str], count: int, mixed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Seeded index pairs (i != j); with `mixed`, every other pair shares a gold story."""
    rng = random.Random(SEED + int(mixed))
    by_story: dict[str, list[int]] = {}
    for index, story in enumerate(stories):
        by_story.setdefault(story, []).append(index)
    groups = [members for _, members in sorted(by_story.items()) if len(members) > 1]
    left: list[int] = []
    right: list[int] = []
    while len(left) < count:
        if mixed and len(left) % 2 == 0:
            i, j = rng.sample(rng.choice(groups), 2)
        else:
            i, j = rng.randrange(len(stories)), rng.randrange(len(stories))
        if i != j:
            left.append(i)
            right.append(j)
    return np.array(left), np.array(right)


def speed(encoder: Encoder, texts: Sequence[str]) -> float:
    encoder.encode(list(texts[:8]))  # load the model outside the timing
    started = time.perf_counter()
    encoder.encode(list(texts))
    return len(texts) / (time.perf_counter() - started)


def spearman(reference: Vectors, vectors: Vectors, index: tuple[np.ndarray, np.ndarray]) -> float:
    left, right = index
    expected = np.round((reference[left] * reference[right]).sum(axis=1), 6)
    found = np.round((vectors[left] * vectors[right]).sum(axis=1), 6)
    return float(spearmanr(expected, found).statistic)


def cluster_f1(
    features: Sequence[ArticleFeatures], gold: Sequence[str], keep: Sequence[bool], config: StoryConfig
) -> float:
    """B-cubed F1 of the story clusterer over the articles flagged in `keep`, filed in order."""
    chosen = [features[i] for i, flag in enumerate(keep) if flag]
    labels = story_labels(cluster(chosen, config), len(chosen))
    return bcubed(labels, [gold[i] for i, flag in enumerate(keep) if flag])[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="labelled JSONL (ECB+ dev)")
    parser.add_argument(
        "--table", type=Path, default=None, help="an already built table folder (skips the build)"
    )
    args = parser.parse_args()
    console = Console()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.table
        build_s = float("nan")
        if folder is None:
            started = time.perf_counter()
            folder = build_table(Path(scratch))
            build_s = time.perf_counter() - started
        size_mib = (folder / TABLE_FILE).stat().st_size / 2**20
        digest = hashlib.sha256((folder / TABLE_FILE).read_bytes()).hexdigest()[:16]

        models = default_models()
        static = StaticEncoder(folder=folder)
        docs = read_labelled(args.path)
        gold = [doc.story for doc in docs]
        texts, stories = sample_sentences(docs, SENTENCES)
        minilm_vectors = models.encoder.encode(texts)
        static_vectors = static.encode(texts)
        random_pairs, mixed_pairs = pairs(stories, PAIRS, False), pairs(stories, PAIRS, True)

        repeated = (texts * (STATIC_TIMED // len(texts) + 1))[:STATIC_TIMED]
        rates = {"MiniLM (torch)": speed(models.encoder, texts), "static": speed(static, repeated)}

        articles = labelled_articles(docs, models)
        ranks = vocabulary_ranks(static)
        described = {
            "MiniLM (torch)": [distinctive(f, ranks) for f in describe_articles(articles, models.encoder)],
            "static": [distinctive(f, ranks) for f in describe_articles(articles, static)],
        }
        topics = [int(doc.id.split("_", 1)[0]) if doc.id.split("_", 1)[0].isdigit() else 0 for doc in docs]
        everything = [True] * len(docs)
        odd = [topic % 2 == 1 for topic in topics]
        even = [topic % 2 == 0 for topic in topics]
        default = StoryConfig()
        runs = {name: (features, default) for name, features in described.items()}
        sweep = [round(0.5 + 0.05 * step, 2) for step in range(17)]
        minilm = described["MiniLM (torch)"]
        tuned = {t: cluster_f1(minilm, gold, odd, replace(default, threshold=t)) for t in sweep}
        best = max(sweep, key=lambda t: (round(tuned[t], 6), -t))
        runs[f"MiniLM (torch), threshold {best:.2f}"] = (minilm, replace(default, threshold=best))

    table = Table(title=f"Embedding backends · {args.path.name} · {len(docs)} articles · 2 CPU cores")
    for name in (
        "backend",
        "sentences/s",
        "Spearman random",
        "Spearman mixed",
        "B³ F1 all",
        "B³ F1 even",
        "build s",
        "MiB",
    ):
        table.add_column(name, justify="left" if name == "backend" else "right")
    for name, (features, config) in runs.items():
        is_static = name.startswith("static")
        vectors = static_vectors if is_static else minilm_vectors
        rate = rates["static" if is_static else "MiniLM (torch)"]
        table.add_row(
            name,
            f"{rate:,.0f}",
            f"{spearman(minilm_vectors, vectors, random_pairs):.3f}",
            f"{spearman(minilm_vectors, vectors, mixed_pairs):.3f}",
            f"{cluster_f1(features, gold, everything, config):.3f}",
            f"{cluster_f1(features, gold, even, config):.3f}",
            f"{build_s:.0f}" if is_static else "-",
            f"{size_mib:.1f}" if is_static else "-",
        )
    console.print(table)
    console.print(
        "MiniLM threshold sweep on odd topics (B³ F1): "
        + ", ".join(f"{t:.2f}={tuned[t]:.3f}" for t in sweep)
        + f"; table sha256 {digest}…"
        + f"; median sentence length {statistics.median(len(t.split()) for t in texts):.0f} words"
    )


if __name__ == "__main__":
    main()
