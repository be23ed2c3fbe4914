"""Story briefs composed in the background, so that no read waits on one.

A story whose brief is not stored is composed when first read, which takes
seconds, more for a large story. A request never runs that work itself: it
asks a small pool (`COMPOSING` threads, so a burst of first reads cannot take
every core) and waits at most `wait` seconds. When the brief is ready by
then, the reader gets it; otherwise the reader is told the story is being
composed (`StoryComposing`: HTTP 202 with `Retry-After` and the story's stored
facts) and comes back. A story is composed once however many readers ask for
it meanwhile, and a reader that leaves cancels nothing: the composition goes
on and stores its brief for the next one. No composition holds a slot for
long, because each is bounded (`compose.bounds`: `max_compose_sentences`,
`max_compose_seconds`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as WaitedTooLong
from typing import Any

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.filing import story_document
from newsweave.store import Store, StoryRow

COMPOSING = 2
FIRST_READ_WAIT = 0.5  # seconds a first read waits for its brief before it is told to come back
RETRY_AFTER = 2  # seconds


class StoryComposing(Exception):
    """The story exists and its brief is being composed: ask again after `retry_after` seconds."""

    def __init__(self, row: StoryRow, retry_after: int = RETRY_AFTER) -> None:
        super().__init__(f"the brief of story {row.id} is being composed; ask again in {retry_after} s")
        self.row = row
        self.retry_after = retry_after

    def facts(self) -> dict[str, Any]:
        """What the store knows of the story before its brief exists."""
        return {
            "id": self.row.id,
            "state": "composing",
            "headline": self.row.headline,
            "sources": self.row.sources,
            "independent": self.row.independent,
            "first_date": self.row.first_date,
            "last_date": self.row.last_date,
            "retry_after": self.retry_after,
        }


class StoryComposer:
    """Story documents for the service, each composed once, in the background."""

    def __init__(
        self,
        store: Store,
        config: Config,
        models_factory: Callable[[], Models],
        wait: float = FIRST_READ_WAIT,
    ) -> None:
        self.store = store
        self.config = config
        self.models_factory = models_factory
        self.wait = wait
        self._pool: ThreadPoolExecutor | None = None
        self._running: dict[str, Future[dict[str, Any] | None]] = {}
        self._lock = threading.RLock()  # a done callback may run at once, inside `_start`

    def story(self, story_id: str) -> dict[str, Any] | None:
        """The story object of `story_id` (see `filing.story_document`); None when unknown.

        Raises `StoryComposing` when its brief is not ready within `wait` seconds.
        """
        stored = self.store.story_document(story_id)
        if stored is not None:
            return stored
        row = self.store.story(story_id)
        if row is None:
            return None
        future = self._start(story_id)
        try:
            return future.result(timeout=self.wait)
        except WaitedTooLong:
            raise StoryComposing(row) from None

    def composing(self) -> list[str]:
        """The ids of the stories being composed or waiting for a slot now."""
        with self._lock:
            return sorted(self._running)

    def close(self) -> None:
        """Drop the compositions not begun; those under way finish (each is bounded).
        A later read starts a new pool."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _start(self, story_id: str) -> Future[dict[str, Any] | None]:
        with self._lock:
            future = self._running.get(story_id)
            if future is None:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(COMPOSING, thread_name_prefix="newsweave-compose")
                future = self._pool.submit(self._compose, story_id)
                self._running[story_id] = future
                future.add_done_callback(lambda _done: self._forget(story_id))
            return future

    def _compose(self, story_id: str) -> dict[str, Any] | None:
        return story_document(self.store, story_id, self.config, self.models_factory())

    def _forget(self, story_id: str) -> None:
        with self._lock:
            self._running.pop(story_id, None)
