"""`newsweave serve` names source files, never the folders they were read from.

The bundled example (whose briefs cite sources by path in their date
evidence and flags), a JSON Lines file with one record that has a URL and
one that has none, and an article with no text (whose story is first named
after its file) are ingested from a deeply nested folder. No page and no
API answer may then contain that folder; the file names, and the URL, still
show. An app created with `show_paths` shows the full paths. On SQLite and
PostgreSQL (the neighbouring articles' paths are looked up in SQL); the
articles are analysed with the fakes of tests/fakes.py, and the PostgreSQL
runs are integration tests.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.render.common import file_name
from newsweave.service import create_app
from newsweave.store import open_store

from . import pg_server
from .conftest import EXAMPLE

FOLDER = "srv-private-7q3/newsdesk/incoming"  # a folder name no article says
URL = "https://news.example.org/2024/05/harbour-crane"
RECORDS = [
    {
        "title": "Harbour crane collapses in Port Edda",
        "url": URL,
        "text": "A harbour crane collapsed on Monday in Port Edda, officials said.\n"
        "Rescue crews worked through the night, and three ships were moved away from the quay.\n"
        "Local officials said repairs to the quay would take at least six weeks.",
    },
    {
        "title": "Library in Tessaly reopens after the flood",
        "text": "The town library in Tessaly reopened on Friday after repairs to its flooded cellar.\n"
        "Volunteers carried the dried books back to the shelves over two weekends, the librarian said.\n"
        "The council said the repairs cost less than had been feared in the spring.",
    },
]


def _corpus(root: Path) -> Path:
    folder = root / FOLDER
    shutil.copytree(EXAMPLE, folder / "kim")
    lines = [json.dumps(record) for record in RECORDS]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("Share on Facebook\nShare on Twitter\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_models: Models
) -> Iterator[tuple[str, Path]]:
    """A store of the corpus, read from `FOLDER` under an absolute temporary path."""
    root = tmp_path_factory.mktemp(f"paths-{request.param}")
    folder = _corpus(root)
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'store.db'}"
        with open_store(url) as store:
            ingest([str(folder)], store, Config(), fake_models)
        yield url, folder
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        with open_store(url) as store:
            ingest([str(folder)], store, Config(), fake_models)
        yield url, folder


def _app(url: str, models: Models, show_paths: bool = False) -> TestClient:
    return TestClient(create_app(url, None, lambda: models, compose_wait=120, show_paths=show_paths))


def _get(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    return response.text


def _answers(client: TestClient) -> dict[str, str]:
    """Every page and API answer about the stored stories and sources, by path asked."""
    answers = {"/": _get(client, "/"), "/api/stories": _get(client, "/api/stories")}
    for row in json.loads(answers["/api/stories"])["stories"]:
        story = row["id"]
        for path in (f"/stories/{story}", f"/api/stories/{story}", f"/api/stories/{story}.md"):
            answers[path] = _get(client, path)
        answers[f"/api/arcs/{row['arc_id']}"] = _get(client, f"/api/arcs/{row['arc_id']}")
        articles = _get(client, f"/api/stories/{story}/articles")
        for article_id in json.loads(articles)["article_ids"].values():
            for path in (f"/sources/{article_id}", f"/api/sources/{article_id}"):
                answers[path] = _get(client, path)
    return answers


def test_no_answer_names_the_folder_a_source_was_read_from(
    store_url: tuple[str, Path], fake_models: Models
) -> None:
    url, folder = store_url
    with _app(url, fake_models) as client:
        answers = _answers(client)  # the story list first: before any brief, as filed
    assert len([path for path in answers if path.startswith("/api/sources/")]) == 8
    for path, body in answers.items():
        assert str(folder) not in body and "srv-private-7q3" not in body, path
    stories = [json.loads(body)["stories"][0] for path, body in answers.items() if _is_story_json(path)]
    sources = [source for story in stories for source in story["sources"]]
    assert {source["path"] for source in sources} == {
        *(path.name for path in EXAMPLE.iterdir()),
        "wire.jsonl:1",
        "wire.jsonl:2",
        "empty.txt",
    }
    # Evidence that cites another source still names it, by its file name.
    example = next(story for story in stories if len(story["sources"]) == 5)
    evidence = [
        item for source in example["sources"] for item in (source["published"] or {}).get("evidence", [])
    ]
    assert any("000_3c2a0e6df8cea51f.txt line" in item for item in evidence)
    # A source page shows its URL when it has one, else its file name.
    pages = [body for path, body in answers.items() if path.startswith("/sources/")]
    assert any(URL in page for page in pages) and any("wire.jsonl:2" in page for page in pages)


def test_show_paths_shows_the_full_paths(store_url: tuple[str, Path], fake_models: Models) -> None:
    url, folder = store_url
    with _app(url, fake_models, show_paths=True) as client:
        answers = _answers(client)
    for path, body in answers.items():
        if _is_story_json(path) or path.startswith(("/api/sources/", "/sources/")):
            assert str(folder) in body, path
    stories = [json.loads(body)["stories"][0] for path, body in answers.items() if _is_story_json(path)]
    assert str(folder / "wire.jsonl") + ":1" in {source["path"] for s in stories for source in s["sources"]}


def _is_story_json(path: str) -> bool:
    return path.startswith("/api/stories/") and not path.endswith((".md", "/articles"))


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/home/editor/in/wire.jsonl:12", "wire.jsonl:12"),
        ("in/feed.xml#3", "feed.xml#3"),
        ("/srv/a#b/page.html", "page.html"),
        ("/srv/duc/APW.sgml#APW20031004.0042", "APW.sgml#APW20031004.0042"),
        ("C:\\news\\story.txt", "story.txt"),
        ("story.txt", "story.txt"),
        ("https://news.example.org/a/b#2", "https://news.example.org/a/b#2"),
    ],
)
def test_file_name_keeps_the_record_and_drops_the_folders(path: str, name: str) -> None:
    assert file_name(path) == name
