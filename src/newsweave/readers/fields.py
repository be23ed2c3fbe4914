"""Article metadata: one mapping from every way in to `PageMeta`.

An article brings its metadata in many shapes: the keys of a JSON object
(POST /api/articles, a JSON Lines dump, and the stored form of every record
that is not its own file, see `records`), a feed entry's elements, an
archive's headers, a page's own tags. Whatever the way in, the same six
fields come out, cleaned the same way, so an article reads the same however
it arrived; and metadata always travels as metadata, never as lines written
into the text (where a URL would be judged a navigation link, say).

The JSON keys, first string wins; other keys are ignored, so a dump with
extra columns reads as is:

    title      title, headline
    url        url, link
    published  published, date        (PageMeta.date)
    outlet     outlet, source
    byline     byline, author
    language   language, lang         (an ISO 639 code: "en-GB" is kept as "en")

Values are whitespace-collapsed, without NUL characters (which no text holds);
an empty one counts as absent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from newsweave.models import PageMeta

# PageMeta attribute: (canonical JSON key, other keys dumps use for it).
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("published", "date"),
    "outlet": ("outlet", "source"),
    "byline": ("byline", "author"),
    "language": ("language", "lang"),
}
# The keys newsweave writes, in the order it writes them.
CANONICAL_KEYS = tuple(keys[0] for keys in JSON_KEYS.values())
_LANGUAGE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")


def text_field(value: object) -> str | None:
    """A metadata value as newsweave keeps it: one line, whitespace collapsed; None when empty."""
    if not isinstance(value, str):
        return None
    return " ".join(value.replace("\x00", "").split()) or None


def language_code(value: object) -> str | None:
    """The ISO 639 code of a declared language ("en-GB", "EN_us" and "en" are "en"); None
    for anything that is no language tag."""
    text = text_field(value)
    if text is None:
        return None
    match = _LANGUAGE.fullmatch(text.lower())
    return match.group(1) if match else None


def article_meta(
    title: object = None,
    url: object = None,
    published: object = None,
    outlet: object = None,
    byline: object = None,
    language: object = None,
) -> PageMeta:
    """The metadata of one article from whatever a way in found for each field (non-strings
    count as absent)."""
    return PageMeta(
        title=text_field(title),
        byline=text_field(byline),
        outlet=text_field(outlet),
        date=text_field(published),
        url=text_field(url),
        language=language_code(language),
    )


def meta_from_json(value: Mapping[str, Any]) -> PageMeta:
    """The metadata of a JSON article object: per field, the first of its keys holding a string."""

    def first(keys: tuple[str, ...]) -> object:
        return next((value[key] for key in keys if text_field(value.get(key))), None)

    return article_meta(**{keys[0]: first(keys) for keys in JSON_KEYS.values()})


def meta_to_json(meta: PageMeta) -> dict[str, str]:
    """The fields `meta` has, under their canonical JSON keys (the inverse of `meta_from_json`)."""
    values = {keys[0]: getattr(meta, name) for name, keys in JSON_KEYS.items()}
    return {key: value for key, value in values.items() if value is not None}


def not_a_string(value: Mapping[str, Any]) -> str | None:
    """The first canonical key of `value` that holds something other than a string or null."""
    return next(
        (key for key in CANONICAL_KEYS if value.get(key) is not None and not isinstance(value[key], str)),
        None,
    )


def merged(first: PageMeta, then: PageMeta) -> PageMeta:
    """`first`'s metadata, with `then`'s for each field `first` lacks."""
    return PageMeta(
        **{item.name: getattr(first, item.name) or getattr(then, item.name) for item in fields(PageMeta)}
    )
