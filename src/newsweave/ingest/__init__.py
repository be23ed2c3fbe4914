"""Reading inputs: find article files, read their bytes, turn them into lines.

`load` is the one entry point for a document's bytes: HTML pages (by name or
by how their bytes begin, see `is_html`) go to `extract_html`, which gives
the main text as blocks plus the page's own metadata; everything else goes
to `decode`, which gives plain text as lines. Both return a `DecodedDoc`, so
the stages after ingest read either the same way.
"""

from __future__ import annotations

from newsweave.ingest.decode import decode
from newsweave.ingest.discover import ARTICLE_SUFFIXES, HTML_SUFFIXES, Discovery, discover
from newsweave.ingest.html import MAX_HTML_BYTES, extract_html, is_html, starts_like_html
from newsweave.models import DecodedDoc, RawDoc


def load(raw: RawDoc, max_html_bytes: int = MAX_HTML_BYTES) -> DecodedDoc:
    """Read one document: HTML as extracted text blocks, anything else as text lines."""
    if is_html(raw):
        return extract_html(raw, max_bytes=max_html_bytes)
    return decode(raw)


__all__ = [
    "ARTICLE_SUFFIXES",
    "HTML_SUFFIXES",
    "MAX_HTML_BYTES",
    "Discovery",
    "decode",
    "discover",
    "extract_html",
    "is_html",
    "load",
    "starts_like_html",
]
