"""Content selection choices measured on real clusters with human references.

    python benchmarks/bench_selection.py DOCS --refs REFS [--limit N] [--words 250]

DOCS and REFS are the DUC layout `newsweave eval summaries` reads (see
`newsweave.eval.duc`; the data is licensed and stays outside the
repository). Each cluster is read, cleaned, analyzed, embedded and dated
once, exactly as `brief --one-story` does; then every selection choice below
picks its summary from the same analyzed sentences, and all are scored by the
same ROUGE (eval.rouge: cut to the budget, references pooled and
jackknifed). The first half of the clusters is where the defaults were chosen
("tuned on"), the second half is the check; both are printed, so a choice
that only wins where it was tuned shows it.

Choices (each row changes one thing from the default, the first row):
coverage program with independent-source weights and the position prior;
no position prior; sources counted as documents (copies count again);
concepts of two or more sources; greedy coverage in place of the program;
and sumy's LexRank on the same body text as the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import track
from rich.table import Table

import newsweave.compose.summary as summary_module
from newsweave.analyze import default_models
from newsweave.analyze.timerefs import with_times
from newsweave.compose.concepts import ConceptConfig
from newsweave.compose.selection import select_greedy
from newsweave.compose.summary import SummaryConfig, summarize
from newsweave.config import Config
from newsweave.eval.baselines import document_sentences, lexrank
from newsweave.eval.duc import find_duc_clusters
from newsweave.eval.rouge import MEASURES, ROUGE_1, ROUGE_2, ROUGE_SU4, grams, jackknife
from newsweave.group.copies import find_copies, voices
from newsweave.models import AnalyzedArticle, Story
from newsweave.pipeline import Prepared, _date_stories, prepare, read_inputs
from newsweave.vocabulary import Role


@dataclass(frozen=True)
class Prepped:
    name: str
    prepared: Prepared
    analyzed: list[AnalyzedArticle]
    voices: list[int]
    refs: dict[str, Any]


@contextmanager
def greedy_selection() -> Iterator[None]:
    """Summaries choose greedily (Lin & Bilmes) instead of solving the program."""
    original = summary_module.select
    summary_module.select = select_greedy
    try:
        yield
    finally:
        summary_module.select = original


def _ours(config: SummaryConfig, by_voice: bool = True, greedy: bool = False) -> Callable[[Prepped], str]:
    def run(item: Prepped) -> str:
        ids = [f"S{i + 1}" for i in range(len(item.analyzed))]
        given = item.voices if by_voice else None
        if greedy:
            with greedy_selection():
                chosen = summarize(ids, item.analyzed, item.prepared.sentence_vectors, config, given)
        else:
            chosen = summarize(ids, item.analyzed, item.prepared.sentence_vectors, config, given)
        return " ".join(entry.text for entry in chosen)

    return run


def _lexrank(words: int) -> Callable[[Prepped], str]:
    def run(item: Prepped) -> str:
        bodies = [
            "\n".join(line.content for line in a.article.lines if line.role == Role.BODY)
            for a in item.analyzed
        ]
        return " ".join(lexrank(document_sentences(bodies), words))

    return run


def choices(words: int) -> dict[str, Callable[[Prepped], str]]:
    base = SummaryConfig(words=words)
    return {
        "coverage program (default)": _ours(base),
        "  no position prior": _ours(replace(base, concepts=ConceptConfig(position_weight=0.0))),
        "  documents, not independent sources": _ours(base, by_voice=False),
        "  concepts of 2+ sources": _ours(replace(base, concepts=ConceptConfig(min_voices=2))),
        "  greedy coverage, no program": _ours(base, greedy=True),
        "LexRank (sumy)": _lexrank(words),
    }


def prepare_clusters(docs: Path, refs: Path, words: int, limit: int | None) -> list[Prepped]:
    clusters, skipped = find_duc_clusters(docs, refs)
    for note in skipped:
        print(f"skipped: {note}", file=sys.stderr)
    models = default_models()
    config = Config().with_settings(words=words)
    prepped = []
    for cluster in track(clusters[:limit], description="reading clusters", console=Console(stderr=True)):
        inputs = read_inputs([str(cluster.folder)], config)
        prepared = prepare([item.doc for item in inputs.loaded], models)
        story = Story(tuple(range(len(prepared.analyzed))))
        analyzed = [with_times(a) for a in _date_stories(prepared.analyzed, prepared.decoded, [story])]
        links = find_copies([a.article for a in analyzed])
        references = {ref.id: grams(ref.text, words) for ref in cluster.refs}
        prepped.append(Prepped(cluster.name, prepared, analyzed, voices(links), references))
    return prepped


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("docs", type=Path)
    parser.add_argument("--refs", type=Path, required=True)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    prepped = prepare_clusters(args.docs, args.refs, args.words, args.limit)
    half = (len(prepped) + 1) // 2
    table = Table(title=f"Content selection · {len(prepped)} clusters · {args.words} words · ROUGE recall")
    table.add_column("choice")
    for part in ("tuned on", "check"):
        for measure in (ROUGE_1, ROUGE_2, ROUGE_SU4):
            table.add_column(f"{part} {measure}", justify="right")
    table.add_column("median s", justify="right")
    for name, system in choices(args.words).items():
        scores: list[dict[str, float]] = []
        seconds: list[float] = []
        for item in prepped:
            start = time.perf_counter()
            text = system(item)
            seconds.append(time.perf_counter() - start)
            result = jackknife(grams(text, args.words), item.refs)
            scores.append({measure: result[measure].recall for measure in MEASURES})
        cells = []
        for part in (scores[:half], scores[half:]):
            for measure in (ROUGE_1, ROUGE_2, ROUGE_SU4):
                cells.append(f"{statistics.fmean(s[measure] for s in part):.4f}" if part else "-")
        table.add_row(name, *cells, f"{statistics.median(seconds):.2f}")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
