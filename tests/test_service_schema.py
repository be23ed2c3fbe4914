"""Schema fuzzing of `newsweave serve`: no request a client can send gets a 5xx.

Schemathesis reads the app's own OpenAPI document (`/openapi.json`, what
`app.openapi()` returns) in-process over ASGI, generates valid and invalid
requests for every operation in it (path ids, paging and filter
parameters, JSON and multipart bodies), sends them with the write token,
and checks each answer: no server error, and the body conforms to the
response schema wherever the spec declares one. The HTML pages are left out
of the spec (`include_in_schema=False`), so a Hypothesis test sends them
arbitrary ids and filter values the same way.

The number of examples is seeded and small so the module stays CI-short;
`NEWSWEAVE_FUZZ_EXAMPLES` raises it for a long run. Writes get fewer
examples than reads: each stored article makes the service place it into
the stories, which costs model time. The models are the fakes of
tests/fakes.py: what is checked is the service's answers. Generated
requests take seconds, so the module is marked slow: it runs with the
integration tier.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from schemathesis import BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.service.api import router as api_router
from newsweave.service.pages import router as page_router
from newsweave.store import open_store

from .store_corpus import write_corpus

pytestmark = pytest.mark.slow

TOKEN = "fuzzing-token-4f1c2b"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
READ_EXAMPLES = int(os.environ.get("NEWSWEAVE_FUZZ_EXAMPLES", "40"))
WRITE_EXAMPLES = max(READ_EXAMPLES // 4, 8)
SETTINGS = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, fake_models: Models) -> Iterator[FastAPI]:
    """A small store of invented articles (two stories), open for writes with TOKEN."""
    folder = tmp_path_factory.mktemp("fuzz")
    write_corpus(folder / "corpus", 4)
    url = f"sqlite:///{folder / 'store.db'}"
    with open_store(url) as store:
        ingest([str(folder / "corpus")], store, Config(), fake_models)
    application = create_app(url, TOKEN, lambda: fake_models, max_body_bytes=50_000, compose_wait=60)
    with TestClient(application):  # runs the lifespan: the store closes afterwards
        yield application


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> BaseSchema:
    """The spec as the running app serves it, loaded over ASGI (no network)."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Every operation of the spec; test_the_spec_lists_every_operation keeps this list honest.
OPERATIONS = [
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"),
    ("GET", "/api/stories/{story_id}.md"),
    ("GET", "/api/stories/{story_id}/articles"),
    ("GET", "/api/arcs/{arc_id}"),
    ("GET", "/api/sources/{article_id}"),
    ("POST", "/api/articles"),
]


@pytest.fixture(scope="module")
def known_ids(app: FastAPI) -> dict[str, list[str]]:
    """Ids that exist, so the fuzzing reaches the found (200) answers as well as the 404s."""
    store = app.state.service.store
    stories = sorted(row.id for row in store.stories())
    articles = sorted({value for story in stories for value in store.source_ids(story).values()})
    arcs = sorted({row.arc_id for row in store.stories()})
    return {"story_id": stories, "article_id": articles, "arc_id": arcs}


def _with_path_value(operation: Any, name: str) -> Callable[[str], SearchStrategy[Case[Any]]]:
    def cases(value: str) -> SearchStrategy[Case[Any]]:
        strategy: SearchStrategy[Case[Any]] = operation.as_strategy(path_parameters={name: value})
        return strategy

    return cases


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_never_answers_5xx(
    api_schema: BaseSchema, known_ids: dict[str, list[str]], method: str, path: str
) -> None:
    """Valid and invalid requests for one operation: no 5xx, declared response schemas hold."""
    operation = api_schema[path][method]
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    for name in re.findall(r"{(\w+)}", path):
        strategies.append(st.sampled_from(known_ids[name]).flatmap(_with_path_value(operation, name)))
    examples = READ_EXAMPLES if method == "GET" else WRITE_EXAMPLES
    answered: Counter[int] = Counter()

    @settings(max_examples=examples, **SETTINGS)  # type: ignore[arg-type]
    @given(case=st.one_of(strategies))
    def run(case: Case[Any]) -> None:
        response = case.call_and_validate(headers=AUTH, checks=CHECKS)
        answered[response.status_code] += 1

    run()
    print(f"{method} {path}: {sum(answered.values())} requests, statuses {sorted(answered.items())}")
    assert sum(answered.values()) >= min(examples, 5) and max(answered) < 500
    if method == "GET":
        assert 200 in answered  # the found path was exercised, not only refusals


def test_the_spec_lists_every_operation(app: FastAPI) -> None:
    """The fuzzing above covers the API only if OPERATIONS is the spec and the spec is every route."""
    documented = {(path, method) for path, item in app.openapi()["paths"].items() for method in item}
    routed = {
        (route.path, method.lower())
        for route in api_router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
        if method != "HEAD"
    }
    page_methods = {
        method
        for route in page_router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    assert page_methods == {"GET"}  # no write hides among the pages, outside the spec
    assert routed == documented
    assert {(path, method.lower()) for method, path in OPERATIONS} == documented


ANY_TEXT = st.text(max_size=80)
PAGE_PATHS = [
    "/stories/{}",
    "/sources/{}",
    "/api/stories/{}",
    "/api/sources/{}",
    "/api/arcs/{}",
    "/static/{}",
]


@settings(max_examples=READ_EXAMPLES * 2, **SETTINGS)  # type: ignore[arg-type]
@given(
    template=st.sampled_from(PAGE_PATHS),
    value=ANY_TEXT,
    query=st.dictionaries(
        st.sampled_from(["limit", "offset", "since", "until", "entity", "x"]), ANY_TEXT, max_size=4
    ),
    accept=st.sampled_from(["text/html", "application/json", "*/*"]),
)
def test_pages_never_answer_5xx(
    app: FastAPI, template: str, value: str, query: dict[str, str], accept: str
) -> None:
    """The pages (outside the spec) with arbitrary ids and filters: 2xx, 4xx, never 5xx."""
    client = TestClient(app)
    path = template.format(quote(value, safe=""))
    for target, params in ((path, None), ("/", query)):
        response = client.get(target, params=params, headers={"Accept": accept})
        assert response.status_code < 500, (target, params, response.text)
