"""Evidence across documents: lines a site prints on every page.

A line that appears on several pages of the same site (same URL host, or
same outlet line) and does not read as article prose is that site's
boilerplate: a slogan, a standing promo, a footer. Prose repeated across a
site's pages is left alone, because updated versions of one article share
their paragraphs, and so do copies of one wire story across sites. So is a
byline: a reporter who writes two of the site's articles is the author of
both. And a line counts only when it is printed over different articles of
the site: updated versions of one article (pages that share most of their
prose) share their title and byline too, and one article's title is not the
site's boilerplate however many versions of it were kept.

The evidence enters layout as a strong line verdict, before the title or the
tail are decided, so a slogan above every headline never becomes a title.

Each document is summed up on its own (`site_page`: its site and the keys of
its lines that could be furniture), and the pages are compared afterwards
(`shared_boilerplate`), so a run spread over processes sends only those small
summaries to one place and finds the same lines as a single process does.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsweave.clean.furniture import BYLINE
from newsweave.clean.shape import is_prose, line_key
from newsweave.models import DecodedDoc, Line
from newsweave.vocabulary import MetaField, Role

MIN_PAGES = 2
# Two pages of a site are versions of one article when at least this share of the
# prose lines of the one with fewer is in the other too.
VERSION_SHARE = 0.5
MAX_POSTINGS = 50


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
    """What one document tells of its site: the site, the keys of its lines that do
    not read as prose or as a byline (the only lines that can be the site's
    boilerplate), and short digests of its prose lines (to tell versions of one
    article from different articles)."""

    site: str | None
    lines: frozenset[str]
    prose: frozenset[int] = frozenset()


def site_page(doc: DecodedDoc, roles: Sequence[Line]) -> SitePage:
    """The document as one page of its site; `roles` are its first line roles."""
    site = site_key(doc, roles)
    if site is None:
        return SitePage(None, frozenset())
    candidates: set[str] = set()
    prose: set[int] = set()
    for text in doc.lines:
        key = line_key(text) if text.strip() else ""
        if not key:
            continue
        if is_prose(text):
            prose.add(_digest(key))
        elif not BYLINE.match(text):
            candidates.add(key)
    return SitePage(site, frozenset(candidates), frozenset(prose))


def _digest(key: str) -> int:
    """A stable 64-bit digest of a line key (the same in every process, unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def _versions(one: SitePage, other: SitePage) -> bool:
    """Whether two pages are versions of one article: most of the prose of the shorter is in the other."""
    fewer = min(len(one.prose), len(other.prose))
    return fewer > 0 and len(one.prose & other.prose) >= VERSION_SHARE * fewer


def _articles(pages: Sequence[SitePage]) -> list[int]:
    """Per page, the index of the article it is a version of: the first earlier page
    standing for an article that it is a version of, else its own.

    Only standing pages that share a prose line with the page are compared, found
    through an index of their prose; a prose line on more than `MAX_POSTINGS` of
    them is the site's own (a standing paragraph) and finds no candidates, so a
    site of thousands of different articles costs about one pass."""
    standing: dict[int, list[int]] = defaultdict(list)
    article: list[int] = []
    for index, page in enumerate(pages):
        candidates: set[int] = set()
        for digest in page.prose:
            firsts = standing.get(digest, [])
            if len(firsts) <= MAX_POSTINGS:
                candidates.update(firsts)
        found = next((first for first in sorted(candidates) if _versions(pages[first], page)), None)
        if found is None:
            found = index
            for digest in page.prose:
                standing[digest].append(index)
        article.append(found)
    return article


def shared_boilerplate(pages: Sequence[SitePage]) -> list[frozenset[str]]:
    """Per page, the keys of its lines that are its site's boilerplate: lines that
    at least `MIN_PAGES` different articles of the site print."""
    members: dict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        if page.site is not None:
            members[page.site].append(index)
    found = [frozenset[str]() for _ in pages]
    for indices in members.values():
        if len(indices) < MIN_PAGES:
            continue
        article = _articles([pages[index] for index in indices])
        printed_over: dict[str, set[int]] = defaultdict(set)
        for position, index in enumerate(indices):
            for key in pages[index].lines:
                printed_over[key].add(article[position])
        repeated = frozenset(key for key, articles in printed_over.items() if len(articles) >= MIN_PAGES)
        for index in indices:
            found[index] = repeated
    return found


def site_boilerplate(docs: Sequence[DecodedDoc], roles: Sequence[Sequence[Line]]) -> list[frozenset[str]]:
    """Per document, the keys (see `line_key`) of its lines that are its site's boilerplate."""
    return shared_boilerplate([site_page(doc, lines) for doc, lines in zip(docs, roles, strict=True)])
