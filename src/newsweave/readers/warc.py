"""WARC web archives: every archived page is an article.

Crawlers store pages as WARC `response` records (the HTTP response, headers
and body) and sometimes as `resource` records (the body alone). Those with a
successful status and an HTML or plain-text payload become articles: HTML
through the page extractor, text through the text decoder. Everything else an
archive holds (warcinfo, requests, metadata, images, scripts, redirects) is
not an article; non-article responses are listed as ignored, the archive's own
bookkeeping records are passed over in silence.

The page URL comes from `WARC-Target-URI`; title, byline, outlet, date and
language from the page's own markup. `WARC-Date` is when the page was captured,
not when it was published, so it is used only where the page declares no date
of its own, as page metadata that the dating stage weighs against the text.
Each page is kept as a `records` object (that metadata and the page decoded),
so a store reads it back as the same article, URL and all; a payload of HTML
without a page around it is split into blocks like a feed entry's. A compressed
archive is decompressed whole, within the gzip limits (see `gunzip_bounded`),
before warcio reads it, so a bomb is refused up front; a record's payload
compressed for HTTP is held to the same ratio.
"""

from __future__ import annotations

import io
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave.errors import EmptyInputError, InputError
from newsweave.models import PageMeta, RawDoc, Skipped
from newsweave.readers.containers import GZIP_MAGIC, Expansion, Record, gunzip_bounded
from newsweave.readers.decode import decode
from newsweave.readers.fields import text_field
from newsweave.readers.html import check_html_size, html_text
from newsweave.readers.limits import LimitExceededError, Limits, raise_hint
from newsweave.readers.records import html_record, text_record

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_ARTICLE_RECORDS = frozenset({"response", "resource"})


def read_warc(
    raw: RawDoc,
    max_bytes: int = Limits.max_file_bytes,
    max_html_bytes: int = Limits.max_html_bytes,
    limits: Limits | None = None,
) -> Expansion:
    """Every archived HTML or text page of a WARC file (plain or gzipped) as an article.

    `limits`, when given, sets the limits instead of `max_bytes` and `max_html_bytes`.
    """
    limits = limits or Limits(max_file_bytes=max_bytes, max_html_bytes=max_html_bytes)
    found = Expansion()
    data = raw.data
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip_bounded(raw.path, data, limits.max_file_bytes, limits=limits)
        except InputError as error:
            found.skipped.append(Skipped(raw.path, error.problem))
            return found
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            _add(found, f"{raw.path}#{number}", record, limits)
    # warcio raises AttributeError for a response record without WARC-Target-URI.
    except (ArchiveLoadFailed, ValueError, EOFError, AttributeError) as error:
        where = raw.path if number == 0 else f"{raw.path}#{number + 1}"
        found.skipped.append(Skipped(where, f"not a readable WARC record ({_reason(error)})"))
    return found


def _add(found: Expansion, path: str, record: Any, limits: Limits) -> None:
    if record.rec_type not in _ARTICLE_RECORDS:
        return
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        found.ignored.append(path)
        return
    if record.rec_type == "response" and not str(headers.get_statuscode() or "").startswith("2"):
        found.ignored.append(path)
        return
    content_type = str(headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES | _TEXT_TYPES:
        found.ignored.append(path)
        return
    # The payload may itself be compressed (HTTP Content-Encoding), which the
    # content stream undoes: it may expand no further than a gzip file may.
    stored = int(record.rec_headers.get_header("Content-Length") or 0)
    limit = limits.gzip_output_limit(max(stored, 1))
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        error = limits.gzip_refusal(path, max(stored, 1))
        if limit == limits.max_file_bytes:
            error = LimitExceededError(
                path,
                f"record larger than {limit:,} bytes (max_file_bytes); {raise_hint('max_file_bytes')}",
                "max_file_bytes",
            )
        found.skipped.append(Skipped(path, error.problem))
        return
    captured = PageMeta(
        url=text_field(record.rec_headers.get_header("WARC-Target-URI")),
        date=text_field(record.rec_headers.get_header("WARC-Date")),
    )
    try:
        found.records.append(_record(path, payload, content_type in _HTML_TYPES, captured, limits))
    except InputError as error:
        found.skipped.append(Skipped(path, error.problem))


def _record(path: str, payload: bytes, html: bool, captured: PageMeta, limits: Limits) -> Record:
    """The archived page with the archive's URL (before the page's own) and capture date
    (after the page's own)."""
    raw = RawDoc(path, payload)
    if not html:
        try:
            doc = decode(raw, limits)
        except EmptyInputError:
            return text_record(path, captured, ())
        return text_record(path, captured, doc.lines, doc.encoding)
    url, date = PageMeta(url=captured.url), PageMeta(date=captured.date)
    check_html_size(raw, limits)
    try:
        text, encoding = html_text(raw)
    except EmptyInputError:
        return html_record(path, url, "", limits, fallback=date)
    return html_record(path, url, text, limits, encoding, fallback=date)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__
