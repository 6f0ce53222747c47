"""JSON responses of reads with a strong ETag and Cache-Control, and 304 on If-None-Match."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel

# Answers depend on the key's scopes, so shared caches must keep them apart.
_VARY = "Authorization, X-API-Key"


def matches(header: str | None, etag: str) -> bool:
    """Return whether an If-None-Match header names `etag`."""
    if header is None:
        return False
    if header.strip() == "*":
        return True
    # If-None-Match uses the weak comparison: W/"x" matches "x".
    tags = (tag.strip().removeprefix("W/") for tag in header.split(","))
    return etag in tags


def json_read(
    request: Request, body: BaseModel, *, max_age: int, immutable: bool = False
) -> Response:
    """Return `body` as JSON with ETag and Cache-Control, or 304 when the client has it."""
    content = body.__pydantic_serializer__.to_json(body)
    etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
    control = f"private, max-age={max_age}" + (", immutable" if immutable else "")
    headers = {"ETag": etag, "Cache-Control": control, "Vary": _VARY}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(content, media_type="application/json", headers=headers)
