"""The one JSON error body of /v1, and the handlers that give every failure that shape.

    {"error": {"code": "bad_request", "message": "bad query parameter 'limit': ..."}}

Validation errors become 400 (not FastAPI's 422) with the first reason in words;
unknown routes and methods, our own ApiError tree and store outages all answer in
the same shape.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from beatwire.errors import ApiError, RateLimited, StoreError, Unauthorized
from beatwire.web.api.models import ErrorPublic

log = logging.getLogger(__name__)

_CODES = {404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Return the JSON error body with this status."""
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_reason(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "bad request"
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ())]
    where = {"query": "query parameter", "path": "path parameter", "header": "header"}.get(
        loc[0] if loc else "", "input"
    )
    name = loc[1] if len(loc) > 1 else "?"
    return f"bad {where} {name!r}: {first.get('msg', 'invalid')}"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited):
        headers.update(exc.headers)
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="beatwire"'
    return error_response(exc.status, exc.code, exc.one_line(), headers)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(400, "bad_request", _validation_reason(exc))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _CODES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))


async def _store_down(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error answering %s: %s", request.url.path, exc)
    return error_response(503, "store_unavailable", "the store cannot be read right now")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of `app` answer with the one JSON error body."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(StoreError, _store_down)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Return the OpenAPI `responses` entries of these error statuses."""
    words = {
        400: "Bad input: a filter, cursor or parameter is not valid (the message says which).",
        401: "No API key, or an unknown or revoked one.",
        403: "The key lacks the scope this operation needs.",
        404: "Nothing with this id.",
        429: "Too many requests (see Retry-After), or a stream already open for this key.",
        503: "The store cannot be read right now.",
    }
    return {status: {"model": ErrorPublic, "description": words[status]} for status in statuses}
