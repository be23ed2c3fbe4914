"""`newsweave serve`: the JSON API and the pages, over real stores.

Reads run against the bundled example ingested once per backend (SQLite, and
PostgreSQL where a server can be had). Writes run against a small store of
invented articles, one per test module, because every stored article makes
the service recompute the stories. The browser tests drive Debian's
Chromium through Playwright against a real uvicorn server.

The tests over the example's store and the browser tests are integration
tests; the writes, over their store of invented articles, run on the fakes
of tests/fakes.py.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsweave import filing
from newsweave.analyze import Models
from newsweave.cli import main
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.service.queries import source_record
from newsweave.store import open_store

from . import pg_server
from .conftest import EXAMPLE, ROOT, _chdir
from .serving import serving
from .store_corpus import article

TOKEN = "correct-horse-battery-staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS_ENV = "NEWSWEAVE_SCREENSHOTS"  # set to docs/screenshots to refresh the README's pictures
HOSTILE_TITLE = "Dam <b>holds</b> after the storm <script>alert(1)</script>"
HOSTILE_TEXT = (
    "The old river dam in Corvel held through the night, engineers said on Tuesday.\n"
    "Water reached <b>two metres</b> above the usual level <script>alert(1)</script> before it fell.\n"
    "About 300 residents spent the night in the town hall, the mayor's office said.\n"
)


def _ingest_example(url: str, models: Models) -> None:
    with open_store(url) as store, _chdir(ROOT):
        report = ingest([str(EXAMPLE.relative_to(ROOT))], store, Config(), models)
    assert (report.added, report.stories) == (5, 1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def example_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, models: Models
) -> Iterator[str]:
    """A store holding the bundled example."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'example.db'}"
        _ingest_example(url, models)
        yield url
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        _ingest_example(url, models)
        yield url


@pytest.fixture(scope="module")
def reader(example_url: str, models: Models) -> Iterator[TestClient]:
    with TestClient(create_app(example_url, TOKEN, lambda: models, compose_wait=60)) as client:
        yield client


@pytest.fixture(scope="module")
def story(reader: TestClient) -> dict[str, Any]:
    """The example's story as GET /api/stories/{id} returns it."""
    (row,) = reader.get("/api/stories").json()["stories"]
    response = reader.get(f"/api/stories/{row['id']}")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document | reader.get(f"/api/stories/{row['id']}/articles").json()


def test_concurrent_first_reads_of_a_story_compose_it_once(
    tmp_path: Path, fake_models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'example.db'}"
    _ingest_example(url, fake_models)
    composed: list[int] = []
    real_compose = filing.compose

    def counted(*args: Any, **kwargs: Any) -> Any:
        composed.append(1)
        return real_compose(*args, **kwargs)

    monkeypatch.setattr(filing, "compose", counted)
    with TestClient(create_app(url, TOKEN, lambda: fake_models, compose_wait=60)) as client:
        (row,) = client.get("/api/stories").json()["stories"]
        documents: list[Any] = []

        def read() -> None:
            response = client.get(f"/api/stories/{row['id']}")
            documents.append((response.status_code, response.json()))

        threads = [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(composed) == 1
    assert [status for status, _ in documents] == [200, 200, 200]
    assert documents[0][1] == documents[1][1] == documents[2][1]


def _error(response: Any, status: int) -> str:
    """The message of a response in the common error shape, after checking the shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status and body["error"]["message"]
    message: str = body["error"]["message"]
    return message


# reading


@pytest.mark.integration
def test_story_list_json_and_page(reader: TestClient) -> None:
    listing = reader.get("/api/stories").json()
    assert (listing["total"], listing["offset"], listing["next_offset"]) == (1, 0, None)
    (row,) = listing["stories"]
    assert (row["sources"], row["independent"]) == (5, 5)
    assert row["first_date"] <= row["last_date"] and row["flags"]["injected_token"] == 1
    page = reader.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{row["id"]}"' in page.text
    assert 'href="/api/stories"' in page.text  # the JSON twin
    assert "injected_token" in page.text and row["first_date"] in page.text


@pytest.mark.integration
def test_story_json_is_the_stored_brief(reader: TestClient, example_json: dict[str, Any]) -> None:
    (row,) = reader.get("/api/stories").json()["stories"]
    document = reader.get(f"/api/stories/{row['id']}").json()
    file_id = example_json["stories"][0]["id"]
    folder = EXAMPLE.relative_to(ROOT).as_posix() + "/"  # sources are named by file name
    assert document == json.loads(json.dumps(example_json).replace(file_id, row["id"]).replace(folder, ""))
    schema = json.loads((ROOT / "src" / "newsweave" / "schema" / "brief-1.schema.json").read_text())
    jsonschema.validate(document, schema)


@pytest.mark.integration
def test_story_articles_map_sources_to_stored_articles(story: dict[str, Any]) -> None:
    sources = [source["id"] for source in story["stories"][0]["sources"]]
    assert sorted(story["article_ids"]) == sorted(sources)
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in story["article_ids"].values())


@pytest.mark.integration
def test_story_markdown(reader: TestClient, story: dict[str, Any]) -> None:
    brief = story["stories"][0]
    response = reader.get(f"/api/stories/{brief['id']}.md")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.text.startswith(f"# {brief['headline']}\n")
    assert brief["summary"][0]["text"][:40] in " ".join(response.text.split())


@pytest.mark.integration
def test_story_page_links_every_citation_to_its_source_line(
    reader: TestClient, story: dict[str, Any]
) -> None:
    brief, ids = story["stories"][0], story["article_ids"]
    page = reader.get(f"/stories/{brief['id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for section in ("Summary", "Timeline", "Consensus", "Divergences", "Who said what", "Sources", "Removed"):
        assert f"<h2>{section}" in page.text
    for item in brief["summary"]:
        for cite in item["cite"]:
            assert f'href="/sources/{ids[cite["source"]]}#L{cite["line"]}"' in page.text
    assert f'href="/api/stories/{brief["id"]}"' in page.text
    # The removed-lines audit names each noise line's reason.
    reasons = {
        line["reason"] for source in brief["sources"] for line in source["lines"] if line["role"] == "noise"
    }
    assert reasons and all(f">{reason}<" in page.text for reason in reasons)


@pytest.mark.integration
def test_source_json_and_page(reader: TestClient, story: dict[str, Any]) -> None:
    brief = story["stories"][0]
    cite = brief["summary"][0]["cite"][0]
    article_id = story["article_ids"][cite["source"]]
    record = reader.get(f"/api/sources/{article_id}").json()
    assert record["id"] == article_id
    assert record["stories"] == [{"story": brief["id"], "source": cite["source"], "copy_of": None}]
    line = next(item for item in record["lines"] if item["n"] == cite["line"])
    assert line["text"] == cite["text"] and line["role"] == "body"
    assert cite["text"] in record["raw_text"]
    page = reader.get(f"/sources/{article_id}")
    assert page.status_code == 200
    assert f'id="L{cite["line"]}" class="role-body"' in page.text
    assert f'href="/api/sources/{article_id}"' in page.text
    noisy = next(source for source in brief["sources"] if any(x["role"] == "noise" for x in source["lines"]))
    noise = next(x for x in noisy["lines"] if x["role"] == "noise")
    noisy_page = reader.get(f"/sources/{story['article_ids'][noisy['id']]}").text
    assert f'id="L{noise["n"]}" class="role-noise"' in noisy_page
    assert f"noise: {noise['reason']}" in noisy_page


@pytest.mark.integration
def test_paging_and_filters(reader: TestClient, story: dict[str, Any]) -> None:
    brief = story["stories"][0]
    entity = brief["entities"][0]["name"]

    def total(query: str) -> int:
        response = reader.get(f"/api/stories?{query}")
        assert response.status_code == 200, response.text
        count: int = response.json()["total"]
        return count

    assert total(f"entity={entity.upper()}") == 1
    assert total("entity=nobody-of-that-name") == 0
    assert total("since=2000&until=2100") == 1
    assert total("since=2100-01-01") == 0 and total("until=2000-12") == 0
    assert reader.get("/api/stories?limit=1&offset=1").json()["stories"] == []
    assert "nobody-of-that-name" in reader.get("/?entity=nobody-of-that-name&since=").text
    _error(reader.get("/api/stories?since=yesterday"), 422)
    _error(reader.get("/api/stories?limit=0"), 422)


@pytest.mark.integration
@pytest.mark.parametrize(
    "path",
    [
        "/api/stories/story-000000000000",
        "/api/stories/story-000000000000.md",
        "/api/stories/story-000000000000/articles",
        "/stories/story-000000000000",
        "/api/sources/" + "0" * 64,
        "/sources/" + "0" * 64,
        "/sources/not-a-hash",
        "/no/such/page",
    ],
)
def test_unknown_ids_are_404_in_the_error_shape(reader: TestClient, path: str) -> None:
    _error(reader.get(path), 404)


@pytest.mark.integration
@pytest.mark.parametrize(
    "path",
    [
        "/sources/../pyproject.toml",
        "/sources/%2e%2e%2fpyproject.toml",
        "/sources/..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2f__init__.py",
    ],
)
def test_path_traversal_is_404(reader: TestClient, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 404
    assert "import" not in response.text


@pytest.mark.integration
def test_security_headers_on_pages_and_api(reader: TestClient) -> None:
    for path in ("/", "/api/stories", "/static/style.css", "/no/such/page"):
        policy = reader.get(path).headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
    assert reader.get("/").headers["x-content-type-options"] == "nosniff"
    page = reader.get("/").text
    assert re.search(r"<script>", page) is None  # the only script is /static/app.js
    assert '<script src="/static/app.js" defer></script>' in page
    assert reader.get("/openapi.json").json()["paths"]["/api/articles"]["post"]["requestBody"]


# writing


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory, fake_models: Models) -> Iterator[TestClient]:
    """A store of two invented articles (one story), open for writes with TOKEN."""
    folder = tmp_path_factory.mktemp("writes")
    for version in range(2):
        (folder / f"{version}.txt").write_text(article(0, version), encoding="utf-8")
    url = f"sqlite:///{folder / 'store.db'}"
    with open_store(url) as store:
        ingest([str(folder)], store, Config(), fake_models)
    with TestClient(
        create_app(url, TOKEN, lambda: fake_models, max_body_bytes=20_000, compose_wait=60)
    ) as client:
        yield client


def _state(client: TestClient) -> tuple[int, list[Any]]:
    """How many articles are stored, and every stored story document."""
    store = client.app.state.service.store  # type: ignore[attr-defined]
    stories = [client.get(f"/api/stories/{row.id}").json() for row in store.stories()]
    return store.article_count(), stories


def test_writes_without_or_with_a_wrong_token_are_401_and_store_nothing(writer: TestClient) -> None:
    before = _state(writer)
    body = {"text": article(1, 0)}
    assert "bearer" in _error(writer.post("/api/articles", json=body), 401)
    for header in ("Bearer wrong-token", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"):
        response = writer.post("/api/articles", json=body, headers={"Authorization": header})
        _error(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert _state(writer) == before


@pytest.mark.integration
def test_writes_are_refused_when_no_token_is_configured(example_url: str, models: Models) -> None:
    with TestClient(create_app(example_url, None, lambda: models, compose_wait=60)) as client:
        message = _error(client.post("/api/articles", json={"text": "x"}, headers=AUTH), 403)
        assert "NEWSWEAVE_TOKEN" in message
        assert client.get("/api/stories").json()["total"] == 1


def test_bad_bodies_get_their_status_and_store_nothing(writer: TestClient) -> None:
    before = _state(writer)
    json_type = {"Content-Type": "application/json"} | AUTH
    assert "malformed JSON" in _error(
        writer.post("/api/articles", content=b'{"text": ', headers=json_type), 400
    )
    _error(writer.post("/api/articles", content=b"\xff\xfe{}", headers=json_type), 400)
    _error(writer.post("/api/articles", json=["a list"], headers=AUTH), 422)
    assert '"text"' in _error(writer.post("/api/articles", json={"title": "no text"}, headers=AUTH), 422)
    _error(writer.post("/api/articles", json={"text": "ok", "url": 7}, headers=AUTH), 422)
    plain = {"Content-Type": "text/plain"} | AUTH
    _error(writer.post("/api/articles", content=b"just text", headers=plain), 415)
    huge = {"text": "word " * 10_000}
    assert "limit" in _error(writer.post("/api/articles", json=huge, headers=AUTH), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must still hold
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    _error(writer.post("/api/articles", content=chunks(), headers=json_type), 413)
    assert _state(writer) == before


def test_an_article_is_stored_once_201_then_200(writer: TestClient) -> None:
    count = _state(writer)[0]
    body = {
        "text": article(0, 2).split("\n\n", 1)[1],
        "title": "Flood closes the bridge",
        "outlet": "Valley Post",
    }
    first = writer.post("/api/articles", json=body, headers=AUTH)
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["created"] is True and re.fullmatch(r"[0-9a-f]{64}", created["article_id"])
    assert created["story_id"] is not None
    again = writer.post("/api/articles", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json() | {"created": True} == created
    assert _state(writer)[0] == count + 1
    mapping = writer.get(f"/api/stories/{created['story_id']}/articles").json()
    assert created["article_id"] in mapping["article_ids"].values()
    record = writer.get(f"/api/sources/{created['article_id']}").json()
    assert record["title"] == "Flood closes the bridge" and record["outlet"] == "Valley Post"


def test_an_uploaded_file_is_stored_as_its_bytes(writer: TestClient) -> None:
    data = article(3, 1).encode("utf-8")
    files = {"file": ("../../report one.txt", data, "text/plain")}
    response = writer.post("/api/articles", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["article_id"] == hashlib.sha256(data).hexdigest()
    record = writer.get(f"/api/sources/{response.json()['article_id']}").json()
    assert record["path"] == "report_one.txt"  # the API names the file, not its folder
    store = writer.app.state.service.store  # type: ignore[attr-defined]
    stored = source_record(store, record["id"])
    assert stored is not None and stored["path"] == "upload/report_one.txt"
    _error(writer.post("/api/articles", files={"other": ("a.txt", b"x")}, headers=AUTH), 422)


def test_concurrent_writes_of_the_same_article_store_it_once(writer: TestClient) -> None:
    count = _state(writer)[0]
    body = {"text": article(4, 2)}
    statuses: list[int] = []

    def post() -> None:
        statuses.append(writer.post("/api/articles", json=body, headers=AUTH).status_code)

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 201]
    store = writer.app.state.service.store  # type: ignore[attr-defined]
    assert store.article_count() == count + 1 and store.incomplete_articles() == []
    assert store.unfiled() == []


def test_markup_in_an_article_is_shown_escaped(writer: TestClient) -> None:
    response = writer.post("/api/articles", json={"title": HOSTILE_TITLE, "text": HOSTILE_TEXT}, headers=AUTH)
    assert response.status_code == 201, response.text
    created = response.json()
    pages = [
        writer.get(f"/sources/{created['article_id']}").text,
        writer.get(f"/stories/{created['story_id']}").text,
        writer.get("/").text,
    ]
    for page in pages:
        assert "<script>alert" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0] and "&lt;b&gt;two metres" in pages[0]
    assert "&lt;b&gt;holds&lt;/b&gt;" in pages[1] and "&lt;b&gt;holds&lt;/b&gt;" in pages[2]


def test_serve_command_is_wired() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output and "NEWSWEAVE_TOKEN" in result.output


# in a browser


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required in CI (tools/system-packages.sh installs it)")
        pytest.skip(f"no {CHROMIUM}: apt-get install chromium")


@contextmanager
def _serving(app: Any) -> Iterator[str]:
    """`app` served on a free loopback port; yields its base URL."""
    with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def example_base(reader: TestClient) -> Iterator[str]:
    _need_chromium()
    with _serving(reader.app) as base:
        yield base


@pytest.fixture(scope="module")
def writer_base(writer: TestClient) -> Iterator[str]:
    _need_chromium()
    with _serving(writer.app) as base:
        yield base


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        context = browser.new_context(viewport={"width": 1000, "height": 900})
        yield context.new_page()
        browser.close()


@pytest.mark.integration
def test_browser_list_story_citation_source(page: Any, example_base: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(example_base + "/")
    page.screenshot(path=str(shots / "list.png"), full_page=True)
    page.locator("table.stories a").first.click()
    page.wait_for_selector("#summary")
    assert page.url.startswith(example_base + "/stories/")
    story_path = page.url.removeprefix(example_base)
    page.screenshot(path=str(shots / "story.png"))
    citation = page.locator("#summary a.cite").first
    target = citation.get_attribute("href")
    assert target is not None and "#L" in target
    citation.click()
    page.wait_for_url(example_base + target)
    line = page.locator(f"#{target.split('#')[1]}")
    assert line.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 243, 176)"
    assert line.is_visible()
    page.screenshot(path=str(shots / "source.png"))
    assert dialogs == []
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    for path in ("/", story_path, target.split("#")[0]):
        page.goto(example_base + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1000, "height": 900})


@pytest.mark.integration
def test_browser_markup_is_inert(page: Any, writer_base: str, writer: TestClient) -> None:
    body = json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_TEXT}).encode()
    response = writer.post("/api/articles", content=body, headers={"Content-Type": "application/json"} | AUTH)
    assert response.status_code in (200, 201)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    created = response.json()
    for path in ("/", f"/stories/{created['story_id']}", f"/sources/{created['article_id']}"):
        page.goto(writer_base + path)
        page.wait_for_load_state("load")
        assert page.locator("main b").count() == 0
        assert page.locator("script").count() == 1  # /static/app.js only
    assert "<script>alert(1)</script>" in page.inner_text("main")  # shown as text
    assert dialogs == []


@pytest.mark.integration
def test_a_browser_gets_error_pages_with_the_same_status(reader: TestClient) -> None:
    html = {"Accept": "text/html,application/xhtml+xml"}
    page = reader.get("/stories/story-<b>nope", headers=html)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no story" in page.text and "<b>nope" not in page.text and "&lt;b&gt;nope" in page.text
    assert reader.get("/?since=someday", headers=html).status_code == 422
    _error(reader.get("/api/stories/nope", headers=html), 404)  # the API stays JSON


@pytest.mark.integration
def test_dot_segments_sent_as_is_over_http_are_404(reader: TestClient) -> None:
    """httpx tidies `..` away before sending; a raw HTTP client does not."""
    with _serving(reader.app) as base:
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
        for path in ("/static/../app.py", "/static/../../store/__init__.py", "/sources/../../etc/passwd"):
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read().decode()
            assert response.status == 404 and "import" not in body and "root:" not in body, path
        connection.close()
