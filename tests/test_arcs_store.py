"""Arcs in the store: `stories --arcs`, a stored story's brief, GET /api/arcs/{id} and the story page.

The invented affair of `arc_corpus` (a trial's opening and, two months later,
its verdict; a council vote between them) is ingested through the CLI once
per backend, SQLite and PostgreSQL, on the fakes of tests/fakes.py (the
arcs come from the clusterer, which reads the real static encoder). The
PostgreSQL runs are integration tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsweave.analyze import Models
from newsweave.cli import main
from newsweave.service import create_app
from newsweave.store import open_store
from newsweave.store import tables as t

from . import pg_server
from .arc_corpus import OPENING, TRAM, VERDICT, write_affair
from .conftest import ROOT, models_everywhere

SCHEMA = json.loads((ROOT / "src" / "newsweave" / "schema" / "brief-1.schema.json").read_text())


def _ingest(folder: Path, url: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def affair_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_models: Models
) -> Iterator[str]:
    """A store holding the affair: three stories, the first two one arc."""
    folder = write_affair(tmp_path_factory.mktemp("affair") / "in")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'affair.db'}"
        with models_everywhere(fake_models):
            _ingest(folder, url)
        yield url
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        with models_everywhere(fake_models):
            _ingest(folder, url)
        yield url


@pytest.fixture(scope="module")
def ids(affair_db: str) -> dict[str, str]:
    """Story ids by headline."""
    with open_store(affair_db) as store:
        return {row.headline: row.id for row in store.stories()}


def _stories_arcs(cli: Callable[..., Result], url: str, *more: str) -> Result:
    result = cli("stories", "--arcs", "--db", url, *more)
    assert result.exit_code == 0, result.output
    return result


def test_stories_arcs_json_groups_the_trial_and_leaves_the_vote_alone(
    affair_db: str, ids: dict[str, str], fake_cli: Callable[..., Result]
) -> None:
    arcs = json.loads(_stories_arcs(fake_cli, affair_db, "--format", "json").stdout)["arcs"]
    assert [arc["id"] for arc in arcs] == [ids[OPENING], ids[TRAM]]
    trial, vote = arcs
    assert (trial["first_date"], trial["last_date"]) == ("2024-03-04", "2024-05-03")
    assert [(s["id"], s["headline"], s["sources"]) for s in trial["stories"]] == [
        (ids[OPENING], OPENING, 2),
        (ids[VERDICT], VERDICT, 2),
    ]
    assert [(s["first_date"], s["last_date"]) for s in trial["stories"]] == [
        ("2024-03-04", "2024-03-04"),
        ("2024-05-03", "2024-05-03"),
    ]
    assert {s["arc_id"] for s in trial["stories"]} == {ids[OPENING]}
    assert [s["id"] for s in vote["stories"]] == [ids[TRAM]]
    listed = json.loads(fake_cli("stories", "--db", affair_db, "--format", "json").stdout)["stories"]
    assert {row["id"]: row["arc_id"] for row in listed} == {
        ids[OPENING]: ids[OPENING],
        ids[VERDICT]: ids[OPENING],
        ids[TRAM]: ids[TRAM],
    }


def test_stories_arcs_table_heads_each_arc_with_its_span(
    affair_db: str, ids: dict[str, str], fake_cli: Callable[..., Result]
) -> None:
    table = _stories_arcs(fake_cli, affair_db).stdout
    assert "2 arcs, 3 stories" in table
    lines = table.splitlines()
    head = next(n for n, line in enumerate(lines) if f"arc {ids[OPENING]}" in line)
    assert "2 stories" in lines[head] and "2024-03-04 – 2024-05-03" in lines[head]
    assert "│       4 │" in lines[head]  # the sources of both its stories
    order = [next(n for n, line in enumerate(lines) if f"  {ids[key]}" in line) for key in (OPENING, VERDICT)]
    assert head < order[0] < order[1]
    assert "2024-03-04 " in lines[order[0]] and "2024-05-03 " in lines[order[1]]
    assert f"arc {ids[TRAM]}" in table and "1 story " in table


def test_stories_help_says_what_an_arc_is(fake_cli: Callable[..., Result]) -> None:
    text = " ".join(fake_cli("stories", "--help").output.split())
    assert "--arcs" in text
    assert "An arc is the consecutive stories of one affair over months" in text


def test_stored_brief_lists_the_other_story_of_its_arc(
    affair_db: str, ids: dict[str, str], fake_cli: Callable[..., Result]
) -> None:
    result = fake_cli("brief", "--story", ids[VERDICT], "--db", affair_db, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    (story,) = document["stories"]
    assert story["arc"] == {
        "id": ids[OPENING],
        "stories": [
            {"id": ids[OPENING], "headline": OPENING, "first_date": "2024-03-04", "last_date": "2024-03-04"},
            {"id": ids[VERDICT], "headline": VERDICT, "first_date": "2024-05-03", "last_date": "2024-05-03"},
        ],
    }
    again = fake_cli("brief", "--story", ids[VERDICT], "--db", affair_db, "--format", "json").stdout
    assert json.loads(again) == document  # read back as stored, arc and all
    md = fake_cli("brief", "--story", ids[VERDICT], "--db", affair_db, "--format", "md").stdout
    assert f"- **2024-03-04**: {OPENING} ({ids[OPENING]})" in md
    text = fake_cli("brief", "--story", ids[TRAM], "--db", affair_db).stdout
    assert "Same affair" not in text


def test_a_kept_brief_lists_a_story_that_joined_its_arc_later(
    tmp_path: Path, fake_cli: Callable[..., Result]
) -> None:
    """The arc is read from the stories as they are: the opening's brief, kept before the
    verdict was ingested, lists the verdict; a brief kept without `arc` (an older store) gains it."""
    url = f"sqlite:///{tmp_path / 'later.db'}"
    _ingest(write_affair(tmp_path / "before", ["1-opening.txt", "2-opening.txt"]), url)
    (opening,) = json.loads(fake_cli("stories", "--db", url, "--format", "json").stdout)["stories"]
    first = json.loads(fake_cli("brief", "--story", opening["id"], "--db", url, "--format", "json").stdout)
    assert [s["id"] for s in first["stories"][0]["arc"]["stories"]] == [opening["id"]]
    _ingest(write_affair(tmp_path / "after", ["3-verdict.txt", "4-verdict.txt"]), url)
    with open_store(url) as store:
        kept = store.story_document(opening["id"])
        assert kept is not None
        stored = {key: value for key, value in kept.items() if key != "arc"}
        with store.engine.begin() as connection:
            connection.execute(
                update(t.briefs)
                .where(t.briefs.c.story_id == opening["id"])
                .values(document=json.dumps(stored))
            )
    later = json.loads(fake_cli("brief", "--story", opening["id"], "--db", url, "--format", "json").stdout)
    arc = later["stories"][0]["arc"]
    assert arc["id"] == opening["id"]
    assert [s["headline"] for s in arc["stories"]] == [OPENING, VERDICT]
    assert later["stories"][0]["summary"] == first["stories"][0]["summary"]  # the kept brief, not recomposed


@pytest.fixture(scope="module")
def client(affair_db: str, fake_models: Models) -> Iterator[TestClient]:
    with TestClient(create_app(affair_db, None, lambda: fake_models, compose_wait=60)) as test_client:
        yield test_client


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status
    message: str = body["error"]["message"]
    return message


def test_api_arc_lists_its_stories_with_dates_and_sources(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(f"/api/arcs/{ids[OPENING]}")
    assert response.status_code == 200, response.text
    arc = response.json()
    assert (arc["id"], arc["first_date"], arc["last_date"]) == (ids[OPENING], "2024-03-04", "2024-05-03")
    assert [
        (s["id"], s["headline"], s["first_date"], s["last_date"], s["sources"]) for s in arc["stories"]
    ] == [
        (ids[OPENING], OPENING, "2024-03-04", "2024-03-04", 2),
        (ids[VERDICT], VERDICT, "2024-05-03", "2024-05-03", 2),
    ]
    alone = client.get(f"/api/arcs/{ids[TRAM]}").json()
    assert [s["id"] for s in alone["stories"]] == [ids[TRAM]]
    assert "/api/arcs/{arc_id}" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("arc_id", ["story-000000000000", "VERDICT", "story-<b>", "a" * 80])
def test_api_unknown_arc_is_404_in_the_error_shape(
    client: TestClient, ids: dict[str, str], arc_id: str
) -> None:
    """A later story's id names no arc: an arc is named after its first story only."""
    wanted = ids[VERDICT] if arc_id == "VERDICT" else arc_id
    assert "no arc" in _error(client.get(f"/api/arcs/{wanted}"), 404)


def test_story_page_links_the_other_story_of_its_arc(
    client: TestClient, ids: dict[str, str], affair_db: str
) -> None:
    page = client.get(f"/stories/{ids[VERDICT]}").text
    assert "<h2>Same affair</h2>" in page
    assert f'<time>2024-03-04</time> <a href="/stories/{ids[OPENING]}">{OPENING}</a>' in page
    assert f'href="/api/arcs/{ids[OPENING]}"' in page
    assert f'href="/stories/{ids[VERDICT]}"' not in page  # not itself
    assert "Same affair" not in client.get(f"/stories/{ids[TRAM]}").text
    hostile = "Verdict <script>alert(1)</script> & <b>more</b>"
    with open_store(affair_db) as store, store.engine.begin() as connection:
        connection.execute(update(t.stories).where(t.stories.c.id == ids[VERDICT]).values(headline=hostile))
    try:
        opening = client.get(f"/stories/{ids[OPENING]}").text
        assert "<script>alert" not in opening and "<b>more" not in opening
        assert "Verdict &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;" in opening
    finally:
        with open_store(affair_db) as store, store.engine.begin() as connection:
            connection.execute(
                update(t.stories).where(t.stories.c.id == ids[VERDICT]).values(headline=VERDICT)
            )
