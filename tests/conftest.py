"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsweave.cli import main
from newsweave.pipeline import Models, default_models

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
TWO_EVENTS = ROOT / "tests" / "data" / "two-events"


@pytest.fixture(scope="session")
def models() -> Models:
    return default_models()


@pytest.fixture()
def cli(models: Models) -> Callable[..., Result]:
    """Invoke `newsweave` in-process (models already loaded by the fixture)."""
    runner = CliRunner()

    def invoke(*args: str, stdin: bytes | None = None) -> Result:
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def example_json(models: Models) -> dict[str, Any]:
    """The example's brief as JSON, produced once through the CLI with a relative path."""
    runner = CliRunner()
    with _chdir(ROOT):
        result = runner.invoke(main, ["brief", "examples/kim-russia-2023", "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


class _chdir:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.previous = Path.cwd()

    def __enter__(self) -> None:
        import os

        os.chdir(self.path)

    def __exit__(self, *_exc: object) -> None:
        import os

        os.chdir(self.previous)
