"""`newsweave ingest`: articles into the store, each filed into its story as it is stored.

Ingest is transactional, idempotent and fast enough for tens of thousands of
articles:

1. Inputs are read as for `newsweave brief` (unreadable ones are reported
   and skipped). Each article is keyed by the sha256 of its raw bytes; those
   already stored, or seen earlier in the same run, are no-ops.
2. New articles are cleaned in chunks (cleaning looks across a chunk for a
   site's boilerplate), dated when their own date is fairly sure, and
   described for grouping without the full language analysis
   (`group.features`: the static encoder, names, figures, words). This is the
   costly part and needs nothing from the store, so with a Dask client it
   runs on the workers while this process files what comes back, chunk by
   chunk, in input order (at most `IN_FLIGHT` chunks per worker out at
   once). The inputs themselves are read whole first, as for `brief`; stored
   articles waiting to be filed are read back a page at a time.
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
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

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
from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.filing import file_article, load_index, unfiled
from newsweave.group import ArticleFeatures, StoryIndex
from newsweave.models import Article, DecodedDoc, RawDoc, Skipped
from newsweave.pipeline import Loaded, read_inputs, story_features, sure_dated
from newsweave.readers import reload
from newsweave.store import Store

if TYPE_CHECKING:
    from distributed import Client

CLEAN_CHUNK = 64
BACKLOG_PAGE = 2_000


# Chunks out on the workers at once, per worker: memory stays flat however long the input.
IN_FLIGHT = 3

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
    while backlog := unfiled(store, after, BACKLOG_PAGE):  # a page at a time: memory stays flat
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
    `describe`); filing stays here, in input order, so the stories are the
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
        chunks = [items[start : start + CLEAN_CHUNK] for start in range(0, len(items), CLEAN_CHUNK)]
        docs = [[doc for _key, _raw, doc in chunk] for chunk in chunks]
        done = 0
        for chunk, described in zip(chunks, described_chunks(docs, self.models, self.client), strict=True):
            for (key, raw, _doc), (article, features) in zip(chunk, described, strict=True):
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
    cleaned = clean_corpus(docs, models.nlp.is_organization)
    dated = [sure_dated(article, doc) for article, doc in zip(cleaned, docs, strict=True)]
    return list(zip(dated, story_features(dated, models.static), strict=True))


def described_chunks(
    chunks: Sequence[Sequence[DecodedDoc]], models: Models, client: Client | None = None
) -> Iterator[Described]:
    """`describe` of each chunk in order: here, or on the workers behind `client`."""
    if client is None:
        for chunk in chunks:
            yield describe(chunk, models)
        return
    from newsweave.parallel import RETRIES, task_result

    window = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
    pending: deque[tuple[Any, list[str]]] = deque()
    for chunk in chunks:
        future = client.submit(_describe_on_worker, list(chunk), pure=False, retries=RETRIES)
        pending.append((future, [doc.path for doc in chunk]))
        if len(pending) >= window:
            yield task_result(*pending.popleft())
    while pending:
        yield task_result(*pending.popleft())


def _describe_on_worker(docs: list[DecodedDoc]) -> Described:
    return describe(docs, default_models())
