"""Coverage-guided fuzzing of one newsweave reader (or the JSON API) with atheris.

    .venv/bin/pip install -e '.[fuzz]'            # atheris, a libFuzzer wheel for CPython
    .venv/bin/python benchmarks/fuzz/fuzz_atheris.py FORMAT -atheris_runs=10000
    .venv/bin/python benchmarks/fuzz/fuzz_atheris.py html CORPUS_DIR -max_total_time=600

FORMAT is one of text, html, jsonl, feed, warc (the reader the file suffix
picks, see `tests/fuzz_inputs.read_input`) or api (POST /api/articles of an
app over a throwaway SQLite store; the first input byte picks JSON, multipart
or another media type). newsweave and the parsers it drives (feedparser,
warcio, charset-normalizer, trafilatura, htmldate) are instrumented, so
libFuzzer steers towards inputs that reach new branches. Without a corpus
directory, the invented seed documents of `tests/fuzz_inputs.SEEDS` start the
run. A `NewsweaveError` (or a 4xx answer in the error shape) is a correct
refusal; anything else stops the run with the crashing input saved by
libFuzzer as `crash-<sha1>`, to be replayed by passing that file as the only
argument and turned into a regression test in tests/test_fuzz.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

_INSTRUMENTED = [
    "newsweave",
    "tests.fuzz_inputs",
    "feedparser",
    "warcio",
    "charset_normalizer",
    "trafilatura",
    "htmldate",
]

with atheris.instrument_imports(include=_INSTRUMENTED):
    from tests.fuzz_inputs import FORMATS, SEEDS, check_api_response, read_input

    from newsweave.errors import NewsweaveError

API_MEDIA = ("application/json", "multipart/form-data; boundary=b0undary", "text/plain")
TOKEN = "atheris-token"


def reader_target(fmt: str) -> Callable[[bytes], None]:
    def test_one_input(data: bytes) -> None:
        # warcio writes warnings to stderr; a NewsweaveError is a correct refusal
        with contextlib.redirect_stderr(io.StringIO()), contextlib.suppress(NewsweaveError):
            read_input(fmt, data)

    return test_one_input


def api_target() -> Callable[[bytes], None]:
    from fastapi.testclient import TestClient

    from newsweave.analyze import default_models
    from newsweave.service import create_app

    folder = tempfile.mkdtemp(prefix="newsweave-atheris-")
    models = default_models()
    client = TestClient(
        create_app(f"sqlite:///{folder}/store.db", TOKEN, lambda: models, max_body_bytes=50_000)
    )
    client.__enter__()
    logging.getLogger("newsweave.service").setLevel(logging.CRITICAL)

    def test_one_input(data: bytes) -> None:
        media = API_MEDIA[data[0] % len(API_MEDIA)] if data else API_MEDIA[0]
        headers = {"Content-Type": media, "Authorization": f"Bearer {TOKEN}"}
        response = client.post("/api/articles", content=data[1:], headers=headers)
        check_api_response(response.status_code, response.headers.get("content-type", ""), response.content)

    return test_one_input


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in (*FORMATS, "api"):
        sys.exit(f"usage: {sys.argv[0]} {{{','.join((*FORMATS, 'api'))}}} [CORPUS_DIR] [libFuzzer flags]")
    fmt = sys.argv.pop(1)
    if not any(not arg.startswith("-") for arg in sys.argv[1:]):
        corpus = Path(tempfile.mkdtemp(prefix=f"newsweave-{fmt}-corpus-"))
        seeds = [b"\x00" + b'{"text": "A short invented report."}'] if fmt == "api" else list(SEEDS[fmt])
        for number, seed in enumerate(seeds):
            (corpus / f"seed-{number}").write_bytes(seed)
        sys.argv.append(str(corpus))
    target = api_target() if fmt == "api" else reader_target(fmt)
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
