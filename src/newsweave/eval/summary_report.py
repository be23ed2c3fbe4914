"""What `eval summaries` prints: the table, the figures under it, and the same as JSON.

A mean alone does not say whether newsweave is better than a baseline, so
next to the table go the figures that do: its rank among the official
peers, its paired difference to LexRank with a bootstrap interval over
clusters (the same clusters, so topic difficulty cancels out), how often its
summary was empty (an empty summary scores zero and must not hide in a
mean), and, with NIST's own averages, how closely our scorer reproduces
them: if the peers' ranking does not match NIST's, no other number here
can be trusted.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

from rich.table import Table
from scipy.stats import spearmanr

from newsweave.eval.rouge import LABELS, MEASURES, RESAMPLES, ROUGE_2, bootstrap_ci
from newsweave.eval.summaries import (
    HUMAN,
    LEXRANK,
    NEWSWEAVE,
    PEER,
    TIMED,
    SummaryEvaluation,
)

SCHEMA = "newsweave.eval.summaries/2"
NIST_BASELINE = "peer 1"


@dataclass(frozen=True)
class Ranking:
    """A system's place by mean R-2 among itself and the official system peers."""

    rank: int
    of: int
    above: int
    peers: int


@dataclass(frozen=True)
class Difference:
    """Mean per-cluster recall difference of two systems and its 95% bootstrap interval."""

    mean: float
    low: float
    high: float
    clusters: int


@dataclass(frozen=True)
class NistCheck:
    """How our peer averages compare with NIST's on one group of peers."""

    group: str
    peers: int
    spearman: float
    mean_abs_difference: float


@dataclass(frozen=True)
class Timing:
    system: str
    median: float
    max: float


def ordered_systems(evaluation: SummaryEvaluation) -> list[str]:
    """Systems by mean R-2, best first, then humans by mean R-2 (listing order breaks ties)."""
    order = list(evaluation.kinds)

    def key(system: str) -> tuple[float, int]:
        return (-evaluation.mean(system, ROUGE_2).recall, order.index(system))

    machines = sorted((s for s in order if evaluation.kinds[s] != HUMAN), key=key)
    return machines + sorted((s for s in order if evaluation.kinds[s] == HUMAN), key=key)


def ranking(evaluation: SummaryEvaluation, system: str = NEWSWEAVE) -> Ranking | None:
    """`system`'s rank by mean R-2 among the official system peers; None without peers."""
    peers = [name for name, kind in evaluation.kinds.items() if kind == PEER]
    if not peers or system not in evaluation.kinds:
        return None
    mine = evaluation.mean(system, ROUGE_2).recall
    means = [evaluation.mean(peer, ROUGE_2).recall for peer in peers]
    higher = sum(mean > mine for mean in means)
    return Ranking(higher + 1, len(peers) + 1, sum(mean < mine for mean in means), len(peers))


def difference(
    evaluation: SummaryEvaluation, system: str = NEWSWEAVE, other: str = LEXRANK, measure: str = ROUGE_2
) -> Difference | None:
    """The paired difference `system` - `other`, resampling clusters; None when they share none."""
    diffs = evaluation.differences(system, other, measure)
    if not diffs:
        return None
    low, high = bootstrap_ci(diffs)
    return Difference(sum(diffs) / len(diffs), low, high, len(diffs))


def nist_checks(evaluation: SummaryEvaluation) -> list[NistCheck]:
    """Spearman and mean absolute difference of our R-2 peer averages against NIST's:
    over the official systems, and over systems and humans together."""
    if not evaluation.nist:
        return []
    nist = evaluation.nist
    common = [s for s, kind in evaluation.kinds.items() if kind in (PEER, HUMAN) and s in nist]
    groups = (
        ("official systems", [s for s in common if evaluation.kinds[s] == PEER]),
        ("systems and humans", common),
    )
    checks = []
    for group, names in groups:
        if len(names) < 2:
            continue
        ours = [evaluation.mean(name, ROUGE_2).recall for name in names]
        theirs = [nist[name] for name in names]
        rho = float(spearmanr(ours, theirs).statistic)
        gap = sum(abs(a - b) for a, b in zip(ours, theirs, strict=True)) / len(names)
        checks.append(NistCheck(group, len(names), rho, gap))
    return checks


def timings(evaluation: SummaryEvaluation) -> list[Timing]:
    """Median and slowest wall time per cluster of each timed system."""
    found = []
    for system in TIMED:
        seconds = [c.seconds[system] for c in evaluation.clusters if system in c.seconds]
        if seconds:
            found.append(Timing(system, statistics.median(seconds), max(seconds)))
    return found


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def render_table(evaluation: SummaryEvaluation) -> Table:
    """One row per system, sorted by R-2; newsweave highlighted, humans in a section at the bottom."""
    count = len(evaluation.clusters)
    notes = [
        "recall; mean over clusters; stemmed, stop words kept, references pooled and jackknifed "
        f"(ROUGE-1.5.5 -m -2 4 -u -f A); CI: bootstrap over clusters, {RESAMPLES:,} resamples"
    ]
    if NIST_BASELINE in evaluation.kinds:
        notes.append("peer 1 is NIST's baseline: the leading sentences of the newest document")
    table = Table(
        title=f"ROUGE · {count} cluster{'' if count == 1 else 's'} · first {evaluation.words} words",
        caption="\n".join(notes),
    )
    table.add_column("system")
    for measure in MEASURES:
        table.add_column(LABELS[measure], justify="right")
        if measure == ROUGE_2:
            table.add_column("R-2 95% CI", justify="right")
    in_humans = False
    for system in ordered_systems(evaluation):
        if evaluation.kinds[system] == HUMAN and not in_humans:
            table.add_section()
            in_humans = True
        cells = []
        for measure in MEASURES:
            cells.append(f"{evaluation.mean(system, measure).recall:.4f}")
            if measure == ROUGE_2:
                low, high = bootstrap_ci(evaluation.recalls(system, ROUGE_2))
                cells.append(f"{low:.4f}–{high:.4f}")
        table.add_row(system, *cells, style="bold green" if system == NEWSWEAVE else None)
    return table


def summary_lines(evaluation: SummaryEvaluation) -> list[str]:
    """The figures printed under the table: rank, difference to LexRank, empties, NIST check, times."""
    lines = []
    place = ranking(evaluation)
    if place is not None:
        lines.append(
            f"newsweave ranks {ordinal(place.rank)} of {place.of} by R-2: "
            f"above {place.above} of {place.peers} official peers"
        )
    diff = difference(evaluation)
    if diff is not None:
        lines.append(
            f"newsweave - LexRank, R-2: {diff.mean:+.4f} (95% CI {diff.low:+.4f} to {diff.high:+.4f}, "
            f"paired bootstrap over {diff.clusters} clusters)"
        )
    empty = evaluation.empty()
    shown = f": {', '.join(empty[:5])}{' ...' if len(empty) > 5 else ''}" if empty else ""
    lines.append(
        f"newsweave's summary was empty in {len(empty)} of {len(evaluation.clusters)} clusters{shown}"
    )
    for check in nist_checks(evaluation):
        lines.append(
            f"scorer check, R-2 against NIST's averages, {check.group} ({check.peers}): "
            f"Spearman {check.spearman:.4f}, mean |difference| {check.mean_abs_difference:.4f}"
        )
    spans = [f"{t.system} median {t.median:.2f} s, max {t.max:.2f} s" for t in timings(evaluation)]
    if spans:
        lines.append(
            "wall time per cluster (models loaded once; LexRank: read, clean, rank): " + "; ".join(spans)
        )
    return lines


def _score(evaluation: SummaryEvaluation, system: str) -> dict[str, Any]:
    means = {measure: evaluation.mean(system, measure) for measure in MEASURES}
    low, high = bootstrap_ci(evaluation.recalls(system, ROUGE_2))
    return {
        **{measure: {k: round(v, 5) for k, v in asdict(score).items()} for measure, score in means.items()},
        "rouge2_recall_ci": [round(low, 5), round(high, 5)],
        "clusters": len(evaluation.recalls(system, ROUGE_2)),
    }


def to_json(evaluation: SummaryEvaluation) -> dict[str, Any]:
    """The evaluation as plain data: what the table and the lines under it show, plus per-cluster
    scores, our systems' scored texts and wall times."""
    place, diff, spans = ranking(evaluation), difference(evaluation), timings(evaluation)
    return {
        "schema": SCHEMA,
        "words": evaluation.words,
        "measures": list(MEASURES),
        "skipped": list(evaluation.skipped),
        "systems": [
            {"name": system, "kind": evaluation.kinds[system]} for system in ordered_systems(evaluation)
        ],
        "mean": {system: _score(evaluation, system) for system in evaluation.kinds},
        "newsweave": {
            "ranking": asdict(place) if place else None,
            "minus_lexrank_rouge2": asdict(diff) if diff else None,
            "empty_clusters": evaluation.empty(),
        },
        "nist_check": [asdict(check) for check in nist_checks(evaluation)] if evaluation.nist else None,
        "seconds": {t.system: {"median": round(t.median, 3), "max": round(t.max, 3)} for t in spans},
        "clusters": [
            {
                "name": cluster.name,
                "stories": cluster.stories,
                "scores": {
                    system: {measure: round(score.recall, 5) for measure, score in scores.items()}
                    for system, scores in cluster.scores.items()
                },
                "outputs": dict(cluster.outputs),
                "seconds": {system: round(value, 3) for system, value in cluster.seconds.items()},
            }
            for cluster in evaluation.clusters
        ],
    }
