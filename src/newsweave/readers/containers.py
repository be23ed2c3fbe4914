"""Files that hold many articles: JSON Lines, RSS/Atom feeds, WARC archives, SGML news.

A container expands into one `Record` per article inside it, each with a path
that names the record within the file, so a brief can cite it and a store can
key it. The conventions are stable (they depend only on the file's bytes):

    data.jsonl:12          the JSON object on line 12 (1-based, as an editor counts)
    feed.xml#3             the 3rd entry of a feed (1-based, in document order)
    crawl.warc.gz#5        the 5th record of an archive (1-based, counting every
                           record, warcinfo and requests included)
    news.sgml#XIE0042      the <DOC> whose DOCNO (or id) is XIE0042; a second DOC
                           with the same DOCNO is #XIE0042~2, a DOC without one
                           #4 (the 4th DOC of the file); a file of a single DOC is
                           read as itself, by its own name

LDC/TIPSTER SGML files (DUC, AQUAINT, Gigaword) often carry no suffix at all
(`APW20310304.0042`), so a file whose suffix newsweave does not know is read as
SGML when its first non-blank bytes open a `<DOC>` element; stdin and URLs are
recognised the same way.

`Record.raw.data` is the record's own bytes (the JSON line, the entry's content,
the HTTP payload), so a store keeps what the article was read from.

Bad parts are reported, never fatal to the rest: a malformed line or an
unreadable record becomes a `Skipped` with its record path and the reason; a
record without text is still an article with no lines, which cleaning flags
`empty_after_cleaning`, so the user sees it rather than losing it silently.

Gzip is decompressed with limits: output above the configured file-size cap
(`max_file_bytes`), or more than `max_decompression_ratio` times the
compressed size, is refused as a likely decompression bomb before it can
exhaust memory (see `newsweave.readers.limits`).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import PurePath

from newsweave.errors import InputError
from newsweave.models import TEXT, DecodedDoc, PageMeta, RawDoc, Skipped
from newsweave.readers.limits import Limits

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
SGML_SUFFIXES = frozenset({".sgml", ".sgm"})
CONTAINER_SUFFIXES = JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES | SGML_SUFFIXES
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CONTAINER_SUFFIXES

JSONL = "jsonl"
FEED = "feed"
WARC = "warc"
SGML = "sgml"

GZIP_MAGIC = b"\x1f\x8b"
MAX_GZIP_RATIO = Limits.max_decompression_ratio
_GZIP_WBITS = 16 + zlib.MAX_WBITS
SNIFF_BYTES = 4096  # how much of an input its kind is recognised from
_DOC_START = re.compile(rb"<doc[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Record:
    """One article found in an input: the bytes it came from and its decoded lines."""

    raw: RawDoc
    doc: DecodedDoc


@dataclass
class Expansion:
    """What one input yielded: articles, records skipped with a reason, records ignored."""

    records: list[Record] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def extend(self, other: Expansion) -> None:
        self.records.extend(other.records)
        self.skipped.extend(other.skipped)
        self.ignored.extend(other.ignored)


def input_suffix(path: str) -> str:
    """The suffix that decides how a file is read, `.warc.gz` counted as one suffix."""
    name = PurePath(path).name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return PurePath(name).suffix


def container_kind(raw: RawDoc) -> str | None:
    """JSONL, FEED, WARC or SGML by the file's suffix; for stdin ("-") and URLs by
    how the bytes begin; SGML also for a file of unknown suffix that opens with `<DOC>`."""
    suffix = input_suffix(raw.path)
    if suffix in JSONL_SUFFIXES:
        return JSONL
    if suffix in FEED_SUFFIXES:
        return FEED
    if suffix in WARC_SUFFIXES:
        return WARC
    if suffix in SGML_SUFFIXES:
        return SGML
    if raw.path == "-" or raw.path.lower().startswith(("http://", "https://")):
        return sniff_kind(raw.data)
    if suffix not in KNOWN_SUFFIXES and opens_sgml(raw.data):
        return SGML
    return None


def opens_sgml(data: bytes) -> bool:
    """Whether the first non-blank bytes (after a UTF-8 byte-order mark) open a `<DOC>` element."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()
    return _DOC_START.match(head) is not None


def sniff_kind(data: bytes) -> str | None:
    """A container kind recognised from the first bytes, or None for a single article.

    Only unambiguous openings count: a WARC version line, a gzip stream (which
    newsweave reads only as a WARC archive), a feed's root element, a JSON
    object, or an SGML `<DOC>` element.
    """
    if opens_sgml(data):
        return SGML
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"WARC/") or head.startswith(GZIP_MAGIC):
        return WARC
    if head.startswith(b"{"):
        return JSONL
    lowered = head.lower()
    opens_xml = lowered.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf"))
    if opens_xml and any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return FEED
    return None


def empty_doc(path: str, meta: PageMeta, kind: str = TEXT) -> DecodedDoc:
    """A record without text: kept as an article with no lines, so cleaning flags it."""
    return DecodedDoc(path=path, encoding="utf-8", lines=(), kind=kind, meta=meta)


def gunzip_bounded(
    path: str, data: bytes, max_bytes: int, max_ratio: int = MAX_GZIP_RATIO, limits: Limits | None = None
) -> bytes:
    """Decompress every gzip member of `data`, refusing output beyond the limits.

    The output may not exceed `max_bytes` nor `max_ratio` times the compressed
    size (`limits`, when given, sets both instead: `max_file_bytes` and
    `max_decompression_ratio`); decompression stops as soon as it would, so a
    bomb costs no more memory than the limit. Raises `InputError` for a bomb
    (a `LimitExceededError`) or broken gzip.
    """
    if limits is None:
        limits = Limits(max_file_bytes=max_bytes, max_decompression_ratio=max_ratio)
    limit = limits.gzip_output_limit(len(data))
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=_GZIP_WBITS)
            chunk = rest
            while not inflater.eof:
                piece = inflater.decompress(chunk, limit + 1 - len(out))
                out += piece
                if len(out) > limit:
                    raise limits.gzip_refusal(path, len(data))
                chunk = inflater.unconsumed_tail
                if not piece and not chunk:
                    raise InputError(path, "gzip data ends before its last member does", hint=_BROKEN_HINT)
            rest = inflater.unused_data
            if not rest.strip(b"\x00"):
                break
    except zlib.error as error:
        raise InputError(path, f"not valid gzip data ({error})", hint=_BROKEN_HINT) from error
    return bytes(out)


_BROKEN_HINT = "is the file complete?"
