"""Evidence across documents: lines a site prints on every page.

A line that appears on several pages of the same site (same URL host, or
same outlet line) and does not read as article prose is that site's
boilerplate: a slogan, a standing promo, a footer. Prose repeated across a
site's pages is left alone, because updated versions of one article share
their paragraphs, and so do copies of one wire story across sites.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from newsweave.clean.shape import is_prose, line_key
from newsweave.models import BODY, META, NOISE, DecodedDoc, Line

MIN_PAGES = 2


def site_key(doc: DecodedDoc, lines: Sequence[Line]) -> str | None:
    """The site a document comes from, when it says: URL host, else its outlet line."""
    if doc.meta.url:
        host = urlsplit(doc.meta.url).hostname
        if host:
            return host.removeprefix("www.")
    outlet = doc.meta.outlet or next(
        (line.text for line in lines if line.role == META and line.field == "outlet"), None
    )
    return " ".join(outlet.casefold().split()) if outlet else None


def mark_site_boilerplate(
    docs: Sequence[DecodedDoc], roles: Sequence[tuple[Line, ...]]
) -> list[tuple[Line, ...]]:
    """Roles with same-site repeated, non-prose body lines turned into `boilerplate` noise."""
    pages: dict[str, list[int]] = defaultdict(list)
    for index, (doc, lines) in enumerate(zip(docs, roles, strict=True)):
        key = site_key(doc, lines)
        if key is not None:
            pages[key].append(index)
    result = list(roles)
    for members in pages.values():
        if len(members) < MIN_PAGES:
            continue
        seen: dict[str, set[int]] = defaultdict(set)
        for index in members:
            for line in roles[index]:
                seen[line_key(line.text)].add(index)
        repeated = {key for key, where in seen.items() if key and len(where) >= MIN_PAGES}
        for index in members:
            result[index] = tuple(
                replace(line, role=NOISE, reason="boilerplate")
                if line.role == BODY and line_key(line.text) in repeated and not is_prose(line.text)
                else line
                for line in roles[index]
            )
    return result
