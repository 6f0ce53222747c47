"""Logging set-up: readable lines on a terminal, one JSON object per line with `--log-json`.

JSON lines are what log shippers (journald, Loki, Elasticsearch) index without a
parser; every field passed with `extra=` becomes a key of its own.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any, TextIO

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object: time, level, logger, message and extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON line."""
        moment = datetime.fromtimestamp(record.created, tz=UTC)
        data: dict[str, Any] = {
            "time": moment.isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def configure_logging(
    *, verbose: bool = False, as_json: bool = False, stream: TextIO | None = None
) -> None:
    """Send log records to stderr (or `stream`): INFO with `verbose`, else WARNING."""
    handler = logging.StreamHandler(stream)
    if as_json:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
