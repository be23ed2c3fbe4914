"""`newsweave serve` against a hostile client: tokens, markup, paths, SQL, oversized bodies.

Each attack is sent the way an attacker would send it: through a real
uvicorn server on loopback with a raw socket where HTTP clients would tidy
the request (dot segments, NUL bytes, bodies that never end), and in real
Chromium where the question is whether markup runs. Every refused write is
checked against the store itself: the article count is the same afterwards.

The token, path and SQL tests run on SQLite and PostgreSQL; the browser and
body-size tests on SQLite (the store plays no part in what they check).
The stores are filled with the fakes of tests/fakes.py; the PostgreSQL runs
and the browser are integration tests.
"""

from __future__ import annotations

import base64
import json
import os
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.store import Store, open_store

from . import pg_server
from .serving import serving
from .store_corpus import article, write_corpus

TOKEN = "k7-Qm2xv9-Lp4tR8-wZ3nB6"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHROMIUM = "/usr/bin/chromium"
LIMIT = 100_000
LEAKS = ("root:x:", "[project]", "import ", "{% extends", "def ", "127.0.0.1\tlocalhost")


def _store_of(client: TestClient) -> Store:
    app: Any = client.app
    store: Store = app.state.service.store
    return store


def _fill(url: str, folder: Path, models: Models) -> None:
    write_corpus(folder, 2)
    with open_store(url) as store:
        ingest([str(folder)], store, Config(), models)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_models: Models
) -> Iterator[TestClient]:
    """Two invented articles in a store of each backend, writable with TOKEN."""
    folder = tmp_path_factory.mktemp(f"secure-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'store.db'}"
        _fill(url, folder / "corpus", fake_models)
        with TestClient(
            create_app(url, TOKEN, lambda: fake_models, max_body_bytes=LIMIT, compose_wait=60)
        ) as test_client:
            yield test_client
        return
    with pg_server.fresh_database(request.getfixturevalue("pg_server_url")) as url:
        _fill(url, folder / "corpus", fake_models)
        with TestClient(
            create_app(url, TOKEN, lambda: fake_models, max_body_bytes=LIMIT, compose_wait=60)
        ) as test_client:
            yield test_client


@pytest.fixture(scope="module")
def sqlite_client(tmp_path_factory: pytest.TempPathFactory, fake_models: Models) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("secure-browser")
    url = f"sqlite:///{folder / 'store.db'}"
    _fill(url, folder / "corpus", fake_models)
    with TestClient(
        create_app(url, TOKEN, lambda: fake_models, max_body_bytes=LIMIT, compose_wait=60)
    ) as test_client:
        yield test_client


def _raw_exchange(port: int, request: bytes, body_parts: Iterable[bytes] = ()) -> tuple[int, bytes]:
    """Send `request` (and body parts) byte for byte; the status and body of the answer.

    The answer is read while the body may still be unsent: a server that
    waits for the whole body before refusing it makes this time out.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(request)
        for part in body_parts:
            connection.sendall(part)
        answer = b""
        while b"\r\n\r\n" not in answer or not _complete(answer):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, body


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


def _raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    return _raw_exchange(
        port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )


# the token


def _write_endpoints(app: FastAPI) -> list[tuple[str, str]]:
    spec = app.openapi()["paths"]
    return sorted(
        (path, method)
        for path, item in spec.items()
        for method in item
        if method.lower() not in ("get", "head", "options")
    )


BAD_AUTHORIZATION: list[bytes | None] = [
    None,
    b"",
    b"Bearer",
    b"Bearer ",
    b"Bearer wrong-token",
    f"Bearer {TOKEN[:-1]}{chr(ord(TOKEN[-1]) + 1)}".encode(),  # the last character differs
    f"Bearer {TOKEN[:-1]}".encode(),  # one shorter
    f"Bearer {TOKEN}0".encode(),  # one longer
    f"Bearer {TOKEN * 2}".encode(),
    f"Bearer {TOKEN.swapcase()}".encode(),
    f"Bearer {TOKEN} {TOKEN}".encode(),
    f"Baerer {TOKEN}".encode(),  # the scheme misspelled
    f"Bearer:{TOKEN}".encode(),
    f"Bearer: {TOKEN}".encode(),
    f"Bearer{TOKEN}".encode(),
    f"Token {TOKEN}".encode(),
    TOKEN.encode(),
    b"Basic " + base64.b64encode(f"writer:{TOKEN}".encode()),
    f"Basic {TOKEN}".encode(),
    f"Bearer {TOKEN}".encode() + b"\xe9",  # a byte past ASCII
    b"Bearer " + TOKEN.encode()[:-1] + b"\x00",
]


def test_every_write_endpoint_refuses_bad_tokens_and_stores_nothing(client: TestClient) -> None:
    endpoints = _write_endpoints(client.app)
    assert endpoints == [("/api/articles", "post")]
    store = _store_of(client)
    before = (store.article_count(), [row.id for row in store.stories()])
    body = json.dumps({"title": "Ferry resumes service", "text": article(2, 3)}).encode()
    refused = 0
    for path, method in endpoints:
        for authorization in BAD_AUTHORIZATION:
            headers: dict[str, Any] = {"Content-Type": "application/json"}
            if authorization is not None:
                headers["Authorization"] = authorization
            response = client.request(method, path, content=body, headers=headers)
            assert response.status_code == 401, (authorization, response.text)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert TOKEN not in response.text  # the refusal never echoes what was sent
            refused += 1
        # The token anywhere but the Authorization header counts for nothing.
        elsewhere = {"X-Token": TOKEN, "Cookie": f"token={TOKEN}", "Content-Type": "application/json"}
        for query in ({}, {"token": TOKEN}, {"access_token": TOKEN}):
            response = client.request(method, path, content=body, params=query, headers=elsewhere)
            assert response.status_code == 401
            refused += 1
    assert refused == len(BAD_AUTHORIZATION) + 3
    assert (store.article_count(), [row.id for row in store.stories()]) == before
    # The right token, same body: stored (so the refusals above were the token's doing).
    accepted = client.post("/api/articles", content=body, headers={"Content-Type": "application/json"} | AUTH)
    assert accepted.status_code == 201, accepted.text
    assert store.article_count() == before[0] + 1


def test_an_oversized_body_without_a_token_is_401_before_it_is_read(sqlite_client: TestClient) -> None:
    with serving(sqlite_client.app) as port:
        head = (
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\nConnection: close\r\n\r\n"
        )
        status, _ = _raw_exchange(port, head, iter([b'{"text": "']))
    assert status == 401


# request size


def test_a_declared_oversized_body_is_413_without_reading_it(sqlite_client: TestClient) -> None:
    store = _store_of(sqlite_client)
    count = store.article_count()
    with serving(sqlite_client.app) as port:
        head = (
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
            b"Content-Length: 1000000000\r\nConnection: close\r\n\r\n"
        )
        # 1 GB declared, 10 bytes sent: an answer at all means the server did not wait for the rest.
        status, body = _raw_exchange(port, head, iter([b'{"text": "']))
    assert status == 413 and json.loads(body)["error"]["detail"] == {"limit": LIMIT}
    assert store.article_count() == count


def test_a_chunked_body_is_cut_off_at_the_limit(sqlite_client: TestClient) -> None:
    store = _store_of(sqlite_client)
    count = store.article_count()
    chunk = b"x" * 16_384
    sent: list[int] = []

    def parts() -> Iterator[bytes]:
        yield b'a\r\n{"text": "\r\n'
        while sum(sent) <= LIMIT + len(chunk):  # a little past the limit, then stop: never the end chunk
            sent.append(len(chunk))
            yield f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"

    with serving(sqlite_client.app) as port:
        head = (
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        status, body = _raw_exchange(port, head, parts())
    assert status == 413 and "limit" in json.loads(body)["error"]["message"]
    assert LIMIT < sum(sent) < LIMIT + 3 * len(chunk)
    assert store.article_count() == count


# path traversal

PATH_ENDPOINTS = [
    "/api/stories/{}",
    "/api/stories/{}.md",
    "/api/stories/{}/articles",
    "/api/sources/{}",
    "/stories/{}",
    "/sources/{}",
    "/static/{}",
]
TRAVERSALS = [
    "../pyproject.toml",
    "../../../../../../../../etc/passwd",
    "../app.py",
    "../templates/base.html",
    "../../store/__init__.py",
    "%2e%2e%2fpyproject.toml",
    "%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "..%2f..%2f..%2f..%2fetc%2fpasswd",
    "%2E%2E%2F%2E%2E%2Fapp.py",
    "..%252f..%252f..%252fetc%252fpasswd",  # double-encoded
    "%252e%252e%252fapp.py",
    "%2fetc%2fpasswd",  # absolute
    "/etc/passwd",
    "/etc/hosts",
    "file:///etc/passwd",
    "..\\..\\pyproject.toml",  # backslashes
    "..%5c..%5capp.py",
    "%5c..%5c..%5cetc%5cpasswd",
    "style.css%00.py",  # NUL
    "..%00/etc/passwd",
    "%00",
    "app.js\x00.py",  # a raw NUL byte in the request line
    "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 dots
    "....//....//etc/passwd",
    ".%2e/.%2e/app.py",
    "..;/app.py",
    "~/.bashrc",
    "C:%5cWindows%5cwin.ini",
]


def test_path_traversal_never_reaches_a_file(client: TestClient) -> None:
    """Every endpoint with a path parameter, and the static files: 400/404/422, never a file."""
    with serving(client.app) as port:
        assert _raw_get(port, b"/static/style.css")[0] == 200  # the route itself works
        cases = 0
        for template in PATH_ENDPOINTS:
            for attack in TRAVERSALS:
                target = template.format(attack).encode("latin-1")
                status, body = _raw_get(port, target)
                assert status in (400, 404, 422), (target, status, body[:200])
                assert not any(leak.encode() in body for leak in LEAKS), (target, body[:200])
                cases += 1
    assert cases == len(PATH_ENDPOINTS) * len(TRAVERSALS)


# SQL metacharacters

SQL_ATTACKS = [
    "' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "x'; DELETE FROM stories; --",
    "1 UNION SELECT raw FROM articles",
    "%' OR '%'='",
    "\\'; DROP TABLE memberships; --",
]


def test_sql_metacharacters_are_data(client: TestClient) -> None:
    store = _store_of(client)
    tables = sorted(inspect(store.engine).get_table_names())
    count, stories = store.article_count(), [row.id for row in store.stories()]
    for attack in SQL_ATTACKS:
        quoted = quote(attack, safe="")
        for path in (f"/api/stories/{quoted}", f"/api/stories/{quoted}/articles", f"/api/sources/{quoted}"):
            assert client.get(path).status_code == 404
            assert client.get(path.removeprefix("/api")).status_code == 404
        listing = client.get("/api/stories", params={"entity": attack})
        assert listing.status_code == 200 and listing.json()["total"] == 0
        assert client.get("/api/stories", params={"since": attack}).status_code == 422
        assert client.get("/", params={"entity": attack}).status_code == 200
    text = "\n".join(
        f"Officials at the harbour said {attack} was written on a sign." for attack in SQL_ATTACKS
    )
    body = {"title": SQL_ATTACKS[1], "outlet": SQL_ATTACKS[0], "url": SQL_ATTACKS[2], "text": text}
    response = client.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    record = client.get(f"/api/sources/{response.json()['article_id']}").json()
    assert all(attack in record["raw_text"] for attack in SQL_ATTACKS)
    assert sorted(inspect(store.engine).get_table_names()) == tables
    assert store.article_count() == count + 1
    assert set(stories) <= {row.id for row in store.stories()}


def test_nul_and_control_characters_in_an_article_are_not_a_crash(client: TestClient) -> None:
    """PostgreSQL text cannot hold NUL: the write is stored without it or refused, never a 500."""
    store = _store_of(client)
    count = store.article_count()
    body = {
        "title": "Night\x00 market \x07reopens",
        "text": "The night market reopened on Friday\x00 after repairs, traders said.\n"
        "Stalls\x1b[31m sold fruit and tools until midnight, the council said.\n",
    }
    response = client.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code in (201, 422), response.text
    assert store.article_count() == count + (response.status_code == 201)


# markup in a browser

PAYLOADS = [
    '<script>window.__pwned="script";alert("script")</script>',
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "<svg onload=\"window.__pwned='svg';alert('svg')\">",
    "<svg><script>window.__pwned='svg-script'</script></svg>",
    "<a href=\"javascript:window.__pwned='link';alert('link')\">read more</a>",
    "javascript:window.__pwned='bare';alert('bare')",
    "<a href=\"&#106;avascript:window.__pwned='entity-link'\">entity link</a>",
    "<a href=\"data:text/html,<script>window.__pwned='data'</script>\">data link</a>",
    '"><script>window.__pwned="attr-break"</script>',
    "'><img src=x onerror=window.__pwned='quote-break'>",
    "</title><script>window.__pwned='title-break'</script>",
    "</textarea></style></noscript><script>window.__pwned='tag-break'</script>",
    "{{7*7}} {{ config }} {% if 1 %}jinja{% endif %} ${7*7} #{7*7}",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "<iframe src=\"javascript:parent.__pwned='iframe-src'\"></iframe>",
    "<p style=\"background:url(javascript:window.__pwned='style')\">styled</p>",
    "<div style=\"width: expression(window.__pwned='expression')\">expr</div>",
    "<style>body{background:url(\"javascript:window.__pwned='css'\")}</style>",
    "<details open ontoggle=\"window.__pwned='details'\">x</details>",
    "<input autofocus onfocus=\"window.__pwned='input'\">",
    "<body onload=\"window.__pwned='body'\">",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=\'meta\'">',
    "<object data=\"javascript:window.__pwned='object'\"></object>",
    "<embed src=\"javascript:window.__pwned='embed'\">",
    "<base href=\"javascript:window.__pwned='base'//\">",
    "<form action=\"javascript:window.__pwned='form'\"><button>go</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned='mxss'>",
    "<scr<script>ipt>window.__pwned='nested'</scr</script>ipt>",
    "&lt;script&gt;window.__pwned='pre-escaped'&lt;/script&gt;",
    "＜script＞window.__pwned='fullwidth'＜/script＞",
    "%3Cscript%3Ewindow.__pwned='percent'%3C/script%3E",
    "\\u003cscript\\u003ewindow.__pwned='backslash-u'\\u003c/script\\u003e",
    "<img src=x onerror=&#119;indow.__pwned='entity-handler'>",
]
DANGEROUS = (
    "script:not([src='/static/app.js']), img, svg, math, iframe, object, embed, base, style, "
    "form:not(.filters), input:not(form.filters *), button:not(form.filters *), meta[http-equiv], "
    "link:not([rel=stylesheet]), a[href^='javascript' i], a[href^='data' i], [style]"
)


def _hostile_article() -> dict[str, str]:
    lines = [
        f"Witnesses near the old harbour described scene {n}: {payload}" for n, payload in enumerate(PAYLOADS)
    ]
    return {
        "title": "Harbour crane collapses " + " ".join(PAYLOADS[:3] + PAYLOADS[8:11]),
        "outlet": "Harbour Gazette " + PAYLOADS[1],
        "url": "javascript:window.__pwned='url-field';alert('url')",
        "published": "2024-05-02",
        "text": "A crane collapsed at the old harbour on Thursday, port officials said.\n"
        + "\n".join(lines)
        + "\nNobody was hurt, the port authority said in a statement.\n",
    }


def _unicode_escaped(value: dict[str, str]) -> bytes:
    """The JSON body with every < > & " ' sent as \\u escapes, as some clients send them."""
    text = json.dumps(value)
    for char in "<>&'":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.encode()


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required in CI (tools/system-packages.sh installs it)")
        pytest.skip(f"no {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser.new_context().new_page()
        browser.close()


@pytest.mark.integration
def test_hostile_markup_is_inert_in_chromium(page: Any, sqlite_client: TestClient) -> None:
    headers = {"Content-Type": "application/json"} | AUTH
    response = sqlite_client.post(
        "/api/articles", content=_unicode_escaped(_hostile_article()), headers=headers
    )
    assert response.status_code == 201, response.text
    created = response.json()
    record = sqlite_client.get(f"/api/sources/{created['article_id']}").json()
    stored = "\n".join(line["text"] for line in record["lines"])
    assert all(payload in stored for payload in PAYLOADS)  # stored as sent
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    paths = [
        "/",
        f"/stories/{created['story_id']}",
        f"/sources/{created['article_id']}",
        "/stories/" + quote(PAYLOADS[1], safe=""),  # the error page repeats the id it was given
        "/?entity=" + quote(PAYLOADS[8], safe=""),
    ]
    with serving(sqlite_client.app) as port:
        base = f"http://127.0.0.1:{port}"
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)  # time for an onerror or autofocus to fire, were it markup
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert len(page.frames) == 1, path
            assert page.locator(DANGEROUS).count() == 0, (path, page.content()[:2000])
            assert page.locator("script").count() == 1, path  # /static/app.js only
            assert page.evaluate(
                "[...document.querySelectorAll('*')].every(el =>"
                " [...el.attributes].every(a => !a.name.toLowerCase().startsWith('on')))"
            ), path
            assert page.url.startswith(base + path.split("?")[0]), path  # no refresh, no redirect
            if path.startswith("/sources/"):
                shown = page.inner_text("main")
                inert = [payload for payload in PAYLOADS if payload in shown]
                assert inert == PAYLOADS  # each one shown as the text it is
                assert "{{7*7}}" in shown and "jinja" in shown
            if path == paths[3]:
                assert "no story '<img src=x onerror=" in page.inner_text("main")  # repr'd, as text
    assert dialogs == [] and errors == []
