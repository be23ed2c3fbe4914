"""The FastAPI application: store, writer, templates, security headers, routes.

`create_app` builds one app over one store. Everything a route needs hangs
off `app.state.service` (`context.Service`), handed to each route by one
dependency provider (`context.service_of`), so the routers never import this
module and a test can build as many independent apps as it likes.

Security defaults, all cheap and on everywhere:

- Jinja2 autoescaping for every template, whatever its file name; no page
  marks text as safe.
- A Content-Security-Policy that allows scripts and styles from this origin
  only (no inline script, no inline style), no framing, no plugins. The
  OpenAPI docs page is FastAPI's and needs its CDN and an inline bootstrap
  script, so it alone gets a policy that allows those.
- Ids in URLs are validated against strict patterns before any lookup, and
  static files are served by Starlette's `StaticFiles`, which refuses paths
  outside its folder: no path traversal.
- Writes need a bearer token compared in constant time (see `writes`).
- Sources are named by file name, never by the path they were read from,
  unless the app is created with `show_paths` (see `paths`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsweave import __version__
from newsweave.analyze import Models, default_models
from newsweave.config import Config, load_config
from newsweave.service.api import router as api_router
from newsweave.service.composing import FIRST_READ_WAIT, StoryComposer
from newsweave.service.context import Service
from newsweave.service.errors import install_error_handlers
from newsweave.service.pages import router as page_router
from newsweave.service.paths import SourcePaths
from newsweave.service.writes import DEFAULT_MAX_BODY, Writer
from newsweave.store import open_store

HERE = Path(__file__).resolve().parent
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_POLICY = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


def create_app(
    store_url: str,
    token: str | None,
    models_factory: Callable[[], Models] = default_models,
    max_body_bytes: int = DEFAULT_MAX_BODY,
    config: Config | None = None,
    compose_wait: float = FIRST_READ_WAIT,
    show_paths: bool = False,
) -> FastAPI:
    """The newsweave web app over the store at `store_url`.

    `token` is the bearer token writes need; None refuses every write (403).
    `models_factory` is called on the first write or the first brief to
    compose, so a server starts fast and loads spaCy and MiniLM only then.
    A first read of a story waits `compose_wait` seconds for its brief, then
    answers 202 while the brief is composed in the background.
    Sources are shown by file name; `show_paths` shows the paths they were read from.
    """
    store = open_store(store_url)
    config = config or load_config({})
    writer = Writer(store, token, models_factory, config, max_body_bytes)
    composer = StoryComposer(store, config, models_factory, compose_wait)
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    service = Service(store, writer, composer, Jinja2Templates(env=environment), SourcePaths(show_paths))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        composer.close()
        store.close()

    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Cited story briefs from many news articles. Every page at / has a JSON twin under /api.",
        lifespan=lifespan,
    )
    app.state.service = service
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        docs = request.url.path in DOCS_PATHS
        response.headers["Content-Security-Policy"] = DOCS_POLICY if docs else PAGE_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
