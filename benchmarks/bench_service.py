"""Bounded load on loopback against `newsweave serve`: p50/p99 latency and errors.

    .venv/bin/python benchmarks/bench_service.py                       # SQLite, and PostgreSQL if available
    .venv/bin/python benchmarks/bench_service.py --requests 2000 --concurrency 20

For each database the bundled example is ingested into a fresh store, then
`newsweave serve` is started on 127.0.0.1 (a free port) and `--requests`
GET requests are sent at `--concurrency`, alternating between the story
page (HTML), the story's JSON and the story list's JSON. Only loopback is
ever contacted; the loop is bounded by the request count and a time limit.
Prints one table: requests, errors (non-200 or failed), p50, p99 and max
latency in milliseconds, and requests per second. A baseline row times
`GET /api/stories` on the same server alone, one request at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kim-russia-2023"
NEWSWEAVE = [sys.executable, "-m", "newsweave"]
TIME_LIMIT_S = 300.0

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
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args(argv)
    table = Table(
        title=f"newsweave serve on loopback: {args.requests} requests at concurrency {args.concurrency}"
    )
    for column in ("run", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s"):
        table.add_column(column, justify="left" if column == "run" else "right")
    with tempfile.TemporaryDirectory() as folder:
        for name, url in _databases(Path(folder)):
            story = _ingest(url)
            paths = [f"/stories/{story}", f"/api/stories/{story}", "/api/stories"]
            with _server(url) as base:
                latencies, errors, seconds = asyncio.run(_load(base, ["/api/stories"], 50, 1))
                _row(table, f"{name}: baseline, /api/stories one at a time", latencies, errors, seconds)
                latencies, errors, seconds = asyncio.run(_load(base, paths, args.requests, args.concurrency))
                _row(table, f"{name}: story page + story JSON + list", latencies, errors, seconds)
    load = os.getloadavg()[0]
    table.caption = f"{os.cpu_count()} CPUs; load average {load:.1f} after; one uvicorn worker"
    Console(width=130).print(table)


if __name__ == "__main__":
    main()
