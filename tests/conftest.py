"""Shared fixtures: the models (real, or the fakes of the unit tier), the CLI, the databases.

The suite has two tiers. The unit tier (`make unit-fast`) checks logic with
the deterministic fakes of `tests/fakes.py` (`fake_models`, `fake_cli`) and
runs in about a minute. Tests that need the real spaCy and MiniLM models
(`models`, `cli`, `example_json`), a PostgreSQL server, a browser or a second
process are marked `integration`; tests on the fakes that take seconds by
design (Hypothesis runs, waits on timeouts) are marked `slow`. Both kinds
make the second tier (`make integration`). A unit test that reaches the real
models fails, saying so.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsweave.analyze import MiniLMEncoder, Models, SpacyNlp, default_models
from newsweave.cli import main

from .fakes import make_fake_models

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
TWO_EVENTS = ROOT / "tests" / "data" / "two-events"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, object, object]:
    """A unit test (one not marked `integration`) that reaches the real spaCy or MiniLM fails.

    The guard spans the test's fixtures too, so a module fixture that parses
    with the real models is caught in the test that first asks for it.
    """
    if item.get_closest_marker("integration") is not None:
        return (yield)

    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail(f"{item.nodeid} used the real models: give it fake_models, or mark it integration")

    with pytest.MonkeyPatch.context() as patch:
        for name in ("sentences", "is_organization"):
            patch.setattr(SpacyNlp, name, refuse)
        patch.setattr(MiniLMEncoder, "encode", refuse)
        return (yield)


@pytest.fixture(scope="session")
def models() -> Models:
    """The real models (spaCy and MiniLM, each loaded on first use): integration tests only."""
    return default_models()


@pytest.fixture(scope="session")
def fake_models() -> Models:
    """The fakes of `tests/fakes.py`, with the real static encoder (a cached table)."""
    return make_fake_models()


@contextmanager
def models_everywhere(chosen: Models) -> Iterator[None]:
    """While open, `default_models()` answers `chosen` in every newsweave module.

    Commands run in-process (the CLI, ingest) call `default_models()` rather
    than take models as an argument; this points them at the fakes. A module
    first imported while open binds the stand-in too, so on close every
    module holding it is given the real function back.
    """

    def stand_in() -> Models:
        return chosen

    def holding(function: object) -> list[ModuleType]:
        return [
            module
            for name, module in list(sys.modules.items())
            if name.startswith("newsweave") and vars(module).get("default_models") is function
        ]

    for module in holding(default_models):
        vars(module)["default_models"] = stand_in
    try:
        yield
    finally:
        for module in holding(stand_in):
            vars(module)["default_models"] = default_models


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


def _invoker() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, stdin: bytes | None = None) -> Result:
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


@pytest.fixture()
def cli(models: Models) -> Callable[..., Result]:
    """Invoke `newsweave` in-process, with the real models."""
    return _invoker()


@pytest.fixture()
def fake_default_models(fake_models: Models) -> Iterator[Models]:
    """The fakes, which `default_models()` answers for the length of the test."""
    with models_everywhere(fake_models):
        yield fake_models


@pytest.fixture()
def fake_cli(fake_default_models: Models) -> Callable[..., Result]:
    """Invoke `newsweave` in-process, with the fakes."""
    return _invoker()


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend (SQLite, and PostgreSQL on a throwaway server: integration)."""
    from . import pg_server

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        yield url
