"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsweave.analyze import Models, default_models
from newsweave.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
TWO_EVENTS = ROOT / "tests" / "data" / "two-events"


@pytest.fixture(scope="session")
def models() -> Models:
    return default_models()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A throwaway PostgreSQL server for the store suite (see tests/pg_server.py).

    Skips when none can be had, except under CI, where it must be there."""
    from . import pg_server

    reason = pg_server.missing_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    with pg_server.server() as url:
        yield url


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend (SQLite, and PostgreSQL on a throwaway server)."""
    from . import pg_server

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        yield url
