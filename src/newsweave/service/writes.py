"""POST /api/articles: articles in, stored the way `newsweave ingest` stores them.

Checks run cheapest first and before any body is read: the bearer token
(401 missing or wrong, 403 when the server has none configured: writes are
never open by default), then the declared length (413), then the body is
read in chunks and cut off at the limit (413 again, for chunked uploads that
declare nothing), then parsed (400 malformed JSON, 422 a JSON body without a
usable `text` or nothing readable in a file, 415 another media type).

What arrives is read by the readers `ingest` uses, so an article reads the
same however it came in:

- a JSON article (`application/json`): `text` and the metadata fields of
  `ingest.fields` (`title`, `url`, `published`, `outlet`, `byline`,
  `language`, each a string). It is kept as the JSON object `ingest.records`
  writes, metadata as metadata: its URL is the article's URL, never a line of
  its text for cleaning to judge.
- a file upload (`multipart/form-data`, the form field `file`), read as
  `ingest` reads a file of that name: a text or HTML file is one article, a
  container (.jsonl, .ndjson, .rss, .atom, .xml, .warc, .warc.gz, .sgml,
  .sgm) one article per record. A name without such a suffix takes its kind
  from the part's media type, as a body does:
- a container as the body itself, by its media type: JSON Lines
  (`application/x-ndjson`, `application/jsonl`, `application/ndjson`,
  `application/x-jsonlines`, `application/jsonlines`), a feed
  (`application/rss+xml`, `application/atom+xml`) or a WARC archive
  (`application/warc`).

One article answers `{article_id, story_id, created, links}`: 201, or 200
when it was stored already. A container answers with every record's outcome
(`{records: [{path, status, article_id, story_id, reason}], stored,
duplicates, skipped}`; status `stored`, `duplicate` or `skipped` with its
reason): 201 when any record was new, 200 when none was; 422 when nothing in
it could be read, listing why.

Storing is `ingest` semantics: clean, then store and file each article into
its story in one transaction (keyed by the content hash, so the same article
twice is stored once). Filing takes milliseconds; the story's brief is
composed when next asked for. Writes in one server process run one at a
time (a lock) around one story index; filing transactions of all processes
run one at a time (see `filing`).
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Message

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.errors import InputError
from newsweave.ingest import Filer, content_id
from newsweave.models import RawDoc
from newsweave.readers import Expansion, Record, expand, meta_from_json, read_record
from newsweave.readers.containers import KNOWN_SUFFIXES, container_kind, input_suffix
from newsweave.readers.decode import check_lines
from newsweave.readers.fields import JSON_KEYS, not_a_string
from newsweave.readers.records import record_bytes
from newsweave.service.errors import ApiError
from newsweave.store import Store

TOKEN_ENV = "NEWSWEAVE_TOKEN"
DEFAULT_MAX_BODY = 2_000_000
# A JSON article is stored as a one-line JSON Lines record of this name.
API_PATH = "api/article.jsonl:1"
# Containers sent as the body: the name each is read under (its suffix decides the reader).
_BODY_NAMES = {
    "application/x-ndjson": "upload.jsonl",
    "application/ndjson": "upload.jsonl",
    "application/jsonl": "upload.jsonl",
    "application/x-jsonlines": "upload.jsonl",
    "application/jsonlines": "upload.jsonl",
    "application/rss+xml": "upload.rss",
    "application/atom+xml": "upload.atom",
    "application/warc": "upload.warc",
}
CONTAINER_TYPES = tuple(_BODY_NAMES)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
STORED, DUPLICATE, SKIPPED = "stored", "duplicate", "skipped"


@dataclass(frozen=True)
class Submission:
    """What a write sent: the bytes to read, and whether they hold many articles."""

    raw: RawDoc
    container: bool


@dataclass(frozen=True)
class Outcome:
    """What became of one article of a write: stored, a duplicate, or skipped (and why)."""

    path: str
    status: str
    article_id: str | None = None
    story_id: str | None = None
    reason: str | None = None


class Writer:
    """The one place articles enter the store through the service."""

    def __init__(
        self,
        store: Store,
        token: str | None,
        models_factory: Callable[[], Models],
        config: Config,
        max_body_bytes: int,
    ) -> None:
        self.store = store
        self.token = token or None
        self.models_factory = models_factory
        self.config = config
        self.max_body_bytes = max_body_bytes
        self._lock = threading.Lock()
        self._filer: Filer | None = None

    def authorize(self, header: str | None) -> None:
        """Raise unless `header` is `Bearer <the configured token>` (compared in constant time)."""
        if self.token is None:
            raise ApiError(
                403,
                f"writes are disabled: this server has no token; set {TOKEN_ENV} "
                "(or pass --token to `newsweave serve`) and send `Authorization: Bearer <token>`",
            )
        challenge = {"WWW-Authenticate": 'Bearer realm="newsweave"'}
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            message = "missing bearer token: send `Authorization: Bearer <token>`"
            raise ApiError(401, message, headers=challenge)
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise ApiError(401, "wrong bearer token", headers=challenge)

    async def read_body(self, request: Request) -> bytes:
        """The request body, refused with 413 as soon as it passes the limit."""
        declared = request.headers.get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.max_body_bytes:
            raise self._too_large()
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > self.max_body_bytes:
                raise self._too_large()
        return bytes(body)

    def _too_large(self) -> ApiError:
        return ApiError(
            413,
            f"request body too large: the limit is {self.max_body_bytes} bytes",
            {"limit": self.max_body_bytes},
        )

    async def parse(self, request: Request, body: bytes) -> Submission:
        """What a JSON, multipart or container body holds, as the bytes to read."""
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in _BODY_NAMES:
            if not body.strip():
                raise ApiError(422, "the body is empty")
            return Submission(RawDoc(f"upload/{_BODY_NAMES[media]}", body), True)
        if media == "application/json" or media.endswith("+json"):
            return Submission(json_article(body), False)
        if media == "multipart/form-data":
            raw = await _uploaded(request, body)
            return Submission(raw, container_kind(raw) is not None)
        raise ApiError(
            415,
            "send the article as application/json or as a multipart/form-data file upload, "
            "or a container as its media type: " + ", ".join(sorted(_BODY_NAMES)),
            {"content_type": media or None},
        )

    def store_submission(self, submission: Submission) -> list[Outcome]:
        """Read what was sent, then store and file each article into its story (one write
        at a time); what became of each, records in their order, then those skipped."""
        found = self._read(submission)
        skipped = [Outcome(item.path, SKIPPED, reason=item.reason) for item in found.skipped]
        skipped += [Outcome(path, SKIPPED, reason="not an article") for path in found.ignored]
        if not found.records:
            if not submission.container:
                reason = skipped[0].reason if skipped else "no article found"
                raise ApiError(422, f"cannot read the article: {reason}")
            reasons = [{"path": item.path, "reason": item.reason} for item in skipped]
            message = f"no article could be read from {submission.raw.path}"
            raise ApiError(422, message + (f": {skipped[0].reason}" if skipped else ""), {"skipped": reasons})
        return self._store(found.records) + skipped

    def _read(self, submission: Submission) -> Expansion:
        limits = self.config.limits()
        raw = submission.raw
        if raw.path != API_PATH:
            return expand(raw, limits=limits)
        try:
            record = read_record(raw.path, raw.data)
            check_lines(raw.path, list(record.doc.lines), limits)
        except InputError as error:
            raise ApiError(422, f"cannot read the article: {error.problem}") from error
        return Expansion(records=[record])

    def _store(self, records: list[Record]) -> list[Outcome]:
        keyed = [(content_id(record.raw.data), record) for record in records]
        with self._lock:
            known = self.store.known(key for key, _record in keyed)
            fresh: dict[str, Record] = {}
            for key, record in keyed:
                if key not in known:
                    fresh.setdefault(key, record)
            filed = 0
            if fresh:
                if self._filer is None:
                    self._filer = Filer(self.store, self.config, self.models_factory())
                filed = self._filer.file([(key, record.raw, record.doc) for key, record in fresh.items()])
        # Nothing filed of what was new here: another process stored it meanwhile. (Should
        # that happen to part of a container only, its new records all count as stored.)
        new = set(fresh) if filed else set()
        stories = {key: self.store.article_story(key) for key in dict.fromkeys(key for key, _ in keyed)}
        outcomes = []
        for key, record in keyed:
            status = STORED if key in new and fresh[key] is record else DUPLICATE
            outcomes.append(Outcome(record.raw.path, status, key, stories[key]))
        return outcomes


def answer(submission: Submission, outcomes: list[Outcome]) -> JSONResponse:
    """The answer to a write: one article's object, or a container's list of records."""
    stored = sum(outcome.status == STORED for outcome in outcomes)
    status = 201 if stored else 200
    if not submission.container:
        one = _links(outcomes[0])
        content = {"article_id": one["article_id"], "story_id": one["story_id"], "created": bool(stored)}
        return JSONResponse(content | {"links": one["links"]}, status_code=status)
    records = [
        {"path": item.path, "status": item.status, "reason": item.reason} | _links(item) for item in outcomes
    ]
    duplicates = sum(outcome.status == DUPLICATE for outcome in outcomes)
    listing = {
        "records": records,
        "stored": stored,
        "duplicates": duplicates,
        "skipped": len(outcomes) - stored - duplicates,
    }
    return JSONResponse(listing, status_code=status)


def _links(outcome: Outcome) -> dict[str, Any]:
    article, story = outcome.article_id, outcome.story_id
    return {
        "article_id": article,
        "story_id": story,
        "links": {
            "source": None if article is None else f"/api/sources/{article}",
            "story": None if story is None else f"/api/stories/{story}",
        },
    }


def json_article(body: bytes) -> RawDoc:
    """A JSON article object as the record it is stored as (`ingest.records`)."""
    try:
        value: Any = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ApiError(400, "malformed JSON: the body is not UTF-8", {"position": error.start}) from error
    except RecursionError as error:
        raise ApiError(400, "malformed JSON: nested too deeply") from error
    except json.JSONDecodeError as error:
        raise ApiError(
            400,
            f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}",
            {"line": error.lineno, "column": error.colno},
        ) from error
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise ApiError(400, f"malformed JSON: {error}") from error
    if not isinstance(value, dict):
        raise ApiError(422, f'expected a JSON object with a "text" field, got a JSON {type(value).__name__}')
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(422, 'the "text" field is required and must be a non-empty string', {"field": "text"})
    wrong = not_a_string(value)
    if wrong is not None:
        raise ApiError(422, f'"{wrong}" must be a string', {"field": wrong})
    for name in ("text", *(key for keys in JSON_KEYS.values() for key in keys)):
        if isinstance(value.get(name), str) and _SURROGATE.search(value[name]):  # valid JSON, no text
            message = f'malformed JSON: "{name}" holds a \\u escape of a lone surrogate, which is not text'
            raise ApiError(400, message, {"field": name})
    return RawDoc(API_PATH, record_bytes(meta_from_json(value), text=text.strip()))


async def _uploaded(request: Request, body: bytes) -> RawDoc:
    replayed = False

    async def receive() -> Message:
        nonlocal replayed
        if replayed:
            return {"type": "http.disconnect"}
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, receive).form(max_files=1, max_fields=10)
    except Exception as error:  # multipart parse errors have no common base class
        raise ApiError(400, f"malformed multipart body: {error}") from error
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise ApiError(422, 'upload the article as a file in the form field "file"', {"field": "file"})
    data = await upload.read()
    if not data.strip():
        raise ApiError(422, "the uploaded file is empty", {"field": "file"})
    name = _SAFE_NAME.sub("_", (upload.filename or "article.txt").rsplit("/", 1)[-1]).strip("._") or "article"
    name = name[:100]
    media = (upload.content_type or "").split(";")[0].strip().lower()
    if media in _BODY_NAMES and input_suffix(name) not in KNOWN_SUFFIXES:  # the name says nothing
        name += input_suffix(_BODY_NAMES[media])
    return RawDoc(f"upload/{name}", data)
