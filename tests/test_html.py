"""HTML pages: extraction, page metadata, charsets, bad pages, dispatch, and the body evaluation.

Cleaning and briefs run on the fakes of tests/fakes.py.
"""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest
from rich.console import Console

import newsweave.readers.html as html_module
from newsweave.analyze import Models
from newsweave.clean import clean
from newsweave.errors import BinaryInputError, EmptyInputError, InputError
from newsweave.eval.html_bodies import (
    NEWSWEAVE,
    SHINGLES,
    TRAFILATURA,
    WORDS,
    evaluate_html_bodies,
    render_table,
    score,
)
from newsweave.models import HTML, TEXT, RawDoc
from newsweave.readers import decode, discover, extract_html, load, starts_like_html
from newsweave.readers.html import declared_charset
from newsweave.vocabulary import MetaField, Role

from .conftest import TWO_EVENTS

PAGES = Path(__file__).resolve().parent / "data" / "html"
HERALD = PAGES / "bridge-herald.html"
ARTICLE = (
    "The harbour bridge in Kessel will stay closed for at least three weeks after Sunday's storm "
    "damaged two of its steel bearings, the city's road authority said on Monday.",
    "Engineers who inspected the bridge overnight found cracks in the bearings that carry the eastern "
    "span, and said heavy traffic could not be allowed back until both were replaced.",
    "About 18,000 vehicles cross the bridge on a normal weekday. Buses will be diverted through the "
    "tunnel under the old town, adding roughly fifteen minutes to most journeys, the transport office said.",
    "“Safety comes first, and we will not reopen the bridge before the new bearings are in place,” said "
    "José Álvarez, the road authority's chief engineer, at a news conference on the quay.",
    "Pedestrians and cyclists will be able to use a temporary walkway on the western side from Wednesday, "
    "the city said, while ferries between the two harbour districts will run every twenty minutes.",
    "Shop owners on the eastern side said the closure would hurt business in what is usually a busy month, "
    "and asked the council for help with lost income.",
)
TITLE = "Storm shuts Kessel harbour bridge for three weeks of repairs"
PARAGRAPH = (
    "<p>The harbour bridge in Kessel will stay closed for at least three weeks after the storm damaged "
    "two of its steel bearings, the road authority said on Monday.</p>"
)


def page(name: str) -> RawDoc:
    return RawDoc(str(PAGES / name), (PAGES / name).read_bytes())


def html_page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


# Extraction: trafilatura narrows the page down, newsweave judges every block.


def test_page_blocks_are_its_main_text_in_reading_order() -> None:
    doc = extract_html(page("bridge-herald.html"))
    assert doc.kind == HTML
    assert doc.encoding == "utf-8"
    assert doc.lines[0] == TITLE
    body = [line for line in doc.lines if line in ARTICLE]
    assert body == list(ARTICLE)
    assert all("\n" not in line and line == line.strip() for line in doc.lines)
    for chrome in ("Home", "We use cookies", "Related stories", "About us", "Accept all"):
        assert not any(line.startswith(chrome) for line in doc.lines), chrome


def test_page_metadata_is_what_the_page_declares() -> None:
    meta = extract_html(page("bridge-herald.html")).meta
    assert meta.title == TITLE
    assert meta.byline == "Ingrid Solberg"
    assert meta.outlet == "The Harbour Herald"
    assert meta.date == "2024-03-04"  # published, not the later modified time
    assert meta.url == "https://www.harbourherald.example/news/2024/03/04/storm-shuts-kessel-harbour-bridge"


def test_every_block_gets_a_role_and_only_article_text_is_body(fake_models: Models) -> None:
    doc = extract_html(page("bridge-herald.html"))
    article = clean(doc, fake_models.nlp.is_organization)
    assert [line.n for line in article.lines] == list(range(1, len(doc.lines) + 1))
    assert tuple(line.text for line in article.lines if line.role == Role.BODY) == ARTICLE
    reasons = {line.text: line.reason for line in article.lines if line.role == Role.NOISE}
    assert reasons["Advertisement"] == "ad"
    assert reasons["© 2024 The Harbour Herald Ltd. All rights reserved."] == "copyright"
    assert reasons["Read more: Ferry timetable changes for the spring season"] == "related-links"
    assert "Share this article" in reasons
    assert any(text.startswith("Sign up for our morning newsletter") for text in reasons)
    title = next(line for line in article.lines if line.role == Role.META and line.field == MetaField.TITLE)
    assert title.n == 1


def test_line_breaks_inside_a_paragraph_stay_in_its_block() -> None:
    body = (
        "<article>"
        + PARAGRAPH
        + "<p>Ferries will run every twenty minutes,<br>the company said.</p></article>"
    )
    lines = extract_html(RawDoc("p.html", html_page(body))).lines
    assert "Ferries will run every twenty minutes, the company said." in lines


def test_a_table_row_is_one_block() -> None:
    rows = "<tr><td>1</td><td>Kessel</td><td>18,000</td></tr><tr><td>2</td><td>Lund</td><td>9,500</td></tr>"
    table = f"<table>{rows}"
    lines = extract_html(
        RawDoc("t.html", html_page("<article>" + PARAGRAPH * 2 + table + "</table></article>"))
    ).lines
    assert "1 Kessel 18,000" in lines
    assert "2 Lund 9,500" in lines


# Decoding: BOM, then valid UTF-8, then the declared charset, then detection.


def test_declared_utf8_but_cp1252_bytes_are_detected() -> None:
    raw = page("bridge-cp1252-declared-utf8.html")
    with pytest.raises(UnicodeDecodeError):
        raw.data.decode("utf-8")  # the fixture really is cp1252
    doc = extract_html(raw)
    text = "\n".join(doc.lines)
    assert "José Álvarez" in text
    assert "Café owners near the Île Verte ferry pier" in text
    assert "city’s road authority" in text
    assert doc.encoding != "utf-8"


def test_declared_latin1_but_utf8_bytes_are_read_as_utf8() -> None:
    raw = page("bridge-utf8-declared-latin1.html")
    assert b"charset=iso-8859-1" in raw.data
    doc = extract_html(raw)
    text = "\n".join(doc.lines)
    assert "José Álvarez" in text
    assert "Ã" not in text  # no mojibake
    assert doc.encoding == "utf-8"


def test_utf8_wins_over_a_legacy_declaration_that_would_also_decode() -> None:
    text = "Café owners said the bridge’s closure – three weeks at least – would hurt their trade badly."
    data = html_page(f"<article><p>{text}</p><p>{text}</p></article>", '<meta charset="windows-1252">')
    assert data.decode("cp1252") != data.decode("utf-8")  # cp1252 would read these bytes, as mojibake
    doc = extract_html(RawDoc("cafe.html", data))
    assert (doc.encoding, doc.lines[0]) == ("utf-8", text)


def test_a_declared_charset_that_decodes_cleanly_is_used() -> None:
    text = "Мост в гавани закрыт на три недели после шторма, сообщила дорожная служба города в понедельник."
    data = html_page(f"<article><p>{text}</p><p>{text}</p></article>", '<meta charset="windows-1251">')
    doc = extract_html(RawDoc("ru.html", data.decode().encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert text in doc.lines


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="UTF-8">', "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        (b'<?xml version="1.0" encoding="windows-1251"?>', "cp1251"),
        (b"<meta charset=no-such-charset>", None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_the_declared_charset_is_read_from_meta_or_xml(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head) == charset


def test_a_byte_order_mark_wins_over_everything() -> None:
    data = html_page("<article>" + PARAGRAPH * 2 + "</article>", '<meta charset="iso-8859-1">')
    doc = extract_html(RawDoc("u16.html", data.decode().encode("utf-16")))
    assert doc.encoding == "utf-16"
    assert doc.lines[0].startswith("The harbour bridge in Kessel")


# Bad pages: an InputError subclass with the reason, quickly, never a crash.


def test_an_oversized_page_is_refused_naming_the_limit() -> None:
    with pytest.raises(InputError, match=r"larger than the 1,000-byte limit"):
        extract_html(page("bridge-herald.html"), max_bytes=1000)
    with pytest.raises(InputError, match=r"1,000-byte limit"):
        load(page("bridge-herald.html"), max_html_bytes=1000)


def test_a_deeply_nested_page_is_refused_quickly() -> None:
    data = html_page("<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"nested more than 255 elements deep"):
        extract_html(RawDoc("deep.html", data))
    assert time.monotonic() - started < 20


def test_deep_nesting_after_the_article_does_not_cost_the_article() -> None:
    data = html_page("<article>" + PARAGRAPH + "</article>" + "<div>" * 100_000 + "x" + "</div>" * 100_000)
    assert extract_html(RawDoc("deep.html", data)).lines[0].startswith("The harbour bridge in Kessel")


def test_malformed_html_is_still_read() -> None:
    doc = extract_html(page("malformed.html"))
    assert doc.meta.title == "Ferry timetable changes for the spring season"
    assert any(line.startswith("Ferries between the two harbour districts") for line in doc.lines)
    assert any("an hour earlier than usual" in line for line in doc.lines)  # misnested <b><i>
    assert any(line.startswith("The company has chartered two extra vessels") for line in doc.lines)


def test_a_page_without_text_is_empty_input() -> None:
    with pytest.raises(EmptyInputError, match=r"no article text found"):
        extract_html(page("no-text.html"))


@pytest.mark.parametrize("data", [b"", b"  \n\t ", b"<!-- -->"])
def test_an_empty_page_is_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        extract_html(RawDoc("empty.html", data))


def test_binary_data_named_html_is_refused() -> None:
    with pytest.raises(BinaryInputError, match=r"binary"):
        extract_html(page("binary.html"))
    with pytest.raises(BinaryInputError, match=r"binary"):
        extract_html(RawDoc("controls.html", bytes(range(1, 32)) * 50))


def test_a_failure_inside_trafilatura_is_this_pages_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", broken)
    with pytest.raises(InputError, match=r"HTML extraction failed \(KeyError"):
        extract_html(page("bridge-herald.html"))


# Dispatch: HTML by name or by how the bytes begin; everything else is text.


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"<!doctype HTML>\n<html lang=en>", True),
        (b"\xef\xbb\xbf  \n<HTML>\n<body>", True),
        (b"<!-- saved page -->\n<!-- two comments -->\n<html>", True),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
        ("<!doctype html>".encode("utf-16"), True),
        (b"The <html> tag opens every page, the tutorial said.", False),
        (b"<htmlish>", False),
        (b"", False),
    ],
)
def test_html_is_recognised_by_how_it_begins(data: bytes, expected: bool) -> None:
    assert starts_like_html(data) is expected


def test_load_sends_pages_to_extraction_and_text_to_decode() -> None:
    assert load(page("bridge-herald.html")).kind == HTML
    assert load(RawDoc("-", HERALD.read_bytes())).kind == HTML  # stdin, recognised by its bytes
    text = (TWO_EVENTS / "flood-a.txt").read_bytes()
    assert load(RawDoc("flood-a.txt", text)) == decode(RawDoc("flood-a.txt", text))
    assert load(RawDoc("flood-a.txt", text)).kind == TEXT


def test_directories_contribute_html_pages(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(HERALD.read_bytes())
    (tmp_path / "b.HTM").write_bytes(HERALD.read_bytes())
    (tmp_path / "c.txt").write_text("one")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    found = discover([str(tmp_path)])
    assert [Path(d.path).name for d in found.docs] == ["a.html", "b.HTM", "c.txt"]
    assert [Path(p).name for p in found.ignored] == ["d.pdf"]


# The command line.


def test_brief_of_a_page_lists_blocks_with_their_text(fake_cli) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("brief", str(HERALD), "--format", "json")
    assert result.exit_code == 0, result.output
    source = json.loads(result.stdout)["stories"][0]["sources"][0]
    assert "lines" not in source
    blocks = source["blocks"]
    assert blocks[0] == {"n": 1, "role": "meta", "field": "title", "text": TITLE}
    assert tuple(b["text"] for b in blocks if b["role"] == "body") == ARTICLE
    assert (
        source["url"] == "https://www.harbourherald.example/news/2024/03/04/storm-shuts-kessel-harbour-bridge"
    )
    body = {b["n"] for b in blocks if b["role"] == "body"}
    cited = {c["line"] for item in json.loads(result.stdout)["stories"][0]["summary"] for c in item["cite"]}
    assert cited and cited <= body


def test_a_page_on_stdin_is_read_as_html(fake_cli) -> None:  # type: ignore[no-untyped-def]
    result = fake_cli("brief", "-", "--format", "json", stdin=HERALD.read_bytes())
    assert result.exit_code == 0, result.output
    assert "blocks" in json.loads(result.stdout)["stories"][0]["sources"][0]


def test_bad_pages_are_skipped_and_the_rest_briefed(fake_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "good.html").write_bytes(HERALD.read_bytes())
    for name in ("binary.html", "no-text.html"):
        (tmp_path / name).write_bytes((PAGES / name).read_bytes())
    result = fake_cli("brief", str(tmp_path), "--format", "json")
    assert result.exit_code == 3
    assert "binary.html: binary data" in result.stderr
    assert "no-text.html: no article text found" in result.stderr
    assert len(json.loads(result.stdout)["stories"][0]["sources"]) == 1


# The body evaluation, scored as the article-extraction benchmark scores.


def test_scores_count_shingles_and_words_as_the_benchmark_does() -> None:
    gold = "The bridge will stay closed for three weeks."
    perfect = score(gold, gold, SHINGLES)
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    empty = score(gold, "", SHINGLES)
    assert (empty.precision, empty.recall) == (None, 0.0)
    padded = score(gold, gold + " Share this article on Facebook.", SHINGLES)
    assert padded.recall == 1.0
    assert padded.precision is not None and padded.precision < 1.0
    assert score(gold, gold.upper(), SHINGLES).recall == 0.0  # shingles keep case, like evaluate.py
    assert score(gold, gold.upper(), WORDS).recall == 1.0  # the bag of words does not


def test_evaluation_over_a_folder_in_the_benchmark_layout(tmp_path: Path, fake_models: Models) -> None:
    (tmp_path / "html").mkdir()
    truth = {
        "herald": {"articleBody": "\n".join(ARTICLE), "url": "https://www.harbourherald.example/"},
        "blank": {"articleBody": "Some text the page does not hold.", "url": None},
        "missing": {"articleBody": "A page that was never saved.", "url": None},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    for name, source in (("herald", HERALD), ("blank", PAGES / "no-text.html")):
        (tmp_path / "html" / f"{name}.html.gz").write_bytes(gzip.compress(source.read_bytes()))
    result = evaluate_html_bodies(tmp_path, fake_models.nlp.is_organization)
    assert [p.id for p in result.pages] == ["blank", "herald"]
    herald = result.pages[1].counts
    assert herald[(NEWSWEAVE, SHINGLES)].precision == 1.0
    assert herald[(NEWSWEAVE, SHINGLES)].recall == 1.0
    assert (herald[(TRAFILATURA, SHINGLES)].precision or 0.0) < 1.0  # title and chrome kept
    assert {(page_id, who) for page_id, who, _ in result.failures} == {
        ("blank", TRAFILATURA),
        ("blank", NEWSWEAVE),
        ("missing", "page"),
    }
    assert result.summary(NEWSWEAVE, SHINGLES).recall == pytest.approx(0.5)
    assert len(evaluate_html_bodies(tmp_path, fake_models.nlp.is_organization, limit=1).pages) == 1
    console = Console(file=io.StringIO(), width=200, record=True)
    console.print(render_table(result))
    table = console.export_text()
    assert "newsweave F1" in table and "trafilatura F1" in table
    assert "2 pages; failures: trafilatura 2, newsweave 2" in " ".join(table.split())
