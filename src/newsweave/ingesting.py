"""`newsweave ingest`: articles into the store, then the stories recomputed.

Ingest is transactional and idempotent:

1. Inputs are read as for `newsweave brief` (unreadable ones are reported
   and skipped). Each article is keyed by the sha256 of its raw bytes; those
   already stored, or seen earlier in the same run, are no-ops.
2. New articles are cleaned in chunks (cleaning looks across a chunk for a
   site's boilerplate) and each is written in its own transaction, raw bytes,
   metadata and lines together. A process killed at any point leaves only
   whole articles; running the same ingest again stores the rest.
3. When the stored articles are newer than the stories (this run stored some,
   or an earlier run was killed before this step), every stored article is
   re-read from its raw bytes and the stories are recomputed in batch, as
   `newsweave brief` would on the same files in input order; stories,
   memberships and briefs are replaced in one transaction.

Progress is reported through `IngestProgress` so the CLI can draw a bar and
tests can watch (or slow down) the per-article step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

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

from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.ingest import reload
from newsweave.models import Skipped
from newsweave.pipeline import Loaded, Models, compose, group, prepare, read_inputs
from newsweave.store import Store

CLEAN_CHUNK = 64


class IngestProgress(Protocol):
    """What an ingest reports as it goes."""

    def begin(self, total: int) -> None:
        """`total` new articles are about to be stored."""

    def advance(self) -> None:
        """One more article was handled (stored, or found stored meanwhile)."""

    def note(self, message: str) -> None:
        """A later phase started (grouping stories, composing briefs...)."""


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did: articles newly stored, already stored, skipped; stories now stored."""

    added: int
    already: int
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    stories: int = 0
    recomputed: bool = False


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
) -> IngestReport:
    """Store every new article under `paths`, then bring the stories up to date."""
    inputs = read_inputs(paths, config, stdin)
    fresh, already = _new_articles(inputs.loaded, store)
    if progress is not None:
        progress.begin(len(fresh))
    added = 0
    for start in range(0, len(fresh), CLEAN_CHUNK):
        chunk = fresh[start : start + CLEAN_CHUNK]
        articles = clean_corpus([item.doc for _key, item in chunk], models.nlp.is_organization)
        for (key, item), article in zip(chunk, articles, strict=True):
            if store.add_article(key, item.raw, article):
                added += 1
            else:
                already += 1
            if progress is not None:
                progress.advance()
    recomputed = store.stale()
    if recomputed:
        recompute_stories(store, config, models, progress)
    return IngestReport(
        added=added,
        already=already,
        skipped=list(inputs.skipped),
        ignored=list(inputs.ignored),
        stories=len(store.stories()),
        recomputed=recomputed,
    )


def recompute_stories(
    store: Store, config: Config, models: Models, progress: IngestProgress | None = None
) -> int:
    """Group and brief every stored article again and swap the stories in; returns how many."""
    stored = store.articles()
    if not stored:
        return 0
    say = progress.note if progress is not None else None
    decoded = [reload(item.raw) for item in stored]
    prepared = prepare(decoded, models, say)
    if say is not None:
        say("grouping stories")
    stories = group(prepared, config)
    briefs = compose(prepared, stories, config, say)
    members = [[stored[i].id for i in story.members] for story in stories]
    if say is not None:
        say("saving stories")
    store.replace_stories(list(zip(briefs, members, strict=True)), covered_seq=stored[-1].seq)
    return len(briefs)


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
