"""What filing needs of each article: cleaned, dated when fairly sure, described for grouping.

This is the costly part of an ingest (cleaning reads every line; the
description runs the static encoder), and it needs nothing from the store,
so it can run on Dask workers while the main process files what comes back,
chunk by chunk, in input order. At most `IN_FLIGHT` chunks per worker are out
at once, so memory stays flat however long the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsweave.analyze.static import StaticEncoder
from newsweave.clean import clean_corpus
from newsweave.dating import date_article
from newsweave.group.light import light_features, vocabulary_ranks
from newsweave.group.online import ArticleFeatures
from newsweave.group.stream import distinctive
from newsweave.models import Article, DecodedDoc
from newsweave.pipeline import Models, default_models

if TYPE_CHECKING:
    from distributed import Client

# An article's own date below this confidence is not used to file it (a date
# read from its content alone, with nothing declared, is often a guess).
SURE_DATE = 0.5
IN_FLIGHT = 3

Described = list[tuple[Article, ArticleFeatures]]


def describe(docs: Sequence[DecodedDoc], models: Models) -> Described:
    """Each document cleaned (across the batch, for a site's boilerplate), dated and described."""
    cleaned = clean_corpus(docs, models.nlp.is_organization)
    articles = [_dated(article, doc) for article, doc in zip(cleaned, docs, strict=True)]
    ranks = _ranks(models.static)
    features = [distinctive(f, ranks) for f in light_features(articles, models.static)]
    return list(zip(articles, features, strict=True))


def described_chunks(
    chunks: Sequence[Sequence[DecodedDoc]], models: Models, client: Client | None = None
) -> Iterator[Described]:
    """`describe` of each chunk in order: here, or on the workers behind `client`."""
    if client is None:
        for chunk in chunks:
            yield describe(chunk, models)
        return
    window = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(client.submit(_describe_on_worker, list(chunk), pure=False, retries=2))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _describe_on_worker(docs: list[DecodedDoc]) -> Described:
    return describe(docs, default_models())


@lru_cache(maxsize=4)
def _ranks(encoder: StaticEncoder) -> dict[str, int]:
    return vocabulary_ranks(encoder)


def _dated(article: Article, doc: DecodedDoc) -> Article:
    """The article with its own publication date when that is fairly sure (the
    story's sources settle it again when its brief is composed): dates keep a
    story within its days, but a wrong one would keep an article out of its story."""
    if article.published is not None:
        return article
    published = date_article(article, doc.meta.date)[0]
    if published is None or published.confidence < SURE_DATE:
        return article
    return replace(article, published=published)
