"""Ingest at scale: articles/s, peak memory and grouping quality for 1k, 10k, 100k articles.

    .venv/bin/python benchmarks/bench_scale.py                      # 1,000 and 10,000
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000,10000,100000 --workers 0,2
    .venv/bin/python benchmarks/bench_scale.py --corpus real --sources A.jsonl,B.jsonl

For each size N a labelled corpus of N distinct articles is generated as one
JSON Lines file: invented (`corpus_gen.py`: events with invented names,
places, figures and days, each told by several invented outlets), or real
(`real_corpus.py`: the stories of labelled real articles, by default the ECB+
dev set, resampled, each copy a new event with its dates moved and its names
and figures varied). Then
`newsweave ingest FILE --db sqlite:///...` runs on it in a fresh process
(`--workers W` when W > 0). Measured: wall time (including starting Python
and loading the models), articles/s, the process's peak resident memory
(from `wait4`), stories made against gold stories, and B-cubed F1 of the
stored stories against the gold labels.

Then the time to place one new article into the store of N: the corpus of
N + 5 articles adds five reports; the first is ingested by the CLI in a
fresh process, and all five in this process, where loading the stories'
states and filing each article are timed apart (the median of the five is
shown), each into a copy of the store. The baseline in the same run is the
same five filed into an empty store, so the ratio says what the store's size
costs. Before any timing, one invented report is described, so that every
model, table and identifier is loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from corpus_gen import write_corpus  # noqa: E402
from newsweave.analyze import default_models  # noqa: E402
from newsweave.config import load_config  # noqa: E402
from newsweave.eval.clusters import bcubed  # noqa: E402
from newsweave.filing import file_article, load_index  # noqa: E402
from newsweave.ingest import Filer, content_id, describe  # noqa: E402
from newsweave.models import RawDoc  # noqa: E402
from newsweave.readers import read_docs  # noqa: E402
from newsweave.store import open_store, tables  # noqa: E402
from real_corpus import DEFAULT_SOURCE, read_sources  # noqa: E402
from real_corpus import write_corpus as write_real  # noqa: E402

NEW_ARTICLES = 5
# Writes a corpus of the given number of articles; a larger one contains each smaller one.
Writer = Callable[[TextIO, int], object]


@dataclass(frozen=True)
class Run:
    size: int
    workers: int
    seconds: float
    peak_mib: float
    stories: int
    gold: int
    f1: float
    arcs: int
    arc_f1: float


def ingest_run(corpus: Path, url: str, workers: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `newsweave ingest` process."""
    command = [sys.executable, "-m", "newsweave", "ingest", str(corpus), "--db", url, "--quiet"]
    if workers:
        command += ["--workers", str(workers)]
    # One JSON Lines file of 100k articles is larger than the default file limit.
    environment = os.environ | {"NEWSWEAVE_MAX_FILE_BYTES": str(max(50_000_000, 2 * corpus.stat().st_size))}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed: {err.decode()[-2000:]}")
    print(out.decode().strip(), file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024


def quality(corpus: Path, url: str) -> tuple[int, int, float, int, float]:
    """Stories, gold stories and B-cubed F1 of the stored grouping; arcs and their B-cubed F1."""
    gold = [json.loads(line)["story"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    with open_store(url) as store, store.engine.connect() as connection:
        rows = connection.execute(
            tables.memberships.join(tables.articles)
            .join(tables.stories)
            .select()
            .with_only_columns(tables.articles.c.path, tables.memberships.c.story_id, tables.stories.c.arc_id)
        ).all()
    labels = {int(path.rsplit(":", 1)[1]): (story, arc) for path, story, arc in rows}
    stories = [labels[n][0] for n in range(1, len(gold) + 1)]
    arcs = [labels[n][1] for n in range(1, len(gold) + 1)]
    return len(set(stories)), len(set(gold)), bcubed(stories, gold)[2], len(set(arcs)), bcubed(arcs, gold)[2]


def place_one(folder: Path, size: int, url: str | None, write: Writer) -> tuple[float, float, float, float]:
    """Seconds for: the CLI ingesting one new article; loading the story states; cleaning,
    dating, describing and filing one new article, and filing it alone (each the median of
    `NEW_ARTICLES`, each its own transaction). The new articles
    are those the corpus of `size + NEW_ARTICLES` adds; they are filed into copies of the
    store, which stays as it was."""
    bigger = folder / f"corpus-{size}+{NEW_ARTICLES}.jsonl"
    with bigger.open("w", encoding="utf-8") as handle:
        write(handle, size + NEW_ARTICLES)
    known = set(read_lines(folder / f"corpus-{size}.jsonl"))
    lines = [text for text in read_lines(bigger) if text not in known]
    assert len(lines) == NEW_ARTICLES, "the larger corpus must add exactly the new articles"
    one = folder / f"one-{size}.jsonl"
    one.write_text(lines[0] + "\n", encoding="utf-8")
    cli = 0.0
    if url is None:
        target = folder / f"empty-{size}.db"
        target.unlink(missing_ok=True)
    else:
        stored = Path(url.removeprefix("sqlite:///")).read_bytes()
        (folder / f"copy-{size}.db").write_bytes(stored)
        cli, _peak = ingest_run(one, f"sqlite:///{folder / f'copy-{size}.db'}", 0)
        target = folder / f"in-process-{size}.db"
        target.write_bytes(stored)
    models = default_models()
    records = read_docs([RawDoc(str(bigger), "\n".join(lines).encode())]).records
    times, filing = [], []
    with open_store(f"sqlite:///{target}") as store:
        filer = Filer(store, load_config({}), models)
        start = time.perf_counter()
        load_index(store, filer.index)
        loaded = time.perf_counter() - start
        for record in records:
            start = time.perf_counter()
            ((article, features),) = describe([record.doc], models)
            described = time.perf_counter()
            key = content_id(record.raw.data)
            assert file_article(store, key, record.raw, article, features, filer.index)
            filing.append(time.perf_counter() - described)
            times.append(time.perf_counter() - start)
    return cli, loaded, statistics.median(times), statistics.median(filing)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", default="0", help="worker counts to compare, e.g. 0,2 (0: one process)")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    parser.add_argument("--corpus", choices=("invented", "real"), default="invented")
    parser.add_argument("--sources", help=f"real: JSON Lines files, comma-separated ({DEFAULT_SOURCE.name})")
    args = parser.parse_args()
    write: Writer = write_corpus
    title = "invented labelled corpus"
    if args.corpus == "real":
        paths = [Path(path) for path in args.sources.split(",")] if args.sources else [DEFAULT_SOURCE]
        write = partial(write_real, sources=read_sources(paths))
        title = f"real labelled corpus: {' + '.join(path.name for path in paths)}, resampled"
    elif args.sources:
        parser.error("--sources is for --corpus real")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsweave-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    runs: list[Run] = []
    places: list[tuple[int, float, float, float, float]] = []
    models = default_models()  # load the models, tables and identifiers outside the timings
    with (folder / "warm-up.jsonl").open("w", encoding="utf-8") as handle:
        write_corpus(handle, 1)  # long enough to load the language identifier too
    (warm_up,) = read_docs([RawDoc("warm-up.jsonl", (folder / "warm-up.jsonl").read_bytes())]).records
    describe([warm_up.doc], models)
    for size in sizes:
        corpus = folder / f"corpus-{size}.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            write(handle, size)
        for workers in [int(w) for w in args.workers.split(",")]:
            url = f"sqlite:///{folder / f'store-{size}-{workers}.db'}"
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            seconds, peak = ingest_run(corpus, url, workers)
            runs.append(Run(size, workers, seconds, peak, *quality(corpus, url)))
            print(f"{size} articles, {workers} workers: {seconds:.1f} s", file=sys.stderr)
        places.append((size, *place_one(folder, size, f"sqlite:///{folder / f'store-{size}-0.db'}", write)))
    places.append((0, *place_one(folder, 0, None, write)))
    console = Console()
    table = Table(title=f"newsweave ingest at scale (SQLite, {title})")
    columns = ("articles", "workers", "seconds", "articles/s", "peak MiB", "stories / gold", "B³ F1")
    for column in (*columns, "arcs", "arcs B³ F1"):
        table.add_column(column, justify="right")
    for run in runs:
        table.add_row(
            f"{run.size:,}",
            str(run.workers or 1),
            f"{run.seconds:.1f}",
            f"{run.size / run.seconds:.1f}",
            f"{run.peak_mib:.0f}",
            f"{run.stories:,} / {run.gold:,}",
            f"{run.f1:.3f}",
            f"{run.arcs:,}",
            f"{run.arc_f1:.3f}",
        )
    console.print(table)
    baseline, filing_baseline = places[-1][3], places[-1][4]
    placed = Table(title=f"placing one new article (median of {NEW_ARTICLES}; baseline: an empty store)")
    columns = (
        "store size",
        "CLI process s",
        "load states s",
        "describe + file ms",
        "ratio",
        "file ms",
        "ratio",
    )
    for column in columns:
        placed.add_column(column, justify="right")
    for size, cli, loaded, whole, filed in places:
        placed.add_row(
            f"{size:,}",
            f"{cli:.1f}" if cli else "—",
            f"{loaded:.2f}",
            f"{whole * 1000:.1f}",
            f"{whole / baseline:.1f}x",
            f"{filed * 1000:.1f}",
            f"{filed / filing_baseline:.1f}x",
        )
    console.print(placed)


if __name__ == "__main__":
    main()
