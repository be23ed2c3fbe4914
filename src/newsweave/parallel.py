"""Corpus-scale runs on Dask: the per-article stages spread over worker processes.

`pipeline.run` does everything in one process. For a large corpus the costly
part is per article: parsing (HTML extraction), cleaning, spaCy analysis and
MiniLM embedding. Here those run on a Dask cluster (a `LocalCluster` of
`workers` processes, or an existing cluster at a scheduler address) and only
the cheap corpus-wide steps stay on the driver: discovering the inputs, the
same-site boilerplate evidence, story grouping and composing the briefs.

Cleaning is not purely per article: a line a site prints on every page is
only known as boilerplate by looking across documents. So the work goes in
two rounds of tasks over the same partitions of articles:

    load:    parse the bytes, give every line a first role   (workers)
    evidence: lines each site repeats across its pages        (driver, cheap)
    prepare: re-judge lines given that evidence, build the article,
             analyze it and embed its sentences               (workers)

Every step calls the same functions as the single-process path, so the briefs
are the same byte for byte. Sentence vectors may differ in the last float
bits (the encoder batches texts by length, and a partition batches different
texts together than the whole corpus does); they agree to about 1e-7.

Losing an article silently is never an option. Each task carries its own
input, so a task that raises is retried (`RETRIES`) and a task whose worker
dies is rerun elsewhere by the scheduler; one that still fails ends the run
with a `NewsweaveError` naming its articles.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any, BinaryIO

from newsweave.analyze import analyze_articles, default_models
from newsweave.analyze.embeddings import Vectors, embed_articles
from newsweave.clean import article_from_roles
from newsweave.clean.corpus import site_boilerplate
from newsweave.clean.layout import assign_roles
from newsweave.compose.bounds import head
from newsweave.config import Config
from newsweave.errors import NewsweaveError, NoArticlesError, UserError
from newsweave.models import HTML, AnalyzedArticle, DecodedDoc, Line, RawDoc, Skipped
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
MAX_PARTITION = 50  # articles per task: enough to batch the models, small enough to spread
TASKS_PER_WORKER = 4  # partitions per worker, so a slow or restarted worker does not hold the run
CONNECT_TIMEOUT = "10s"


class ParallelError(NewsweaveError):
    """A partition of articles failed on the cluster even after retries."""

    hint = "check the Dask workers' logs and memory, or run without --workers/--scheduler"


@dataclass(frozen=True)
class _Loaded:
    """One input after the load round: its document and first line roles, or why it was skipped."""

    doc: DecodedDoc | None
    roles: tuple[Line, ...]
    skipped: Skipped | None
    ignored: str | None = None  # a container record that is not an article (listed, not skipped)


@dataclass(frozen=True)
class _Prepared:
    """One partition after the prepare round, in the order of its loaded documents."""

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


def prepare_parallel(decoded: Sequence[DecodedDoc], client: Client, report: Report | None = None) -> Prepared:
    """`pipeline.prepare` on the cluster behind `client`: the same `Prepared`, in input order.

    Raises `ParallelError` naming the articles of any partition that failed after retries.
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
    `ParallelError` naming the articles of any partition that failed after
    retries.
    """
    say = report or (lambda _message: None)
    partitions = _partitions(len(inputs), _worker_count(client))
    run_id = uuid.uuid4().hex[:12]
    say(f"reading {len(inputs)} articles in {len(partitions)} tasks")
    load_futures = [
        client.submit(
            _load_partition,
            [inputs[i] for i in part],
            limits or Limits(),
            max_sentences,
            key=f"newsweave-load-{run_id}-{n}",
            retries=RETRIES,
        )
        for n, part in enumerate(partitions)
    ]
    try:
        loaded_parts: list[list[_Loaded]] = [
            task_result(future, [inputs[i].path for i in part])
            for future, part in zip(load_futures, partitions, strict=True)
        ]
    except ParallelError:
        client.cancel(load_futures)  # type: ignore[no-untyped-call]
        raise
    loaded = [item for part in loaded_parts for item in part]
    docs = [item.doc for item in loaded if item.doc is not None]
    roles = [item.roles for item in loaded if item.doc is not None]
    say("finding site boilerplate")
    repeated = iter(site_boilerplate(docs, roles))
    say(f"cleaning, analyzing and embedding {len(docs)} articles")
    prepare_futures: list[tuple[Any, list[str]]] = []
    for n, (future, part) in enumerate(zip(load_futures, loaded_parts, strict=True)):
        names = [item.doc.path for item in part if item.doc is not None]
        if names:
            evidence = [next(repeated) for _ in names]
            key = f"newsweave-prepare-{run_id}-{n}"
            submitted = client.submit(
                _prepare_partition, future, evidence, max_sentences, key=key, retries=RETRIES
            )
            prepare_futures.append((submitted, names))
    try:
        prepared_parts: list[_Prepared] = [task_result(future, names) for future, names in prepare_futures]
    except ParallelError:
        client.cancel([future for future, _names in prepare_futures])  # type: ignore[no-untyped-call]
        raise
    skipped = [item.skipped for item in loaded if item.skipped is not None]
    ignored = [item.ignored for item in loaded if item.ignored is not None]
    return (
        skipped,
        ignored,
        Prepared(
            decoded=docs,
            analyzed=[item for part in prepared_parts for item in part.analyzed],
            sentence_vectors=[item for part in prepared_parts for item in part.sentence_vectors],
            title_vectors=[item for part in prepared_parts for item in part.title_vectors],
        ),
    )


def _partitions(count: int, workers: int) -> list[range]:
    """Contiguous index ranges of about equal size, several per worker, at most `MAX_PARTITION` long."""
    if count == 0:
        return []
    size = max(1, min(MAX_PARTITION, math.ceil(count / (max(1, workers) * TASKS_PER_WORKER))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _worker_count(client: Client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


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


def _load_partition(
    inputs: Sequence[RawDoc | DecodedDoc], limits: Limits, max_sentences: int | None
) -> list[_Loaded]:
    """Worker side, round one: parse each input (unless decoded), cut it to what a brief
    reads of it (`compose.bounds.head`) and give its lines their first roles."""
    is_organization = default_models().nlp.is_organization
    loaded: list[_Loaded] = []
    for given in inputs:
        if isinstance(given, DecodedDoc):
            docs = [given]
        else:
            found = expand(given, limits=limits)  # a container (JSONL, feed, WARC) holds several articles
            loaded.extend(_Loaded(None, (), skipped) for skipped in found.skipped)
            loaded.extend(_Loaded(None, (), None, ignored=path) for path in found.ignored)
            docs = [record.doc for record in found.records]
        for doc in map(head, docs, repeat(max_sentences)):
            roles = assign_roles(doc.lines, is_organization, extracted=doc.kind == HTML)
            loaded.append(_Loaded(doc, roles, None))
    return loaded


def _prepare_partition(
    loaded: Sequence[_Loaded], evidence: Sequence[frozenset[str]], max_sentences: int | None
) -> _Prepared:
    """Worker side, round two: as `clean_corpus` + `analyze_articles` + `embed_articles` do.

    A document whose site repeats some of its lines gets its roles again with
    that evidence, exactly as `clean_corpus` does; the others keep round one's.
    """
    models = default_models()
    items = [(item.doc, item.roles) for item in loaded if item.doc is not None]
    articles = []
    for (doc, roles), repeated in zip(items, evidence, strict=True):
        if repeated:
            roles = assign_roles(doc.lines, models.nlp.is_organization, repeated, extracted=doc.kind == HTML)
        articles.append(article_from_roles(doc, roles))
    analyzed = analyze_articles(articles, models.nlp, max_sentences)
    sentence_vectors, title_vectors = embed_articles(analyzed, models.encoder)
    return _Prepared(analyzed, sentence_vectors, title_vectors)
