"""Cleaning a corpus of any length in bounded memory, with the same result as `clean_corpus`.

A site's boilerplate (`corpus`) is found by comparing the site's pages, so an
article cannot be judged before every page of its site has been seen; yet a
dump of a million articles cannot be held decoded at once. `clean_in_parts`
reads the corpus twice, a part at a time, from a source that can be read again
(`Parts`: the inputs' bytes are already in memory, and decoding them again is
cheaper than keeping what they decode to):

1. Each document is summed up as one page of its site (`corpus.site_page`: its
   site, the keys of its lines that could be furniture, digests of its prose),
   and the part is dropped. Only those summaries are kept, a small fraction
   of the text they stand for.
2. The pages are compared once (`corpus.shared_boilerplate`), as `clean_corpus`
   compares them.
3. The corpus is read again, part by part, and each document is cleaned
   knowing its site's boilerplate, then handed on and forgotten.

Every article is the one `clean_corpus` gives for the whole corpus at once,
whatever the size of the parts. When the whole corpus fits in one part, the
documents of the first reading are kept and not read again.

A page needs a document's first line roles only to find its site when neither
its URL nor its declared outlet names one (the outlet line then does), so the
first reading assigns roles only to such documents: for the others the roles
would be computed to be thrown away. Roles computed in the first reading
stand in the second when the site repeats none of the document's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from newsweave.clean import article_with_evidence, first_roles
from newsweave.clean.corpus import SitePage, shared_boilerplate, site_key, site_page
from newsweave.models import Article, DecodedDoc, Line

# A source of the corpus, a part at a time; each call reads it from the start,
# and every call gives the same documents in the same order.
Parts = Callable[[], Iterable[Sequence[DecodedDoc]]]
# Documents with their first roles, where the first reading assigned them.
Read = list[tuple[DecodedDoc, tuple[Line, ...] | None]]


def clean_in_parts(
    parts: Parts,
    is_organization: Callable[[str], bool],
    keep: int = 1_000,
    report: Callable[[str], None] | None = None,
) -> Iterator[tuple[DecodedDoc, Article]]:
    """Every document of `parts` with its article, cleaned as `clean_corpus` cleans the
    whole corpus, in order. The documents of the first reading are kept for the
    second while there are no more than `keep` of them in all."""
    pages: list[SitePage] = []
    held: Read | None = []
    for part in parts():
        read: Read = [(doc, _first_roles(doc, is_organization)) for doc in part]
        pages.extend(site_page(doc, roles or ()) for doc, roles in read)
        if held is not None:
            held.extend(read)
            if len(held) > keep:
                held = None
    evidence = shared_boilerplate(pages)
    if report is not None:
        report(f"cleaning {len(pages)} articles")
    index = 0
    readings: Iterable[Read] = [held] if held is not None else _again(parts)
    for reading in readings:
        for doc, roles in reading:
            if index == len(evidence):
                raise RuntimeError("the corpus gave more documents when read again")
            yield doc, article_with_evidence(doc, evidence[index], is_organization, roles)
            index += 1
    if index != len(evidence):
        raise RuntimeError("the corpus gave fewer documents when read again")


def _again(parts: Parts) -> Iterator[Read]:
    """The corpus read again, a part at a time, without first roles (the evidence decides them)."""
    for part in parts():
        yield [(doc, None) for doc in part]


def _first_roles(doc: DecodedDoc, is_organization: Callable[[str], bool]) -> tuple[Line, ...] | None:
    """The document's first roles when its page needs them: only when no metadata names
    its site (`site_key` then reads the outlet line); None when they would be thrown away."""
    if site_key(doc, ()) is not None:
        return None
    return first_roles(doc, is_organization)
