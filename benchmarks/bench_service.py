"""Bounded load on loopback against `newsweave serve`: p50/p99 latency, errors, lost writes.

    .venv/bin/python benchmarks/bench_service.py                       # SQLite, and PostgreSQL if available
    .venv/bin/python benchmarks/bench_service.py --mode read --requests 2000 --concurrency 20
    .venv/bin/python benchmarks/bench_service.py --requests 1000 --writes 0.05 --time-limit 600

For each database the bundled example is ingested into a fresh store, then
`newsweave serve` is started on 127.0.0.1 (a free port) and `--requests`
GET requests are sent at `--concurrency`, alternating between the story
page (HTML), the story's JSON and the story list's JSON. Only loopback is
ever contacted; the loop is bounded by the request count and a time limit.
Prints one table: requests, errors (non-200 or failed), p50, p99 and max
latency in milliseconds, and requests per second. A baseline row times
`GET /api/stories` on the same server alone, one request at a time.

`--mode mixed` (the default runs both) interleaves writers with the
readers: a share `--writes` of the requests are POST /api/articles with the
bearer token, each a distinct invented article made from `--seed` and a
counter, the rest the same reads (the story list JSON and page). Afterwards
the store itself is opened and every acknowledged write (201) is looked up
by its article id: a write the server acknowledged but did not keep is
lost, and lost writes must be 0. Writes the server shed (429/503) are
counted apart, as are writes that timed out on the client (the server may
still have stored them: `stored` counts what the store holds of all sent).
Default: 5,000 requests at concurrency 32, writes 10%, bounded by count and
`--time-limit`; requests not sent in time are reported as such.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
NEWSWEAVE = [sys.executable, "-m", "newsweave"]
TIME_LIMIT_S = 300.0
TOKEN = "bench-token-not-secret"
SHED = (429, 503)

sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ingest(url: str) -> str:
    subprocess.run([*NEWSWEAVE, "ingest", str(EXAMPLE), "--db", url, "-q"], check=True, cwd=ROOT)
    listed = subprocess.run(
        [*NEWSWEAVE, "stories", "--db", url, "--format", "json"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    import json

    stories = json.loads(listed)
    rows = stories["stories"] if isinstance(stories, dict) else stories
    return str(rows[0]["id"])


@contextmanager
def _server(url: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [*NEWSWEAVE, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=os.environ | {"NEWSWEAVE_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/stories", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("server did not start within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


async def _load(
    base: str, paths: Sequence[str], total: int, concurrency: int
) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(paths[i % len(paths)])
    started = time.monotonic()

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty() and time.monotonic() - started < TIME_LIMIT_S:
            path = queue.get_nowait()
            sent = time.perf_counter()
            try:
                response = await client.get(base + path)
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - sent) * 1000)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors, time.monotonic() - started


PLACES = ["Orvale", "Bristane", "Kelmont", "Saverny", "Tulloch Bay", "Marrowfield", "Eskby", "Dunvar"]
EVENTS = [
    ("a bridge repair", "the council", "engineers"),
    ("a water main burst", "the water board", "repair crews"),
    ("a school roof fire", "the fire service", "firefighters"),
    ("a ferry breakdown", "the harbour office", "mechanics"),
    ("a market flood", "the market trust", "volunteers"),
]


def invented_article(seed: int, n: int) -> dict[str, str]:
    """Write number `n` of the run: an invented local report, distinct for every (seed, n)."""
    rng = random.Random(seed * 1_000_003 + n)
    place = rng.choice(PLACES)
    event, office, crews = rng.choice(EVENTS)
    day = 1 + n % 28
    return {
        "title": f"{event.capitalize()} in {place} (report {seed}-{n})",
        "outlet": f"{place} Weekly",
        "published": f"2024-03-{day:02d}",
        "text": (
            f"{office.capitalize()} in {place} dealt with {event} on March {day}, officials said.\n"
            f"{crews.capitalize()} worked for {rng.randint(2, 40)} hours, and {rng.randint(3, 900)} homes "
            f"were affected, a spokesperson said.\n"
            f"This is report number {n} of run {seed}; repairs should take {rng.randint(1, 12)} weeks.\n"
        ),
    }


@dataclass
class Mixed:
    """What a mixed run saw, write by write."""

    read_ms: list[float] = field(default_factory=list)
    write_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    acked: list[str] = field(default_factory=list)  # article ids of 201 answers
    duplicate: int = 0  # 200: already stored (never expected: every write is distinct)
    shed: int = 0  # 429/503: refused under load, not lost
    timed_out: int = 0  # no answer in time: the server may have stored it anyway
    errors: int = 0  # any other answer or failure, reads and writes
    not_sent: int = 0  # left in the queue when the time limit hit
    seconds: float = 0.0


def plan(total: int, share: float) -> list[bool]:
    """Which of `total` requests are writes: evenly spread, `share` of them (rounded down)."""
    return [int((i + 1) * share) > int(i * share) for i in range(total)]


async def _mixed(
    base: str, reads: Sequence[str], total: int, concurrency: int, share: float, seed: int, limit_s: float
) -> Mixed:
    seen = Mixed()
    queue: asyncio.Queue[tuple[bool, int]] = asyncio.Queue()
    for i, is_write in enumerate(plan(total, share)):
        queue.put_nowait((is_write, i))
    started = time.monotonic()
    auth = {"Authorization": f"Bearer {TOKEN}"}

    async def write(client: httpx.AsyncClient, i: int) -> None:
        sent = time.perf_counter()
        try:
            response = await client.post(base + "/api/articles", json=invented_article(seed, i), headers=auth)
        except httpx.TimeoutException:
            seen.timed_out += 1
            return
        except httpx.HTTPError:
            seen.errors += 1
            return
        seen.write_ms.append((time.perf_counter() - sent) * 1000)
        seen.statuses[f"POST {response.status_code}"] += 1
        if response.status_code == 201:
            seen.acked.append(response.json()["article_id"])
        elif response.status_code == 200:
            seen.duplicate += 1
        elif response.status_code in SHED:
            seen.shed += 1
        else:
            seen.errors += 1

    async def read(client: httpx.AsyncClient, i: int) -> None:
        sent = time.perf_counter()
        try:
            response = await client.get(base + reads[i % len(reads)])
        except httpx.HTTPError:
            seen.errors += 1
            return
        seen.read_ms.append((time.perf_counter() - sent) * 1000)
        seen.statuses[f"GET {response.status_code}"] += 1
        if response.status_code != 200:
            seen.errors += 1

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty() and time.monotonic() - started < limit_s:
            is_write, i = queue.get_nowait()
            await (write(client, i) if is_write else read(client, i))

    timeout = httpx.Timeout(limit_s, connect=30)
    async with httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=concurrency)) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    seen.seconds = time.monotonic() - started
    seen.not_sent = queue.qsize()
    return seen


def _stored(url: str, ids: Sequence[str]) -> tuple[int, int]:
    """How many of `ids` the store holds, and how many articles it holds in all."""
    from newsweave.store import open_store

    with open_store(url) as store:
        return len(store.known(ids)), store.article_count()


def _percentile(values: Sequence[float], share: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(len(ordered) * share))]:.1f}"


def _mixed_run(url: str, name: str, args: argparse.Namespace, table: Table) -> None:
    from newsweave.store import open_store

    _ingest(url)
    with open_store(url) as store:
        before = store.article_count()
    with _server(url) as base:
        seen = asyncio.run(
            _mixed(
                base,
                ["/api/stories", "/"],
                args.requests,
                args.concurrency,
                args.writes,
                args.seed,
                args.time_limit,
            )
        )
    found, after = _stored(url, seen.acked)
    sent = len(seen.read_ms) + len(seen.write_ms) + seen.timed_out + seen.errors
    table.add_row(
        name,
        str(sent),
        str(len(seen.write_ms) + seen.timed_out),
        str(len(seen.acked)),
        str(after - before),
        str(len(seen.acked) - found),
        str(seen.shed),
        str(seen.timed_out),
        str(seen.errors),
        _percentile(seen.read_ms, 0.5),
        _percentile(seen.read_ms, 0.99),
        _percentile(seen.write_ms, 0.5),
        _percentile(seen.write_ms, 0.99),
        f"{sent / seen.seconds:.0f}",
    )
    print(
        f"{name}: statuses {dict(sorted(seen.statuses.items()))}; not sent {seen.not_sent}", file=sys.stderr
    )


def _row(table: Table, name: str, latencies: list[float], errors: int, seconds: float) -> None:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    table.add_row(
        name,
        str(len(latencies)),
        str(errors),
        f"{statistics.median(ordered):.1f}",
        f"{p99:.1f}",
        f"{ordered[-1]:.1f}",
        f"{len(latencies) / seconds:.0f}",
    )


def _databases(tmp: Path) -> Iterator[tuple[str, str]]:
    yield "SQLite", f"sqlite:///{tmp / 'bench.db'}"
    from tests import pg_server

    if pg_server.missing_reason() is None:
        with pg_server.server() as server_url, pg_server.fresh_database(server_url) as url:
            yield "PostgreSQL", url
    else:
        print(f"PostgreSQL skipped: {pg_server.missing_reason()}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["read", "mixed", "both"], default="both")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--writes", type=float, default=0.1, help="share of writes in mixed mode (0-1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, help="seconds per run")
    args = parser.parse_args(argv)
    if not 0 <= args.writes <= 1:
        parser.error("--writes is a share between 0 and 1")
    reads = Table(
        title=f"newsweave serve on loopback, reads: {args.requests} requests "
        f"at concurrency {args.concurrency}"
    )
    for column in ("run", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s"):
        reads.add_column(column, justify="left" if column == "run" else "right")
    mixed = Table(
        title=f"newsweave serve on loopback, mixed: {args.requests} requests at concurrency "
        f"{args.concurrency}, {args.writes:.0%} writes"
    )
    for column in (
        "database",
        "requests",
        "writes",
        "acked",
        "stored",
        "lost",
        "shed",
        "timed out",
        "errors",
        "read p50 ms",
        "read p99 ms",
        "write p50 ms",
        "write p99 ms",
        "req/s",
    ):
        mixed.add_column(column, justify="left" if column == "database" else "right")
    with tempfile.TemporaryDirectory() as folder:
        for name, url in _databases(Path(folder)):
            if args.mode in ("read", "both"):
                story = _ingest(url)
                paths = [f"/stories/{story}", f"/api/stories/{story}", "/api/stories"]
                with _server(url) as base:
                    latencies, errors, seconds = asyncio.run(_load(base, ["/api/stories"], 50, 1))
                    _row(reads, f"{name}: baseline, /api/stories one at a time", latencies, errors, seconds)
                    latencies, errors, seconds = asyncio.run(
                        _load(base, paths, args.requests, args.concurrency)
                    )
                    _row(reads, f"{name}: story page + story JSON + list", latencies, errors, seconds)
            if args.mode in ("mixed", "both"):
                _mixed_run(url, name, args, mixed)
    load = os.getloadavg()[0]
    caption = f"{os.cpu_count()} CPUs; load average {load:.1f} after; one uvicorn worker"
    console = Console(width=160)
    for table in (reads, mixed):
        if table.row_count:
            table.caption = caption
            console.print(table)


if __name__ == "__main__":
    main()
