"""The commands over a store of articles and stories: `ingest`, `stories` and `serve`.

They share the --db option (a URL, else $NEWSWEAVE_DB, else the default
SQLite file) and leave the work to the layers below: `ingest` files
articles into stories, `stories` lists them, `serve` puts the web pages and
the JSON API in front of them. Each imports what it needs when it runs,
so `newsweave --help` loads none of it.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack

import click
from rich.console import Console

from newsweave.cli.options import (
    DB_OPTION,
    EXIT_CODES,
    QUIET_OPTION,
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    format_option,
)
from newsweave.config import load_config
from newsweave.errors import EXIT_PARTIAL


@click.command(epilog=EXIT_CODES)
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


@click.command(epilog=EXIT_CODES)
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


@click.command(epilog=EXIT_CODES)
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
