"""A first read of a story answers at once, composing or not: the brief is composed in
the background, once, and a reader that does not wait gets 202 with the story's facts.
The story is analysed with the fakes of tests/fakes.py."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave import filing
from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.store import open_store

from .conftest import EXAMPLE, ROOT, _chdir


@pytest.fixture()
def slow_store(tmp_path: Path, fake_models: Models, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[int]]:
    """The example in a store whose compositions take at least two seconds, counted."""
    url = f"sqlite:///{tmp_path / 'example.db'}"
    with open_store(url) as store, _chdir(ROOT):
        ingest([str(EXAMPLE.relative_to(ROOT))], store, Config(), fake_models)
    calls: list[int] = []
    real = filing.compose

    def slow(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(2)
        return real(*args, **kwargs)

    monkeypatch.setattr(filing, "compose", slow)
    return url, calls


@pytest.mark.slow  # waits out two-second compositions
def test_a_first_read_answers_at_once_and_the_brief_follows(
    slow_store: tuple[str, list[int]], fake_models: Models
) -> None:
    url, calls = slow_store
    with TestClient(create_app(url, None, lambda: fake_models, compose_wait=0.2)) as client:
        (row,) = client.get("/api/stories").json()["stories"]
        started = time.monotonic()
        first = client.get(f"/api/stories/{row['id']}")
        assert time.monotonic() - started < 1.5
        assert first.status_code == 202
        assert first.headers["Retry-After"].isdigit()
        facts = first.json()["story"]
        assert (facts["id"], facts["state"], facts["sources"]) == (row["id"], "composing", 5)
        page = client.get(f"/stories/{row['id']}", headers={"Accept": "text/html"})
        assert page.status_code == 202 and 'http-equiv="refresh"' in page.text
        deadline = time.monotonic() + 120
        while (answer := client.get(f"/api/stories/{row['id']}")).status_code == 202:
            assert time.monotonic() < deadline
            time.sleep(0.5)
        assert answer.status_code == 200
        assert answer.json()["stories"][0]["summary"]
    assert len(calls) == 1  # every read while it was composed waited on the one composition


@pytest.mark.slow  # waits out two-second compositions
def test_a_reader_that_leaves_does_not_stop_the_composition(
    slow_store: tuple[str, list[int]], fake_models: Models
) -> None:
    url, calls = slow_store
    with TestClient(create_app(url, None, lambda: fake_models, compose_wait=0.1)) as client:
        (row,) = client.get("/api/stories").json()["stories"]
        readers = [threading.Thread(target=client.get, args=(f"/api/stories/{row['id']}",)) for _ in range(4)]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        service = client.app.state.service  # type: ignore[attr-defined]
        deadline = time.monotonic() + 120
        while service.composer.composing():
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert service.store.story_document(row["id"]) is not None
    assert len(calls) == 1


def test_an_unknown_story_is_a_404_not_a_composition(
    slow_store: tuple[str, list[int]], fake_models: Models
) -> None:
    url, calls = slow_store
    with TestClient(create_app(url, None, lambda: fake_models, compose_wait=0.1)) as client:
        assert client.get("/api/stories/story-000000000000").status_code == 404
    assert calls == []
