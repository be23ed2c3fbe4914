"""RSS and Atom feeds: one article per entry.

feedparser reads every feed dialect (RSS 0.9x to 2.0, RDF, Atom) and repairs
what it can; it also sanitizes entry HTML, dropping scripts and event
handlers. An entry's text is its full content when the feed carries it
(`content:encoded`, Atom `content`), else its summary. That HTML is usually a
fragment (a few paragraphs), which a page extractor would judge too short to be
an article and drop, so fragments are split into blocks here, one per
paragraph, heading or list item; only a complete page (with a doctype or
<html> tag) goes through the page extractor. Plain-text content stays text.

An entry's title, link, author and date fill its page metadata, and the feed's
own title serves as the outlet. A feed that XML cannot parse is skipped with
feedparser's reason unless entries were still recovered; XML that is not a feed
at all (a sitemap, say) is ignored like any other non-article file.
"""

from __future__ import annotations

import time
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from newsweave.errors import EmptyInputError, InputError
from newsweave.ingest.containers import Expansion, Record, empty_doc
from newsweave.ingest.html import MAX_HTML_BYTES, extract_html, starts_like_html
from newsweave.ingest.limits import Limits
from newsweave.models import HTML, TEXT, DecodedDoc, PageMeta, RawDoc, Skipped

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
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_feed(raw: RawDoc, max_html_bytes: int = MAX_HTML_BYTES, limits: Limits | None = None) -> Expansion:
    """Every entry of an RSS or Atom feed as an article.

    Only the first `max_feed_entries` entries are read; the rest are listed as
    one skipped range (`feed.xml#N`, N the first entry not read). `limits`,
    when given, also sets `max_html_bytes` and the other page limits.
    """
    limits = limits or Limits(max_html_bytes=max_html_bytes)
    found = Expansion()
    try:
        parsed: Any = feedparser.parse(raw.data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as error:  # feedparser's repairs fail in many ways (bad &#N;, encodings)
        found.skipped.append(Skipped(raw.path, f"not a readable feed ({type(error).__name__}: {error})"))
        return found
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            found.skipped.append(Skipped(raw.path, f"not a readable feed ({reason})"))
        elif parsed.get("version"):
            found.skipped.append(Skipped(raw.path, "feed without entries"))
        else:
            found.ignored.append(raw.path)
        return found
    outlet = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries[: limits.max_feed_entries], start=1):
        path = f"{raw.path}#{number}"
        try:
            found.records.append(_record(path, entry, outlet, limits))
        except InputError as error:
            found.skipped.append(Skipped(path, error.problem))
    if len(entries) > limits.max_feed_entries:
        rest = limits.rest(raw.path, "#", "max_feed_entries", len(entries))
        found.skipped.append(Skipped(rest.path, rest.problem))
    return found


def _record(path: str, entry: Any, outlet: str | None, limits: Limits) -> Record:
    meta = PageMeta(
        title=_clean(entry.get("title")),
        byline=_clean(entry.get("author")),
        outlet=outlet,
        date=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=_clean(entry.get("link")),
    )
    value, content_type = _content(entry)
    data = value.encode("utf-8")
    raw = RawDoc(path, data)
    if not value.strip():
        return Record(raw, empty_doc(path, meta))
    if content_type not in _HTML_TYPES:
        lines = tuple(line.strip() for line in value.splitlines() if line.strip())
        return Record(raw, DecodedDoc(path=path, encoding="utf-8", lines=lines, kind=TEXT, meta=meta))
    if starts_like_html(data):
        try:
            page = extract_html(raw, limits=limits)
        except EmptyInputError:
            return Record(raw, empty_doc(path, meta, HTML))
        return Record(raw, DecodedDoc(path, page.encoding, page.lines, HTML, _merged(meta, page.meta)))
    blocks = fragment_blocks(value)
    return Record(raw, DecodedDoc(path=path, encoding="utf-8", lines=blocks, kind=HTML, meta=meta))


def _content(entry: Any) -> tuple[str, str]:
    """The entry's fullest text and its type: content if any, else the summary."""
    contents = [item for item in entry.get("content", []) if str(item.get("value", "")).strip()]
    if contents:
        best = max(contents, key=lambda item: len(str(item.get("value", ""))))
        return str(best.get("value", "")), str(best.get("type", "text/html")).lower()
    summary = entry.get("summary_detail") or {}
    value = str(summary.get("value", entry.get("summary", "")) or "")
    return value, str(summary.get("type", "text/html")).lower()


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


def _merged(entry: PageMeta, page: PageMeta) -> PageMeta:
    """The entry's metadata, with the page's where the entry has none."""
    return PageMeta(
        title=entry.title or page.title,
        byline=entry.byline or page.byline,
        outlet=entry.outlet or page.outlet,
        date=entry.date or page.date,
        url=entry.url or page.url,
    )


def _iso_date(value: time.struct_time | None) -> str | None:
    if value is None:
        return None
    return time.strftime("%Y-%m-%d", value)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
