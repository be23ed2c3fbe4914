"""POST /api/articles: one article in, stored the way `newsweave ingest` stores it.

Checks run cheapest first and before any body is read: the bearer token
(401 missing or wrong, 403 when the server has none configured: writes are
never open by default), then the declared length (413), then the body is
read in chunks and cut off at the limit (413 again, for chunked uploads that
declare nothing), then parsed (400 malformed JSON, 422 a JSON body without a
usable `text`, 415 another media type).

A JSON article becomes a plain-text document, its metadata as header lines
(title, outlet, publication date, URL, then a blank line and the text),
because the store keeps raw bytes and re-reads them whenever a brief is
composed: the header lines are read back by the same cleaning that reads
any text file's header. An uploaded file is stored as its bytes.

Storing is `ingest` semantics for one article: clean, then store and file it
into its story in one transaction (keyed by the content hash, so the same
article twice is stored once: 201 then 200). Filing takes milliseconds; the
story's brief is composed when next asked for. Writes in one server process
run one at a time (a lock) around one story index; filing transactions of
all processes run one at a time (see `store.filing`).
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
from starlette.types import Message

from newsweave.config import Config
from newsweave.errors import InputError
from newsweave.ingest import load
from newsweave.ingesting import Filer, content_id
from newsweave.models import RawDoc
from newsweave.pipeline import Models
from newsweave.service.errors import ApiError
from newsweave.service.queries import article_story
from newsweave.store import Store

TOKEN_ENV = "NEWSWEAVE_TOKEN"
DEFAULT_MAX_BODY = 2_000_000
_FIELDS = ("title", "outlet", "published", "url")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Stored:
    """What a write did: the article's id, its story (if grouped), and whether it was new."""

    article_id: str
    story_id: str | None
    created: bool


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

    async def parse(self, request: Request, body: bytes) -> RawDoc:
        """The article in a JSON or multipart body, as the raw document to store."""
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/json" or media.endswith("+json"):
            return json_article(body)
        if media == "multipart/form-data":
            return await _uploaded(request, body)
        raise ApiError(
            415,
            "send the article as application/json or as a multipart/form-data file upload",
            {"content_type": media or None},
        )

    def store_article(self, raw: RawDoc) -> Stored:
        """Clean, store and file one article into its story (one write at a time)."""
        article_id = content_id(raw.data)
        with self._lock:
            created = False
            if article_id not in self.store.known([article_id]):
                try:
                    doc = load(raw, limits=self.config.limits())
                except InputError as error:
                    raise ApiError(422, f"cannot read the article: {error.problem}") from error
                if self._filer is None:
                    self._filer = Filer(self.store, self.config, self.models_factory())
                created = self._filer.file([(article_id, raw, doc)]) == 1
        return Stored(article_id, article_story(self.store, article_id), created)


def json_article(body: bytes) -> RawDoc:
    """A JSON article object as a plain-text document with its metadata as header lines."""
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
    header = []
    for name in _FIELDS:
        field = value.get(name)
        if field is None:
            continue
        if not isinstance(field, str):
            raise ApiError(422, f'"{name}" must be a string', {"field": name})
        if field.strip():
            header.append(" ".join(field.split()))
    document = "\n".join(header) + ("\n\n" if header else "") + text.strip() + "\n"
    try:
        return RawDoc("api/article.txt", document.encode("utf-8"))
    except UnicodeEncodeError as error:  # "\ud800" is valid JSON but no character
        bad = next(name for name in ("text", *_FIELDS) if _SURROGATE.search(str(value.get(name, ""))))
        message = f'malformed JSON: "{bad}" holds a \\u escape of a lone surrogate, which is not text'
        raise ApiError(400, message, {"field": bad}) from error


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
    return RawDoc(f"upload/{name[:100]}", data)
