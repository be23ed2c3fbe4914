"""Evidence across documents: lines a site prints on every page.

A line that appears on several pages of the same site (same URL host, or
same outlet line) and does not read as article prose is that site's
boilerplate: a slogan, a standing promo, a footer. Prose repeated across a
site's pages is left alone, because updated versions of one article share
their paragraphs, and so do copies of one wire story across sites.

The evidence enters layout as a strong line verdict, before the title or the
tail are decided, so a slogan above every headline never becomes a title.

Each document is summed up on its own (`site_page`: its site and the keys of
its lines that could be furniture), and the pages are compared afterwards
(`shared_boilerplate`), so a run spread over processes sends only those small
summaries to one place and finds the same lines as a single process does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.clean.shape import is_prose, line_key
from newsweave.models import DecodedDoc, Line
from newsweave.vocabulary import MetaField, Role

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
        (line.text for line in lines if line.role == Role.META and line.field == MetaField.OUTLET), None
    )
    return " ".join(outlet.casefold().split()) if outlet else None


@dataclass(frozen=True)
class SitePage:
    """What one document tells of its site: the site, and the keys of its lines that
    do not read as prose (the only lines that can be the site's boilerplate)."""

    site: str | None
    lines: frozenset[str]


def site_page(doc: DecodedDoc, roles: Sequence[Line]) -> SitePage:
    """The document as one page of its site; `roles` are its first line roles."""
    site = site_key(doc, roles)
    if site is None:
        return SitePage(None, frozenset())
    keys = (line_key(text) for text in doc.lines if text.strip() and not is_prose(text))
    return SitePage(site, frozenset(key for key in keys if key))


def shared_boilerplate(pages: Sequence[SitePage]) -> list[frozenset[str]]:
    """Per page, the keys of its lines that are its site's boilerplate: lines that
    at least `MIN_PAGES` pages of the site print."""
    members: dict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        if page.site is not None:
            members[page.site].append(index)
    found = [frozenset[str]() for _ in pages]
    for indices in members.values():
        if len(indices) < MIN_PAGES:
            continue
        seen = Counter(key for index in indices for key in pages[index].lines)
        repeated = frozenset(key for key, count in seen.items() if count >= MIN_PAGES)
        for index in indices:
            found[index] = repeated
    return found


def site_boilerplate(docs: Sequence[DecodedDoc], roles: Sequence[Sequence[Line]]) -> list[frozenset[str]]:
    """Per document, the keys (see `line_key`) of its lines that are its site's boilerplate."""
    return shared_boilerplate([site_page(doc, lines) for doc, lines in zip(docs, roles, strict=True)])
