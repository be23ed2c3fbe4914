"""Claim alignment on real news: a brief's agreements against ECB+ event coreference.

    .venv/bin/python benchmarks/bench_claims.py                      # topics 1-30, about 10 minutes
    .venv/bin/python benchmarks/bench_claims.py --topics 1,2 --examples 5
    .venv/bin/python benchmarks/bench_claims.py --build-gold ECBplus_coreference_sentences.csv

Reads the texts of `../shared/data/ecbplus-dev.jsonl` and the gold sentences
of `benchmarks/data/ecbplus_claims.csv` (derived from ECB+'s sentence index
with `--build-gold`; see `newsweave.eval.claims` for what is scored). Prints
one table: newsweave's agreements and claim groups, a MiniLM cosine threshold
and a content-word Jaccard threshold (both chosen on the odd topics), on the
dev half (odd topics) and the held-out half (even topics). Only topics 1-30
are read.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsweave.analyze import default_models
from newsweave.config import Config
from newsweave.eval.claims import (
    TOPICS,
    Doc,
    Row,
    TopicRun,
    build_gold,
    evaluate,
    event_of,
    one_to_one_ceiling,
    read_gold,
    run_topic,
    write_gold,
)

ROOT = Path(__file__).resolve().parent
DOCS = ROOT.parent.parent / "shared" / "data" / "ecbplus-dev.jsonl"
GOLD = ROOT / "data" / "ecbplus_claims.csv"


def read_docs(path: Path) -> dict[str, Doc]:
    """The documents of topics 1-30; any other topic is dropped before its text is kept."""
    docs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if int(record["topic"]) not in TOPICS:
            continue
        file = record["id"].split("_", 1)[1]
        docs[record["id"]] = Doc(
            record["id"], record["topic"], event_of(file), record["text"], record["title"]
        )
    return docs


def build(index_csv: Path, docs: dict[str, Doc]) -> None:
    with index_csv.open(encoding="utf-8") as handle:
        rows = [(int(r[0]), r[1], int(r[2])) for r in list(csv.reader(handle))[1:] if int(r[0]) in TOPICS]
    gold = build_gold(rows, docs)
    write_gold(GOLD, gold)
    print(f"wrote {len(gold)} gold sentences of {len({g.doc for g in gold})} documents to {GOLD}")


def table(rows: list[Row], caption: str) -> Table:
    out = Table(title="Claim alignment on ECB+ topics 1-30", caption=caption)
    for name in ("system", "half", "P", "R", "F1", "R, one story per event", "links ignored", "threshold"):
        out.add_column(name, justify="left" if name in ("system", "half") else "right")
    for row in rows:
        s = row.topic
        out.add_row(
            row.system,
            row.half,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            "-" if row.events_recall is None else f"{row.events_recall:.3f}",
            str(s.ignored) if row.threshold is None else "-",
            "-" if row.threshold is None else f"{row.threshold:.2f}",
        )
    return out


def examples(runs: dict[int, TopicRun], count: int, console: Console) -> None:
    """A seeded sample of false links and misses of the agreements, both events in one story."""
    wrong, missed = [], []
    for run in runs.values():
        predicted = run.links["brief:topic"]
        wrong += [p for p in sorted(predicted) if p in run.labels and not run.labels[p]]
        missed += [(p, run.texts) for p, same in sorted(run.labels.items()) if same and p not in predicted]
    texts = {unit: text for run in runs.values() for unit, text in run.texts.items()}
    pick = random.Random(7)
    for title, chosen in (
        ("false links", pick.sample(wrong, min(count, len(wrong)))),
        ("missed", [p for p, _ in pick.sample(missed, min(count, len(missed)))]),
    ):
        console.print(f"[bold]{title}[/bold]")
        for a, b in chosen:
            console.print(f"  {a[0]}:{a[1]} {texts[a]}\n  {b[0]}:{b[1]} {texts[b]}\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=Path, default=DOCS)
    parser.add_argument("--topics", help="comma-separated topic numbers (default: every topic 1-30)")
    parser.add_argument("--examples", type=int, default=0, help="print this many false links and misses")
    parser.add_argument("--build-gold", type=Path, metavar="INDEX_CSV", help="write the gold file and stop")
    args = parser.parse_args()
    docs = read_docs(args.docs)
    if args.build_gold:
        build(args.build_gold, docs)
        return
    chosen = {int(t) for t in args.topics.split(",")} if args.topics else set(TOPICS)
    gold = [g for g in read_gold(GOLD) if g.topic in chosen]
    models, config = default_models(), Config()
    console = Console(width=150)
    runs: dict[int, TopicRun] = {}
    start = time.perf_counter()
    for topic in sorted({g.topic for g in gold}):
        members = [d for d in docs.values() if d.topic == topic]
        runs[topic] = run_topic(members, [g for g in gold if g.topic == topic], models, config)
        console.print(f"topic {topic}: {len(members)} documents", style="dim")
    labels = {p: s for run in runs.values() for p, s in run.labels.items()}
    positives = sum(labels.values())
    caption = (
        f"{len(gold)} annotated sentences, {positives} same-event pairs, {len(labels) - positives} "
        f"cross-event pairs; one-to-one recall ceiling {one_to_one_ceiling(labels):.3f}; "
        f"{time.perf_counter() - start:.0f} s"
    )
    console.print(table(evaluate(runs), caption))
    if args.examples:
        examples(runs, args.examples, console)


if __name__ == "__main__":
    main()
