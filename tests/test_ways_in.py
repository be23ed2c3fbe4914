"""One article, every way in: the JSON API, JSON Lines, a feed and a WARC archive.

Each way in stores the same invented article into its own real SQLite store;
the stored rows must agree on the metadata (url, title, outlet, byline,
publication date, language) and on every line's role, both when the article
is filed and after its story's brief is composed (which reads the stored
bytes again). The URL is metadata, never a line of the text. Articles are
analysed with the fakes of tests/fakes.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.filing import story_document
from newsweave.ingest import ingest
from newsweave.models import PageMeta, RawDoc
from newsweave.readers import reload
from newsweave.service import create_app
from newsweave.store import Store, open_store, tables

from .fuzz_inputs import warc_archive

TOKEN = "ways-in-token-5d2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
URL = "https://courier.example.com/2023/07/12/marlow-bridge"
TITLE = "Flood closes the old bridge in Marlow Creek"
OUTLET = "Valley Courier"
BYLINE = "Ann Lee"
PUBLISHED = "2023-07-12"
PARAGRAPHS = (
    "The river rose overnight on Wednesday and closed the old stone bridge in Marlow Creek, officials said.",
    "Rescue crews worked through the night, and 40 people were moved to safety from homes near the bank.",
    "The county engineer said repairs to the bridge would take at least three weeks once the water fell.",
    "Residents were told to use the ferry crossing at Tessaly until the bridge reopens, the council added.",
)
TEXT = "\n".join(PARAGRAPHS)
EXPECTED = {
    "url": URL,
    "title": TITLE,
    "outlet": OUTLET,
    "byline": BYLINE,
    "published_date": PUBLISHED,
    "language": "en",
}


def _jsonl() -> bytes:
    line = {"url": URL, "title": TITLE, "outlet": OUTLET, "byline": BYLINE, "published": PUBLISHED}
    return json.dumps(line | {"language": "en", "text": TEXT}).encode() + b"\n"


def _rss() -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{OUTLET}</title><link>https://courier.example.com/</link><language>en-gb</language>"
        f"<item><title>{TITLE}</title><link>{URL}</link><dc:creator>{BYLINE}</dc:creator>"
        "<pubDate>Wed, 12 Jul 2023 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        "</channel></rss>\n"
    ).encode()


def _page() -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{TITLE}</title>"
        f'<meta property="og:title" content="{TITLE}">'
        f'<meta property="og:site_name" content="{OUTLET}">'
        f'<meta name="author" content="{BYLINE}">'
        f'<meta property="article:published_time" content="{PUBLISHED}">'
        f"</head><body><article>{body}</article></body></html>"
    ).encode()


def _warc(payload: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """A WARC archive of one page, captured two days after it was published."""
    return warc_archive([(URL, "200 OK", content_type, payload)], date="2023-07-14T09:15:00Z")


def _archive() -> bytes:
    return _warc(_page())


FILES = {"news.jsonl": _jsonl, "news.rss": _rss, "crawl.warc": _archive}


def _stored(store: Store) -> dict[str, Any]:
    """The one stored article: its metadata columns, its lines, and its bytes read again."""
    with store.engine.connect() as connection:
        (row,) = connection.execute(select(tables.articles)).all()
        lines = connection.execute(
            select(tables.article_lines).where(tables.article_lines.c.article_id == row.id)
        ).all()
    return {
        "metadata": {name: getattr(row, name) for name in EXPECTED},
        "lines": [(line.text, line.role, line.reason, line.field) for line in lines],
        "reloaded": reload(RawDoc(row.path, bytes(row.raw))).meta,
    }


def _through_file(folder: Path, name: str, models: Models) -> tuple[dict[str, Any], dict[str, Any]]:
    """The article stored by `newsweave ingest` from a file, as filed and after composing."""
    path = folder / name
    path.write_bytes(FILES[name]())
    with open_store(f"sqlite:///{folder / (name + '.db')}") as store:
        report = ingest([str(path)], store, Config(), models)
        assert (report.added, report.skipped) == (1, []), report
        filed = _stored(store)
        (story,) = store.stories()
        assert story_document(store, story.id, Config(), models) is not None
        return filed, _stored(store)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, fake_models: Models) -> Iterator[TestClient]:
    """An empty SQLite store behind the app, open for writes with TOKEN."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ways-in') / 'api.db'}"
    with TestClient(
        create_app(url, TOKEN, lambda: fake_models, max_body_bytes=200_000, compose_wait=60)
    ) as client:
        yield client


def _store_of(client: TestClient) -> Store:
    app: Any = client.app
    store: Store = app.state.service.store
    return store


def test_the_same_article_is_stored_the_same_through_every_way_in(
    tmp_path: Path, fake_models: Models
) -> None:
    body = {"url": URL, "title": TITLE, "outlet": OUTLET, "byline": BYLINE, "published": PUBLISHED}
    app = create_app(f"sqlite:///{tmp_path / 'api.db'}", TOKEN, lambda: fake_models, compose_wait=60)
    with TestClient(app) as client:
        response = client.post("/api/articles", json=body | {"language": "en", "text": TEXT}, headers=AUTH)
        assert response.status_code == 201, response.text
        filed = _stored(_store_of(client))
        assert client.get(f"/api/stories/{response.json()['story_id']}").status_code == 200
        ways = {"api": (filed, _stored(_store_of(client)))}
    ways |= {name: _through_file(tmp_path, name, fake_models) for name in FILES}

    body_lines = [(paragraph, "body", None, None) for paragraph in PARAGRAPHS]
    declared = PageMeta(title=TITLE, byline=BYLINE, outlet=OUTLET, date=PUBLISHED, url=URL, language="en")
    for way, states in ways.items():
        for when, stored in zip(("filed", "composed"), states, strict=True):
            assert stored["metadata"] == EXPECTED, (way, when)
            assert stored["lines"] == body_lines, (way, when)
            assert stored["reloaded"] == declared, (way, when)


def test_a_jsonl_upload_is_stored_record_by_record(api: TestClient) -> None:
    store = _store_of(api)
    before = store.article_count()
    lines = [
        {"title": "Fire destroys a grain depot near Tessaly", "url": "https://lantern.example.com/depot",
         "text": "The fire struck on Monday and destroyed the grain depot near Tessaly, officials said.\n"
                 "Firefighters worked through the night, and 12 people were moved to safety."},
        {"title": "Storm cuts power to the hill villages of Orn", "link": "https://post.example.com/orn",
         "text": "The storm struck on Tuesday and cut the power lines to the hill villages of Orn.\n"
                 "Line workers said repairs would take at least four days, officials said."},
    ]  # fmt: skip
    data = b"\n".join([json.dumps(lines[0]).encode(), b"{not json", json.dumps(lines[1]).encode()]) + b"\n"
    data += json.dumps(lines[0]).encode() + b"\n"  # line 4: line 1 again
    files = {"file": ("news.jsonl", data, "application/octet-stream")}
    response = api.post("/api/articles", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    answer = response.json()
    records = answer["records"]
    assert [(item["path"], item["status"]) for item in records] == [
        ("upload/news.jsonl:1", "stored"),
        ("upload/news.jsonl:3", "stored"),
        ("upload/news.jsonl:4", "duplicate"),
        ("upload/news.jsonl:2", "skipped"),
    ]
    assert (answer["stored"], answer["duplicates"], answer["skipped"]) == (2, 1, 1)
    assert records[0]["article_id"] == records[2]["article_id"] and records[3]["article_id"] is None
    assert records[3]["reason"].startswith("not JSON")
    assert all(item["story_id"] for item in records[:3])
    assert store.article_count() == before + 2
    for item, line in zip(records[:2], lines, strict=True):
        source = api.get(item["links"]["source"]).json()
        assert (source["title"], source["url"]) == (line["title"], line.get("url") or line["link"])
        assert [row["role"] for row in source["lines"]] == ["body", "body"]
    again = api.post("/api/articles", files=files, headers=AUTH)
    assert again.status_code == 200
    assert [item["status"] for item in again.json()["records"]] == ["duplicate"] * 3 + ["skipped"]
    assert store.article_count() == before + 2


@pytest.mark.parametrize(
    ("media", "data", "path"),
    [
        ("application/x-ndjson", _jsonl(), "upload/upload.jsonl:1"),
        ("application/rss+xml", _rss(), "upload/upload.rss#1"),
        ("application/warc", _warc(_page()), "upload/upload.warc#2"),
    ],
)
def test_a_container_body_is_read_by_its_media_type(
    api: TestClient, media: str, data: bytes, path: str
) -> None:
    response = api.post("/api/articles", content=data, headers={"Content-Type": media} | AUTH)
    assert response.status_code in (200, 201), response.text
    (record,) = response.json()["records"]
    assert record["path"] == path and record["status"] in ("stored", "duplicate")
    source = api.get(f"/api/sources/{record['article_id']}").json()
    assert (source["url"], source["title"], source["outlet"]) == (URL, TITLE, OUTLET)


def test_an_upload_named_without_a_suffix_is_read_by_its_media_type(api: TestClient) -> None:
    files = {"file": ("export", _warc(_page()), "application/warc")}
    response = api.post("/api/articles", files=files, headers=AUTH)
    assert response.status_code in (200, 201), response.text
    assert [item["path"] for item in response.json()["records"]] == ["upload/export.warc#2"]


def test_a_container_with_nothing_readable_is_422_with_the_reasons(api: TestClient) -> None:
    store = _store_of(api)
    before = store.article_count()
    files = {"file": ("bad.jsonl", b'{"title": "no text"}\n[1, 2]\n', "application/x-ndjson")}
    response = api.post("/api/articles", files=files, headers=AUTH)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["detail"]["skipped"] == [
        {"path": "upload/bad.jsonl:1", "reason": 'no "text" field'},
        {"path": "upload/bad.jsonl:2", "reason": 'a JSON list, not an object with a "text" field'},
    ]
    images = _warc(b"\x89PNG\r\n\x1a\n", "image/png")
    response = api.post("/api/articles", content=images, headers={"Content-Type": "application/warc"} | AUTH)
    assert response.status_code == 422
    assert response.json()["error"]["detail"]["skipped"] == [
        {"path": "upload/upload.warc#2", "reason": "not an article"}
    ]
    assert store.article_count() == before
