"""10,000 generated inputs per format through the real readers, stages and API: zero crashes.

    .venv/bin/python benchmarks/fuzz/bench_fuzz.py                     # every format, 10,000 each
    .venv/bin/python benchmarks/fuzz/bench_fuzz.py --inputs 500 --formats html,feed --api-inputs 0

Inputs come from `tests/fuzz_inputs.py` (seeded: input i of format F is
`generate(F, Random(f"{seed}:{F}:{i}"))`, so any row replays exactly): valid
invented seed documents mutated (bytes flipped, cut, markup inserted, nested
thousands deep, 100 kB attributes, re-encoded), random text in ten encodings,
random bytes. Every tenth input is read as stdin (`-`), where the container
kind is sniffed from the bytes. Each reader's output is checked (`read_input`)
and the articles accepted go, in batches of eight, through cleaning
(`clean_corpus`, real spaCy) and story dating (`date_story`), up to
`--clean-docs` per format. The API row posts `--api-inputs` fuzzed bodies
(JSON, multipart, random bytes) to POST /api/articles of an app over a fresh
SQLite store.

Prints one table: format, inputs, refused (a NewsweaveError, or every part
skipped with its reason), accepted (at least one article), crashes (anything
else: must be 0) and seconds. Each crasher's input is written to `--crash-dir`
(FORMAT-i.bin) with its traceback, to become a regression test.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from tests.fuzz_inputs import FORMATS, api_request, check_api_response, generate, read_input  # noqa: E402

from newsweave.analyze import Models, default_models  # noqa: E402
from newsweave.clean import clean_corpus  # noqa: E402
from newsweave.dating import date_story  # noqa: E402
from newsweave.errors import NewsweaveError  # noqa: E402
from newsweave.models import DecodedDoc  # noqa: E402
from newsweave.service import create_app  # noqa: E402

CLEAN_BATCH = 8
TOKEN = "bench-fuzz-token"


@dataclass
class Row:
    name: str
    inputs: int = 0
    refused: int = 0
    accepted: int = 0
    crashes: int = 0
    seconds: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)


class CrashLog:
    """Where crashers go: their bytes and traceback, one pair of files each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def record(self, row: Row, name: str, data: bytes, error: BaseException) -> None:
        row.crashes += 1
        kind = f"{type(error).__name__}: {str(error)[:120]}"
        row.kinds[kind] = row.kinds.get(kind, 0) + 1
        if row.kinds[kind] <= 3:
            (self.folder / f"{name}.bin").write_bytes(data)
            trace = "".join(traceback.format_exception(error))
            (self.folder / f"{name}.txt").write_text(trace, encoding="utf-8")


def run_reader(
    fmt: str, inputs: int, seed: str, crashes: CrashLog, keep: int
) -> tuple[Row, list[DecodedDoc]]:
    """`inputs` generated inputs through the reader of `fmt`; the first `keep` articles returned."""
    row = Row(fmt)
    kept: list[DecodedDoc] = []
    start = time.perf_counter()
    for index in range(inputs):
        data = generate(fmt, random.Random(f"{seed}:{fmt}:{index}"))
        row.inputs += 1
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio writes warnings to stderr
                outcome = read_input(fmt, data, stdin=index % 10 == 0)
        except NewsweaveError:
            row.refused += 1
            continue
        except Exception as error:
            crashes.record(row, f"{fmt}-{index}", data, error)
            continue
        if outcome.docs:
            row.accepted += 1
            kept.extend(outcome.docs[: keep - len(kept)])
        else:
            row.refused += 1
    row.seconds = time.perf_counter() - start
    return row, kept


def run_clean(fmt: str, docs: list[DecodedDoc], models: Models, crashes: CrashLog) -> Row:
    """Cleaning and dating, in batches (site boilerplate is evidence across a batch)."""
    row = Row(f"{fmt} → clean + date")
    start = time.perf_counter()
    for first in range(0, len(docs), CLEAN_BATCH):
        batch = docs[first : first + CLEAN_BATCH]
        row.inputs += len(batch)
        try:
            articles = clean_corpus(batch, models.nlp.is_organization)
            dates = date_story(articles, [doc.meta.date for doc in batch])
            assert len(dates) == len(batch)
            row.accepted += len(batch)
        except NewsweaveError:
            row.refused += len(batch)
        except Exception as error:
            text = "\n\f\n".join("\n".join(doc.lines) for doc in batch)
            crashes.record(row, f"clean-{fmt}-{first}", text.encode("utf-8", "replace"), error)
    row.seconds = time.perf_counter() - start
    return row


def run_api(inputs: int, seed: str, models: Models, crashes: CrashLog) -> Row:
    """Fuzzed POST /api/articles bodies against an app over a fresh SQLite store."""
    row = Row("api POST /api/articles")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    server_log: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: server_log.append(  # type: ignore[method-assign]
        "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else record.getMessage()
    )
    logging.getLogger("newsweave.service").addHandler(handler)
    logging.getLogger("newsweave.service").propagate = False  # 500s are counted, not printed
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(f"sqlite:///{folder}/store.db", TOKEN, lambda: models, max_body_bytes=50_000)
        with TestClient(app, raise_server_exceptions=False) as client:
            start = time.perf_counter()
            for index in range(inputs):
                headers, body = api_request(random.Random(f"{seed}:api:{index}"))
                row.inputs += 1
                try:
                    server_log.clear()
                    response = client.post("/api/articles", content=body, headers=headers | auth)
                    if response.status_code >= 500 and server_log:
                        raise RuntimeError(f"{response.status_code}: {server_log[-1]}")
                    check_api_response(
                        response.status_code, response.headers.get("content-type", ""), response.content
                    )
                except Exception as error:
                    crashes.record(row, f"api-{index}", body, error)
                    continue
                if response.status_code < 300:
                    row.accepted += 1
                else:
                    row.refused += 1
            row.seconds = time.perf_counter() - start
    return row


def table(rows: list[Row], seed: str) -> Table:
    out = Table(title=f"Fuzzing newsweave (seed {seed!r})")
    for name in ("format", "inputs", "refused", "accepted", "crashes", "seconds"):
        out.add_column(name, justify="left" if name == "format" else "right")
    for row in rows:
        out.add_row(
            row.name,
            f"{row.inputs:,}",
            f"{row.refused:,}",
            f"{row.accepted:,}",
            str(row.crashes),
            f"{row.seconds:.1f}",
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="generated inputs per reader format")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset of formats")
    parser.add_argument("--clean-docs", type=int, default=1_000, help="accepted articles cleaned per format")
    parser.add_argument("--api-inputs", type=int, default=10_000, help="fuzzed POST bodies (0: skip)")
    parser.add_argument("--seed", default="newsweave-fuzz-1")
    parser.add_argument("--crash-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsweave-crashers")
    args = parser.parse_args(argv)
    console = Console()
    crashes = CrashLog(args.crash_dir)
    models = default_models() if args.clean_docs or args.api_inputs else None
    rows: list[Row] = []
    step: Callable[[str], None] = lambda message: console.print(f"[dim]{message}[/dim]")  # noqa: E731
    for fmt in args.formats.split(","):
        step(f"{fmt}: {args.inputs:,} inputs")
        row, docs = run_reader(fmt, args.inputs, args.seed, crashes, args.clean_docs)
        rows.append(row)
        if docs and models is not None:
            step(f"{fmt}: cleaning and dating {len(docs):,} articles")
            rows.append(run_clean(fmt, docs, models, crashes))
    if args.api_inputs and models is not None:
        step(f"api: {args.api_inputs:,} bodies")
        rows.append(run_api(args.api_inputs, args.seed, models, crashes))
    console.print(table(rows, args.seed))
    for row in rows:
        for kind, count in sorted(row.kinds.items()):
            console.print(f"[red]{row.name}: {count} × {kind}[/red]")
    if any(row.crashes for row in rows):
        console.print(f"crashers written to {args.crash_dir}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
