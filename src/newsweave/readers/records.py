"""One article as one JSON object: how records are read, and how the store keeps them.

A JSON Lines dump holds one article per line as a JSON object: `text` (or
`html`) and the metadata fields of `ingest.fields`. The same object is the form
in which newsweave keeps every article that is not a file of its own: a JSON
article posted to the service, a feed entry, an archived page. The store keeps
an article's bytes and reads them again whenever a brief is composed; a feed
entry's HTML alone would come back without the title, link and date the feed
gave it (and a fragment would not even be read as HTML), so the stored record
is the object `record_bytes` writes, which reads back as the very article it
was read as the first time:

    {"title": ..., "url": ..., "published": ..., "outlet": ..., "byline": ...,
     "language": ..., "text": ...}

`text` is plain text, one line an article line. `html` (instead of `text`) is
markup: a complete page (with a doctype or <html> tag) goes through the page
extractor, its own metadata filling the fields the record lacks; a fragment
(a feed entry's few paragraphs, which an extractor would judge too short to be
an article) is split into blocks, one per paragraph, heading or list item.
`encoding` names the charset the content was first decoded from, when that
was not UTF-8 (an archived page in windows-1252, say).
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

import lxml.etree
import lxml.html

from newsweave.errors import EmptyInputError, InputError
from newsweave.models import HTML, TEXT, DecodedDoc, PageMeta, RawDoc
from newsweave.readers.containers import Record, empty_doc
from newsweave.readers.decode import decode
from newsweave.readers.fields import merged, meta_from_json, meta_to_json, text_field
from newsweave.readers.html import extract_html, starts_like_html
from newsweave.readers.limits import Limits

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Elements that start a new block in an HTML fragment.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tr", "figure", "figcaption", "br", "hr",
    }
)  # fmt: skip
# Elements whose text is never article text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


def record_bytes(
    meta: PageMeta, text: str | None = None, html: str | None = None, encoding: str = "utf-8"
) -> bytes:
    """The stored form of an article: one JSON object on one line, its metadata first."""
    value: dict[str, str] = meta_to_json(meta)
    if html is not None:
        value["html"] = html
    else:
        value["text"] = text or ""
    if encoding != "utf-8":
        value["encoding"] = encoding
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def text_record(path: str, meta: PageMeta, lines: tuple[str, ...], encoding: str = "utf-8") -> Record:
    """A record of plain-text lines, stored so that it reads back as these lines."""
    stored = record_bytes(meta, text="".join(f"{line}\n" for line in lines), encoding=encoding)
    doc = (
        DecodedDoc(path, encoding, lines, TEXT, meta)
        if any(line.strip() for line in lines)
        else empty_doc(path, meta)
    )
    return Record(RawDoc(path, stored), doc)


def html_record(
    path: str,
    meta: PageMeta,
    html: str,
    limits: Limits,
    encoding: str = "utf-8",
    fallback: PageMeta | None = None,
) -> Record:
    """A record of HTML content (a page or a fragment), stored so that it reads back the same.

    `meta` comes before what a page declares of itself, `fallback` after it.
    """
    doc = html_doc(path, html, meta, limits)
    if fallback is not None:
        doc = DecodedDoc(doc.path, doc.encoding, doc.lines, doc.kind, merged(doc.meta, fallback))
    stored = record_bytes(doc.meta, html=html, encoding=encoding)
    return Record(RawDoc(path, stored), _with_encoding(doc, encoding))


def read_record(path: str, line: bytes, limits: Limits | None = None) -> Record:
    """The article a JSON object on one line holds; `InputError` when it holds none.

    A line that is not UTF-8 is decoded by the text-file rules (`decode`); a
    line longer than `max_line_chars` is refused.
    """
    text, encoding = _line_text(path, line)
    if limits is not None and len(line) > limits.max_line_chars:  # bytes >= characters
        limits.check(path, "max_line_chars", len(text))
    try:
        value: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:
        raise InputError(path, "JSON nested too deeply to read") from error
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise InputError(path, f"not JSON Python can read ({error})") from error
    if not isinstance(value, dict):
        raise InputError(path, f'a JSON {type(value).__name__}, not an object with a "text" field')
    return Record(RawDoc(path, line), object_doc(path, _as_text(value), encoding, limits))


def object_doc(
    path: str, value: dict[str, Any], encoding: str = "utf-8", limits: Limits | None = None
) -> DecodedDoc:
    """The article of a JSON object: its `text` (or `html`) and its metadata fields."""
    meta = meta_from_json(value)
    encoding = _known_encoding(value.get("encoding")) or encoding
    body = value.get("text")
    if body is None and isinstance(value.get("html"), str):
        return _with_encoding(html_doc(path, value["html"], meta, limits or Limits()), encoding)
    if body is None:
        raise InputError(path, 'no "text" field')
    if not isinstance(body, str):
        raise InputError(path, f'"text" is a JSON {type(body).__name__}, not a string')
    lines = _LINE_BREAK.split(body)
    if lines and lines[-1] == "":
        lines.pop()
    if not any(part.strip() for part in lines):
        return empty_doc(path, meta)
    return DecodedDoc(path=path, encoding=encoding, lines=tuple(lines), kind=TEXT, meta=meta)


def reload_record(raw: RawDoc, limits: Limits) -> DecodedDoc | None:
    """A stored feed entry or archived page (`feed.xml#3`, `crawl.warc#5`, a `record_bytes`
    object) read again; None when `raw` is no such record (it was stored before records
    were kept this way, say)."""
    _container, mark, _number = raw.path.rpartition("#")
    if not mark or raw.data.lstrip()[:1] != b"{":
        return None
    try:
        return read_record(raw.path, raw.data, limits).doc
    except InputError:
        return None


def html_doc(path: str, value: str, meta: PageMeta, limits: Limits) -> DecodedDoc:
    """HTML content as blocks: a complete page through the page extractor (its own
    metadata where `meta` has none), a fragment split into blocks."""
    if not value.strip():
        return empty_doc(path, meta, HTML)
    data = value.encode("utf-8")
    if starts_like_html(data):
        try:
            page = extract_html(RawDoc(path, data), limits=limits)
        except EmptyInputError:
            return empty_doc(path, meta, HTML)
        return DecodedDoc(path, page.encoding, page.lines, HTML, merged(meta, page.meta))
    return DecodedDoc(path=path, encoding="utf-8", lines=fragment_blocks(value), kind=HTML, meta=meta)


def fragment_blocks(fragment: str) -> tuple[str, ...]:
    """Text blocks of an HTML fragment, one per paragraph, heading or list item.

    Whitespace inside a block is collapsed; scripts and styles are dropped. The
    walk is iterative, so deep nesting cannot exhaust the stack.
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ()
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        block = " ".join("".join(buffer).split())
        if block:
            blocks.append(block)
        buffer.clear()

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                flush()
            if element.tail and element is not root:
                buffer.append(element.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if tag and tag not in _SKIP_TAGS:
            if element.text:
                buffer.append(element.text)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
        elif element.tail:
            buffer.append(element.tail)
    flush()
    return tuple(blocks)


def _with_encoding(doc: DecodedDoc, encoding: str) -> DecodedDoc:
    if doc.encoding == encoding:
        return doc
    return DecodedDoc(doc.path, encoding, doc.lines, doc.kind, doc.meta)


def _known_encoding(value: object) -> str | None:
    """A charset name Python knows, as the record gave it; None for anything else."""
    name = text_field(value)
    if name is None:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _line_text(path: str, line: bytes) -> tuple[str, str]:
    """The line as text: UTF-8 when it is, else by the text-file decoding rules."""
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        decoded = decode(RawDoc(path, line))
        return "\n".join(decoded.lines), decoded.encoding


def _as_text(value: dict[str, Any]) -> dict[str, Any]:
    """The object with U+FFFD for each lone surrogate in its string fields, and no NUL.

    `"\\ud800"` is valid JSON but no text: no encoder can write it, so one such
    escape would crash whatever writes the article later (the store, a brief).
    `"\\u0000"` is a character no text holds (a file with one is read as binary),
    and one a PostgreSQL text column refuses.
    """
    return {
        key: _SURROGATE.sub("\ufffd", v).replace("\x00", "") if isinstance(v, str) else v
        for key, v in value.items()
    }
