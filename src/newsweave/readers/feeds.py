"""RSS and Atom feeds: one article per entry.

feedparser reads every feed dialect (RSS 0.9x to 2.0, RDF, Atom) and repairs
what it can; it also sanitizes entry HTML, dropping scripts and event
handlers. An entry's text is its full content when the feed carries it
(`content:encoded`, Atom `content`), else its summary. That HTML is usually a
fragment (a few paragraphs), which a page extractor would judge too short to be
an article and drop, so fragments are split into blocks (`records`), one per
paragraph, heading or list item; only a complete page (with a doctype or
<html> tag) goes through the page extractor. Plain-text content stays text.

An entry's title, link, author, date and language (Atom `xml:lang`, else the
feed's `<language>`) fill its metadata (`fields.article_meta`), and the feed's
own title serves as the outlet. Each entry is kept as a `records` object (its
metadata and its content), so a store reads it back as the same article. A feed
that XML cannot parse is skipped with feedparser's reason unless entries were
still recovered; XML that is not a feed at all (a sitemap, say) is ignored like
any other non-article file.
"""

from __future__ import annotations

import time
from typing import Any

import feedparser

from newsweave.errors import InputError
from newsweave.models import RawDoc, Skipped
from newsweave.readers.containers import Expansion, Record
from newsweave.readers.fields import article_meta, language_code
from newsweave.readers.html import MAX_HTML_BYTES
from newsweave.readers.limits import Limits
from newsweave.readers.records import html_record, text_record

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
    feed = parsed.get("feed", {})
    for number, entry in enumerate(entries[: limits.max_feed_entries], start=1):
        path = f"{raw.path}#{number}"
        try:
            found.records.append(_record(path, entry, feed, limits))
        except InputError as error:
            found.skipped.append(Skipped(path, error.problem))
    if len(entries) > limits.max_feed_entries:
        rest = limits.rest(raw.path, "#", "max_feed_entries", len(entries))
        found.skipped.append(Skipped(rest.path, rest.problem))
    return found


def _record(path: str, entry: Any, feed: Any, limits: Limits) -> Record:
    meta = article_meta(
        title=entry.get("title"),
        url=entry.get("link"),
        published=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        outlet=feed.get("title"),
        byline=entry.get("author"),
        language=_language(entry, feed),
    )
    value, content_type = _content(entry)
    if value.strip() and content_type in _HTML_TYPES:
        return html_record(path, meta, value, limits)
    return text_record(path, meta, tuple(line.strip() for line in value.splitlines() if line.strip()))


def _content(entry: Any) -> tuple[str, str]:
    """The entry's fullest text and its type: content if any, else the summary."""
    contents = [item for item in entry.get("content", []) if str(item.get("value", "")).strip()]
    if contents:
        best = max(contents, key=lambda item: len(str(item.get("value", ""))))
        return str(best.get("value", "")), str(best.get("type", "text/html")).lower()
    summary = entry.get("summary_detail") or {}
    value = str(summary.get("value", entry.get("summary", "")) or "")
    return value, str(summary.get("type", "text/html")).lower()


def _language(entry: Any, feed: Any) -> object:
    """The entry's declared language (Atom xml:lang on its content or title), else the feed's."""
    for detail in (*entry.get("content", []), entry.get("summary_detail"), entry.get("title_detail")):
        if detail and language_code(detail.get("language")):
            return detail.get("language")
    return feed.get("language")


def _iso_date(value: time.struct_time | None) -> str | None:
    if value is None:
        return None
    return time.strftime("%Y-%m-%d", value)
