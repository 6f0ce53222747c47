"""Beatwire's one exception tree.

    BeatwireError
    ├── ConfigError
    ├── StoreError
    ├── SourceError
    │   ├── FetchError           (provider, url, status, retry_after)
    │   └── ParseError           (provider, native_id, reason)
    ├── AnalysisError
    ├── NewsroomError
    │   ├── WriterError
    │   ├── GateRejected
    │   └── VerificationFailed
    └── ApiError
        ├── NotFound
        ├── Forbidden
        │   └── Unauthorized     (no key, or a key that does not exist)
        └── RateLimited

Library code raises these; the CLI turns any of them into one line
(`Error: ...`) and the web app into one JSON error body. Third-party errors
are translated at the boundary, so nothing above a layer catches a library's
own exception types. This module imports nothing from the package.
"""

from __future__ import annotations


class BeatwireError(Exception):
    """Base of every error Beatwire raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """Return the message, and the hint if any, on one line."""
        text = " ".join(self.message.split())
        if self.hint:
            text += f" ({' '.join(self.hint.split())})"
        return text


class ConfigError(BeatwireError):
    """Settings, command-line arguments or a database URL are not usable."""


class StoreError(BeatwireError):
    """The store cannot be opened, migrated or written."""


class SourceError(BeatwireError):
    """A source cannot be used (unknown, disabled, misconfigured)."""

    def __init__(self, provider: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{provider}: {message}", hint=hint)
        self.provider = provider


class FetchError(SourceError):
    """A platform did not return a usable response."""

    def __init__(
        self,
        provider: str,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        hint: str | None = None,
    ) -> None:
        where = f"{url} -> HTTP {status}" if status is not None else url
        super().__init__(provider, f"{reason} [{where}]", hint=hint)
        self.url = url
        self.status = status
        self.retry_after = retry_after
        self.reason = reason


class ParseError(SourceError):
    """A payload (or one item of it) does not have the platform's shape."""

    def __init__(
        self, provider: str, reason: str, *, native_id: str | None = None, hint: str | None = None
    ) -> None:
        item = f" item {native_id}" if native_id else ""
        super().__init__(provider, f"cannot parse{item}: {reason}", hint=hint)
        self.native_id = native_id
        self.reason = reason


class AnalysisError(BeatwireError):
    """A record or an input file cannot be analysed."""


class NewsroomError(BeatwireError):
    """A story cannot be written, gated or verified."""


class WriterError(NewsroomError):
    """A writer (offline or a model) failed to produce a draft."""


class GateRejected(NewsroomError):
    """A draft broke a rule of the output gate."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("draft rejected by the output gate: " + "; ".join(reasons))
        self.reasons = reasons


class VerificationFailed(NewsroomError):
    """A draft's fidelity score is below the publication threshold."""

    def __init__(self, score: float, threshold: float) -> None:
        super().__init__(f"fidelity score {score:.0f} is below the threshold {threshold:.0f}")
        self.score = score
        self.threshold = threshold


class ApiError(BeatwireError):
    """A request to the web API cannot be answered as asked."""

    status = 400
    code = "bad_request"


class NotFound(ApiError):
    """The thing asked for does not exist."""

    status = 404
    code = "not_found"


class Forbidden(ApiError):
    """The key is missing, revoked or lacks the scope."""

    status = 403
    code = "forbidden"


class Unauthorized(Forbidden):
    """No key was sent, or the key is unknown or revoked."""

    status = 401
    code = "unauthorized"


class RateLimited(ApiError):
    """The key has used up its requests for now."""

    status = 429
    code = "rate_limited"

    def __init__(
        self, message: str, *, retry_after: float, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.headers = headers or {}  # where the key stands (RateLimit-*), when known
