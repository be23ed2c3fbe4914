"""What one story's composition costs, against article length and against source count.

A composition is what the service runs on a story's first read and `brief` runs
per story: clean, analyze and embed the story's articles (each read up to its
share of the story's sentence budget, as `filing.story_document` does),
then date, find copies and compose the brief. Models (spaCy, the encoder, the
language identifier) are loaded before timing, by composing one article.

Two axes, each built from real news sentences (--corpus, default
../shared/data/ecbplus-dev.jsonl, one sentence a line in its `text`):

* length: one article of N lines (1k, 10k, 12k, 50k by default), its lines drawn
  at random from the corpus's sentences;
* sources: one story of N articles (10, 100, 1,000), the corpus's articles in
  turn, each repeat with its lines in a new order so that none is a copy.

Each row is run with the default bounds (`max_article_sentences`,
`max_compose_sentences`, `max_compose_seconds`) and, at the smaller sizes,
unbounded, the baseline the bounds are weighed against in the same run. The
growth exponent is the least-squares slope of log(seconds) against log(size).

Run from the repository root:

    .venv/bin/python benchmarks/bench_compose.py [--lines 1000 10000 12000 50000]
        [--sources 10 100 1000] [--unbounded-lines 500 1000 2000] [--unbounded-sources 10 30 100]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsweave.analyze import default_models  # noqa: E402
from newsweave.compose.bounds import article_share  # noqa: E402
from newsweave.config import Config  # noqa: E402
from newsweave.models import DecodedDoc, Story  # noqa: E402
from newsweave.pipeline import compose, prepare, read_inputs  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ecbplus-dev.jsonl"
UNBOUNDED = {"max_article_sentences": 10**9, "max_compose_sentences": 10**9, "max_compose_seconds": 1e9}
console = Console() if sys.stdout.isatty() else Console(width=130)


@dataclass(frozen=True)
class Row:
    axis: str
    size: int
    bounded: bool
    sentences: int
    prepare_s: float
    compose_s: float
    truncated: bool

    @property
    def seconds(self) -> float:
        return self.prepare_s + self.compose_s


def read_corpus(path: Path) -> list[list[str]]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        lines = [text for text in record["text"].split("\n") if text.strip()]
        if lines:
            articles.append(lines)
    return articles


def long_article(folder: Path, corpus: list[list[str]], lines: int) -> list[Path]:
    rng = random.Random(lines)
    pool = [sentence for article in corpus for sentence in article if 20 < len(sentence) < 300]
    path = folder / f"long-{lines}.txt"
    path.write_text("A long article\n\n" + "\n".join(rng.choice(pool) for _ in range(lines)) + "\n")
    return [path]


def many_sources(folder: Path, corpus: list[list[str]], sources: int) -> list[Path]:
    rng = random.Random(sources)
    paths = []
    for number in range(sources):
        lines = list(corpus[number % len(corpus)])
        if number >= len(corpus):
            rng.shuffle(lines)
        path = folder / f"source-{sources}-{number:05d}.txt"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def measure(axis: str, size: int, paths: Sequence[Path], config: Config, bounded: bool) -> Row:
    models = default_models()
    inputs = read_inputs([str(path) for path in paths], config)
    share = article_share(config.max_article_sentences, config.max_compose_sentences, len(inputs.loaded))
    started = time.perf_counter()
    prepared = prepare([item.doc for item in inputs.loaded], models, None, share)
    prepared_at = time.perf_counter()
    (brief,) = compose(prepared, [Story(tuple(range(len(inputs.loaded))))], config)
    done = time.perf_counter()
    sentences = sum(len(item.sentences) for item in prepared.analyzed)
    return Row(
        axis, size, bounded, sentences, prepared_at - started, done - prepared_at, bool(brief.truncated)
    )


def warm_up(article: list[str]) -> None:
    """Load every model a composition uses (spaCy, the encoder, the language identifier)."""
    doc = DecodedDoc("warm-up.txt", "utf-8", tuple(article))
    compose(prepare([doc], default_models()), [Story((0,))], Config())


def exponent(rows: Sequence[Row]) -> float | None:
    points = [(math.log(row.size), math.log(row.seconds)) for row in rows if row.seconds > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--lines", type=int, nargs="*", default=[1000, 10000, 12000, 50000])
    parser.add_argument("--sources", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--unbounded-lines", type=int, nargs="*", default=[500, 1000, 2000])
    parser.add_argument("--unbounded-sources", type=int, nargs="*", default=[10, 30, 100])
    args = parser.parse_args()
    corpus = read_corpus(args.corpus)
    bounded_config = Config().with_settings(max_lines=10**6)
    unbounded_config = replace(bounded_config, **UNBOUNDED)
    warm_up(corpus[0])
    plan = [
        *(("length", n, True) for n in args.lines),
        *(("length", n, False) for n in args.unbounded_lines),
        *(("sources", n, True) for n in args.sources),
        *(("sources", n, False) for n in args.unbounded_sources),
    ]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        for axis, size, bounded in plan:
            folder = Path(scratch) / f"{axis}-{size}-{bounded}"
            folder.mkdir()
            build = long_article if axis == "length" else many_sources
            config = bounded_config if bounded else unbounded_config
            rows.append(measure(axis, size, build(folder, corpus, size), config, bounded))
            label = "bounded" if bounded else "unbounded"
            console.print(f"  {axis} {size} {label}: {rows[-1].seconds:.1f} s")
    table = Table(title="Composition cost (warm models; prepare = clean + analyze + embed)")
    columns = ("axis", "size", "bounds", "sentences read", "prepare s", "compose s", "total s", "partial")
    for column in columns:
        table.add_column(column, justify="left" if column in ("axis", "bounds") else "right")
    for row in rows:
        table.add_row(
            row.axis,
            f"{row.size:,}",
            "default" if row.bounded else "none",
            f"{row.sentences:,}",
            f"{row.prepare_s:.2f}",
            f"{row.compose_s:.2f}",
            f"{row.seconds:.2f}",
            "yes" if row.truncated else "no",
        )
    console.print(table)
    for axis in ("length", "sources"):
        for bounded in (True, False):
            chosen = [row for row in rows if row.axis == axis and row.bounded == bounded]
            slope = exponent(chosen)
            if slope is not None:
                label = "default bounds" if bounded else "unbounded"
                sizes = ", ".join(f"{row.size:,}" for row in chosen)
                console.print(f"growth exponent, {axis} ({label}; {sizes}): {slope:.2f}")
        same = {
            row.size: row for row in rows if row.axis == axis and row.bounded
        }  # bounded beside unbounded at a size both ran
        for row in rows:
            if row.axis == axis and not row.bounded and row.size in same:
                ratio = row.seconds / max(same[row.size].seconds, 1e-9)
                console.print(f"{axis} {row.size:,}: unbounded takes {ratio:.2f}x the bounded time")


if __name__ == "__main__":
    main()
