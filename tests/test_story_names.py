"""Stories found by name before their brief is composed, on SQLite and PostgreSQL.

Two invented events are ingested through the store and no brief is composed:
`GET /api/stories?entity=` and the story list page must find each story by
the names its articles were filed with, and a story whose articles were filed
before names were recorded must still be found through its composed brief.
The articles are analysed with the fakes of tests/fakes.py; the PostgreSQL
runs are integration tests (see `db_url`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, insert, select

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.contract import SCHEMA_ID
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.store import Store, open_store
from newsweave.store import tables as t
from newsweave.store.names import name_rows

FLOOD = (
    "Flood closes the old bridge in Marlow Creek\n"
    "\n"
    "The river rose over the old stone bridge in Marlow Creek on Monday, and mayor Ana Ruiz closed it.\n"
    "Ana Ruiz said the town's ferry would carry commuters across for now.\n"
    "Ruiz added that repairs would take at least three weeks.\n"
)
FIRE = (
    "Fire destroys a grain depot near Tessaly\n"
    "\n"
    "A fire destroyed the grain depot outside Tessaly overnight, fire chief Tomas Brenner said.\n"
    "Tomas Brenner said nobody was hurt, and that the cause was not yet known.\n"
    "Brenner said his crews would stay at the depot through the weekend.\n"
)


@pytest.fixture()
def stored(db_url: str, tmp_path: Path, fake_models: Models) -> Iterator[tuple[str, dict[str, str]]]:
    """A store holding the two events, each its own story, no brief composed; story ids by event."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (folder / "fire.txt").write_text(FIRE, encoding="utf-8")
    with open_store(db_url) as store:
        report = ingest([str(folder)], store, Config(), fake_models)
        assert (report.added, report.stories) == (2, 2)
        ids = {row.headline.split()[0].lower(): row.id for row in store.stories()}
        with store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(t.briefs)) == 0
    yield db_url, ids


def _named(store: Store, text: str) -> set[str]:
    """The ids of the stories `text` names, as the story list filters them."""
    return {row.id for row in store.story_page(100, entity=text).rows}


def _found(client: TestClient, entity: str) -> list[str]:
    response = client.get("/api/stories", params={"entity": entity})
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["stories"]]


def test_stories_are_found_by_the_names_their_articles_use_before_any_brief(
    stored: tuple[str, dict[str, str]], fake_models: Models
) -> None:
    url, ids = stored
    with TestClient(create_app(url, None, lambda: fake_models)) as client:
        assert _found(client, "Ana Ruiz") == [ids["flood"]]
        assert _found(client, "ruiz") == [ids["flood"]]
        assert _found(client, "  TOMAS brenner ") == [ids["fire"]]
        assert _found(client, "brenn") == [ids["fire"]]
        assert _found(client, "Tessaly") == [ids["fire"]]
        assert _found(client, "Marlow Creek") == [ids["flood"]]
        assert _found(client, "Nobody Of That Name") == []
        assert sorted(_found(client, "")) == sorted(ids.values())
        page = client.get("/", params={"entity": "ruiz"}).text
        assert ids["flood"] in page and ids["fire"] not in page
    with open_store(url) as store:
        with store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(t.briefs)) == 0
            flood = connection.scalar(
                select(t.memberships.c.article_id).where(t.memberships.c.story_id == ids["flood"])
            )
            names = connection.scalars(
                select(t.article_names.c.name).where(t.article_names.c.article_id == flood)
            ).all()
        assert "Ana Ruiz" in names


@pytest.mark.parametrize("entity", ["%", "_", "Mar_ow", "Ana%Ruiz", "T_mas", "%%"])
def test_like_wildcards_in_the_name_asked_for_are_plain_characters(
    stored: tuple[str, dict[str, str]], fake_models: Models, entity: str
) -> None:
    url, _ids = stored
    with TestClient(create_app(url, None, lambda: fake_models)) as client:
        assert _found(client, entity) == []


def test_a_story_filed_before_names_were_recorded_is_found_through_its_brief(
    stored: tuple[str, dict[str, str]], fake_models: Models
) -> None:
    url, ids = stored
    with open_store(url) as store, store.engine.begin() as connection:
        members = select(t.memberships.c.article_id).where(t.memberships.c.story_id == ids["flood"])
        connection.execute(delete(t.article_names).where(t.article_names.c.article_id.in_(members)))
    with TestClient(create_app(url, None, lambda: fake_models, compose_wait=120)) as client:
        assert _found(client, "marlow") == []
        response = client.get(f"/api/stories/{ids['flood']}")
        assert response.status_code == 200, response.text
        names = [item["name"] for item in response.json()["stories"][0]["entities"]]
        assert "Marlow Creek" in names
        assert _found(client, "marlow") == [ids["flood"]]
        assert _found(client, "MARLOW CREEK") == [ids["flood"]]
        assert _found(client, "Marlow%Creek") == [] and _found(client, "Marl_w") == []
        assert _found(client, "brenner") == [ids["fire"]]


def test_name_rows_keep_each_name_once_as_first_written() -> None:
    rows = name_rows("a" * 64, ["Ana Ruiz", "ANA  RUIZ", "Ruiz", " ", "X" * 201])
    assert rows == [
        {"article_id": "a" * 64, "folded": "ana ruiz", "name": "Ana Ruiz"},
        {"article_id": "a" * 64, "folded": "ruiz", "name": "Ruiz"},
    ]


def test_brief_names_match_in_any_case_and_script_but_not_in_other_brief_text(
    stored: tuple[str, dict[str, str]],
) -> None:
    """A stored brief's entity names and aliases count, whatever characters they hold
    (written as its JSON text writes them); a name found elsewhere in the brief does not."""
    url, ids = stored
    document = {
        "id": ids["flood"],
        "entities": [{"name": 'Zoë "Zed" Ørsted', "aliases": ["Ørsted A/S"]}],
        "summary": [{"text": "Tomas Brenner was not there."}],
    }
    with open_store(url) as store:
        with store.engine.begin() as connection:
            members = select(t.memberships.c.article_id).where(t.memberships.c.story_id == ids["flood"])
            connection.execute(delete(t.article_names).where(t.article_names.c.article_id.in_(members)))
            connection.execute(
                insert(t.briefs).values(
                    story_id=ids["flood"],
                    schema=SCHEMA_ID,
                    document=json.dumps(document, ensure_ascii=False),
                )
            )
        for text in ("zoë", 'ZOË "ZED"', "ørsted", "ØRSTED a/s", '"zed"'):
            assert _named(store, text) == {ids["flood"]}, text
        for text in ("zoe", "ørsted a%s", "a_s", "ruiz", "nobody"):
            assert _named(store, text) == set(), text
        assert _named(store, "tomas") == {ids["fire"]}
