"""The `newsweave` command: a thin Click layer over the library.

`main` is the command group (the console script `newsweave` and
`python -m newsweave` both run it); each family of subcommands lives in its
own module of this package and is registered in `COMMANDS` at the end of
this one: a new command is a new module here and one line there. A command's
module is imported only when that command runs (or shows its --help), so
`newsweave --help` and `--version` load neither the settings nor any model;
the list --help shows reads each command's help from its module's source.
What the commands share (options, reading settings from the command line) is
in `options`, the exit-code epilog in `exits`.

Errors a user can fix (`UserError`) print as one line on stderr and exit 2;
other newsweave errors print the same way and exit 1; inputs that were
skipped are listed on stderr and the run exits 3 after writing what it
could. Progress goes to stderr, so stdout stays clean for piping JSON.
"""

from __future__ import annotations

import ast
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import click

from newsweave import __version__
from newsweave.cli.exits import EXIT_CODES
from newsweave.errors import EXIT_USER_ERROR, NewsweaveError, UserError


class _Cli(click.Group):
    """Loads each subcommand from its module on first use (see `COMMANDS`), and turns
    newsweave's own errors into one clean line instead of a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, _, attribute = COMMANDS[cmd_name].partition(":")
            command = getattr(import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{module}.{attribute} is not a Click command")
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, as Click writes it, from `COMMANDS` without loading them."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, _short_help(self, ctx, name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except NewsweaveError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)


def _short_help(group: _Cli, ctx: click.Context, name: str, limit: int) -> str:
    """A command's line in the list, shortened from its docstring as Click does; the docstring
    is read from the module's source, so listing a command does not import it."""
    if name in COMMANDS and name not in group.commands:
        module, _, function = COMMANDS[name].partition(":")
        docstring = _docstring(module, function)
        if docstring is not None:
            return click.Command(name, help=docstring).get_short_help_str(limit)
    command = group.get_command(ctx, name)
    return command.get_short_help_str(limit) if command is not None else ""


def _docstring(module: str, function: str) -> str | None:
    """The docstring of `function` in `module`'s source, or None where there is no source."""
    spec = find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), spec.origin)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_docstring(node)
    return None


@click.group(cls=_Cli, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """Read noisy news articles from many outlets; write one cited brief per story.

    Every summary sentence is copied from a source and cites each source that
    says the same, by source id and line number.
    """


# The subcommands, by name: the module that holds each and the command's name there, one line
# each (--help lists them by name, whatever the order here).
COMMANDS: dict[str, str] = {
    "brief": "newsweave.cli.brief:brief",
    "clean": "newsweave.cli.clean:clean",
    "ingest": "newsweave.cli.store:ingest",
    "stories": "newsweave.cli.store:stories",
    "serve": "newsweave.cli.store:serve",
    "eval": "newsweave.cli.evaluate:eval_group",
}
