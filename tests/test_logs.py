"""`--log-json`: one JSON object a line, with the fields given as extras."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from beatwire.logs import configure_logging


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_level_logger_message_and_extras(restore_logging: None) -> None:
    out = io.StringIO()
    configure_logging(verbose=True, as_json=True, stream=out)
    logging.getLogger("beatwire.test").info("stored %d records", 25, extra={"source": "bluesky"})
    line = json.loads(out.getvalue())
    assert line["level"] == "info" and line["logger"] == "beatwire.test"
    assert line["message"] == "stored 25 records" and line["source"] == "bluesky"
    assert line["time"].endswith("+00:00")


def test_exceptions_are_kept_in_one_line(restore_logging: None) -> None:
    out = io.StringIO()
    configure_logging(as_json=True, stream=out)
    try:
        raise ValueError("bad page")
    except ValueError:
        logging.getLogger("beatwire.test").exception("ingest failed")
    assert out.getvalue().count("\n") == 1
    assert "ValueError: bad page" in json.loads(out.getvalue())["exception"]


def test_without_verbose_info_is_quiet(restore_logging: None) -> None:
    out = io.StringIO()
    configure_logging(as_json=False, stream=out)
    logging.getLogger("beatwire.test").info("hidden")
    logging.getLogger("beatwire.test").warning("shown")
    assert out.getvalue() == "WARNING beatwire.test: shown\n"
