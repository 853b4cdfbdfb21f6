"""One table from exceptions to HTTP statuses, and RFC 9457 problem responses.

Every error leaves as ``application/problem+json`` with ``type``, ``title``, ``status``
and ``detail`` (plus ``line``/``column`` for query errors and ``available`` for 406).
Only exceptions nobody planned for become 500s: they are bugs, and are logged as such.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    BuildError,
    ConfigError,
    ForbiddenQueryError,
    IndexMismatchError,
    IndexNotBuiltError,
    KGError,
    NotAcceptableError,
    NotBuiltError,
    NotFoundError,
    OverloadedError,
    QueryAbortedError,
    QueryError,
    QueryTimeoutError,
    QueryTooComplexError,
    SearchError,
)

log = logging.getLogger("api")
PROBLEM = "application/problem+json"
PROBLEM_BASE = "https://w3id.org/metkg/problems/"


@dataclass(frozen=True)
class Problem:
    status: int
    slug: str
    title: str
    retry_after: int | None = None


# The table. Lookup walks the exception's MRO, so subclasses come before their bases
# only for readability; the most specific entry always wins.
STATUS: dict[type[BaseException], Problem] = {
    QueryTooComplexError: Problem(400, "query-too-complex", "Query too long or too deeply nested"),
    ForbiddenQueryError: Problem(403, "forbidden-query", "Query not allowed"),
    QueryTimeoutError: Problem(503, "query-timeout", "Query timed out"),
    QueryAbortedError: Problem(503, "query-aborted", "Query evaluation aborted"),
    QueryError: Problem(400, "query-error", "Invalid SPARQL query"),
    NotAcceptableError: Problem(406, "not-acceptable", "Not acceptable"),
    OverloadedError: Problem(503, "overloaded", "Service overloaded", retry_after=2),
    NotBuiltError: Problem(503, "not-built", "No build available", retry_after=30),
    NotFoundError: Problem(404, "not-found", "Not found"),
    IndexNotBuiltError: Problem(503, "index-not-built", "Search index not built", retry_after=30),
    IndexMismatchError: Problem(503, "index-mismatch", "Search index does not match the build"),
    SearchError: Problem(400, "search-error", "Invalid search"),
    ConfigError: Problem(500, "config-error", "Server misconfigured"),
    BuildError: Problem(500, "build-error", "Build failed"),
    KGError: Problem(500, "internal-error", "Internal error"),
}


class ProtocolError(Exception):
    """A request the HTTP protocol layer refuses (bad media type, duplicate parameter...)."""

    def __init__(self, status: int, detail: str, title: str | None = None, headers: dict[str, str] | None = None):
        self.status, self.detail, self.headers = status, detail, headers or {}
        self.title = title or {400: "Bad request", 405: "Method not allowed", 413: "Request too large",
                               415: "Unsupported media type"}.get(status, "Request refused")
        super().__init__(detail)


def problem_for(exc: BaseException) -> Problem:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return Problem(500, "internal-error", "Internal error")


def problem_response(
    status: int, title: str, detail: str, slug: str = "", headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    body: dict[str, object] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def kg_error_response(exc: KGError) -> JSONResponse:
    p = problem_for(exc)
    extra: dict[str, object] = {}
    detail = str(exc)
    if isinstance(exc, QueryError):
        detail = exc.message
        extra.update(line=exc.line, column=exc.column)
    if isinstance(exc, NotAcceptableError):
        extra["available"] = exc.available
    if p.status >= 500 and p.status != 503:
        log.error("%s: %s", type(exc).__name__, exc)
    headers = {"Retry-After": str(p.retry_after)} if p.retry_after else None
    return problem_response(p.status, p.title, detail, p.slug, headers, **extra)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem response."""

    async def on_kg_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, KGError)
        return kg_error_response(exc)

    async def on_protocol_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProtocolError)
        slug = exc.title.lower().replace(" ", "-")
        return problem_response(exc.status, exc.title, exc.detail, slug, exc.headers)

    async def on_validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        return problem_response(400, "Bad request", "the request parameters are invalid", "bad-request", errors=errors)

    async def on_http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
        return problem_response(exc.status_code, title, str(exc.detail), "", dict(exc.headers or {}))

    async def on_unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return problem_response(500, "Internal error", "an unexpected error occurred; it has been logged", "internal-error")

    app.add_exception_handler(KGError, on_kg_error)
    app.add_exception_handler(ProtocolError, on_protocol_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
