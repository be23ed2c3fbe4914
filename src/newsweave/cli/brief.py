"""`newsweave brief`: the briefs of the stories in PATH..., or of one stored story.

The command has two ways of running, reading PATH... or showing a stored
--story ID, and an option that only the other way reads is a usage error
(exit 2) naming it, never silently dropped. The brief goes to stdout (or
--out) and progress to stderr, so stdout stays clean for piping JSON;
inputs that were skipped are listed on stderr and the run exits 3 after
writing what it could.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from newsweave.cli.options import (
    DB_OPTION,
    DEFAULTS,
    EXIT_CODES,
    QUIET_OPTION,
    SCHEDULER_OPTION,
    WORKERS_OPTION,
    format_option,
    options_given,
    report_leftovers,
    settings_given,
)
from newsweave.config import FORMATS, Config, load_config
from newsweave.errors import EXIT_PARTIAL, UserError
from newsweave.pipeline import Result, run
from newsweave.render import render


@click.command(epilog=EXIT_CODES)
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
    config = load_config(settings_given(ctx, format="fmt", words="words"))
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
    report_leftovers(result.skipped, result.ignored)
    if result.skipped:
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
    if story_id is not None and (ignored := options_given(ctx, _PATHS_ONLY)):
        verb = "applies" if len(ignored) == 1 else "apply"
        raise click.UsageError(f"{' and '.join(ignored)} {verb} to briefing PATH..., not to --story ID")
    if story_id is None and (ignored := options_given(ctx, _STORY_ONLY)):
        raise click.UsageError(f"{' and '.join(ignored)} applies to --story ID only, not to briefing PATH...")


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


def _run_with_status(paths: list[str], config: Config, quiet: bool, one_story: bool = False) -> Result:
    stderr = Console(stderr=True)
    if quiet or not stderr.is_terminal:
        return run(paths, config, one_story=one_story)
    with stderr.status("starting", spinner="dots") as status:
        return run(paths, config, report=lambda message: status.update(message), one_story=one_story)
