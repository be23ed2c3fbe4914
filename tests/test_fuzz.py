"""Fuzzing every reader, the cleaning and dating stages, and POST /api/articles.

Property: whatever bytes arrive, a reader returns articles or refuses with a
`NewsweaveError` that names the input; cleaning and dating never fail on what
a reader returned; a write to the JSON API answers 2xx or a 4xx in the common
error shape, never 5xx. Hypothesis runs derandomized (the same examples on
every run, so CI is reproducible) and few: the 10,000-input runs are
benchmarks/fuzz/bench_fuzz.py. The crashers those runs found are pinned at the
end as regression tests. Cleaning and the API run on the fakes of
tests/fakes.py: what is fuzzed is the handling of the input, not the models.
The Hypothesis runs are marked slow (they run with the integration tier);
the pinned crashers stay in the unit tier.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.dating import date_story
from newsweave.errors import NewsweaveError
from newsweave.models import HTML, DecodedDoc, PageMeta, RawDoc
from newsweave.readers import expand, load
from newsweave.service import create_app

from .fuzz_inputs import (
    API_TEXTS,
    ENCODINGS,
    FORMATS,
    PARAGRAPHS,
    PATHS,
    TITLE,
    api_request,
    check_api_response,
    check_error,
    generate,
    read_input,
    warc_bytes,
)

TOKEN = "fuzz-token-not-secret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def fuzz(examples: int) -> settings:
    """Seeded and small: the same inputs on every run, no deadline (models are slow to warm)."""
    return settings(
        derandomize=True,
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# readers


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@fuzz(40)
@given(rng=st.randoms(use_true_random=False), stdin=st.booleans())
def test_mutated_inputs_are_read_or_refused_with_a_newsweave_error(
    fmt: str, rng: random.Random, stdin: bool
) -> None:
    read_input(fmt, generate(fmt, rng), stdin=stdin)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@fuzz(25)
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_read_or_refused(fmt: str, data: bytes) -> None:
    read_input(fmt, data)


@pytest.mark.slow
@fuzz(60)
@given(
    text=st.text(max_size=400),
    encoding=st.sampled_from(ENCODINGS),
    cut=st.integers(min_value=0, max_value=3),
    nul=st.booleans(),
)
def test_text_in_any_encoding_is_decoded_or_refused(text: str, encoding: str, cut: int, nul: bool) -> None:
    """Any text, in any supported encoding, cut mid-character or with a NUL byte."""
    data = text.encode(encoding, errors="replace")
    data = data[: len(data) - cut] + (b"\x00" if nul else b"")
    outcome = read_input("text", data)
    if outcome.docs and encoding in ("utf-8", "utf-8-sig") and not cut and not nul:
        expected = [line for line in re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))]
        assert list(outcome.docs[0].lines) == expected[: len(outcome.docs[0].lines)]


_TAGS = st.sampled_from(["div", "p", "span", "article", "table", "td", "ul", "li", "h1", "script", "b"])
_ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "title", "style", "onload"]), st.text(max_size=30), max_size=3
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def render(tag: str, attrs: dict[str, str], inner: list[str]) -> str:
        attributes = "".join(f' {name}="{value}"' for name, value in attrs.items())
        return f"<{tag}{attributes}>{''.join(inner)}</{tag}>"

    return st.builds(render, _TAGS, _ATTRS, st.lists(children, max_size=4))


_HTML = st.recursive(st.text(max_size=60) | st.sampled_from(PARAGRAPHS), _element, max_leaves=20)


@pytest.mark.slow
@fuzz(40)
@given(body=_HTML, head=st.text(max_size=40), encoding=st.sampled_from(ENCODINGS))
def test_generated_html_pages_are_read_or_refused(body: str, head: str, encoding: str) -> None:
    page = f"<!DOCTYPE html><html><head><title>{head}</title></head><body>{body}</body></html>"
    read_input("html", page.encode(encoding, errors="replace"))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=15,
)
_RECORD = st.fixed_dictionaries(
    {},
    optional={
        "text": _JSON | st.text(max_size=200),
        "title": _JSON,
        "url": _JSON | st.just("http://[::1"),
        "published": _JSON,
        "outlet": _JSON,
    },
)


@pytest.mark.slow
@fuzz(40)
@given(records=st.lists(_RECORD | _JSON, max_size=6), ascii_only=st.booleans())
def test_generated_json_lines_are_read_or_skipped(records: list[object], ascii_only: bool) -> None:
    data = "\n".join(json.dumps(record, ensure_ascii=ascii_only) for record in records).encode(
        "utf-8", errors="surrogatepass"
    )
    outcome = read_input("jsonl", data)
    objects_with_text = [r for r in records if isinstance(r, dict) and isinstance(r.get("text"), str)]
    assert len(outcome.docs) == len(objects_with_text)


@pytest.mark.slow
@fuzz(40)
@given(
    entries=st.lists(st.tuples(st.text(max_size=40), st.text(max_size=200), st.booleans()), max_size=4),
    atom=st.booleans(),
)
def test_generated_feeds_are_read_or_refused(entries: list[tuple[str, str, bool]], atom: bool) -> None:
    """Feed entries whose title and body are any text, escaped or (breaking the XML) not."""

    def esc(value: str, escape: bool) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;") if escape else value

    if atom:
        items = "".join(
            f"<entry><title>{esc(t, e)}</title><content type='html'>{esc(b, e)}</content></entry>"
            for t, b, e in entries
        )
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{esc(t, e)}</title><description>{esc(b, e)}</description></item>"
            for t, b, e in entries
        )
        feed = f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    read_input("feed", feed.encode("utf-8", errors="replace"))


@pytest.mark.slow
@fuzz(30)
@given(
    pages=st.lists(
        st.tuples(
            st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2xx", ""]),
            st.sampled_from(["text/html", "text/plain; charset=koi8-r", "image/png", "", "text/html;;"]),
            st.binary(max_size=500) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")),
        ),
        max_size=3,
    ),
    compress=st.booleans(),
    cut=st.integers(min_value=0, max_value=400),
)
def test_generated_warc_archives_are_read_or_refused(
    pages: list[tuple[str, str, bytes]], compress: bool, cut: int
) -> None:
    data = warc_bytes(pages, compress=compress)
    read_input("warc", data[: len(data) - cut] if cut < len(data) else data)


# cleaning and dating


@pytest.mark.slow
@fuzz(15)
@given(rng=st.randoms(use_true_random=False), count=st.integers(min_value=1, max_value=4))
def test_cleaning_and_dating_never_fail_on_what_readers_return(
    fake_models: Models, rng: random.Random, count: int
) -> None:
    docs: list[DecodedDoc] = []
    for _ in range(count):
        fmt = rng.choice(FORMATS)
        docs.extend(read_input(fmt, generate(fmt, rng)).docs[:3])
    articles = clean_corpus(docs, fake_models.nlp.is_organization)
    assert [article.path for article in articles] == [doc.path for doc in docs]
    for article, doc in zip(articles, docs, strict=True):
        assert all(1 <= line.n <= len(doc.lines) for line in article.lines)
    dates = date_story(articles, [doc.meta.date for doc in docs])
    assert len(dates) == len(articles)
    for published, _flags in dates:
        if published is not None:
            # a day, or a month when the evidence fits several days of it (the contract's pattern)
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published.date)
            assert 0 <= published.confidence <= 1


# POST /api/articles


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, fake_models: Models) -> Iterator[TestClient]:
    """An empty SQLite store behind the app, open for writes with TOKEN."""
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz-api') / 'store.db'}"
    with TestClient(
        create_app(url, TOKEN, lambda: fake_models, max_body_bytes=50_000, compose_wait=60)
    ) as client:
        yield client


def _post(client: TestClient, headers: dict[str, str], body: bytes) -> None:
    response = client.post("/api/articles", content=body, headers=headers | AUTH)
    check_api_response(response.status_code, response.headers.get("content-type", ""), response.content)


@pytest.mark.slow
@fuzz(40)
@given(rng=st.randoms(use_true_random=False))
def test_fuzzed_api_writes_answer_2xx_or_4xx_with_the_error_shape(
    api: TestClient, rng: random.Random
) -> None:
    headers, body = api_request(rng)
    _post(api, headers, body)


@pytest.mark.slow
@fuzz(20)
@given(value=_JSON)
def test_any_json_value_as_an_api_body_is_never_a_server_error(api: TestClient, value: object) -> None:
    body = json.dumps(value if not isinstance(value, str) else {"text": value}).encode()
    _post(api, {"Content-Type": "application/json"}, body)


# regressions: crashers the fuzzers found, each fixed at its cause


def test_regression_jsonl_integer_too_long_to_convert_is_skipped() -> None:
    line = b'{"text": "Crews reopened the road.", "n": ' + b"7" * 5000 + b"}\n"
    found = expand(RawDoc(PATHS["jsonl"], line))
    (skipped,) = found.skipped
    assert skipped.path == f"{PATHS['jsonl']}:1" and "not JSON" in skipped.reason
    assert "4300" in skipped.reason and not found.records


def test_regression_jsonl_lone_surrogate_becomes_a_replacement_character() -> None:
    found = expand(RawDoc(PATHS["jsonl"], b'{"text": "Crews \\ud800 reopened", "title": "A \\udfff"}'))
    (record,) = found.records
    assert record.doc.lines == ("Crews \ufffd reopened",) and record.doc.meta.title == "A \ufffd"
    record.doc.lines[0].encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b'<rss version="2.0"><channel><item><title>&#x110000;</title></item></channel></rss>',
        b'<?xml version="1.0" encoding="utf\xad8"?><rss version="2.0"><channel><item>x</item></channel>',
    ],
    ids=["char-reference-out-of-range", "undecodable-xml-encoding-label"],
)
def test_regression_feeds_that_crash_feedparser_are_skipped(data: bytes) -> None:
    found = expand(RawDoc(PATHS["feed"], data))
    (skipped,) = found.skipped
    assert skipped.path == PATHS["feed"] and skipped.reason.startswith("not a readable feed (")
    assert not found.records


def test_regression_warc_response_without_target_uri_is_skipped() -> None:
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 20\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\n\r\n\r\n"
    )
    good = warc_bytes([("200 OK", "text/plain", "\n".join(PARAGRAPHS).encode())])
    found = expand(RawDoc(PATHS["warc"], good + record))
    assert len(found.records) == 1
    (skipped,) = found.skipped
    assert skipped.path == f"{PATHS['warc']}#3" and "not a readable WARC record" in skipped.reason


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "Crews reopened the road \\ud800 on Thursday."}',
        b'{"text": "Crews reopened the road.", "title": "\\udc00"}',
        b'{"text": "Crews reopened the road.", "n": ' + b"7" * 5000 + b"}",
    ],
    ids=["lone-surrogate-text", "lone-surrogate-title", "huge-integer"],
)
def test_regression_api_bodies_that_crashed_get_a_4xx(api: TestClient, body: bytes) -> None:
    response = api.post("/api/articles", content=body, headers={"Content-Type": "application/json"} | AUTH)
    check_api_response(response.status_code, response.headers["content-type"], response.content)
    assert 400 <= response.status_code < 500


def test_regression_cleaning_survives_a_malformed_page_url(fake_models: Models) -> None:
    """Two pages declaring the same unparseable URL (an unclosed IPv6 host) used to crash `site_key`."""
    docs = [
        DecodedDoc(f"fuzz/{n}.html", "utf-8", (TITLE, *PARAGRAPHS), HTML, PageMeta(url="http://[::1/a"))
        for n in range(2)
    ]
    articles = clean_corpus(docs, fake_models.nlp.is_organization)
    assert [article.url for article in articles] == ["http://[::1/a"] * 2
    assert all(article.body_lines() for article in articles)


def test_refusals_name_the_input() -> None:
    """The check every fuzz test applies, shown failing on a message that says nothing."""
    with pytest.raises(NewsweaveError) as caught:
        load(RawDoc(PATHS["text"], b"\x00\x01binary"))
    check_error(PATHS["text"], caught.value)
    with pytest.raises(AssertionError):
        check_error(PATHS["text"], NewsweaveError("something went wrong"))
    assert API_TEXTS  # the API fuzz draws its article texts from this fixed pool
