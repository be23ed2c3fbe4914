"""Reading inputs: find article files, read their bytes, turn them into lines.

`load` is the one entry point for a document's bytes: HTML pages go to
`extract_html` (main text as blocks, plus page metadata), everything else to
`decode` (plain text as lines). A page is recognised by its name (.html, .htm)
or, for stdin and oddly named files, by how its bytes begin, so a saved page
read from a pipe is not mistaken for a text article full of tags.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from newsweave.ingest.decode import decode
from newsweave.ingest.discover import ARTICLE_SUFFIXES, HTML_SUFFIXES, Discovery, discover
from newsweave.ingest.html import MAX_HTML_BYTES, extract_html
from newsweave.models import DecodedDoc, RawDoc

# How far into a file to look for its first tag, past a byte-order mark, blank
# space, comments and an XML declaration (XHTML).
_SNIFF_BYTES = 65_536
_PROLOGUE = re.compile(rb"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*", re.DOTALL)
_HTML_START = re.compile(rb"<!doctype\s+html[\s>]|<html[\s>]", re.IGNORECASE)


def load(raw: RawDoc, max_html_bytes: int = MAX_HTML_BYTES) -> DecodedDoc:
    """Read one document: HTML as extracted text blocks, anything else as text lines."""
    if is_html(raw):
        return extract_html(raw, max_bytes=max_html_bytes)
    return decode(raw)


def is_html(raw: RawDoc) -> bool:
    """An HTML name (.html, .htm), or bytes that open with a doctype or <html> tag."""
    if PurePath(raw.path).suffix.lower() in HTML_SUFFIXES:
        return True
    return starts_like_html(raw.data)


def starts_like_html(data: bytes) -> bool:
    """Whether `data` begins, after a BOM, blanks and comments, with `<!doctype html` or `<html`."""
    head = data[:_SNIFF_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    head = head.removeprefix(codecs.BOM_UTF8)
    prologue = _PROLOGUE.match(head)
    start = prologue.end() if prologue else 0
    return _HTML_START.match(head, start) is not None


__all__ = [
    "ARTICLE_SUFFIXES",
    "HTML_SUFFIXES",
    "Discovery",
    "decode",
    "discover",
    "extract_html",
    "is_html",
    "load",
    "starts_like_html",
]
