"""`newsweave ingest`, `newsweave stories` and `newsweave brief --story`, on SQLite and PostgreSQL.

The bundled example is ingested once per backend (module fixture); the stored
brief must be the one `newsweave brief PATH` prints for the same files. The
tests of the ingested example are integration tests, with the real models;
the rest run on the fakes of tests/fakes.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsweave.analyze import Models
from newsweave.cli import main
from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR
from newsweave.store import ENV_VAR, resolve_url

from . import pg_server
from .conftest import ROOT, _chdir
from .store_corpus import write_corpus

EXAMPLE_ARG = "examples/kim-russia-2023"


def _invoke(*args: str) -> Result:
    with _chdir(ROOT):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def example_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, models: Models
) -> Iterator[str]:
    """A store holding the bundled example, ingested through the CLI."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'example.db'}"
        _ingest_example(url)
        yield url
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        _ingest_example(url)
        yield url


def _ingest_example(url: str) -> None:
    result = _invoke("ingest", EXAMPLE_ARG, "--db", url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added 5, already stored 0, skipped 0; 1 stories")


@pytest.mark.integration
def test_stories_lists_the_example_as_one_story_of_five_sources(example_db: str) -> None:
    result = _invoke("stories", "--db", example_db, "--format", "json")
    assert result.exit_code == 0
    (story,) = json.loads(result.stdout)["stories"]
    assert story["id"].startswith("story-")
    assert (story["sources"], story["independent"]) == (5, 5)
    assert story["first_date"] <= story["last_date"]
    assert story["flags"]["injected_token"] == 1
    table = _invoke("stories", "--db", example_db).stdout
    assert story["id"] in table and "1 stories" in table


@pytest.mark.integration
def test_ingesting_again_is_a_no_op(example_db: str) -> None:
    result = _invoke("ingest", EXAMPLE_ARG, "--db", example_db)
    assert result.exit_code == 0
    assert result.stdout.startswith("added 0, already stored 5, skipped 0; 1 stories")


@pytest.fixture(scope="module")
def example_renders(models: Models) -> dict[str, str]:
    """`newsweave brief EXAMPLE --format F` for text and md, run once."""
    return {fmt: _invoke("brief", EXAMPLE_ARG, "--format", fmt).stdout for fmt in ("text", "md")}


@pytest.mark.integration
def test_stored_brief_is_the_brief_of_the_same_files(
    example_db: str, example_json: dict[str, Any], example_renders: dict[str, str]
) -> None:
    """Composed on demand from the stored articles, the brief is the one `brief` writes
    from the files; only the story id differs (a stored story is named by its first article)."""
    (listed,) = json.loads(_invoke("stories", "--db", example_db, "--format", "json").stdout)["stories"]
    story_id, file_id = listed["id"], example_json["stories"][0]["id"]
    result = _invoke("brief", "--story", story_id, "--db", example_db, "--format", "json")
    assert result.exit_code == 0, result.output
    expected = json.loads(json.dumps(example_json).replace(file_id, story_id))
    assert json.loads(result.stdout) == expected
    for fmt in ("text", "md"):
        stored = _invoke("brief", "--story", story_id, "--db", example_db, "--format", fmt).stdout
        assert stored == example_renders[fmt].replace(file_id, story_id)


@pytest.mark.integration
def test_unknown_story_is_a_clear_error(example_db: str) -> None:
    result = _invoke("brief", "--story", "story-000000000000", "--db", example_db)
    assert result.exit_code == EXIT_USER_ERROR
    assert "no story 'story-000000000000' in the store" in result.stderr
    assert "newsweave stories" in result.stderr


def test_brief_needs_paths_or_a_story() -> None:
    result = _invoke("brief")
    assert result.exit_code == EXIT_USER_ERROR
    assert "give PATH... to brief, or --story ID" in result.stderr
    both = _invoke("brief", EXAMPLE_ARG, "--story", "story-000000000000")
    assert both.exit_code == EXIT_USER_ERROR and "not both" in both.stderr


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "nosuchdb://host/db",
        "sqlite:////no/such/folder/store.db",
        "postgresql://u:secret@127.0.0.1:9/x",
    ],
)
def test_bad_database_url_is_one_line_and_exit_2(url: str) -> None:
    result = _invoke("stories", "--db", url)
    assert result.exit_code == EXIT_USER_ERROR
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "secret" not in result.stderr


def test_skipped_input_exits_3_after_storing_the_rest(tmp_path: Path, fake_default_models: Models) -> None:
    write_corpus(tmp_path / "in", 1)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result = _invoke("ingest", str(tmp_path / "in"), str(tmp_path / "missing.txt"), "--db", url)
    assert result.exit_code == EXIT_PARTIAL
    assert "skipped" in result.stderr and "missing.txt" in result.stderr
    assert result.stdout.startswith("added 1, already stored 0, skipped 1")


def test_database_url_from_option_then_environment_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_url(None) == "sqlite:///newsweave.db"
    monkeypatch.setenv(ENV_VAR, "postgres://u@h/db")
    assert resolve_url(None) == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    assert "NEWSWEAVE_DB" in " ".join(_invoke("ingest", "--help").output.split())


def test_environment_variable_picks_the_store(
    tmp_path: Path, fake_default_models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "in", 1)
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv(ENV_VAR, url)
    assert _invoke("ingest", str(tmp_path / "in")).exit_code == 0
    assert (tmp_path / "env.db").is_file()
    monkeypatch.delenv(ENV_VAR)
    listed = _invoke("stories", "--db", url, "--format", "json")
    assert len(json.loads(listed.stdout)["stories"]) == 1


def test_articles_from_a_json_lines_file_are_read_again_as_json(
    tmp_path: Path, fake_default_models: Models
) -> None:
    records = [
        {
            "title": "Dam opens",
            "text": "The new dam on the river opened on Monday after six years of building work.",
        },
        {
            "title": "Dam opens",
            "text": "Engineers opened the river dam on Monday, six years after work began there.",
        },
    ]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert _invoke("ingest", str(source), "--db", url).exit_code == 0
    listed = json.loads(_invoke("stories", "--db", url, "--format", "json").stdout)["stories"]
    document = json.loads(
        _invoke("brief", "--story", listed[0]["id"], "--db", url, "--format", "json").stdout
    )
    titles = {s["title"] for story in document["stories"] for s in story["sources"]}
    assert titles == {"Dam opens"}
    summary = [item["text"] for story in document["stories"] for item in story["summary"]]
    assert summary and not any("{" in text or '"text"' in text for text in summary)
