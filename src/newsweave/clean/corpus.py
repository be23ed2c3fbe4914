"""Evidence across documents: lines a site prints on every page.

A line that appears on several pages of the same site (same URL host, or
same outlet line) and does not read as article prose is that site's
boilerplate: a slogan, a standing promo, a footer. Prose repeated across a
site's pages is left alone, because updated versions of one article share
their paragraphs, and so do copies of one wire story across sites.

The evidence enters layout as a strong line verdict, before the title or the
tail are decided, so a slogan above every headline never becomes a title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from newsweave.clean.shape import is_prose, line_key
from newsweave.models import META, DecodedDoc, Line

MIN_PAGES = 2


def site_key(doc: DecodedDoc, lines: Sequence[Line]) -> str | None:
    """The site a document comes from, when it says: URL host, else its outlet line."""
    if doc.meta.url:
        try:
            host = urlsplit(doc.meta.url).hostname
        except ValueError:  # a page's own URL may be malformed ("http://[::1"): no host then
            host = None
        if host:
            return host.removeprefix("www.")
    outlet = doc.meta.outlet or next(
        (line.text for line in lines if line.role == META and line.field == "outlet"), None
    )
    return " ".join(outlet.casefold().split()) if outlet else None


def site_boilerplate(docs: Sequence[DecodedDoc], roles: Sequence[Sequence[Line]]) -> list[frozenset[str]]:
    """Per document, the keys (see `line_key`) of its lines that are its site's boilerplate."""
    pages: dict[str, list[int]] = defaultdict(list)
    for index, (doc, lines) in enumerate(zip(docs, roles, strict=True)):
        key = site_key(doc, lines)
        if key is not None:
            pages[key].append(index)
    found = [frozenset[str]() for _ in docs]
    for members in pages.values():
        if len(members) < MIN_PAGES:
            continue
        seen: dict[str, set[int]] = defaultdict(set)
        for index in members:
            for text in docs[index].lines:
                if text.strip() and not is_prose(text):
                    seen[line_key(text)].add(index)
        repeated = frozenset(key for key, where in seen.items() if key and len(where) >= MIN_PAGES)
        for index in members:
            found[index] = repeated
    return found
