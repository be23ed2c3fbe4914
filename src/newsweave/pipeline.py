"""The one place the stages are wired: paths in, briefs out.

    read_inputs: discover -> read_docs (text, HTML; JSONL, feeds, WARC expand to many)
    prepare:     clean -> analyze -> embed          (per article; the parallel part)
    group:       file each article into its story, in input order (as `ingest` does)
    compose:     date -> resolve dates in sentences -> find copies -> compose each brief

Inputs that cannot be read are collected as `Skipped` with their reason and
the run goes on; only when nothing at all is usable does it raise. Heavy
models come in through `Models`, built lazily, so tests and callers can share
one instance across runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import BinaryIO

from newsweave.analyze import Models, analyze_articles, default_models
from newsweave.analyze.embeddings import Vectors, embed_articles
from newsweave.analyze.static import StaticEncoder
from newsweave.analyze.timerefs import with_times
from newsweave.clean import clean_corpus, content_farm
from newsweave.compose import compose_brief, link_arcs
from newsweave.compose.bounds import Deadline, head, long_sources, within_budget
from newsweave.compose.brief import source_ids
from newsweave.config import Config
from newsweave.dating import date_article, date_story
from newsweave.errors import NoArticlesError
from newsweave.group import ArticleFeatures, cluster, describe_articles, distinctive, find_copies
from newsweave.group.features import vocabulary_ranks
from newsweave.models import AnalyzedArticle, Article, Brief, DecodedDoc, RawDoc, Skipped, Story
from newsweave.readers import ARTICLE_SUFFIXES, discover, read_docs

# An article's own date below this confidence is not kept before its story's
# sources settle it (a date read from its content alone, with nothing declared,
# is often a guess); story clustering asks for more (`features.FILING_DATE`).
SURE_DATE = 0.5

Report = Callable[[str], None]


@dataclass(frozen=True)
class Result:
    briefs: list[Brief]
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Loaded:
    """One article as read: its bytes (kept by a store) and its decoded lines."""

    raw: RawDoc
    doc: DecodedDoc


@dataclass(frozen=True)
class Inputs:
    loaded: list[Loaded]
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Prepared:
    """Articles cleaned and analyzed, with their sentence and title vectors (the
    per-article work, which a parallel backend may do instead of `prepare`)."""

    decoded: list[DecodedDoc]
    analyzed: list[AnalyzedArticle]
    sentence_vectors: list[Vectors]
    title_vectors: list[Vectors]


def run(
    paths: Sequence[str],
    config: Config,
    models: Models | None = None,
    stdin: BinaryIO | None = None,
    report: Report | None = None,
    one_story: bool = False,
) -> Result:
    """Briefs for every story found in `paths` (files, directories, "-" for stdin).

    With `one_story`, the caller already knows the inputs report one story
    (a curated cluster): grouping is skipped and every article joins one brief.
    """
    models = models or default_models()
    say = report or (lambda _message: None)
    say("reading inputs")
    inputs = read_inputs(paths, config, stdin)
    prepared = prepare([item.doc for item in inputs.loaded], models, say, config.max_article_sentences)
    briefs = group_and_compose(prepared, config, models.static, one_story, say)
    return Result(briefs=briefs, skipped=inputs.skipped, ignored=inputs.ignored)


def group_and_compose(
    prepared: Prepared,
    config: Config,
    static: StaticEncoder,
    one_story: bool = False,
    report: Report | None = None,
) -> list[Brief]:
    """The briefs of prepared articles: grouped into stories (or all one story), then composed."""
    say = report or (lambda _message: None)
    if one_story:
        stories = [Story(tuple(range(len(prepared.analyzed))))]
    else:
        say("grouping stories")
        stories = group(prepared, config, static)
    return compose(prepared, stories, config, say)


def read_inputs(paths: Sequence[str], config: Config, stdin: BinaryIO | None = None) -> Inputs:
    """Every readable article under `paths`; unreadable ones are listed with their reason.

    Raises `NoArticlesError` when nothing at all is usable.
    """
    found = discover(paths, stdin=stdin, max_bytes=config.max_file_bytes)
    read = read_docs(found.docs, limits=config.limits())
    skipped = [*found.skipped, *read.skipped]
    ignored = [*found.ignored, *read.ignored]
    loaded = [Loaded(record.raw, record.doc) for record in read.records]
    if not loaded:
        raise NoArticlesError(nothing_usable(paths, skipped, ignored))
    return Inputs(loaded, skipped, ignored)


def prepare(
    decoded: Sequence[DecodedDoc],
    models: Models,
    report: Report | None = None,
    max_sentences: int | None = Config.max_article_sentences,
) -> Prepared:
    """Clean (across the whole batch: same-site boilerplate), analyze (each article's
    first `max_sentences` sentences) and embed."""
    say = report or (lambda _message: None)
    decoded = [head(doc, max_sentences) for doc in decoded]
    say(f"cleaning {len(decoded)} articles")
    articles = clean_corpus(decoded, models.nlp.is_organization)
    say("finding sentences and entities")
    analyzed = analyze_articles(articles, models.nlp, max_sentences)
    say("embedding sentences")
    sentence_vectors, title_vectors = embed_articles(analyzed, models.encoder)
    return Prepared(list(decoded), analyzed, sentence_vectors, title_vectors)


def group(prepared: Prepared, config: Config, static: StaticEncoder) -> list[Story]:
    """Stories of the prepared articles, filed in input order as `ingest` files them."""
    pairs = zip(prepared.analyzed, prepared.decoded, strict=True)
    dated = [sure_dated(item.article, doc) for item, doc in pairs]
    return cluster(story_features(dated, static), config.stories())


def story_features(articles: Sequence[Article], static: StaticEncoder) -> list[ArticleFeatures]:
    """What the story clusterer reads of each cleaned (and `sure_dated`) article."""
    ranks = _ranks(static)
    return [distinctive(features, ranks) for features in describe_articles(articles, static)]


def sure_dated(article: Article, doc: DecodedDoc) -> Article:
    """The article with its own publication date when that is fairly sure (a story's
    sources settle it again when its brief is composed): dates keep a story within
    its days, but a wrong one would keep an article out of its story."""
    if article.published is not None:
        return article
    published = date_article(article, doc.meta.date)[0]
    if published is None or published.confidence < SURE_DATE:
        return article
    return replace(article, published=published)


@lru_cache(maxsize=4)
def _ranks(encoder: StaticEncoder) -> dict[str, int]:
    return vocabulary_ranks(encoder)


def compose(
    prepared: Prepared, stories: Sequence[Story], config: Config, report: Report | None = None
) -> list[Brief]:
    """One brief per story: dates settled per story, time expressions resolved,
    copies found, then the brief composed."""
    say = report or (lambda _message: None)
    say("dating articles")
    analyzed = _date_stories(prepared.analyzed, prepared.decoded, stories)
    say("resolving dates in sentences")
    analyzed = [with_times(item) for item in analyzed]
    say(f"composing {len(stories)} briefs")
    summary_config = config.summary()
    briefs = []
    for story in stories:
        deadline = Deadline(config.max_compose_seconds)
        read = [analyzed[i] for i in story.members]
        long = long_sources(read, source_ids(len(read)))
        members, vectors, over = within_budget(
            read, [prepared.sentence_vectors[i] for i in story.members], config.max_compose_sentences
        )
        links = find_copies([item.article for item in members])
        reasons = [reason for reason in (long, over) if reason]
        briefs.append(
            compose_brief(
                members,
                vectors,
                [prepared.title_vectors[i] for i in story.members],
                summary_config,
                links,
                deadline,
                reasons,
            )
        )
    return link_arcs(briefs, [story.arc for story in stories])


def _date_stories(
    analyzed: Sequence[AnalyzedArticle], decoded: Sequence[DecodedDoc], stories: Sequence[Story]
) -> list[AnalyzedArticle]:
    """Publication dates settled per story, with the flags they raise (and content-farm verdicts)."""
    dated = list(analyzed)
    for story in stories:
        members = [analyzed[i].article for i in story.members]
        page_dates = [decoded[i].meta.date for i in story.members]
        for i, (published, flags) in zip(story.members, date_story(members, page_dates), strict=True):
            article = analyzed[i].article
            all_flags = article.flags + flags
            farm = content_farm(all_flags)
            article = replace(article, published=published, flags=all_flags + ((farm,) if farm else ()))
            dated[i] = replace(analyzed[i], article=article)
    return dated


def nothing_usable(paths: Sequence[str], skipped: list[Skipped], ignored: list[str]) -> str:
    if skipped:
        details = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        return f"no readable article in {', '.join(paths)} ({details}{more})"
    suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
    extra = f"; {len(ignored)} other files ignored" if ignored else ""
    return f"no article files ({suffixes}) found in {', '.join(paths)}{extra}"
