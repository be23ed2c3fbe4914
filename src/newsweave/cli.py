"""The `newsweave` command: a thin Click layer over the library.

Errors a user can fix (`UserError`) print as one line on stderr and exit 2;
inputs that were skipped are listed on stderr and the run exits 3 after
writing what it could. Progress goes to stderr, so stdout stays clean for
piping JSON.

An option that several commands take is declared once (`DB_OPTION`,
`WORKERS_OPTION`, ...), so it reads and behaves the same everywhere; every
command that prints JSON is asked for it by `--format json`. Options that
stand for settings default to the built-in settings, which --help shows,
and only a value given on the command line overrides newsweave.toml and the
environment. An option that a command would ignore in the way it is run is
a usage error, never silently dropped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource
from rich.console import Console

from newsweave import __version__
from newsweave.config import FORMATS, Config, load_config
from newsweave.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USER_ERROR, NewsweaveError, UserError
from newsweave.pipeline import Result, run
from newsweave.render import render
from newsweave.store.urls import URL_HELP

EXIT_CODES = f"""Exit codes: {EXIT_OK} success; 1 the run failed (e.g. a Dask partition failed
after retries, or the database failed mid-run: disk full, locked, connection dropped; what was
stored is kept, run again to finish), with the reason on stderr; {EXIT_USER_ERROR} user error (bad
option, no readable article, unreachable database or one written by a newer newsweave);
{EXIT_PARTIAL} done, but some inputs were skipped (each listed on stderr)."""

DEFAULTS = Config()  # the built-in settings, which --help shows as the options' defaults

Command = TypeVar("Command", bound=Callable[..., Any])

# The options several commands take, each declared once.
DB_OPTION = click.option("--db", metavar="URL", default=None, help=URL_HELP)
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress messages on stderr.")
WORKERS_OPTION = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Parse, clean and analyze each article on a local Dask cluster of N worker processes.",
)
SCHEDULER_OPTION = click.option(
    "--scheduler",
    metavar="ADDR",
    default=None,
    help="Do that work on the running Dask cluster at ADDR (tcp://HOST:PORT) instead.",
)
# `--json`, the older spelling of `--format json`, still works but is not shown.
JSON_ALIAS = click.option("--json", "as_json", is_flag=True, hidden=True, help="The same as --format json.")


def format_option(*choices: str, help: str, default: str = "text") -> Callable[[Command], Command]:
    """`--format`: how every command that can print JSON is asked for it (`--format json`)."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help=help
    )


class _Cli(click.Group):
    """Turns newsweave's own errors into one clean line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except NewsweaveError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)


@click.group(cls=_Cli, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """Read noisy news articles from many outlets; write one cited brief per story.

    Every summary sentence is copied from a source and cites each source that
    says the same, by source id and line number.
    """


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=False, metavar="PATH...")
@click.option(
    "--story",
    "story_id",
    metavar="ID",
    default=None,
    help="Print the brief of stored story ID (see `newsweave stories`), from the store at --db, "
    "instead of reading PATH...; composed from its stored articles if it changed since it was last "
    "shown.",
)
@DB_OPTION
@format_option(
    *FORMATS,
    default=DEFAULTS.format,
    help="Output format: text for reading, md for notes, json for the newsweave.brief/1 contract.",
)
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=DEFAULTS.words,
    show_default=True,
    help="Word budget of each summary (the first sentence is always kept).",
)
@click.option(
    "--one-story",
    is_flag=True,
    help="The inputs report one story (a curated cluster): skip grouping and write one brief.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the brief to this file instead of standard output.",
)
@QUIET_OPTION
@WORKERS_OPTION
@SCHEDULER_OPTION
@click.pass_context
def brief(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    words: int,
    out: Path | None,
    one_story: bool,
    quiet: bool,
    workers: int | None,
    scheduler: str | None,
    story_id: str | None,
    db: str | None,
) -> None:
    """Brief the stories in PATH...: article files, directories (read recursively), URLs or - for stdin.

    Article files: text (.txt), HTML (.html), JSON Lines (.jsonl, one
    article a line), RSS/Atom feeds (.rss, .atom, .xml), web archives
    (.warc, .warc.gz) and LDC SGML news files (.sgml, .sgm, or a file of any
    other name that opens with <DOC>, as DUC's APW20310304.0042-style files
    do; one article per DOC).
    A text or HTML file is one article. Articles about the same event become one story.
    Each story gets a summary, a dated timeline, who said what, where the
    sources agree and disagree, details only one source has, its named
    entities, and its sources with every line's role (body, meta, or noise
    with the reason) and the copies among them. Every sentence shown is a
    source's own sentence and cites source and line.

    With --story ID (and no PATH), print the brief of a story stored by
    `newsweave ingest` instead (--one-story, --workers and --scheduler apply
    to PATH... only, --db to --story only).

    The defaults shown are the built-in ones; newsweave.toml and NEWSWEAVE_*
    variables may set others (see README: Settings).
    """
    _check_brief_mode(ctx, story_id, paths)
    config = load_config(_settings_given(ctx, format="fmt", words="words"))
    if story_id is not None:
        _brief_stored(story_id, db, config, out)
        return
    if workers is not None or scheduler is not None:
        from newsweave.parallel import run_parallel

        say = None if quiet else (lambda message: click.echo(message, err=True))
        result = run_parallel(
            list(paths), config, workers=workers, scheduler=scheduler, report=say, one_story=one_story
        )
    else:
        result = _run_with_status(list(paths), config, quiet, one_story)
    to_terminal = out is None and sys.stdout.isatty()
    width = Console().width if to_terminal else 100
    text = render(result.briefs, config.format, color=to_terminal, width=width)
    _emit(text, out)
    _report_leftovers(result)
    if result.skipped:
        sys.exit(EXIT_PARTIAL)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DB_OPTION
@QUIET_OPTION
@WORKERS_OPTION
@SCHEDULER_OPTION
def ingest(
    paths: tuple[str, ...], db: str | None, quiet: bool, workers: int | None, scheduler: str | None
) -> None:
    """Store the articles in PATH... (as for `brief`) and file each into its story.

    Each article is stored once, keyed by its content: ingesting it again is
    a no-op. Each new article joins the stored story it best matches or
    opens a new one (by its words, names, figures and dates and a fast
    static encoder; the full language analysis waits for the brief, so
    thousands of articles take minutes). Every article is
    stored and filed in one transaction, so an ingest that is interrupted
    keeps what it stored, and running it again finishes the job. Briefs are
    composed when first shown (`brief --story ID`, the web pages). Prints
    how many articles were added, already stored and skipped.
    """
    from newsweave.analyze import default_models
    from newsweave.ingest import RichProgress
    from newsweave.ingest import ingest as ingest_paths
    from newsweave.store import open_store, resolve_url

    config = load_config({})
    stderr = Console(stderr=True)
    with ExitStack() as stack:
        client = None
        if workers is not None or scheduler is not None:
            from newsweave.parallel import dask_client

            client = stack.enter_context(dask_client(workers, scheduler))
        store = stack.enter_context(open_store(resolve_url(db)))
        progress = None if quiet or not stderr.is_terminal else stack.enter_context(RichProgress(stderr))
        report = ingest_paths(list(paths), store, config, default_models(), progress, client=client)
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(
        f"added {report.added}, already stored {report.already}, skipped {len(report.skipped)}; "
        f"{report.stories} stories in the store"
    )
    if report.skipped:
        sys.exit(EXIT_PARTIAL)


@main.command(epilog=EXIT_CODES)
@DB_OPTION
@format_option("text", "json", help="text: a table; json: one object per story (or per arc, with --arcs).")
@click.option(
    "--arcs",
    "by_arc",
    is_flag=True,
    help="Group the stories by arc: each arc with the span of all its stories, then its stories by date.",
)
def stories(db: str | None, fmt: str, by_arc: bool) -> None:
    """List the stored stories: id, headline, sources (total and independent), dates and flags.

    Independent sources count each syndicated copy once; copies are found
    when a story's brief is composed, so until then every source counts.
    The dates are the first and last publication dates of the story's
    sources. Show one with `newsweave brief --story ID`.

    An arc is the consecutive stories of one affair over months (a trial's
    opening and its verdict, the rounds of a campaign), named after its
    first story; --arcs lists each arc with its stories.
    """
    from newsweave.listing import arcs_json, arcs_table, stories_json, stories_table
    from newsweave.store import group_arcs, open_store, resolve_url

    with open_store(resolve_url(db)) as store:
        rows = store.stories()
    console = Console(width=max(Console().width, 100))
    if by_arc:
        arcs = group_arcs(rows)
        if fmt == "json":
            click.echo(arcs_json(arcs), nl=False)
        else:
            console.print(arcs_table(arcs))
    elif fmt == "json":
        click.echo(stories_json(rows), nl=False)
    else:
        console.print(stories_table(rows))


@main.command(epilog=EXIT_CODES)
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="NEWSWEAVE_TOKEN",
    default=None,
    show_envvar=True,
    help="Bearer token that POST /api/articles requires (prefer the environment variable: "
    "options show in the process list); without one, writes are refused (403).",
)
@click.option(
    "--show-paths",
    is_flag=True,
    help="Show the paths articles were read from (for a private deployment); by default pages "
    "and the API name a source by its URL, else its file name, never its folders.",
)
def serve(db: str | None, host: str, port: int, token: str | None, show_paths: bool) -> None:
    """Serve the store: story, source and brief pages, a JSON API, OpenAPI docs at /docs.

    Pages: / (stories), /stories/ID, /sources/ARTICLE_ID; each has a JSON twin
    under /api. POST /api/articles stores an article (needs the token) and
    files it into its story; a story's brief is composed when it is first
    shown after it changed, which takes seconds.
    """
    import uvicorn

    from newsweave.service import create_app
    from newsweave.store import resolve_url

    app = create_app(resolve_url(db), token, show_paths=show_paths)
    uvicorn.run(app, host=host, port=port, log_level="info")


@main.group(name="eval", epilog=EXIT_CODES)
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


# What only one way of running `brief` reads: PATH... or a stored --story.
_PATHS_ONLY = ("one_story", "workers", "scheduler")
_STORY_ONLY = ("db",)


def _check_brief_mode(ctx: click.Context, story_id: str | None, paths: tuple[str, ...]) -> None:
    """A usage error (exit 2) for `brief` without PATH... or --story ID, with both, or with an
    option the chosen one would ignore, named as the user spelled it."""
    if story_id is None and not paths:
        raise click.UsageError("give PATH... to brief, or --story ID for a stored story")
    if story_id is not None and paths:
        raise click.UsageError("give either PATH... or --story ID, not both")
    if story_id is not None and (ignored := _options_given(ctx, _PATHS_ONLY)):
        verb = "applies" if len(ignored) == 1 else "apply"
        raise click.UsageError(f"{' and '.join(ignored)} {verb} to briefing PATH..., not to --story ID")
    if story_id is None and (ignored := _options_given(ctx, _STORY_ONLY)):
        raise click.UsageError(f"{' and '.join(ignored)} applies to --story ID only, not to briefing PATH...")


def _given(ctx: click.Context, parameter: str) -> bool:
    """Whether the command line set `parameter`, rather than leaving it at its default."""
    return ctx.get_parameter_source(parameter) not in (None, ParameterSource.DEFAULT)


def _options_given(ctx: click.Context, parameters: tuple[str, ...]) -> list[str]:
    """The options among `parameters` that the command line set, as spelled there."""
    return [
        param.opts[0] for param in ctx.command.params if param.name in parameters and _given(ctx, param.name)
    ]


def _settings_given(ctx: click.Context, **parameters: str) -> dict[str, Any]:
    """The settings (setting=parameter) the command line set, for `load_config`: an option left
    at its default (the built-in one --help shows) leaves the setting to newsweave.toml and the
    environment."""
    return {
        setting: ctx.params[parameter] for setting, parameter in parameters.items() if _given(ctx, parameter)
    }


def _brief_stored(story_id: str, db: str | None, config: Config, out: Path | None) -> None:
    """`brief --story ID`: the story's brief from the store at --db (composed now if the
    story changed since it was last composed)."""
    from newsweave.analyze import default_models
    from newsweave.filing import story_document
    from newsweave.listing import stored_brief
    from newsweave.store import open_store, resolve_url

    to_terminal = out is None and sys.stdout.isatty()
    with open_store(resolve_url(db)) as store:
        # A brief composed with other summary settings (--words) is shown, not kept for everyone.
        keep = config.summary() == load_config({}).summary()
        story = story_document(store, story_id, config, default_models(), keep=keep)
        text = stored_brief(
            story_id, story, config.format, color=to_terminal, width=Console().width if to_terminal else 100
        )
    _emit(text, out)


def _emit(text: str, out: Path | None) -> None:
    """A rendered brief to standard output, or to the --out file."""
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {out}: {error.strerror or error}") from error


def _run_with_status(paths: list[str], config: Any, quiet: bool, one_story: bool = False) -> Result:
    stderr = Console(stderr=True)
    if quiet or not stderr.is_terminal:
        return run(paths, config, one_story=one_story)
    with stderr.status("starting", spinner="dots") as status:
        return run(paths, config, report=lambda message: status.update(message), one_story=one_story)


def _report_leftovers(result: Result) -> None:
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    if result.ignored:
        shown = ", ".join(result.ignored[:3]) + (" ..." if len(result.ignored) > 3 else "")
        click.echo(f"note: ignored {len(result.ignored)} files that are not articles: {shown}", err=True)
