"""Cleaning: decoded lines in, an `Article` with a role for every line out.

Per document: line roles (rules + layout), a floor under what cleaning may
take (`loss.py`), repairs (lines read in another charset, injected tokens,
character entities), metadata, language, dateline and local quality flags.
Across the documents of one run: lines a site prints on every page. The two
halves, `first_roles` per document and `article_with_evidence` once the
site's pages are compared (`corpus`), are what `clean_corpus` does in one
process and what a run spread over processes does on each of them. The
publication date is settled later, per story, where sibling articles can
corroborate or contradict it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsweave.clean.corpus import site_boilerplate
from newsweave.clean.layout import assign_roles
from newsweave.clean.loss import heavy_cleaning, restore_body
from newsweave.clean.metadata import dateline, guess_language
from newsweave.clean.quality import content_farm, local_flags
from newsweave.clean.tokens import decode_entities, find_injected_tokens, mark_mixed_encoding, remove_tokens
from newsweave.models import HTML, Article, DecodedDoc, Flag, Line
from newsweave.vocabulary import FlagKind, MetaField, Role, is_english


def clean(doc: DecodedDoc, is_organization: Callable[[str], bool]) -> Article:
    """One document on its own."""
    return clean_corpus([doc], is_organization)[0]


def clean_corpus(docs: Sequence[DecodedDoc], is_organization: Callable[[str], bool]) -> list[Article]:
    """Every document, with evidence shared across them."""
    roles = [first_roles(doc, is_organization) for doc in docs]
    evidence = site_boilerplate(docs, roles)
    return [
        article_with_evidence(doc, repeated, is_organization, first)
        for doc, repeated, first in zip(docs, evidence, roles, strict=True)
    ]


def first_roles(doc: DecodedDoc, is_organization: Callable[[str], bool]) -> tuple[Line, ...]:
    """A document's line roles before anything is known of its site's other pages:
    what `corpus.site_page` reads the site from."""
    return assign_roles(doc.lines, is_organization, extracted=doc.kind == HTML)


def article_with_evidence(
    doc: DecodedDoc,
    repeated: frozenset[str],
    is_organization: Callable[[str], bool],
    roles: tuple[Line, ...] | None = None,
) -> Article:
    """The cleaned article, its lines judged knowing `repeated` (keys of the lines its
    site prints on other pages, from `corpus.shared_boilerplate`). `roles`, its
    `first_roles` when they are at hand, stand when the site repeats none of its lines."""
    if repeated or roles is None:
        roles = assign_roles(doc.lines, is_organization, repeated, extracted=doc.kind == HTML)
    return article_from_roles(doc, roles)


def article_from_roles(doc: DecodedDoc, lines: tuple[Line, ...]) -> Article:
    lines, restored = restore_body(lines)
    lines, encoding_flags = mark_mixed_encoding(lines, doc.line_encodings, doc.encoding)
    lines, token_flags = remove_tokens(lines, find_injected_tokens([line.text for line in lines]))
    lines, entity_flags = decode_entities(lines)
    body = " ".join(line.content for line in lines if line.role == Role.BODY)
    language = guess_language(body) or doc.meta.language  # the declared one when the text cannot tell
    flags: list[Flag] = [*encoding_flags, *token_flags, *entity_flags, *local_flags(lines), *restored]
    if doc.unread:
        first, last = len(doc.lines) + 1, len(doc.lines) + doc.unread
        flags.append(
            Flag(FlagKind.READ_IN_PART, f"lines {first:,}-{last:,} not read: too long to brief whole")
        )
    heavy = heavy_cleaning(lines)
    if heavy is not None:
        flags.append(heavy)
    if body and not is_english(language):
        flags.append(Flag(FlagKind.NOT_ENGLISH, f"language {language or 'unknown'}; kept, not summarized"))
    return Article(
        path=doc.path,
        encoding=doc.encoding,
        lines=lines,
        kind=doc.kind,
        url=doc.meta.url,
        dateline=dateline(lines),
        title=_field(lines, MetaField.TITLE) or doc.meta.title,
        outlet=_field(lines, MetaField.OUTLET) or doc.meta.outlet,
        byline=_field(lines, MetaField.BYLINE) or doc.meta.byline,
        language=language,
        flags=tuple(flags),
    )


def _field(lines: tuple[Line, ...], name: MetaField) -> str | None:
    for line in lines:
        if line.role == Role.META and line.field == name:
            return line.content.strip()
    return None


__all__ = ["article_with_evidence", "clean", "clean_corpus", "content_farm", "first_roles"]
