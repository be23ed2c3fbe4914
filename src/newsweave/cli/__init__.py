"""The `newsweave` command: a thin Click layer over the library.

`main` is the command group (the console script `newsweave` and
`python -m newsweave` both run it); each family of subcommands lives in its
own module of this package and is registered at the end of this one: a
new command is a new module here and one `main.add_command` line. What the
commands share (options, the exit-code epilog, reading settings from the
command line) is in `options`.

Errors a user can fix (`UserError`) print as one line on stderr and exit 2;
other newsweave errors print the same way and exit 1; inputs that were
skipped are listed on stderr and the run exits 3 after writing what it
could. Progress goes to stderr, so stdout stays clean for piping JSON.
"""

from __future__ import annotations

from typing import Any

import click

from newsweave import __version__
from newsweave.cli import brief, clean, evaluate, store
from newsweave.cli.options import EXIT_CODES
from newsweave.errors import EXIT_USER_ERROR, NewsweaveError, UserError


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


# The subcommands, one module per family (--help lists them by name, whatever the order here).
main.add_command(brief.brief)
main.add_command(clean.clean)
main.add_command(store.ingest)
main.add_command(store.stories)
main.add_command(store.serve)
main.add_command(evaluate.eval_group)
