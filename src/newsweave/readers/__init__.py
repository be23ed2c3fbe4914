"""Reading inputs: find article files, read their bytes, turn them into lines.

`load` is the one entry point for a single document's bytes: HTML pages (by
name or by how their bytes begin, see `is_html`) go to `extract_html`, which
gives the main text as blocks plus the page's own metadata; everything else
goes to `decode`, which gives plain text as lines. Both return a `DecodedDoc`,
so the stages after ingest read either the same way.

`read_docs` reads everything discovery found: a container file (JSON Lines,
RSS/Atom feed, WARC archive, SGML news file; see `containers`) expands into one
record per article inside it, any other file is one article through `load`. Whatever
cannot be read is returned as `Skipped` with its reason, never raised. The
service reads what is posted to it through the same `expand`; `read_in_parts`
reads the same a bounded part at a time (a JSON Lines file record by record).

Metadata travels as metadata (`DecodedDoc.meta`), mapped the same way from
every way in (`fields`); records that are not files of their own are stored
as one JSON object each (`records`), so `reload` gives back the article as it
was first read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsweave.errors import EmptyInputError, InputError
from newsweave.models import DecodedDoc, PageMeta, RawDoc, Skipped
from newsweave.readers.containers import (
    CONTAINER_SUFFIXES,
    FEED,
    HTML_SUFFIXES,
    JSONL,
    MAX_GZIP_RATIO,
    SGML,
    WARC,
    Expansion,
    Record,
    container_kind,
    empty_doc,
    gunzip_bounded,
    input_suffix,
)
from newsweave.readers.decode import decode
from newsweave.readers.discover import ARTICLE_SUFFIXES, Discovery, discover
from newsweave.readers.feeds import read_feed
from newsweave.readers.fetch import Fetcher, is_url
from newsweave.readers.fields import article_meta, meta_from_json
from newsweave.readers.html import MAX_HTML_BYTES, extract_html, is_html, starts_like_html
from newsweave.readers.jsonl import jsonl_parts, read_jsonl, reload_jsonl_record
from newsweave.readers.limits import LimitExceededError, Limits
from newsweave.readers.records import fragment_blocks, read_record, reload_record
from newsweave.readers.sgml import read_sgml, reload_sgml_record
from newsweave.readers.warc import read_warc

DEFAULT_MAX_BYTES = Limits.max_file_bytes
# Stored inputs are read back without ceilings (the HTML parser keeps its own).
_UNBOUNDED = 2**62
_STORED = Limits(
    max_file_bytes=_UNBOUNDED, max_html_bytes=_UNBOUNDED, max_line_chars=_UNBOUNDED, max_lines=_UNBOUNDED
)


def load(raw: RawDoc, max_html_bytes: int = MAX_HTML_BYTES, limits: Limits | None = None) -> DecodedDoc:
    """Read one document: HTML as extracted text blocks, anything else as text lines.

    `limits` (default: `Limits()` with `max_html_bytes`) bounds what is read;
    an input over one raises `LimitExceededError`.
    """
    limits = limits or Limits(max_html_bytes=max_html_bytes)
    if is_html(raw):
        return extract_html(raw, limits=limits)
    return decode(raw, limits)


def expand(
    raw: RawDoc,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_html_bytes: int = MAX_HTML_BYTES,
    limits: Limits | None = None,
) -> Expansion:
    """The articles in one input: a container's records, or the input itself as one article.

    `limits`, when given, replaces `max_bytes` (its `max_file_bytes`) and
    `max_html_bytes`; whatever is over a limit is skipped with the reason.
    """
    limits = limits or Limits(max_file_bytes=max_bytes, max_html_bytes=max_html_bytes)
    kind = container_kind(raw)
    if kind == JSONL:
        return read_jsonl(raw, limits)
    if kind == FEED:
        return read_feed(raw, limits=limits)
    if kind == WARC:
        return read_warc(raw, limits=limits)
    if kind == SGML:
        return read_sgml(raw, limits)
    found = Expansion()
    try:
        found.records.append(Record(raw, load(raw, limits=limits)))
    except InputError as error:
        found.skipped.append(Skipped(raw.path, error.problem))
    return found


def reload(raw: RawDoc) -> DecodedDoc:
    """The article a stored input holds, read again: a JSON Lines record
    (`file.jsonl:12`, the line's bytes) is parsed as JSON again; an SGML news
    file of one DOC, or one DOC of a larger file (`file#DOCNO`, the DOC's
    bytes), is parsed as SGML again; a feed entry or archived page
    (`feed.xml#3`, `crawl.warc#5`, stored as a `records` object) is read from
    its object, metadata and all; anything else is a text or HTML article
    (`load`). A stored record without text (an
    empty feed entry, say) comes back as an article with no lines, as it was
    first read, so one empty record never stops the others. The size limits
    are not applied again: the input passed them when it was stored, maybe
    under limits raised for that run."""
    record = reload_jsonl_record(raw, _STORED)
    if record is not None:
        return record.doc
    if _is_sgml_record(raw):
        return reload_sgml_record(raw)
    stored = reload_record(raw, _STORED)
    if stored is not None:
        return stored
    try:
        return load(raw, limits=_STORED)
    except EmptyInputError:
        return empty_doc(raw.path, PageMeta())


def _is_sgml_record(raw: RawDoc) -> bool:
    """An SGML file by its name or bytes, or a DOC cut from one: `file#DOCNO` whose
    file part would be read as SGML (never a feed entry or archive record)."""
    if container_kind(raw) == SGML:
        return True
    container, mark, _docno = raw.path.rpartition("#")
    return bool(mark) and container_kind(RawDoc(container, raw.data)) == SGML


def read_docs(
    docs: Iterable[RawDoc],
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_html_bytes: int = MAX_HTML_BYTES,
    limits: Limits | None = None,
) -> Expansion:
    """Every article in `docs`, in input order (records in file order), with what was skipped.

    `limits` (e.g. `Config.limits()`), when given, replaces `max_bytes` and `max_html_bytes`.
    """
    limits = limits or Limits(max_file_bytes=max_bytes, max_html_bytes=max_html_bytes)
    found = Expansion()
    for raw in docs:
        found.extend(expand(raw, limits=limits))
    return found


def read_in_parts(docs: Iterable[RawDoc], size: int, limits: Limits | None = None) -> Iterator[Expansion]:
    """`read_docs` a part at a time, in the same order: each part ends once it holds
    `size` articles or more. A JSON Lines file is read `size` records at a time
    (`jsonl_parts`); any other input is read whole, so a part holds fewer than
    `size` articles plus one input's. A caller that is done with each part before
    asking for the next keeps that much decoded text in memory, not all of it."""
    limits = limits or Limits()
    found = Expansion()
    for raw in docs:
        pieces = (
            jsonl_parts(raw, limits, size) if container_kind(raw) == JSONL else [expand(raw, limits=limits)]
        )
        for piece in pieces:
            found.extend(piece)
            if len(found.records) >= size:
                yield found
                found = Expansion()
    yield found


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
    "LimitExceededError",
    "Limits",
    "Record",
    "article_meta",
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
    "meta_from_json",
    "read_docs",
    "read_in_parts",
    "read_record",
    "reload",
    "starts_like_html",
]
