"""Fuzz inputs for every reader and for the JSON API, shared by tests and benchmarks.

Why one module: the property tests (tests/test_fuzz.py), the 10,000-input
benchmark and the atheris harnesses (benchmarks/fuzz/) must attack the same
surface with the same checks, so a crasher one finds the others can replay.

Inputs start from valid seed documents (invented text, one per format) and are
damaged the way real files are: bytes flipped, cut short, markup inserted,
nested thousands deep, attributes of 100 kB, re-encoded in legacy charsets
with or without a byte-order mark, or replaced by random bytes. Everything is
driven by a `random.Random`, so a seed replays an input exactly.

`read_input` runs one input through the real entry point of its format
(`load` for a single article, `expand` for containers, `reload` for what a
store reads back) and checks what came out. A `NewsweaveError` is a correct
refusal; any other exception is a crash and propagates.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import NewsweaveError
from newsweave.models import DecodedDoc, RawDoc
from newsweave.readers import Expansion, Record, expand, load, reload

FORMATS = ("text", "html", "jsonl", "feed", "warc", "sgml")
PATHS = {
    "text": "fuzz/article.txt",
    "html": "fuzz/page.html",
    "jsonl": "fuzz/dump.jsonl",
    "feed": "fuzz/feed.xml",
    "warc": "fuzz/crawl.warc",
    "sgml": "fuzz/news.sgml",
}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252")
ENCODINGS += ("shift_jis", "gb18030", "koi8-r")
MAX_INPUT_BYTES = 400_000

PARAGRAPHS = (
    "Crews reopened the coastal road near Pellham on Thursday after a landslide closed it for nine days.",
    "The regional roads office said 1,200 tonnes of rock were removed and two retaining walls rebuilt.",
    '"We expect normal traffic by the weekend," said Irma Oduya, who leads the repair team.',
    "The closure had forced buses on a 40-minute detour through the hill villages of Sarn and Hollin.",
    "Residents said the road had slipped twice before, in 2019 and again last March.",
)
TITLE = "Coastal road reopens nine days after landslide"
WORDS = ("bridge", "council", "said", "Monday", "1,400", "the", "über", "café", "Ñandú", "Пресса", "東京")
WORDS += ("新闻", "€", "—", "“quoted”", "\u200b", "\u2028", "\t", "\x0c", "\ufeff", "\U0001f600")


def _text_seed() -> bytes:
    lines = [TITLE, "By Dana Whitcombe", "Pellham Courier", "March 14, 2032", "", *PARAGRAPHS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _html_seed() -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>' + TITLE + "</title>"
        '<meta name="author" content="Dana Whitcombe"><meta property="article:published_time" '
        'content="2032-03-14"></head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>'
        f"<article><h1>{TITLE}</h1>{body}</article><footer>© 2032 Pellham Courier</footer></body></html>"
    ).encode()


def _jsonl_seed() -> bytes:
    records = [
        {"title": TITLE, "url": "https://courier.example.org/road", "published": "2032-03-14",
         "outlet": "Pellham Courier", "text": "\n".join(PARAGRAPHS)},
        {"headline": "Hill villages welcome the end of the detour", "date": "2032-03-15",
         "text": "\n".join(PARAGRAPHS[3:]), "tags": ["roads", 3, None]},
        {"text": PARAGRAPHS[0], "author": "Dana Whitcombe", "link": "https://other.example.net/a?b=1"},
    ]  # fmt: skip
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()


def _rss_seed() -> bytes:
    items = "".join(
        f"<item><title>Road update {n}</title><link>https://courier.example.org/road-{n}</link>"
        f"<pubDate>Thu, 1{n} Mar 2032 08:00:00 GMT</pubDate><author>desk@courier.example.org</author>"
        f"<description><![CDATA[<p>{PARAGRAPHS[n]}</p><p>{PARAGRAPHS[n + 1]}</p>]]></description></item>"
        for n in range(3)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Pellham Courier'
        f"</title><link>https://courier.example.org/</link>{items}</channel></rss>"
    ).encode()


def _atom_seed() -> bytes:
    entries = "".join(
        f'<entry><title>Detour ends {n}</title><link href="https://courier.example.org/d{n}"/>'
        f"<id>urn:road:{n}</id><updated>2032-03-1{n}T08:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{PARAGRAPHS[n]}&lt;/p&gt;</content></entry>'
        for n in range(2)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Pellham Courier</title>{entries}</feed>"
    ).encode()


def _sgml_seed() -> bytes:
    """Two LDC-style DOCs: wrapped <P> paragraphs, then a <TEXT> without them."""
    wrapped = "".join(f"<P>\n{p[:50]}\n{p[50:]}\n</P>\n" for p in PARAGRAPHS[:3])
    loose = "".join(f"   {p}\n" for p in PARAGRAPHS[3:])
    return (
        f"<DOC>\n<DOCNO> XIE20320314.0001 </DOCNO>\n<DATE_TIME> 2032-03-14 08:00 </DATE_TIME>\n<BODY>\n"
        f"<HEADLINE> {TITLE} </HEADLINE>\n<TEXT>\n{wrapped}</TEXT>\n</BODY>\n</DOC>\n"
        f"<DOC>\n<DOCNO> XIE20320314.0002 </DOCNO>\n<DATE> 20320314 </DATE>\n"
        f"<TEXT>\n{loose}&AMP; &QL; &#233;\n</TEXT>\n</DOC>\n"
    ).encode()


def warc_archive(
    records: Sequence[tuple[str, str, str, bytes]],
    compress: bool = False,
    date: str = "2032-03-14T09:15:00Z",
    software: str = "newsweave-tests",
) -> bytes:
    """A WARC archive holding one request-free response per (uri, status line, content type, body)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": software}))
    for uri, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)
    return buffer.getvalue()


def warc_bytes(pages: list[tuple[str, str, bytes]], compress: bool = False) -> bytes:
    """A WARC archive holding one response per (status line, content type, body)."""
    records = [
        (f"https://courier.example.org/page-{number}", status, content_type, body)
        for number, (status, content_type, body) in enumerate(pages)
    ]
    return warc_archive(records, compress, software="newsweave-fuzz")


def _warc_seed() -> bytes:
    return warc_bytes(
        [
            ("200 OK", "text/html; charset=utf-8", _html_seed()),
            ("200 OK", "text/plain", _text_seed()),
            ("404 Not Found", "text/html", b"<html><body>gone</body></html>"),
            ("200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ]
    )


SEEDS: dict[str, tuple[bytes, ...]] = {
    "text": (_text_seed(),),
    "html": (_html_seed(),),
    "jsonl": (_jsonl_seed(),),
    "feed": (_rss_seed(), _atom_seed()),
    "warc": (_warc_seed(),),
    "sgml": (_sgml_seed(),),
}

# Fragments that break parsers: markup, entities, JSON and WARC syntax, broken multibyte.
SNIPPETS = (
    b"<div>", b"</p>", b"<p", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<script>x=1</script>",
    b"&#0;", b"&#x110000;", b"&nbsp", b"&amp;amp;", b"<?xml version='1.0' encoding='bogus'?>",
    b"<meta charset=\"shift_jis\">", b"<meta charset=utf-16>", b"<html>", b"<!DOCTYPE html>",
    b'{"text": ', b'"\\ud800"', b"\\u0000", b"[[[[", b"}}", b"1e999999", b"-0", b"\r", b"\r\n",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe2\x82", b"\xf0\x9f\x98", b"\xc3", b"\x1b[31m",
    b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"WARC-Type: response\r\n", b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"<item>", b"</entry>", b"<feed>",
    b"<rss version=\"2.0\">", b"<link href=\"http://[::1\"/>", b"<pubDate>Feb 30 10000</pubDate>",
    b"\x1f\x8b\x08\x00", b"<svg><svg><svg>", b"<table><tr><td>", b"<br/>" * 50,
    b"<DOC>", b"</DOC>", b"\n<DOC>\n", b"<TEXT>", b"</TEXT>", b"<P>", b"<HEADLINE>", b"&QL;", b"&#10;",
)  # fmt: skip


def random_text(rng: random.Random, words: int) -> str:
    """Invented words, numbers, foreign scripts, odd spaces and line breaks."""
    out = []
    for _ in range(words):
        pick = rng.random()
        if pick < 0.6:
            out.append(rng.choice(WORDS))
        elif pick < 0.8:
            out.append(rng.choice(PARAGRAPHS).split()[rng.randrange(5)])
        elif pick < 0.88:
            out.append("".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 8))))
        elif pick < 0.9:
            out.append(chr(rng.randrange(0xD800, 0xE000)))  # a lone surrogate: legal in JSON, not text
        else:
            out.append(rng.choice(("\n", "\r\n", "\r", "\n\n", ".", ",", "'", '"')))
    return " ".join(out)


def encoded(text: str, rng: random.Random) -> bytes:
    """`text` in a random encoding (characters it cannot hold become '?')."""
    return text.encode(rng.choice(ENCODINGS), errors="replace")


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 9)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(SNIPPETS) + data[at:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randrange(1, 200) :]


def _duplicate(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    piece = data[at : at + rng.randrange(1, 400)]
    return data[:at] + piece * rng.randrange(2, 20) + data[at:]


def _nest(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((50, 300, 1000, 5000))
    opener, closer = rng.choice(((b"<div>", b"</div>"), (b"<b>", b""), (b'{"a":', b"}"), (b"[", b"]")))
    at = rng.randrange(len(data) + 1)
    return data[:at] + opener * depth + b"deep text" + closer * depth + data[at:]


def _huge_attribute(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    value = rng.choice((b"x", b"&amp;", b"\xc3\xa9", b'"')) * rng.choice((1_000, 20_000, 100_000))
    return data[:at] + b'<p title="' + value + b'">attribute</p>' + data[at:]


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randrange(1, 64)) + data[at:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    return encoded(data.decode("utf-8", errors="replace"), rng)


def _splice(data: bytes, rng: random.Random) -> bytes:
    other = rng.choice([seed for seeds in SEEDS.values() for seed in seeds])
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other)) :]


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip, _truncate, _insert, _insert, _delete, _duplicate, _nest, _huge_attribute,
    _random_bytes, _reencode, _splice,
)  # fmt: skip


def mutate(data: bytes, rng: random.Random, rounds: int = 3) -> bytes:
    """`data` damaged by 1 to `rounds` random mutations, kept under `MAX_INPUT_BYTES`."""
    for _ in range(rng.randrange(1, rounds + 1)):
        if not data:
            data = rng.choice(SNIPPETS)
        data = rng.choice(MUTATIONS)(data, rng)[:MAX_INPUT_BYTES]
    return data


def _text_in_format(fmt: str, text: str, rng: random.Random) -> bytes:
    """Random text placed where the format keeps its article, then encoded."""
    if fmt == "html":
        return encoded(f"<html><head><title>{text[:40]}</title></head><body><p>{text}</p></body></html>", rng)
    if fmt == "jsonl":
        line = json.dumps({"title": text[:40], "text": text}, ensure_ascii=True)
        if rng.random() < 0.1:  # an integer longer than Python converts by default
            line = line[:-1] + ', "n": ' + "7" * rng.choice((10, 5000)) + "}"
        return line.encode()
    if fmt == "feed":
        item = f"<item><title>{text[:40]}</title><description>{text}</description></item>"
        return encoded(f'<rss version="2.0"><channel><title>T</title>{item}</channel></rss>', rng)
    if fmt == "sgml":
        docs = "".join(
            f"<DOC>\n<DOCNO> {n} </DOCNO>\n<TEXT>\n<P>\n{text}\n</P>\n</TEXT>\n</DOC>\n" for n in "AA"
        )
        return encoded(docs, rng)
    if fmt == "warc":
        kind = rng.choice(("text/plain", "text/html"))
        return warc_bytes([("200 OK", kind, encoded(text, rng))], compress=rng.random() < 0.3)
    return encoded(text, rng)


def generate(fmt: str, rng: random.Random) -> bytes:
    """One fuzz input for `fmt`: random bytes, random text in its format, or a mutated seed."""
    pick = rng.random()
    if pick < 0.08:
        return rng.randbytes(rng.randrange(0, 3000))
    if pick < 0.3:
        return _text_in_format(fmt, random_text(rng, rng.randrange(0, 300)), rng)
    data = mutate(rng.choice(SEEDS[fmt]), rng)
    if fmt == "warc" and rng.random() < 0.2:
        data = gzip.compress(data, mtime=0)
        if rng.random() < 0.5:
            data = mutate(data, rng, rounds=1)
    return data


@dataclass(frozen=True)
class Outcome:
    """What a reader made of one input: articles (None when refused) and the refusal."""

    docs: tuple[DecodedDoc, ...]
    refusal: str | None


def input_path(fmt: str, data: bytes, stdin: bool = False) -> str:
    if stdin:
        return "-"
    if fmt == "warc" and data.startswith(b"\x1f\x8b"):
        return PATHS[fmt] + ".gz"
    return PATHS[fmt]


def read_input(fmt: str, data: bytes, stdin: bool = False) -> Outcome:
    """`data` through the reader of `fmt` (or stdin's sniffing), every output checked.

    A single article goes through `load`, containers through `expand`, and every
    record also through `reload`, as a store reads it back. Raises AssertionError
    for output that breaks the reader's contract; any other exception but a
    NewsweaveError is a crash.
    """
    raw = RawDoc(input_path(fmt, data, stdin), data)
    if fmt in ("text", "html") and not stdin:
        try:
            doc = load(raw)
        except NewsweaveError as error:
            check_error(raw.path, error)
            return Outcome((), str(error))
        check_doc(raw.path, doc)
        return Outcome((doc,), None)
    found = expand(raw)
    check_expansion(raw.path, found)
    for record in found.records:
        try:
            check_doc(record.raw.path, reload(record.raw))
        except NewsweaveError as error:
            check_error(record.raw.path, error)
    refusal = "; ".join(f"{s.path}: {s.reason}" for s in found.skipped) or None
    return Outcome(tuple(record.doc for record in found.records), refusal)


def check_error(path: str, error: NewsweaveError) -> None:
    message = str(error)
    assert message.strip(), f"empty error message for {path}"
    assert path in message, f"error does not say where: {message!r}"


def check_expansion(path: str, found: Expansion) -> None:
    for skipped in found.skipped:
        assert skipped.path.startswith(path), skipped
        assert skipped.reason.strip(), skipped
    for name in found.ignored:
        assert name.startswith(path), name
    for record in found.records:
        assert isinstance(record, Record) and record.raw.path.startswith(path)
        check_doc(record.raw.path, record.doc)


def check_doc(path: str, doc: DecodedDoc) -> None:
    """A decoded document: str lines without line breaks, UTF-8-encodable, a known encoding."""
    assert doc.path == path, (doc.path, path)
    assert doc.encoding and codecs.lookup(doc.encoding)
    for line in doc.lines:
        assert isinstance(line, str) and "\n" not in line and "\r" not in line, line[:80]
        line.encode("utf-8")  # a lone surrogate here would crash every writer downstream
    for value in (doc.meta.title, doc.meta.url, doc.meta.date, doc.meta.outlet, doc.meta.byline):
        assert value is None or isinstance(value, str)
        if value is not None:
            value.encode("utf-8")


# The JSON API: bodies for POST /api/articles.

# Article texts a fuzzed body may carry. Few and fixed on purpose: every new
# article makes the service recompute its stories (seconds), so accepted bodies
# must mostly repeat ones already stored (200, cheap).
API_TEXTS = (
    "\n".join(PARAGRAPHS),
    PARAGRAPHS[0],
    "Only one short line.",
    "A line with a NUL \x00 byte and a bell \x07 in it.",
    "\x01\x02\x03\x04\x05\x06",
)
API_META = {"title": TITLE, "outlet": "Pellham Courier", "published": "2032-03-14", "url": "http://[::1"}


def _json_value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.random()
    if depth > 3 or pick < 0.5:
        return rng.choice((None, True, 0, -1.5, 10**30, "", " ", "text", "\x00", [], {}))
    if pick < 0.75:
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        rng.choice(("text", "title", "a", "")): _json_value(rng, depth + 1) for _ in range(rng.randrange(4))
    }


def _api_object(rng: random.Random) -> dict[str, object]:
    body: dict[str, object] = {}
    if rng.random() < 0.85:
        body["text"] = rng.choice(API_TEXTS) if rng.random() < 0.3 else _json_value(rng)
    for name, value in API_META.items():
        pick = rng.random()
        if pick < 0.2:  # a fixed value, or one the API ignores or refuses: never a new article
            body[name] = value if rng.random() < 0.5 else rng.choice((None, 7, [], {"a": 1}, " ", ""))
    if rng.random() < 0.2:
        body["extra"] = _json_value(rng)
    return body


def _multipart(rng: random.Random, content: bytes) -> tuple[str, bytes]:
    boundary = rng.choice(("b0undary", "x" * 70, "", "a b", "--"))
    name = rng.choice(("file", "File", "text", ""))
    filename = rng.choice(("article.txt", "../../etc/passwd", "page.html", "", "é.txt", "a\x00.txt"))
    part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: text/plain\r\n\r\n"
    ).encode("utf-8", errors="replace")
    body = part + content + f"\r\n--{boundary}--\r\n".encode()
    if rng.random() < 0.3:
        body = mutate(body, rng, rounds=1)[:20_000]
    return f"multipart/form-data; boundary={boundary}", body


def api_request(rng: random.Random) -> tuple[dict[str, str], bytes]:
    """Headers and body of one fuzzed POST /api/articles (the bearer token is added by the caller)."""
    pick = rng.random()
    if pick < 0.45:
        body = json.dumps(_api_object(rng), ensure_ascii=rng.random() < 0.5).encode()
        if rng.random() < 0.35:
            body = mutate(body, rng, rounds=2)[:20_000]
        media = rng.choice(("application/json", "application/json; charset=latin-1", "application/x+json"))
        return {"Content-Type": media}, body
    if pick < 0.7:
        content = rng.choice(API_TEXTS).encode("utf-8") if rng.random() < 0.5 else rng.randbytes(200)
        media, body = _multipart(rng, content)
        return {"Content-Type": media}, body
    if pick < 0.85:
        return {"Content-Type": "application/json"}, rng.randbytes(rng.randrange(0, 400))
    media = rng.choice(("text/plain", "", "application/xml", "multipart/mixed", "application/json;;;"))
    return {"Content-Type": media}, rng.randbytes(rng.randrange(0, 100))


def check_api_response(status: int, content_type: str, body: bytes) -> None:
    """A fuzzed write answers 2xx, or 4xx in the common `{"error": ...}` shape; never 5xx."""
    assert status < 500, (status, body[:300])
    if status >= 400:
        assert content_type.startswith("application/json"), content_type
        value = json.loads(body)
        assert set(value) == {"error"} and value["error"]["status"] == status, value
        assert isinstance(value["error"]["message"], str) and value["error"]["message"], value
