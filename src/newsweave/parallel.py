"""Corpus-scale runs on Dask: the per-article stages spread over worker processes.

`pipeline.run` does everything in one process. For a large corpus the costly
part is per article: parsing (HTML extraction), cleaning, spaCy analysis and
MiniLM embedding for a brief; cleaning and describing for `ingest`. Here that
work runs on a Dask cluster (a `LocalCluster` of `workers` processes, or an
existing cluster at a scheduler address) and only the cheap corpus-wide steps
stay on the driver: discovering the inputs, the same-site boilerplate
evidence, story grouping (or filing) and composing the briefs.

Both commands go through one driver: `chunks` cuts the articles into tasks
by one rule, and `ordered_map` runs a task per chunk and hands the results
back in input order, with a bounded number of chunks out at once.

Cleaning is not purely per article: a line a site prints on every page is
only known as boilerplate by looking across all the documents of the run.
So the work goes in two rounds, each an `ordered_map`:

    pages:   (parse the bytes,) give every line a first role and sum the
             document up as a page of its site (`clean.corpus.site_page`) (workers)
    evidence: lines each site repeats across all its pages  (driver, cheap)
    rest:    clean each document knowing those lines
             (`clean.article_with_evidence`), then analyze and embed it,
             or describe it for filing                      (workers)

Every step calls the same functions as the single-process path, so the
briefs and the stored articles are the same byte for byte, whatever the
number of workers. Sentence vectors may differ in the last float bits (the
encoder batches texts by length, and a chunk batches different texts
together than the whole corpus does); they agree to about 1e-7.

Losing an article silently is never an option. Each task carries its own
input, so a task that raises is retried (`RETRIES`) and a task whose worker
dies is rerun elsewhere by the scheduler; one that still fails ends the run
with a `NewsweaveError` naming its articles.
"""

from __future__ import annotations

import math
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from newsweave.analyze import analyze_articles, default_models
from newsweave.analyze.embeddings import Vectors, embed_articles
from newsweave.clean import article_with_evidence, first_roles
from newsweave.clean.corpus import SitePage, shared_boilerplate, site_page
from newsweave.compose.bounds import head
from newsweave.config import Config
from newsweave.errors import NewsweaveError, NoArticlesError, UserError
from newsweave.models import AnalyzedArticle, DecodedDoc, RawDoc, Skipped
from newsweave.pipeline import (
    Prepared,
    Report,
    Result,
    group_and_compose,
    nothing_usable,
)
from newsweave.readers import Limits, discover, expand

if TYPE_CHECKING:
    from distributed import Client

RETRIES = 2
MAX_CHUNK = 50  # articles per task: enough to batch the models, small enough to spread
TASKS_PER_WORKER = 4  # chunks per worker, so a slow or restarted worker does not hold the run
IN_FLIGHT = 3  # chunks out on the cluster at once, per worker: memory stays flat however long the input
CONNECT_TIMEOUT = "10s"

Out = TypeVar("Out")


class ParallelError(NewsweaveError):
    """A chunk of articles failed on the cluster even after retries."""

    hint = "check the Dask workers' logs and memory, or run without --workers/--scheduler"


@dataclass(frozen=True)
class Chunk:
    """One task's arguments, and the articles it holds (named if it fails)."""

    args: tuple[Any, ...]
    names: Sequence[str]


@dataclass(frozen=True)
class _Loaded:
    """One input after the load round: its document and what it tells of its site, or why it was skipped."""

    doc: DecodedDoc | None
    page: SitePage | None
    skipped: Skipped | None
    ignored: str | None = None  # a container record that is not an article (listed, not skipped)


@dataclass(frozen=True)
class _Prepared:
    """One chunk after the prepare round, in the order of its documents."""

    analyzed: list[AnalyzedArticle]
    sentence_vectors: list[Vectors]
    title_vectors: list[Vectors]


def run_parallel(
    paths: Sequence[str],
    config: Config,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    stdin: BinaryIO | None = None,
    report: Report | None = None,
    one_story: bool = False,
) -> Result:
    """Like `pipeline.run`, with the per-article stages on Dask.

    Give exactly one of `workers` (start a local cluster of that many worker
    processes, closed afterwards), `scheduler` (address of a running cluster,
    e.g. "tcp://10.0.0.5:8786") or `client` (a connected `distributed.Client`).
    """
    say = report or (lambda _message: None)
    say("reading inputs")
    found = discover(paths, stdin=stdin, max_bytes=config.max_file_bytes)
    if not found.docs:
        raise NoArticlesError(nothing_usable(paths, list(found.skipped), found.ignored))
    if client is not None:
        if workers is not None or scheduler is not None:
            raise UserError("give a Dask client, or workers, or a scheduler address: only one")
        skipped, ignored, prepared = load_and_prepare_parallel(
            found.docs, client, say, config.limits(), config.max_article_sentences
        )
    else:
        with dask_client(workers, scheduler) as own:
            skipped, ignored, prepared = load_and_prepare_parallel(
                found.docs, own, say, config.limits(), config.max_article_sentences
            )
    skipped = [*found.skipped, *skipped]
    if not prepared.analyzed:
        raise NoArticlesError(nothing_usable(paths, skipped, found.ignored))
    briefs = group_and_compose(prepared, config, default_models().static, one_story, say)
    return Result(briefs=briefs, skipped=skipped, ignored=[*found.ignored, *ignored])


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on a new local cluster (`workers` processes) or on the cluster at `scheduler`."""
    if workers is not None and scheduler is not None:
        raise UserError("give either --workers N or --scheduler ADDRESS, not both")
    if workers is None and scheduler is None:
        raise UserError("give --workers N (a local cluster) or --scheduler ADDRESS (a running one)")
    from distributed import Client, LocalCluster

    if workers is not None:
        if workers < 1:
            raise UserError(f"--workers must be at least 1, not {workers}")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
        )
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise UserError(
            f"cannot reach the Dask scheduler at {scheduler}: {error}",
            hint="give its address as tcp://HOST:PORT and check that it is running",
        ) from error
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]


def chunks(count: int, workers: int) -> list[slice]:
    """The one chunking rule: contiguous slices of `count` items, of about equal size,
    about `TASKS_PER_WORKER` per worker, at most `MAX_CHUNK` long."""
    if count == 0:
        return []
    size = max(1, min(MAX_CHUNK, math.ceil(count / (max(1, workers) * TASKS_PER_WORKER))))
    return [slice(start, min(start + size, count)) for start in range(0, count, size)]


def worker_count(client: Client | None) -> int:
    """Workers behind `client` (1 without one: chunks for this process alone)."""
    if client is None:
        return 1
    return max(1, len(client.scheduler_info().get("workers", {})))


def ordered_map(
    client: Client, task: Callable[..., Out], tasks: Iterable[Chunk], label: str
) -> Iterator[Out]:
    """`task(*chunk.args)` for each chunk on the cluster, yielded in the chunks' order.

    At most `IN_FLIGHT` chunks per worker are out at once. Each task carries
    its own input, so one that raises is retried (`RETRIES`) and one whose
    worker dies is rerun elsewhere; one that still fails cancels the rest and
    raises `ParallelError` naming its articles. Task keys read
    `newsweave-LABEL-RUN-N`, N the chunk's position.
    """
    run_id = uuid.uuid4().hex[:12]
    window = IN_FLIGHT * worker_count(client)
    pending: deque[tuple[Any, Sequence[str]]] = deque()
    try:
        for n, chunk in enumerate(tasks):
            key = f"newsweave-{label}-{run_id}-{n}"
            pending.append((client.submit(task, *chunk.args, key=key, retries=RETRIES), chunk.names))
            if len(pending) >= window:
                yield task_result(*pending.popleft())
        while pending:
            yield task_result(*pending.popleft())
    finally:
        if pending:
            client.cancel([future for future, _names in pending])  # type: ignore[no-untyped-call]


def task_result(future: Any, names: Sequence[str]) -> Any:
    """The task's result, or a `ParallelError` that says which articles it held."""
    try:
        return future.result()
    except Exception as error:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise ParallelError(
            f"{len(names)} articles failed on the Dask cluster after {RETRIES} retries ({shown}): "
            f"{type(error).__name__}: {error}"
        ) from error


def prepare_parallel(decoded: Sequence[DecodedDoc], client: Client, report: Report | None = None) -> Prepared:
    """`pipeline.prepare` on the cluster behind `client`: the same `Prepared`, in input order.

    Raises `ParallelError` naming the articles of any chunk that failed after retries.
    """
    _skipped, _ignored, prepared = load_and_prepare_parallel(decoded, client, report)
    return prepared


def load_and_prepare_parallel(
    inputs: Sequence[RawDoc | DecodedDoc],
    client: Client,
    report: Report | None = None,
    limits: Limits | None = None,
    max_sentences: int | None = Config.max_article_sentences,
) -> tuple[list[Skipped], list[str], Prepared]:
    """Parse (the `RawDoc`s), clean, analyze and embed `inputs` on the cluster behind `client`.

    Returns the inputs that could not be read and the container records that
    are not articles, listed as `read_inputs` lists them, and the rest
    prepared as `pipeline.prepare` prepares them, in input order. Raises
    `ParallelError` naming the articles of any chunk that failed after
    retries.
    """
    say = report or (lambda _message: None)
    workers = worker_count(client)
    load = chunks(len(inputs), workers)
    say(f"reading {len(inputs)} articles in {len(load)} tasks")
    tasks = [Chunk((inputs[part], limits or Limits(), max_sentences), _names(inputs[part])) for part in load]
    loaded = [item for part in ordered_map(client, _load_chunk, tasks, "load") for item in part]
    docs = [item.doc for item in loaded if item.doc is not None]
    pages = [item.page for item in loaded if item.page is not None]
    say("finding site boilerplate")
    repeated = shared_boilerplate(pages)
    say(f"cleaning, analyzing and embedding {len(docs)} articles")
    tasks = [
        Chunk((docs[part], repeated[part], max_sentences), _names(docs[part]))
        for part in chunks(len(docs), workers)
    ]
    prepared = list(ordered_map(client, _prepare_chunk, tasks, "prepare"))
    return (
        [item.skipped for item in loaded if item.skipped is not None],
        [item.ignored for item in loaded if item.ignored is not None],
        Prepared(
            decoded=docs,
            analyzed=[item for part in prepared for item in part.analyzed],
            sentence_vectors=[item for part in prepared for item in part.sentence_vectors],
            title_vectors=[item for part in prepared for item in part.title_vectors],
        ),
    )


def _names(docs: Sequence[RawDoc | DecodedDoc]) -> list[str]:
    return [doc.path for doc in docs]


def _load_chunk(
    inputs: Sequence[RawDoc | DecodedDoc], limits: Limits, max_sentences: int | None
) -> list[_Loaded]:
    """Worker side, round one: parse each input (unless decoded), cut it to what a brief
    reads of it (`compose.bounds.head`) and sum it up as a page of its site."""
    is_organization = default_models().nlp.is_organization
    loaded: list[_Loaded] = []
    for given in inputs:
        if isinstance(given, DecodedDoc):
            docs = [given]
        else:
            found = expand(given, limits=limits)  # a container (JSONL, feed, WARC) holds several articles
            loaded.extend(_Loaded(None, None, skipped) for skipped in found.skipped)
            loaded.extend(_Loaded(None, None, None, ignored=path) for path in found.ignored)
            docs = [record.doc for record in found.records]
        for doc in map(head, docs, repeat(max_sentences)):
            loaded.append(_Loaded(doc, site_page(doc, first_roles(doc, is_organization)), None))
    return loaded


def _prepare_chunk(
    docs: Sequence[DecodedDoc], evidence: Sequence[frozenset[str]], max_sentences: int | None
) -> _Prepared:
    """Worker side, round two: as `clean_corpus` + `analyze_articles` + `embed_articles` do,
    each document cleaned knowing the lines its site repeats across the whole run."""
    models = default_models()
    is_organization = models.nlp.is_organization
    articles = [
        article_with_evidence(doc, repeated, is_organization)
        for doc, repeated in zip(docs, evidence, strict=True)
    ]
    analyzed = analyze_articles(articles, models.nlp, max_sentences)
    sentence_vectors, title_vectors = embed_articles(analyzed, models.encoder)
    return _Prepared(analyzed, sentence_vectors, title_vectors)
