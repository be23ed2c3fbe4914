"""Dask backend: a real LocalCluster (2 worker processes) gives the single-process briefs.

One cluster serves the module (each worker loads spaCy and MiniLM once, which
takes a while on a small machine). It is started with one allowed worker
death per task, so the kill tests below are quick: a task whose worker dies
once is rerun elsewhere; a task that kills its worker every time fails the
run with an error that names its articles (on a one-worker cluster of its
own, so the shared one keeps both workers). The tests on the cluster compare
its briefs with one process's, both made with the real models: they are
integration tests. The rest run on the fakes of tests/fakes.py.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import Result as CliResult
from distributed import Client, LocalCluster, WorkerPlugin
from sqlalchemy import select

from newsweave.analyze import Models
from newsweave.clean import clean_corpus
from newsweave.config import Config
from newsweave.errors import NewsweaveError
from newsweave.ingest import ingest
from newsweave.models import Line
from newsweave.parallel import Chunk, ParallelError, chunks, ordered_map, prepare_parallel, run_parallel
from newsweave.pipeline import Result, prepare, read_inputs, run
from newsweave.render import render
from newsweave.store import open_store, tables
from tests.conftest import EXAMPLE, TWO_EVENTS
from tests.store_corpus import article, write_corpus

PATHS = [str(EXAMPLE), str(TWO_EVENTS)]


class KillOnTask(WorkerPlugin):  # type: ignore[misc]
    """Kills the worker process the moment it starts a task whose key matches `pattern`.

    With a marker file it kills only once (the first worker to start such a
    task creates the marker); without one, every time.
    """

    def __init__(self, pattern: str, marker: str | None) -> None:
        self.pattern = pattern
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **_kwargs: Any) -> None:
        if finish != "executing" or not re.fullmatch(self.pattern, str(key)):
            return
        if self.marker is not None:
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return
            os.close(fd)
        os._exit(1)


@contextmanager
def _cluster(workers: int) -> Iterator[Client]:
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
        )
    try:
        with Client(cluster) as connected:
            yield connected
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with _cluster(workers=2) as connected:
        yield connected


@pytest.fixture(scope="module")
def single(models: Models) -> str:
    return as_json(run(PATHS, Config(), models))


def as_json(result: Result) -> str:
    return render(result.briefs, "json")


def test_chunks_cover_every_article_once_in_order() -> None:
    for count in (0, 1, 7, 9, 200, 1001):
        for workers in (1, 2, 5):
            parts = [range(count)[part] for part in chunks(count, workers)]
            assert [i for part in parts for i in part] == list(range(count))
            assert all(1 <= len(part) <= 50 for part in parts)
    assert [len(range(9)[part]) for part in chunks(9, 2)] == [2, 2, 2, 2, 1]  # about 4 tasks per worker
    assert len(chunks(1001, 2)) == 21  # never more than 50 articles in one task


@pytest.mark.integration
def test_ordered_map_yields_in_chunk_order_past_its_window(client: Client) -> None:
    tasks = [Chunk(([n, n],), [f"{n}.txt"]) for n in range(40)]  # more than IN_FLIGHT per worker
    assert list(ordered_map(client, sum, tasks, "sum")) == [2 * n for n in range(40)]


@pytest.mark.integration
def test_ordered_map_names_the_articles_of_a_failed_chunk(client: Client) -> None:
    tasks = [Chunk(([1],), ["a.txt"]), Chunk((["x"],), ["b.txt", "c.txt"])]
    with pytest.raises(ParallelError, match=r"2 articles failed .*\(b\.txt, c\.txt\): TypeError"):
        list(ordered_map(client, sum, tasks, "sum"))


@pytest.mark.integration
def test_prepared_matches_single_process(client: Client, models: Models) -> None:
    decoded = [item.doc for item in read_inputs(PATHS, Config()).loaded]
    expected = prepare(decoded, models)
    got = prepare_parallel(decoded, client)
    assert got.decoded == expected.decoded
    assert got.analyzed == expected.analyzed
    assert len(got.sentence_vectors) == len(expected.sentence_vectors) == len(decoded)
    for ours, theirs in zip(
        got.sentence_vectors + got.title_vectors,
        expected.sentence_vectors + expected.title_vectors,
        strict=True,
    ):
        assert ours.shape == theirs.shape
        # batch composition changes MiniLM floats in the last bits, never more
        assert np.allclose(ours, theirs, atol=1e-5, rtol=0)


@pytest.mark.integration
def test_briefs_equal_single_process(client: Client, single: str) -> None:
    got = run_parallel(PATHS, Config(), client=client)
    assert as_json(got) == single
    assert len(json.loads(single)["stories"]) == 3


@pytest.mark.integration
def test_killed_worker_loses_no_article(client: Client, single: str, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    client.register_plugin(KillOnTask(r"newsweave-prepare-.*", str(marker)), name="kill-once")
    try:
        got = run_parallel(PATHS, Config(), client=client)
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker really died mid-run
    assert as_json(got) == single


@pytest.mark.integration
def test_task_that_always_kills_fails_naming_its_articles() -> None:
    # A cluster of its own: the shared one need not win its workers back in time.
    with _cluster(workers=1) as own:
        own.register_plugin(KillOnTask(r"newsweave-load-.*-0", None), name="kill-always")
        with pytest.raises(ParallelError) as caught:
            run_parallel([str(TWO_EVENTS)], Config(), client=own)
    assert isinstance(caught.value, NewsweaveError)
    message = str(caught.value)
    assert "failed on the Dask cluster" in message
    assert "bank-a.txt" in message


@pytest.mark.integration
def test_cli_scheduler_option(client: Client, cli: Callable[..., CliResult], single: str) -> None:
    address = client.scheduler.address
    result = cli("brief", *PATHS, "--format", "json", "--scheduler", address)
    assert result.exit_code == 0, result.output
    assert result.stdout == single


def test_cli_rejects_workers_with_scheduler(fake_cli: Callable[..., CliResult]) -> None:
    result = fake_cli("brief", str(TWO_EVENTS), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "not both" in result.output


@pytest.mark.slow  # waits out the connection timeout
def test_cli_unreachable_scheduler_is_a_user_error(
    fake_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsweave.parallel.CONNECT_TIMEOUT", "2s")
    result = fake_cli("brief", str(TWO_EVENTS), "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output


def _filed(url: str) -> list[tuple[str, str, str]]:
    with open_store(url) as store, store.engine.connect() as connection:
        rows = connection.execute(
            select(
                tables.articles.c.path, tables.memberships.c.story_id, tables.memberships.c.source_id
            ).join(tables.memberships, tables.memberships.c.article_id == tables.articles.c.id)
        ).all()
    return sorted((str(path), str(story), str(source)) for path, story, source in rows)


@pytest.mark.integration
def test_ingest_on_workers_files_as_one_process_does(client: Client, models: Models, tmp_path: Path) -> None:
    """Cleaning and describing on the cluster, with a worker killed mid-run: the same
    articles in the same stories, none lost."""
    folder = tmp_path / "in"
    write_corpus(folder, 150)
    alone, spread = f"sqlite:///{tmp_path / 'alone.db'}", f"sqlite:///{tmp_path / 'spread.db'}"
    with open_store(alone) as store:
        ingest([str(folder)], store, Config(), models)
    marker = tmp_path / "killed"
    client.register_plugin(KillOnTask(r"newsweave-describe-.*", str(marker)), name="kill-describe")
    try:
        with open_store(spread) as store:
            report = ingest([str(folder)], store, Config(), models, client=client)
    finally:
        client.unregister_worker_plugin("kill-describe")
    assert marker.exists()
    assert report.added == 150
    assert _filed(spread) == _filed(alone) and len(_filed(alone)) == 150


SLOGAN = "Your trusted voice of the valley since 1887"


def write_site_corpus(folder: Path, count: int) -> list[str]:
    """`count` one-record JSON Lines files of invented reports, each from its own site
    but the first and the last: two pages of one site, both printing `SLOGAN` first.
    Only a run that compares those two pages finds the slogan to be furniture."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        host = "valley.example" if index in (0, count - 1) else f"site{index}.example"
        record = {"url": f"https://www.{host}/news/{index}", "text": f"{SLOGAN}\n{article(index, index)}"}
        (folder / f"{index:04d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return [str(folder)]


def _roles(lines: tuple[Line, ...]) -> list[tuple[int, str, str | None, str | None]]:
    return [(line.n, line.role, line.reason, line.field) for line in lines]


def _whole_input_roles(
    paths: list[str], models: Models
) -> dict[str, list[tuple[int, str, str | None, str | None]]]:
    """Every line's role as one process cleans the whole input (`clean_corpus`, as `brief` does)."""
    docs = [item.doc for item in read_inputs(paths, Config()).loaded]
    return {item.path: _roles(item.lines) for item in clean_corpus(docs, models.nlp.is_organization)}


def _stored_roles(url: str) -> dict[str, list[tuple[int, str, str | None, str | None]]]:
    lines, articles = tables.article_lines, tables.articles
    found: dict[str, list[tuple[int, str, str | None, str | None]]] = {}
    with open_store(url) as store, store.engine.connect() as connection:
        rows = connection.execute(
            select(articles.c.path, lines.c.n, lines.c.role, lines.c.reason, lines.c.field)
            .join(lines, lines.c.article_id == articles.c.id)
            .order_by(articles.c.path, lines.c.n)
        ).all()
    for path, n, role, reason, field in rows:
        found.setdefault(str(path), []).append((n, role, reason, field))
    return found


@pytest.mark.slow  # a 130-page input
def test_ingest_finds_site_boilerplate_across_the_whole_input(fake_models: Models, tmp_path: Path) -> None:
    """Two pages of one site, far apart in a long input: the slogan they share is
    noise, as when one process cleans everything, not the first page's title."""
    paths = write_site_corpus(tmp_path / "in", 130)
    url = f"sqlite:///{tmp_path / 'alone.db'}"
    with open_store(url) as store:
        ingest(paths, store, Config(), fake_models)
    expected = _whole_input_roles(paths, fake_models)
    first = min(expected)  # 0000.jsonl's record
    assert expected[first][0] == (1, "noise", "boilerplate", None)
    assert _stored_roles(url) == expected


@pytest.mark.integration
def test_ingest_on_workers_finds_site_boilerplate_across_chunks(
    client: Client, models: Models, tmp_path: Path
) -> None:
    """The same lines, in the same roles, with the articles cleaned in many chunks on the cluster."""
    paths = write_site_corpus(tmp_path / "in", 130)
    alone, spread = f"sqlite:///{tmp_path / 'alone.db'}", f"sqlite:///{tmp_path / 'spread.db'}"
    with open_store(alone) as store:
        ingest(paths, store, Config(), models)
    with open_store(spread) as store:
        ingest(paths, store, Config(), models, client=client)
    assert _stored_roles(spread) == _stored_roles(alone) == _whole_input_roles(paths, models)
    assert _filed(spread) == _filed(alone)


@pytest.mark.integration
def test_prepared_finds_site_boilerplate_across_chunks(
    client: Client, models: Models, tmp_path: Path
) -> None:
    decoded = [item.doc for item in read_inputs(write_site_corpus(tmp_path / "in", 10), Config()).loaded]
    assert len(chunks(len(decoded), 2)) > 2  # the site's two pages go to different tasks
    expected = prepare(decoded, models)
    got = prepare_parallel(decoded, client)
    assert [item.article for item in got.analyzed] == [item.article for item in expected.analyzed]
    assert _roles(got.analyzed[0].article.lines)[0] == (1, "noise", "boilerplate", None)
