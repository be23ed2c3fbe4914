"""Wall time and peak memory of `newsweave brief`, cold and warm, on two corpora.

Measures, each as the median of --repeat runs:

* baseline: a fresh `python -c "import newsweave"` subprocess (interpreter + package import);
* cold: a fresh `python -m newsweave brief DIR --format json --quiet` subprocess, which
  includes interpreter start, model loading (spaCy + MiniLM) and rendering, with its
  peak RSS read from the kernel's rusage for that one child (`os.wait4`);
* warm: `newsweave.pipeline.run([DIR], config)` in this process after one warm-up call on
  the same input, so the models are loaded and only the pipeline itself is timed.

Two corpora: the bundled `examples/kim-russia-2023` and the first --articles records (in
file order) of a real news JSONL file (--corpus, default ../shared/data/ecbplus-dev.jsonl
from the repository root), each written as `<title>\\n\\n<text>\\n` (just `<text>\\n` when the
record has no title) into a temporary directory. A missing corpus skips its rows.

Run from the repository root:

    .venv/bin/python benchmarks/bench_brief.py [--repeat 3] [--corpus PATH] [--articles 100]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/kim-russia-2023"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ecbplus-dev.jsonl"
RSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux

console = Console() if sys.stdout.isatty() else Console(width=120)


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mib: float | None
    stdout: bytes


@dataclass(frozen=True)
class Row:
    name: str
    articles: int | None
    stories: int | None
    seconds: list[float]
    rss_mib: list[float]


def run_child(command: Sequence[str]) -> Sample:
    """Wall time and peak RSS of one subprocess; wait4 gives that child's own rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            rss: float | None = usage.ru_maxrss * RSS_UNIT / 2**20
        else:  # no per-child rusage on this platform
            process.wait()
            rss = None
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            tail = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
        return Sample(seconds, rss, out.read())


def cold(name: str, command: Sequence[str], repeat: int, articles: int | None) -> Row:
    samples = [run_child(command) for _ in range(repeat)]
    stories = None
    if articles is not None:  # a brief: count the stories its JSON reports
        counts = {len(json.loads(s.stdout)["stories"]) for s in samples}
        if len(counts) > 1:
            console.print(f"[yellow]warning: {escape(name)} gave different story counts: {sorted(counts)}")
        stories = max(counts)
    rss = [s.rss_mib for s in samples if s.rss_mib is not None]
    return Row(name, articles, stories, [s.seconds for s in samples], rss)


def warm(name: str, directory: Path, repeat: int, articles: int) -> Row:
    from newsweave import pipeline
    from newsweave.config import load_config

    config = load_config()
    models = pipeline.default_models()
    result = pipeline.run([str(directory)], config, models)  # warm-up: loads models, fills caches
    if result.skipped:
        skipped = escape(str(result.skipped[:3]))
        console.print(f"[yellow]warning: {escape(name)}: {len(result.skipped)} inputs skipped: {skipped}")
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = pipeline.run([str(directory)], config, models)
        times.append(time.perf_counter() - start)
    return Row(name, articles, len(result.briefs), times, [])


def write_corpus(source: Path, limit: int, directory: Path) -> int:
    """The first `limit` records of a JSONL file, one .txt article each; how many were written."""
    written = 0
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if written == limit:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            title = (record.get("title") or "").strip()
            body = record["text"].strip()
            stem = re.sub(r"[^A-Za-z0-9_.-]", "_", str(record["id"]))
            text = f"{title}\n\n{body}\n" if title else f"{body}\n"
            (directory / f"{written:03d}_{stem}.txt").write_text(text, encoding="utf-8")
            written += 1
    return written


def load_average() -> str:
    """The 1-minute load average, to show whether other work shared the CPUs."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def brief_command(directory: Path | str) -> list[str]:
    return [sys.executable, "-m", "newsweave", "brief", str(directory), "--format", "json", "--quiet"]


def render(rows: list[Row], repeat: int, load: str) -> Table:
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    table = Table(
        title="newsweave brief: wall time and peak memory",
        caption=f"{cpus} CPUs ({usable} usable), Python {sys.version.split()[0]}, "
        f"median of {repeat} run(s), peak RSS = max over cold runs; load average {load}",
    )
    for header in ("measurement", "articles", "stories", "median s", "min-max s"):
        table.add_column(header, justify="left" if header == "measurement" else "right")
    for header in ("x import", "articles/s", "peak RSS MiB"):
        table.add_column(header, justify="right")
    baseline = statistics.median(rows[0].seconds)
    for row in rows:
        median = statistics.median(row.seconds)
        rate = f"{row.articles / median:.1f}" if row.articles and row.name.startswith("warm") else ""
        table.add_row(
            row.name,
            "" if row.articles is None else str(row.articles),
            "" if row.stories is None else str(row.stories),
            f"{median:.2f}",
            f"{min(row.seconds):.2f}-{max(row.seconds):.2f}",
            f"{median / baseline:.2f}",
            rate,
            f"{max(row.rss_mib):.0f}" if row.rss_mib else "",
        )
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (default 3)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="news JSONL file")
    parser.add_argument("--articles", type=int, default=100, help="records taken from --corpus")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.articles < 1:
        parser.error("--repeat and --articles must be at least 1")

    load_before = load_average()
    example_articles = sum(1 for p in (ROOT / EXAMPLE).iterdir() if p.suffix == ".txt")
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp:
        corpus_dir: Path | None = Path(tmp)
        try:
            corpus_articles = write_corpus(args.corpus, args.articles, Path(tmp))
        except (OSError, ValueError, KeyError, TypeError) as error:
            console.print(f"[yellow]corpus {args.corpus} unusable ({escape(str(error))}); skipping its rows")
            corpus_dir, corpus_articles = None, 0
        if corpus_dir is not None and corpus_articles < args.articles:
            console.print(f"[yellow]note: {args.corpus} holds only {corpus_articles} records")
        corpus_name = f"{args.corpus.stem} first {corpus_articles}"

        try:
            console.print("timing cold starts (fresh subprocesses)...")
            rows = [
                cold(
                    "import newsweave (baseline)",
                    [sys.executable, "-c", "import newsweave"],
                    args.repeat,
                    None,
                )
            ]
            rows.append(
                cold(f"cold {Path(EXAMPLE).name}", brief_command(EXAMPLE), args.repeat, example_articles)
            )
            if corpus_dir is not None:
                rows.append(
                    cold(f"cold {corpus_name}", brief_command(corpus_dir), args.repeat, corpus_articles)
                )
            console.print("timing warm runs (in process)...")
            rows.append(warm(f"warm {Path(EXAMPLE).name}", ROOT / EXAMPLE, args.repeat, example_articles))
            if corpus_dir is not None:
                rows.append(warm(f"warm {corpus_name}", corpus_dir, args.repeat, corpus_articles))
        except RuntimeError as error:
            console.print(f"[red]benchmark failed: {escape(str(error))}")
            return 1
    load = f"{load_before} before, {load_average()} after"
    console.print(render(rows, args.repeat, load))
    return 0


if __name__ == "__main__":
    sys.exit(main())
