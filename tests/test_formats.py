"""Container inputs: JSON Lines, RSS/Atom feeds and WARC archives, good and bad (on the fakes)."""

from __future__ import annotations

import gzip
import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import Result

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.errors import EXIT_PARTIAL, InputError
from newsweave.models import HTML, TEXT, PageMeta, RawDoc
from newsweave.readers import Fetcher, discover, expand, fragment_blocks, gunzip_bounded, read_docs, reload
from newsweave.readers.containers import FEED, JSONL, WARC, sniff_kind

from .fuzz_inputs import warc_archive

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
EVENTS = FORMATS / "events.jsonl"

PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge reopens</title></head><body><article>"
    "<h1>Old river bridge reopens to traffic after two years of repairs</h1>"
    "<p>The old river bridge in Tallow reopened to cars and cyclists on Friday after two years of repairs "
    "that cost the town 38 million.</p>"
    "<p>Engineers replaced the steel deck and strengthened all four stone piers, the town's works "
    "department said in a statement.</p>"
    "<p>The first bus crossed the bridge at six in the morning, greeted by a small crowd of residents.</p>"
    "</article></body></html>"
)


def _write_warc(records: list[tuple[str, str, str, bytes]], compress: bool) -> bytes:
    """A WARC file with one request-free response per (uri, status, content type, body)."""
    return warc_archive(records, compress, date="2031-07-18T09:15:00Z")


# JSON Lines


def test_jsonl_lines_become_articles_with_their_metadata() -> None:
    found = read_docs(discover([str(EVENTS)]).docs)
    paths = [record.raw.path for record in found.records]
    assert paths == [f"{EVENTS}:{n}" for n in (1, 3, 6, 9)]
    first = found.records[0]
    assert first.doc.kind == TEXT
    assert first.doc.meta.title == "Wildfire near Marrowby forces evacuation of hillside villages"
    assert first.doc.meta.url == "https://news.example.org/fire-1"
    assert first.doc.meta.date == "2031-07-14"
    assert first.doc.meta.outlet == "Example Ledger"
    assert len(first.doc.lines) == 5
    assert first.doc.lines[2].startswith("Fire chief Tomas Brenner said")
    assert json.loads(first.raw.data)["title"] == first.doc.meta.title


def test_malformed_jsonl_lines_are_reported_with_their_line_numbers() -> None:
    found = read_docs(discover([str(EVENTS)]).docs)
    reasons = {skipped.path.rsplit(":", 1)[1]: skipped.reason for skipped in found.skipped}
    assert sorted(reasons, key=int) == ["2", "5", "7", "8"]
    assert reasons["2"].startswith("not JSON")
    assert "list, not an object" in reasons["5"]
    assert reasons["7"] == 'no "text" field'
    assert "not a string" in reasons["8"]


def test_jsonl_line_in_a_legacy_encoding_is_decoded() -> None:
    text = "Le maire a déclaré que la fête du village aurait lieu à la mi-août, malgré la pluie."
    line = json.dumps({"text": text, "title": "Fête"}, ensure_ascii=False).encode("cp1252")
    found = expand(RawDoc("legacy.ndjson", b"\n" + line + b"\n"))
    assert not found.skipped
    (record,) = found.records
    assert record.raw.path == "legacy.ndjson:2"
    assert record.doc.lines == (text,)
    assert record.doc.encoding != "utf-8"


def test_empty_text_record_is_kept_and_flagged(fake_models: Models) -> None:
    data = b'{"text": "", "title": "Only a headline"}\n{"text": "   \\n  "}\n'
    found = expand(RawDoc("empty.jsonl", data))
    assert [record.doc.lines for record in found.records] == [(), ()]
    articles = clean_corpus([record.doc for record in found.records], fake_models.nlp.is_organization)
    for article in articles:
        assert "empty_after_cleaning" in [flag.kind for flag in article.flags]
    assert articles[0].title == "Only a headline"


def test_brief_on_a_jsonl_file_gives_one_story_per_event(fake_cli: Callable[..., Result]) -> None:
    result = fake_cli("brief", str(EVENTS), "--format", "json")
    assert result.exit_code == EXIT_PARTIAL, result.output
    for n in (2, 5, 7, 8):
        assert f"{EVENTS}:{n}" in result.stderr
    document = json.loads(result.stdout)
    stories = sorted(sorted(source["path"] for source in story["sources"]) for story in document["stories"])
    assert stories == [[f"{EVENTS}:1", f"{EVENTS}:3"], [f"{EVENTS}:6", f"{EVENTS}:9"]]
    fire = next(story for story in document["stories"] if story["sources"][0]["path"].endswith(":1"))
    assert "Marrowby" in fire["headline"]


# Feeds


def test_rss_items_become_articles() -> None:
    found = read_docs(discover([str(FORMATS / "harbour.rss")]).docs)
    assert not found.skipped
    ferry, market, gallery = found.records
    assert ferry.raw.path.endswith("harbour.rss#1")
    assert ferry.doc.kind == HTML
    assert ferry.doc.lines == (
        "The ferry service to the outer islands resumed on Wednesday morning after a three-day halt "
        "caused by the storm.",
        "The operator said the first crossing left the harbour at 7 a.m. with 140 passengers on board.",
        "Timetables are posted at the harbour office.",
    )
    assert ferry.doc.meta.date == "2031-07-16"
    assert ferry.doc.meta.byline == "Lena Korth"
    assert ferry.doc.meta.outlet == "Example Coast Gazette"
    assert ferry.doc.meta.url == "https://gazette.example.com/ferry-resumes"
    assert market.doc.lines[0].startswith("The harbour fish market reopened on Tuesday")
    assert gallery.doc.lines == ()
    assert gallery.doc.meta.title == "Photo gallery: the storm in pictures"


def test_atom_entries_become_articles() -> None:
    found = read_docs(discover([str(FORMATS / "valley.atom")]).docs)
    cherries, closed = found.records
    assert cherries.raw.path.endswith("valley.atom#1")
    assert cherries.doc.lines[1].startswith("Orchard growers in the valley picked a record 18,000 tonnes")
    assert cherries.doc.meta.date == "2031-07-12"
    assert cherries.doc.meta.byline == "Pieter Hald"
    assert closed.doc.kind == TEXT
    assert closed.doc.lines == (
        "The office will be closed on Friday.",
        "Letters can still be left in the box by the door.",
    )
    assert closed.doc.meta.date == "2031-07-16"


def test_broken_feed_without_entries_is_skipped_with_the_parser_reason() -> None:
    found = expand(RawDoc("broken.rss", b"<?xml version='1.0'?><rss><channel><title>Half"))
    assert found.records == []
    (skipped,) = found.skipped
    assert skipped.path == "broken.rss"
    assert skipped.reason.startswith("not a readable feed (")


def test_broken_feed_keeps_the_entries_it_still_has() -> None:
    data = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        b"<item><title>Dam opens</title><description>The new dam opened on Monday.</description></item>"
        b"<item><title>Cut off</title><description>This item never"
    )
    found = expand(RawDoc("cut.xml", data))
    assert found.records
    assert found.records[0].doc.lines == ("The new dam opened on Monday.",)


def test_xml_that_is_not_a_feed_is_ignored() -> None:
    data = b"<?xml version='1.0'?><urlset><url><loc>https://example.com/a</loc></url></urlset>"
    found = expand(RawDoc("sitemap.xml", data))
    assert (found.records, found.skipped, found.ignored) == ([], [], ["sitemap.xml"])


def test_fragment_blocks_split_paragraphs_and_drop_scripts() -> None:
    fragment = "<p>First  part <b>bold</b>.</p><script>x()</script>Loose tail<br>After a break<li>One"
    assert fragment_blocks(fragment) == ("First part bold.", "Loose tail", "After a break", "One")


# WARC


@pytest.mark.parametrize("compress", [False, True])
def test_warc_responses_with_html_become_articles(compress: bool) -> None:
    data = _write_warc(
        [
            ("https://tallow.example.com/bridge", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://tallow.example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://tallow.example.com/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
            ("https://tallow.example.com/blank", "200 OK", "text/html", b"<html><body></body></html>"),
        ],
        compress,
    )
    name = "crawl.warc.gz" if compress else "crawl.warc"
    found = expand(RawDoc(name, data))
    assert not found.skipped
    assert [record.raw.path for record in found.records] == [f"{name}#2", f"{name}#5"]
    assert found.ignored == [f"{name}#3", f"{name}#4"]
    bridge, blank = found.records
    assert json.loads(bridge.raw.data)["html"] == PAGE  # the page, with the archive's metadata
    assert bridge.doc.kind == HTML
    assert any(line.startswith("The old river bridge in Tallow reopened") for line in bridge.doc.lines)
    assert bridge.doc.meta.url == "https://tallow.example.com/bridge"
    assert bridge.doc.meta.date == "2031-07-18T09:15:00Z"
    assert blank.doc.lines == ()


def test_damaged_warc_keeps_the_records_before_the_damage() -> None:
    data = _write_warc([("https://tallow.example.com/bridge", "200 OK", "text/html", PAGE.encode())], False)
    found = expand(RawDoc("cut.warc", data + b"not a record header\r\n\r\nmore"))
    assert [record.raw.path for record in found.records] == ["cut.warc#2"]
    (skipped,) = found.skipped
    assert skipped.path == "cut.warc#3"
    assert skipped.reason.startswith("not a readable WARC record (")


# Gzip limits


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    found = expand(RawDoc("bomb.warc.gz", bomb))
    assert found.records == []
    (skipped,) = found.skipped
    assert skipped.path == "bomb.warc.gz"
    assert "expands more than 100:1" in skipped.reason


def test_gzip_output_above_the_file_limit_is_refused() -> None:
    data = gzip.compress(PAGE.encode() * 4)
    with pytest.raises(InputError, match="1,000-byte file limit"):
        gunzip_bounded("page.gz", data, max_bytes=1000)


def test_gzip_with_several_members_is_read_whole() -> None:
    data = gzip.compress(b"first member, ") + gzip.compress(b"second member")
    assert gunzip_bounded("two.gz", data, max_bytes=1000) == b"first member, second member"


def test_broken_gzip_is_reported() -> None:
    with pytest.raises(InputError, match="gzip"):
        gunzip_bounded("cut.gz", gzip.compress(PAGE.encode())[:40], max_bytes=100_000)


# Discovery and stdin


def test_directories_contribute_container_files(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.ndjson", "c.rss", "d.atom", "e.xml", "f.warc", "g.warc.gz", "h.gz", "i.json"):
        (tmp_path / name).write_bytes(b"x")
    found = discover([str(tmp_path)])
    names = sorted(Path(doc.path).name for doc in found.docs)
    assert names == ["a.jsonl", "b.ndjson", "c.rss", "d.atom", "e.xml", "f.warc", "g.warc.gz"]
    assert sorted(Path(path).name for path in found.ignored) == ["h.gz", "i.json"]


def test_stdin_is_recognised_by_its_first_bytes() -> None:
    assert sniff_kind(EVENTS.read_bytes()) == JSONL
    assert sniff_kind((FORMATS / "valley.atom").read_bytes()) == FEED
    assert sniff_kind(_write_warc([], True)) == WARC
    assert sniff_kind(b"Plain article text.\n") is None
    assert sniff_kind(PAGE.encode()) is None
    found = expand(RawDoc("-", EVENTS.read_bytes()))
    assert [record.raw.path for record in found.records] == ["-:1", "-:3", "-:6", "-:9"]


# URLs (through a mock transport: tests never touch the network)


def _site(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/feed":
        return httpx.Response(200, content=(FORMATS / "valley.atom").read_bytes())
    if request.url.path == "/old-feed":
        return httpx.Response(301, headers={"Location": "https://courier.example.org/feed"})
    if request.url.path == "/huge":
        return httpx.Response(200, content=b"word " * 1000)
    return httpx.Response(404)


def _public_dns(host: str, port: int) -> list[tuple[Any, ...]]:
    """Every name resolves to one public (documentation-free) address; no real DNS."""
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]


def test_feed_url_is_fetched_and_read_by_its_content() -> None:
    fetch = Fetcher(transport=httpx.MockTransport(_site), resolver=_public_dns)
    url = "https://courier.example.org/old-feed"
    found = discover([url], fetch=fetch)
    assert not found.skipped
    records = read_docs(found.docs).records
    assert [record.raw.path for record in records] == [f"{url}#1", f"{url}#2"]
    assert records[0].doc.meta.title == "Valley orchard growers report record cherry harvest"


def test_failed_or_oversize_fetches_are_skipped_with_the_reason() -> None:
    fetch = Fetcher(transport=httpx.MockTransport(_site), resolver=_public_dns)
    urls = ["https://courier.example.org/missing", "https://courier.example.org/huge"]
    found = discover(urls, fetch=fetch, max_bytes=1000)
    assert found.docs == []
    assert [(skipped.path, skipped.reason) for skipped in found.skipped] == [
        (urls[0], "HTTP 404 Not Found"),
        (urls[1], "response larger than 1,000 bytes"),
    ]


def test_only_http_urls_are_fetched() -> None:
    def refuse(_url: str, _max_bytes: int) -> RawDoc:
        raise AssertionError("must not fetch")

    found = discover(["ftp://courier.example.org/feed", "file:///etc/hostname"], fetch=refuse)
    assert [skipped.reason for skipped in found.skipped] == ["no such file or directory"] * 2


def test_a_malformed_url_is_reported_not_raised() -> None:
    found = discover(["http://[::1"], fetch=Fetcher())
    assert [(s.path, s.reason.split(" (")[0]) for s in found.skipped] == [("http://[::1", "cannot fetch")]


def test_json_nested_too_deeply_is_a_skipped_line() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    found = expand(RawDoc("deep.jsonl", deep + b'\n{"text": "A fine article about the harbour."}\n'))
    assert [(s.path, s.reason) for s in found.skipped] == [("deep.jsonl:1", "JSON nested too deeply to read")]
    assert [record.raw.path for record in found.records] == ["deep.jsonl:2"]


def test_stored_records_are_read_back_as_they_were_read() -> None:
    record = RawDoc("-:3", b'{"text": "Water rose overnight.", "title": "Flood"}')
    assert reload(record).meta.title == "Flood"
    assert reload(record).lines == ("Water rose overnight.",)
    assert reload(RawDoc("feed.rss#2", b"")).lines == ()


FRAGMENT = b"<p>A fragment.</p><p>Two blocks.</p>"


def test_stored_feed_entries_and_archived_pages_read_back_as_they_were_read() -> None:
    """What a store keeps of a feed entry or an archived page, read again to compose a
    brief, is the same article: metadata, kind, blocks and encoding alike."""
    feeds = read_docs(discover([str(FORMATS / "harbour.rss"), str(FORMATS / "valley.atom")]).docs)
    notes = "Caf\u00e9 owners said the harbour road reopened on Friday, a week after the storm.\n"
    archive = _write_warc(
        [
            ("https://tallow.example.com/bridge", "200 OK", "text/html", PAGE.encode()),
            ("https://tallow.example.com/notes", "200 OK", "text/plain", notes.encode("cp1252")),
            (
                "https://tallow.example.com/part",
                "200 OK",
                "text/html",
                b"<p>A fragment.</p><p>Two blocks.</p>",
            ),
        ],
        False,
    )
    pages = expand(RawDoc("crawl.warc", archive))
    records = feeds.records + pages.records
    assert len(records) == 8
    for record in records:
        assert reload(record.raw) == record.doc, record.raw.path
    bridge, text, part = pages.records
    assert bridge.doc.meta.url == "https://tallow.example.com/bridge"
    assert text.doc.meta.url == "https://tallow.example.com/notes" and text.doc.encoding != "utf-8"
    assert part.doc.lines == ("A fragment.", "Two blocks.")


def test_json_records_map_every_metadata_field_and_hold_no_nul() -> None:
    line = {
        "headline": "Bridge\u0000 reopens",
        "link": "https://tallow.example.com/bridge",
        "date": "2031-07-16",
        "source": "Tallow Ledger",
        "author": "Ann  Lee",
        "lang": "en-GB",
        "html": "<p>The bridge reopened.\u0000</p><p>Buses crossed it.</p>",
    }
    (record,) = expand(RawDoc("a.jsonl", json.dumps(line).encode())).records
    assert record.doc.meta == PageMeta(
        title="Bridge reopens",
        byline="Ann Lee",
        outlet="Tallow Ledger",
        date="2031-07-16",
        url="https://tallow.example.com/bridge",
        language="en",
    )
    assert record.doc.kind == HTML and record.doc.lines == ("The bridge reopened.", "Buses crossed it.")


def test_a_declared_language_stands_where_the_text_cannot_tell(fake_models: Models) -> None:
    (record,) = expand(RawDoc("short.jsonl", b'{"text": "Kurz.", "language": "de"}')).records
    (article,) = clean_corpus([record.doc], fake_models.nlp.is_organization)
    assert article.language == "de"
