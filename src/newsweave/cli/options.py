"""What the `newsweave` commands share: their options, their epilog, and how they read settings.

An option that several commands take is declared once here (`DB_OPTION`,
`WORKERS_OPTION`, ...), so it reads and behaves the same everywhere; every
command that prints JSON is asked for it by `--format json`. Options that
stand for settings default to the built-in settings (`DEFAULTS`), which
--help shows, and only a value given on the command line overrides
newsweave.toml and the environment (`settings_given`). An option that a
command would ignore in the way it is run is a usage error, never silently
dropped (`options_given` names it as the user spelled it).

Every command shows `EXIT_CODES` under its --help, so a script that calls
it knows what each exit status means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from newsweave.cli.exits import EXIT_CODES as EXIT_CODES  # shown under every command
from newsweave.config import Config
from newsweave.models import Skipped
from newsweave.store.urls import URL_HELP

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


def given(ctx: click.Context, parameter: str) -> bool:
    """Whether the command line set `parameter`, rather than leaving it at its default."""
    return ctx.get_parameter_source(parameter) not in (None, ParameterSource.DEFAULT)


def options_given(ctx: click.Context, parameters: tuple[str, ...]) -> list[str]:
    """The options among `parameters` that the command line set, as spelled there."""
    return [
        param.opts[0] for param in ctx.command.params if param.name in parameters and given(ctx, param.name)
    ]


def settings_given(ctx: click.Context, **parameters: str) -> dict[str, Any]:
    """The settings (setting=parameter) the command line set, for `load_config`: an option left
    at its default (the built-in one --help shows) leaves the setting to newsweave.toml and the
    environment."""
    return {
        setting: ctx.params[parameter] for setting, parameter in parameters.items() if given(ctx, parameter)
    }


def report_leftovers(skipped: Sequence[Skipped], ignored: Sequence[str]) -> None:
    """The inputs that were skipped, with their reasons, and the files ignored, on stderr."""
    for item in skipped:
        click.echo(f"skipped {item.path}: {item.reason}", err=True)
    if ignored:
        shown = ", ".join(ignored[:3]) + (" ..." if len(ignored) > 3 else "")
        click.echo(f"note: ignored {len(ignored)} files that are not articles: {shown}", err=True)
