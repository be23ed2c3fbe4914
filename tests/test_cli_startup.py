"""`newsweave --help` starts without the models: the command group loads each command on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import click
from click.testing import CliRunner

from newsweave.cli import COMMANDS, main

HEAVY = ("spacy", "torch", "sklearn", "sentence_transformers")


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after running `code`."""
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    names: list[str] = json.loads(done.stdout.splitlines()[-1])
    return names


def test_importing_the_cli_loads_no_model_library() -> None:
    loaded = _modules_after("import newsweave.cli")
    assert [name for name in HEAVY if name in loaded] == []


def test_help_and_version_load_no_command_module() -> None:
    run = "from newsweave.cli import main\nfor args in (['--help'], ['--version']):\n"
    run += "    try:\n        main(args)\n    except SystemExit:\n        pass"
    loaded = _modules_after(run)
    assert [name for name in HEAVY if name in loaded] == []
    assert [
        name for name in loaded if name.startswith("newsweave.cli.") and name != "newsweave.cli.exits"
    ] == []


def test_help_lists_every_command_as_click_would_with_all_loaded() -> None:
    lazy = CliRunner().invoke(main, ["--help"], terminal_width=80, prog_name="newsweave")
    assert lazy.exit_code == 0
    commands = [main.get_command(click.Context(main), name) for name in COMMANDS]
    eager = click.Group(name=main.name, help=main.help, epilog=main.epilog, params=main.params)
    for command in commands:
        assert command is not None
        eager.add_command(command)
    expected = CliRunner().invoke(eager, ["--help"], terminal_width=80, prog_name="newsweave")
    assert lazy.output == expected.output
    listed = lazy.output.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    assert sorted(line.split()[0] for line in listed.splitlines()) == sorted(COMMANDS)


def test_a_command_loads_when_it_runs() -> None:
    result = CliRunner().invoke(main, ["stories", "--help"])
    assert result.exit_code == 0 and "List the stored stories" in result.output
    assert CliRunner().invoke(main, ["nosuch"]).exit_code == 2
