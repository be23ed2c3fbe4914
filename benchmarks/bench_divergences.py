"""Divergences on real news: what a brief flags as sources disagreeing, on ECB+ topics 1-30.

    .venv/bin/python benchmarks/bench_divergences.py                      # topics 1-30, several minutes
    .venv/bin/python benchmarks/bench_divergences.py --topics 1,3 --examples 10
    .venv/bin/python benchmarks/bench_divergences.py --halves dev --examples 50

Reads the texts of `../shared/data/ecbplus-dev.jsonl` and the gold sentences
of `benchmarks/data/ecbplus_claims.csv`; see `newsweave.eval.divergences` for
what is counted. Prints, for the dev half (odd topics) and the held-out half
(even topics): the divergences flagged with one story per event, how many
stand on a candidate (two same-event annotated sentences stating different
numerals or places) and how many candidates they reach, and, with both
events in one story, how many divergences compare the two events. With
`--examples N`, N flagged divergences of each half (per-event stories), in a
seeded order, for reading; the verdicts read are kept in
`benchmarks/data/divergences_read.csv`. Only topics 1-30 are read.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench_claims import DOCS, GOLD, read_docs
from newsweave.analyze import default_models
from newsweave.config import Config
from newsweave.eval.claims import TOPICS, half_of, read_gold
from newsweave.eval.divergences import DivergenceRun, across_events, on_candidates, run_topic, sample

HALVES = ("dev", "held-out")


def table(runs: dict[int, DivergenceRun], seconds: float) -> Table:
    out = Table(title="Divergences on ECB+ topics 1-30", caption=f"{seconds:.0f} s")
    for name in (
        "half",
        "topics",
        "flagged (per event)",
        "on a candidate",
        "candidates",
        "candidates reached",
        "flagged (both events)",
        "comparing the two events",
    ):
        out.add_column(name, justify="left" if name == "half" else "right")
    for half in HALVES:
        chosen = [run for topic, run in sorted(runs.items()) if half_of(topic) == half]
        if not chosen:
            continue
        flagged = [item for run in chosen for item in run.per_event]
        reached = {p for run in chosen for item in run.per_event for p in on_candidates(item, run.candidates)}
        standing = sum(1 for run in chosen for item in run.per_event if on_candidates(item, run.candidates))
        pooled = [(item, run) for run in chosen for item in run.pooled]
        out.add_row(
            half,
            str(len(chosen)),
            str(len(flagged)),
            str(standing),
            str(sum(len(run.candidates) for run in chosen)),
            str(len(reached)),
            str(len(pooled)),
            str(sum(1 for item, run in pooled if across_events(item, run.events))),
        )
    return out


def examples(runs: dict[int, DivergenceRun], count: int, console: Console) -> None:
    """`count` flagged divergences of each half, seeded, each side with its cited lines."""
    for half in HALVES:
        items = [
            item for topic, run in sorted(runs.items()) if half_of(topic) == half for item in run.per_event
        ]
        if not items:
            continue
        console.print(f"[bold]{half}: {min(count, len(items))} of {len(items)} flagged[/bold]")
        for number, item in enumerate(sample(items, count), 1):
            run = runs[item.topic]
            mark = " [candidate]" if on_candidates(item, run.candidates) else ""
            console.print(f"#{number} topic {item.topic} {item.kind}: {item.label}{mark}", markup=False)
            for side in item.sides:
                console.print(f"  = {side.value!r}", markup=False)
                for unit in side.units:
                    console.print(f"    {unit[0]}:{unit[1]} {run.texts[unit]}", markup=False)
            console.print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=Path, default=DOCS)
    parser.add_argument("--topics", help="comma-separated topic numbers (default: every topic 1-30)")
    parser.add_argument("--halves", choices=("dev", "held-out", "both"), default="both")
    parser.add_argument(
        "--examples", type=int, default=0, help="print this many flagged divergences per half"
    )
    args = parser.parse_args()
    docs = read_docs(args.docs)
    chosen = {int(t) for t in args.topics.split(",")} if args.topics else set(TOPICS)
    chosen = {t for t in chosen if args.halves == "both" or half_of(t) == args.halves}
    gold = [g for g in read_gold(GOLD) if g.topic in chosen]
    models, config = default_models(), Config()
    console = Console(width=160)
    runs: dict[int, DivergenceRun] = {}
    start = time.perf_counter()
    for topic in sorted({g.topic for g in gold}):
        members = [d for d in docs.values() if d.topic == topic]
        runs[topic] = run_topic(members, [g for g in gold if g.topic == topic], models, config)
        console.print(f"topic {topic}: {len(members)} documents", style="dim")
    console.print(table(runs, time.perf_counter() - start))
    if args.examples:
        examples(runs, args.examples, console)


if __name__ == "__main__":
    main()
