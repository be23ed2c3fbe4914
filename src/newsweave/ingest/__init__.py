"""Reading inputs: find article files, read their bytes, turn them into lines.

`load` is the one entry point for a single document's bytes: HTML pages (by
name or by how their bytes begin, see `is_html`) go to `extract_html`, which
gives the main text as blocks plus the page's own metadata; everything else
goes to `decode`, which gives plain text as lines. Both return a `DecodedDoc`,
so the stages after ingest read either the same way.

`read_docs` reads everything discovery found: a container file (JSON Lines,
RSS/Atom feed, WARC archive; see `containers`) expands into one record per
article inside it, any other file is one article through `load`. Whatever
cannot be read is returned as `Skipped` with its reason, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.errors import EmptyInputError, InputError
from newsweave.ingest.containers import (
    CONTAINER_SUFFIXES,
    FEED,
    JSONL,
    MAX_GZIP_RATIO,
    WARC,
    Expansion,
    Record,
    container_kind,
    empty_doc,
    gunzip_bounded,
    input_suffix,
)
from newsweave.ingest.decode import decode
from newsweave.ingest.discover import ARTICLE_SUFFIXES, HTML_SUFFIXES, Discovery, discover
from newsweave.ingest.feeds import fragment_blocks, read_feed
from newsweave.ingest.fetch import Fetcher, is_url
from newsweave.ingest.html import MAX_HTML_BYTES, extract_html, is_html, starts_like_html
from newsweave.ingest.jsonl import read_jsonl, reload_jsonl_record
from newsweave.ingest.warc import read_warc
from newsweave.models import DecodedDoc, PageMeta, RawDoc, Skipped

DEFAULT_MAX_BYTES = 50_000_000


def load(raw: RawDoc, max_html_bytes: int = MAX_HTML_BYTES) -> DecodedDoc:
    """Read one document: HTML as extracted text blocks, anything else as text lines."""
    if is_html(raw):
        return extract_html(raw, max_bytes=max_html_bytes)
    return decode(raw)


def expand(
    raw: RawDoc, max_bytes: int = DEFAULT_MAX_BYTES, max_html_bytes: int = MAX_HTML_BYTES
) -> Expansion:
    """The articles in one input: a container's records, or the input itself as one article."""
    kind = container_kind(raw)
    if kind == JSONL:
        return read_jsonl(raw)
    if kind == FEED:
        return read_feed(raw, max_html_bytes)
    if kind == WARC:
        return read_warc(raw, max_bytes, max_html_bytes)
    found = Expansion()
    try:
        found.records.append(Record(raw, load(raw, max_html_bytes)))
    except InputError as error:
        found.skipped.append(Skipped(raw.path, error.problem))
    return found


def reload(raw: RawDoc) -> DecodedDoc:
    """The article a stored input holds, read again: a JSON Lines record
    (`file.jsonl:12`, the line's bytes) is parsed as JSON again; anything else
    is a text or HTML article (`load`). A stored record without text (an
    empty feed entry, say) comes back as an article with no lines, as it was
    first read, so one empty record never stops the others."""
    record = reload_jsonl_record(raw)
    if record is not None:
        return record.doc
    try:
        return load(raw)
    except EmptyInputError:
        return empty_doc(raw.path, PageMeta())


def read_docs(
    docs: Iterable[RawDoc], max_bytes: int = DEFAULT_MAX_BYTES, max_html_bytes: int = MAX_HTML_BYTES
) -> Expansion:
    """Every article in `docs`, in input order (records in file order), with what was skipped."""
    found = Expansion()
    for raw in docs:
        found.extend(expand(raw, max_bytes, max_html_bytes))
    return found


__all__ = [
    "ARTICLE_SUFFIXES",
    "CONTAINER_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "HTML_SUFFIXES",
    "MAX_GZIP_RATIO",
    "MAX_HTML_BYTES",
    "Discovery",
    "Expansion",
    "Fetcher",
    "Record",
    "decode",
    "discover",
    "expand",
    "extract_html",
    "fragment_blocks",
    "gunzip_bounded",
    "input_suffix",
    "is_html",
    "is_url",
    "load",
    "read_docs",
    "reload",
    "starts_like_html",
]
