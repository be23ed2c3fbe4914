"""`newsweave eval`: quality tables against labelled data, one subcommand per stage measured.

`eval clean` scores cleaning, `eval summaries` scores summaries with ROUGE
beside baselines and official peers, and `eval clusters` scores story
clustering beside a TF-IDF baseline. The scoring lives in `newsweave.eval`;
these commands only read the options, show progress on stderr and print the
tables (or, with --format json, the scores as data) on stdout. Inputs that
`eval summaries` or `eval clusters` skipped are warned about on stderr, and
the run exits 3.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from newsweave.cli.options import EXIT_CODES, JSON_ALIAS, format_option
from newsweave.config import load_config
from newsweave.errors import EXIT_PARTIAL


@click.group(name="eval", epilog=EXIT_CODES)
def eval_group() -> None:
    """Quality tables against labelled data (see README: Evaluation)."""


@eval_group.command(name="clean", epilog=EXIT_CODES)
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--errors",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Also list up to N mislabelled lines.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N HTML pages.")
def eval_clean(path: Path, errors: int, limit: int | None) -> None:
    """Score cleaning on the data in PATH, whose layout picks the evaluation.

    HTML: PATH holds ground-truth.json and html/<id>.html.gz (the layout of the
    article-extraction-benchmark); prints token precision, recall and F1 of the
    article body for newsweave and for trafilatura alone, on the same pages.

    Text: PATH holds articles X.txt beside hand labels X.roles.tsv (one row per
    non-blank line: number, role, reason or field, tab-separated); prints
    precision, recall and F1 of noise and meta detection, overall and per label.
    """
    from newsweave.analyze import default_models
    from newsweave.eval.clean import evaluate_clean

    console = Console(width=max(Console().width, 100))
    with Console(stderr=True).status("scoring", spinner="dots"):
        shown = evaluate_clean(path, default_models().nlp.is_organization, errors=errors, limit=limit)
    for renderable in shown:
        console.print(renderable)


@eval_group.command(name="summaries", epilog=EXIT_CODES)
@click.argument("path", metavar="DOCS", type=click.Path(path_type=Path))
@click.option(
    "--refs",
    type=click.Path(path_type=Path),
    default=None,
    help="DUC layout: folder of reference summaries named like D0601.M.250.A.A (topic first, "
    "summarizer id last), or of pyramid files D0701-*.pyr whose <text> holds them.",
)
@click.option(
    "--peers",
    type=click.Path(path_type=Path),
    default=None,
    help="DUC layout: folder of official peer summaries named like the references "
    "(D0601.M.250.A.24); each is scored beside newsweave, humans listed apart.",
)
@click.option(
    "--nist-avg",
    "nist_avg",
    type=click.Path(path_type=Path),
    default=None,
    help="NIST's ROUGE-2 averages per peer (rouge2.jk.m.avg): print how closely the "
    "recomputed peer scores match them (Spearman, mean absolute difference).",
)
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=None,
    help="Word budget: every summary, references included, is cut to its first N words before "
    "scoring. [default: 250 with --refs, else 100]",
)
@format_option("text", "json", help="text: a table; json: the scores as data, with each system's text.")
@JSON_ALIAS
def eval_summaries(
    path: Path,
    refs: Path | None,
    peers: Path | None,
    nist_avg: Path | None,
    words: int | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Score summaries with ROUGE against human references, beside baselines and official peers.

    Folder layout (no --refs): DOCS holds one folder per story cluster,
    CLUSTER/docs/*.txt (articles) and CLUSTER/refs/*.txt (reference summaries).

    DUC layout (--refs): DOCS holds one folder of articles per cluster (D0601A,
    any file names, SGML included); a reference or peer file belongs to the
    cluster whose folder name, less its trailing letter, is the file's topic
    (D0601.M.250.A.B -> D0601A).

    Systems: newsweave (the whole pipeline, each cluster taken as one story),
    Lead (round-robin leading sentences), Lead-newest (the newest document's
    leading sentences, NIST's baseline), LexRank and TextRank, on the same
    cleaned text, and every peer in --peers. Prints ROUGE-1, ROUGE-2 and
    ROUGE-SU4 recall as ROUGE-1.5.5 computes them (stemmed, references pooled
    and jackknifed), the mean over clusters, a bootstrap 95% interval for
    ROUGE-2, newsweave's rank among the peers and its paired difference to
    LexRank, empty summaries, and wall times. A cluster without references
    or readable articles is skipped with a warning.
    """
    import json

    from newsweave.analyze import default_models
    from newsweave.eval.summaries import DEFAULT_WORDS, DUC_WORDS, evaluate_summaries
    from newsweave.eval.summary_report import render_table, summary_lines, to_json

    config = load_config({"words": words or (DUC_WORDS if refs is not None else DEFAULT_WORDS)})
    with _ClusterProgress(Console(stderr=True)) as progress:
        evaluation = evaluate_summaries(
            path, config, default_models(), refs=refs, peers=peers, nist_avg=nist_avg, progress=progress
        )
    for note in evaluation.skipped:
        click.echo(f"warning: skipped {note}", err=True)
    if as_json or fmt == "json":
        click.echo(json.dumps(to_json(evaluation), indent=2, ensure_ascii=False))
    else:
        console = Console(width=max(Console().width, 100))
        console.print(render_table(evaluation))
        for line in summary_lines(evaluation):
            console.print(line, highlight=False, soft_wrap=True)
    if evaluation.skipped:
        sys.exit(EXIT_PARTIAL)


class _ClusterProgress:
    """A progress bar over clusters on stderr (only on a terminal: a DUC run takes minutes)."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self.task = self.bar.add_task("clusters", total=None)

    def __enter__(self) -> _ClusterProgress:
        self.bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.bar.stop()

    def __call__(self, done: int, total: int, name: str) -> None:
        self.bar.update(self.task, completed=done, total=total, description=name or "done")


@eval_group.command(name="clusters", epilog=EXIT_CODES)
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@format_option("text", "json", help="text: a table; json: the scores as data.")
@JSON_ALIAS
def eval_clusters(path: Path, fmt: str, as_json: bool) -> None:
    """Score story clustering against gold story labels, beside a TF-IDF baseline.

    FILE is JSONL, one article a line: "id", "text", optional "title" and
    "published", and the gold "story". Prints B-cubed precision, recall and F1
    and pairwise F1 for newsweave and for TF-IDF + agglomerative clustering,
    in the same run. Malformed lines are listed with their line number and
    skipped.
    """
    import json

    from newsweave.analyze import default_models
    from newsweave.eval.clusters import evaluate_clusters, render_table, to_json

    def warn(message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    with Console(stderr=True).status("clustering", spinner="dots"):
        evaluation = evaluate_clusters(path, default_models(), report=warn)
    if as_json or fmt == "json":
        click.echo(json.dumps(to_json(evaluation), indent=2, ensure_ascii=False))
    else:
        Console(width=max(Console().width, 100)).print(render_table(evaluation))
    if evaluation.skipped:
        sys.exit(EXIT_PARTIAL)
