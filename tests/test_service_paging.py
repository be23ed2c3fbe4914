"""The story list is paged by the database, on SQLite and PostgreSQL.

A store of eight stories (five invented events, undated, and an affair of
three dated stories) is listed a page at a time through `GET /api/stories`
and the list page. Each page must be the slice of the whole list, filtered
as the list has always been filtered (dates as ISO strings cut to the
bound's length, a name the stories use), and the stories must be read with
a LIMIT: no request reads the whole list to slice it. The articles are
analysed with the fakes of tests/fakes.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.listing import story_rows_json
from newsweave.service import create_app
from newsweave.store import StoryRow, open_store

from .arc_corpus import write_affair
from .store_corpus import write_corpus

PAGES = [
    {"limit": 3, "offset": 0},
    {"limit": 3, "offset": 3},
    {"limit": 3, "offset": 6},
    {"limit": 3, "offset": 9},
    {"limit": 1, "offset": 1, "since": "2024-04"},
    {"limit": 2, "offset": 0, "until": "2024-04"},
    {"limit": 5, "offset": 0, "since": "2024-03-04", "until": "2024-04-30"},
    {"limit": 1, "offset": 1, "entity": "velez"},
    {"limit": 2, "offset": 0, "entity": "Velez", "since": "2024-05"},
    {"limit": 2, "offset": 2, "entity": "  "},
]


@pytest.fixture()
def client(db_url: str, tmp_path: Path, fake_models: Models) -> Iterator[TestClient]:
    """The service over a store of eight stories."""
    write_corpus(tmp_path / "events", 10)
    write_affair(tmp_path / "affair")
    with open_store(db_url) as store:
        for folder in ("events", "affair"):
            ingest([str(tmp_path / folder)], store, Config(), fake_models)
        assert store.story_count() == 8
    with TestClient(create_app(db_url, None, lambda: fake_models)) as test_client:
        yield test_client


def _listed(rows: list[StoryRow], query: dict[str, Any]) -> dict[str, Any]:
    """The page as the whole list, filtered and sliced in Python, gives it."""
    since, until, entity = query.get("since"), query.get("until"), query.get("entity")
    kept = [
        row
        for row in rows
        if (since is None or (row.last_date is not None and row.last_date[: len(since)] >= since))
        and (until is None or (row.first_date is not None and row.first_date[: len(until)] <= until))
        and (entity is None or not entity.strip() or entity.strip().lower() in row.headline.lower())
    ]
    limit, offset = query["limit"], query["offset"]
    return {
        "stories": story_rows_json(kept[offset : offset + limit]),
        "total": len(kept),
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < len(kept) else None,
    }


def test_each_page_is_read_with_a_limit_and_is_the_slice_of_the_whole_list(client: TestClient) -> None:
    store = client.app.state.service.store
    rows = store.stories()
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "FROM stories" in statement and "count(" not in statement.lower():
            statements.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", record)
    for query in PAGES:
        statements.clear()
        response = client.get("/api/stories", params=query)
        assert response.status_code == 200, response.text
        assert response.json() == _listed(rows, query), query
        assert statements and all("LIMIT" in statement for statement in statements), statements
        statements.clear()
        page = client.get("/", params=query)
        assert page.status_code == 200, page.text
        assert statements and all("LIMIT" in statement for statement in statements), statements
        listed = _listed(rows, query)["stories"]
        for row in rows:
            assert (f'href="/stories/{row.id}"' in page.text) == any(item["id"] == row.id for item in listed)
    assert _listed(rows, {"limit": 500, "offset": 0, "since": "2024-04"})["total"] == 2
    assert _listed(rows, {"limit": 500, "offset": 0, "entity": "velez"})["total"] == 2
