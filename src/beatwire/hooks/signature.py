"""Signing a webhook body, and the check a receiver runs on it. Standard library only: copy freely.

The sender puts two headers on every POST:

    X-Beatwire-Timestamp: 1767225600                     (Unix seconds when it was sent)
    X-Beatwire-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>." + body, keyed by the secret>

The timestamp is inside the signed bytes, so a captured request replayed later than
`tolerance_s` is refused, and so is one whose body, timestamp or signature was changed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Beatwire-Signature"
TIMESTAMP_HEADER = "X-Beatwire-Timestamp"
TOLERANCE_S = 300  # how far a request's timestamp may be from the receiver's clock


def signature(secret: str, body: bytes, timestamp: int) -> str:
    """Return the signature header's value of `body` sent at `timestamp`."""
    signed = str(timestamp).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: str, body: bytes, timestamp: int) -> dict[str, str]:
    """Return the timestamp and signature headers of `body` sent at `timestamp`."""
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, body, timestamp),
    }


def verify_signature(
    secret: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    now: float | None = None,
    tolerance_s: float = TOLERANCE_S,
) -> bool:
    """Return whether `body` and `headers` came from Beatwire, signed with `secret`, just now.

    `body` must be the raw bytes received, before any JSON parsing. Header names are
    matched without regard to case.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    stamp = lowered.get(TIMESTAMP_HEADER.lower(), "")
    given = lowered.get(SIGNATURE_HEADER.lower(), "")
    if not (stamp.isascii() and stamp.isdigit()) or not given:
        return False
    moment = time.time() if now is None else now
    if abs(moment - int(stamp)) > tolerance_s:
        return False
    return hmac.compare_digest(given, signature(secret, body, int(stamp)))
