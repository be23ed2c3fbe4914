"""Throughput and peak memory of `newsweave brief`: one process vs a local Dask cluster.

Corpus: the first --articles records (in file order) of a news JSONL file (one JSON
object a line with "text", one sentence a line, and an optional "title"), each written
as `<title>\\n\\n<text>\\n` (just `<text>\\n` without a title) to `NNNN.txt` in a
temporary directory. Only the text is used; gold labels are ignored.

Each row is one fresh `python -m newsweave brief DIR --format json --quiet` subprocess
(--repeat times, the median kept), so it counts everything a user waits for:
interpreter start, model loading (once per process: in the one process, or in every
Dask worker), starting and closing the cluster, and the pipeline. Memory is sampled
every 0.1 s over the whole process tree (the CLI and its Dask worker processes):
"peak RSS, all" is the largest sum seen, "peak RSS, largest" the largest single
process. The brief JSON of every run is compared with the one-process run.

Run from the repository root:

    .venv/bin/python benchmarks/bench_parallel.py PATH/ecbplus-dev.jsonl [--articles 200]
        [--workers 2] [--repeat 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_total: int
    peak_single: int
    digest: str


def build_corpus(source: Path, count: int, folder: Path) -> int:
    """Write the first `count` records of `source` as text articles; return how many."""
    written = 0
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            if written == count:
                break
            record = json.loads(line)
            text = (record.get("text") or "").strip()
            if not text:
                continue
            title = (record.get("title") or "").strip()
            body = f"{title}\n\n{text}\n" if title else f"{text}\n"
            (folder / f"{written:04d}.txt").write_text(body, encoding="utf-8")
            written += 1
    return written


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Sum and largest RSS over a process and all its descendants (bytes)."""
    sizes = []
    for member in [process, *process.children(recursive=True)]:
        try:
            sizes.append(member.memory_info().rss)
        except psutil.Error:
            continue
    return sum(sizes), max(sizes, default=0)


def run_once(folder: Path, workers: int | None) -> Run:
    command = [sys.executable, "-m", "newsweave", "brief", str(folder), "--format", "json", "--quiet"]
    if workers is not None:
        command += ["--workers", str(workers)]
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        watched = psutil.Process(child.pid)
        peak_total = peak_single = 0
        while child.poll() is None:
            total, single = tree_rss(watched)
            peak_total, peak_single = max(peak_total, total), max(peak_single, single)
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest()[:12]
    return Run(seconds, peak_total, peak_single, digest)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="news JSONL (e.g. ecbplus-dev.jsonl)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as tmp:
        folder = Path(tmp)
        count = build_corpus(args.corpus, args.articles, folder)
        table = Table(title=f"newsweave brief on {count} articles ({os.cpu_count()} CPU cores)")
        for column in ("mode", "seconds", "articles/s", "peak RSS, all (MiB)", "peak RSS, largest (MiB)"):
            table.add_column(column, justify="left" if column == "mode" else "right")
        table.add_column("same JSON as 1 process")
        reference = None
        for workers in (None, args.workers):
            runs = [run_once(folder, workers) for _ in range(args.repeat)]
            seconds = statistics.median(run.seconds for run in runs)
            reference = reference or runs[0].digest
            table.add_row(
                "1 process" if workers is None else f"--workers {workers}",
                f"{seconds:.1f}",
                f"{count / seconds:.2f}",
                f"{max(run.peak_total for run in runs) / 2**20:.0f}",
                f"{max(run.peak_single for run in runs) / 2**20:.0f}",
                "yes" if all(run.digest == reference for run in runs) else "NO",
            )
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
