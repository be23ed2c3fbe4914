"""`newsweave ingest`: articles into the store, each filed into its story as it is stored.

Ingest is transactional, idempotent and fast enough for tens of thousands of
articles:

1. Inputs are read as for `newsweave brief` (unreadable ones are reported
   and skipped). Each article is keyed by the sha256 of its raw bytes; those
   already stored, or seen earlier in the same run, are no-ops.
2. New articles are cleaned (a site's boilerplate is found across all of
   them, as `brief` finds it), dated when their own date is fairly sure, and
   described for grouping without the full language analysis
   (`group.features`: the static encoder, names, figures, words). This is the
   costly part and needs nothing from the store, so with a Dask client it
   runs on the workers (`parallel.ordered_map`: first each article's site
   evidence, then the rest) while this process files what comes back, chunk
   by chunk, in input order. The inputs themselves are read whole first, as
   for `brief`; stored articles waiting to be filed are read back a page at
   a time, and a site's boilerplate is found across each page.
3. Each is then stored and filed in one transaction (`filing`): it
   joins the best story in the store or opens one. A process killed at any
   point leaves whole, filed articles only; running the same ingest again
   stores the rest.

Briefs are not composed here but on demand (`filing.story_document`). Articles stored by
an earlier version that grouped in batch are filed first, in input order.

Progress is reported through `IngestProgress` so the CLI can draw a bar and
tests can watch (or slow down) the per-article step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from newsweave.analyze import Models, default_models
from newsweave.clean import article_with_evidence, clean_corpus, first_roles
from newsweave.clean.corpus import SitePage, shared_boilerplate, site_boilerplate, site_page
from newsweave.config import Config
from newsweave.filing import file_article, load_index
from newsweave.group import ArticleFeatures, StoryIndex
from newsweave.models import Article, DecodedDoc, RawDoc, Skipped
from newsweave.parallel import Chunk, chunks, ordered_map, worker_count
from newsweave.pipeline import Loaded, read_inputs, story_features, sure_dated
from newsweave.readers import reload
from newsweave.store import Store

if TYPE_CHECKING:
    from distributed import Client

BACKLOG_PAGE = 2_000

Described = list[tuple[Article, ArticleFeatures]]


class IngestProgress(Protocol):
    """What an ingest reports as it goes."""

    def begin(self, total: int) -> None:
        """`total` new articles are about to be stored."""

    def advance(self) -> None:
        """One more article was handled (stored, or found stored meanwhile)."""

    def note(self, message: str) -> None:
        """Something worth a line of its own happened."""


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: articles newly stored, already stored, skipped; stories now stored.

    `filed` counts articles stored earlier but filed into stories only now."""

    added: int
    already: int
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    stories: int = 0
    filed: int = 0


def content_id(data: bytes) -> str:
    """An article's key in the store: the sha256 hex of its raw bytes."""
    return hashlib.sha256(data).hexdigest()


def ingest(
    paths: Sequence[str],
    store: Store,
    config: Config,
    models: Models,
    progress: IngestProgress | None = None,
    stdin: BinaryIO | None = None,
    client: Client | None = None,
) -> IngestReport:
    """Store every new article under `paths` and file each into its story (cleaning
    and describing them on the Dask workers behind `client`, if given)."""
    inputs = read_inputs(paths, config, stdin)
    fresh, already = _new_articles(inputs.loaded, store)
    waiting = store.article_count() - store.filed_count()
    if progress is not None:
        progress.begin(len(fresh) + waiting)
    filer = Filer(store, config, models, client)
    filed, after = 0, 0
    while backlog := store.unfiled(after, BACKLOG_PAGE):  # a page at a time: memory stays flat
        earlier = [(item.id, item.raw, reload(item.raw)) for item in backlog]
        filed += filer.file(earlier, stored=True, progress=progress)
        after = backlog[-1].seq
    added = filer.file([(key, item.raw, item.doc) for key, item in fresh], progress=progress)
    return IngestReport(
        added=added,
        already=already + len(fresh) - added,
        skipped=list(inputs.skipped),
        ignored=list(inputs.ignored),
        stories=store.story_count(),
        filed=filed,
    )


class Filer:
    """Cleans, describes and files articles into one store, keeping its story index.

    With a Dask `client`, cleaning and describing run on its workers (see
    `described`); filing stays here, in input order, so the stories are the
    same either way."""

    def __init__(self, store: Store, config: Config, models: Models, client: Client | None = None) -> None:
        self.store = store
        self.models = models
        self.client = client
        self.index = StoryIndex(models.static.dimension, config.stories())

    def file(
        self,
        items: Sequence[tuple[str, RawDoc, DecodedDoc]],
        stored: bool = False,
        progress: IngestProgress | None = None,
    ) -> int:
        """Store (unless `stored`) and file each (id, raw bytes, decoded) item; how many were new."""
        if not items:
            return 0
        load_index(self.store, self.index)
        docs = [doc for _key, _raw, doc in items]
        done = 0
        for (key, raw, _doc), (article, features) in zip(
            items, described(docs, self.models, self.client), strict=True
        ):
            if file_article(self.store, key, raw, article, features, self.index, stored=stored):
                done += 1
            if progress is not None:
                progress.advance()
        return done


def _new_articles(loaded: Sequence[Loaded], store: Store) -> tuple[list[tuple[str, Loaded]], int]:
    """Articles not stored yet (first copy of each content), and how many were no-ops."""
    keyed = [(content_id(item.raw.data), item) for item in loaded]
    stored = store.known(key for key, _item in keyed)
    fresh: list[tuple[str, Loaded]] = []
    seen: set[str] = set()
    for key, item in keyed:
        if key not in stored and key not in seen:
            fresh.append((key, item))
        seen.add(key)
    return fresh, len(keyed) - len(fresh)


class _Rate(ProgressColumn):
    """Articles stored per second, the number that says how long a big ingest will take."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– articles/s" if speed is None else f"{speed:,.1f} articles/s", style="cyan")


class RichProgress:
    """A progress bar with articles/s for the storing step, then a line per later phase.

    Use as a context manager around `ingest`; it draws on `console` (stderr in the CLI).
    """

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._bar.stop()

    def begin(self, total: int) -> None:
        self._task = self._bar.add_task("storing articles", total=total)

    def advance(self) -> None:
        if self._task is not None:
            self._bar.advance(self._task)

    def note(self, message: str) -> None:
        self._bar.console.log(message)


def describe(docs: Sequence[DecodedDoc], models: Models) -> Described:
    """Each document cleaned (across the batch, for a site's boilerplate), dated and
    described for the story clusterer (`pipeline.story_features`, as `brief` does)."""
    return _dated_features(clean_corpus(docs, models.nlp.is_organization), docs, models)


def described(
    docs: Sequence[DecodedDoc], models: Models, client: Client | None = None
) -> Iterator[tuple[Article, ArticleFeatures]]:
    """`describe(docs)`, article by article in order, a chunk at a time (`parallel.chunks`):
    here, or on the workers behind `client`. Either way a site's boilerplate is
    found across all of `docs`, so the stored articles are the same."""
    parts = chunks(len(docs), worker_count(client))
    if client is None:
        is_organization = models.nlp.is_organization
        roles = [first_roles(doc, is_organization) for doc in docs]
        evidence = site_boilerplate(docs, roles)
        for part in parts:
            cleaned = [
                article_with_evidence(doc, repeated, is_organization, first)
                for doc, repeated, first in zip(docs[part], evidence[part], roles[part], strict=True)
            ]
            yield from _dated_features(cleaned, docs[part], models)
        return
    tasks = [Chunk((docs[part],), [doc.path for doc in docs[part]]) for part in parts]
    pages = [page for part in ordered_map(client, _pages_on_worker, tasks, "pages") for page in part]
    evidence = shared_boilerplate(pages)
    tasks = [Chunk((docs[part], evidence[part]), [doc.path for doc in docs[part]]) for part in parts]
    for chunk in ordered_map(client, _describe_on_worker, tasks, "describe"):
        yield from chunk


def _dated_features(cleaned: Sequence[Article], docs: Sequence[DecodedDoc], models: Models) -> Described:
    dated = [sure_dated(article, doc) for article, doc in zip(cleaned, docs, strict=True)]
    return list(zip(dated, story_features(dated, models.static), strict=True))


def _pages_on_worker(docs: list[DecodedDoc]) -> list[SitePage]:
    is_organization = default_models().nlp.is_organization
    return [site_page(doc, first_roles(doc, is_organization)) for doc in docs]


def _describe_on_worker(docs: list[DecodedDoc], evidence: list[frozenset[str]]) -> Described:
    models = default_models()
    is_organization = models.nlp.is_organization
    cleaned = [
        article_with_evidence(doc, repeated, is_organization)
        for doc, repeated in zip(docs, evidence, strict=True)
    ]
    return _dated_features(cleaned, docs, models)
