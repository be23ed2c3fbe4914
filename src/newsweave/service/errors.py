"""One JSON shape for every error the service returns, whatever raised it.

Clients (scripts, the pages' JSON twins) should never have to guess how a
failure looks: FastAPI's own 422s, Starlette's 404 and 405 for unknown
routes, our own refusals and unexpected crashes all become

    {"error": {"status": 404, "message": "no story 'x'", "detail": null}}

with the status repeated in the body so a log line of the body alone says
what happened. A browser asking for a page (not under /api, Accept naming
text/html) gets the same status and message as a small HTML page instead.
A crash answers 500 with a generic message: the traceback goes to the
server log, never to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsweave.service.composing import StoryComposing
from newsweave.store import DatabaseError

log = logging.getLogger("newsweave.service")

_MESSAGES = {
    400: "bad request",
    401: "authentication required",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request body too large",
    415: "unsupported media type",
    422: "invalid request",
    500: "internal server error",
}


class ApiError(Exception):
    """A refusal with its status, a sentence for people and optional detail for programs."""

    def __init__(
        self,
        status: int,
        message: str,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail
        self.headers = headers


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """The common error object."""
    return {"error": {"status": status, "message": message, "detail": detail}}


def error_response(
    status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, message, detail), status_code=status, headers=headers)


def _wants_page(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/static/", "/openapi", "/docs", "/redoc")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(
    request: Request, status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> Response:
    """The error as JSON, or as a page for a browser that asked for one."""
    if not _wants_page(request):
        return error_response(status, message, detail, headers)
    templates = request.app.state.service.templates
    context = {"title": f"{status} {_MESSAGES.get(status, 'error')}", "status": status, "message": message}
    response: Response = templates.TemplateResponse(
        request, "error.html", context | {"twin": "/api/stories"}, status_code=status, headers=headers
    )
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through `error_response` (or its page twin)."""

    async def on_api_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, ApiError)
        return _respond(request, error.status, error.message, error.detail, error.headers)

    async def on_http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        status = error.status_code
        given = error.detail if isinstance(error.detail, str) else None
        message = given or _MESSAGES.get(status, "error")
        if status == 404 and given in (None, "Not Found"):
            message = "not found: no such page or resource"
        headers = dict(error.headers) if error.headers else None
        return _respond(request, status, message, None, headers)

    async def on_validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = [
            {"where": ".".join(str(part) for part in item.get("loc", ())), "problem": item.get("msg", "")}
            for item in error.errors()
        ]
        first = problems[0] if problems else {"where": "", "problem": "invalid"}
        message = f"invalid request: {first['where']}: {first['problem']}"
        return _respond(request, 422, message, problems)

    async def on_database_error(request: Request, error: Exception) -> Response:
        # A database that is full, locked too long or gone is the server's state, not a bug:
        # 503 with the one-line reason (no password), and the client may try again.
        assert isinstance(error, DatabaseError)
        failure = request.app.state.service.store.failure(error)
        if failure is None:
            return await on_crash(request, error)
        log.error("database failure: %s", failure)  # the details (database, driver) stay in the log
        message = "the store is unavailable just now (busy, full or unreachable); try again shortly"
        return _respond(request, 503, message, None, {"Retry-After": "5"})

    async def on_composing(request: Request, error: Exception) -> Response:
        # Not a failure: the story exists and its brief is on its way; come back shortly.
        assert isinstance(error, StoryComposing)
        headers = {"Retry-After": str(error.retry_after)}
        facts = error.facts()
        if not _wants_page(request):
            return JSONResponse({"story": facts, "message": str(error)}, status_code=202, headers=headers)
        templates = request.app.state.service.templates
        context = {"title": facts["headline"], "story": facts, "twin": f"/api/stories/{facts['id']}"}
        response: Response = templates.TemplateResponse(
            request, "composing.html", context, status_code=202, headers=headers
        )
        return response

    async def on_crash(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=error)
        return error_response(500, "internal server error; the server log has the details")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StoryComposing, on_composing)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(DatabaseError, on_database_error)
    app.add_exception_handler(Exception, on_crash)
