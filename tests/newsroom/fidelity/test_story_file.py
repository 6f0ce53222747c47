"""`beatwire verify --file`: a story file with its records inline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beatwire.cli import app
from beatwire.errors import NewsroomError
from beatwire.newsroom.fidelity.story_file import verify_file

RECORDS = [
    {"number": 1, "provider": "bluesky", "author": "mara.bsky.social", "author_name": "Mara Quillon",  # noqa: E501
     "text": "The Orvane Council finally passed the model audit rule today.",
     "entities": [{"name": "Orvane Council", "type": "government"}], "published_at": "2026-11-03T10:00:00Z"},  # noqa: E501
    {"number": 2, "provider": "reddit", "author": "quietlake",
     "text": "I run a tiny startup and the new audit rule scares me more than any competitor ever did."},  # noqa: E501
]  # fmt: skip


def _file(tmp_path: Path, body: str, **extra: object) -> Path:
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"body": body, "citations": RECORDS, **extra}), encoding="utf-8")
    return path


def test_a_faithful_file_scores_100(tmp_path: Path) -> None:
    body = (
        "On Bluesky, Mara Quillon wrote: “The Orvane Council finally passed the model audit rule "
        "today.” [1]\n\nThe vote drew 59 records on November 3."
    )
    report = verify_file(_file(tmp_path, body, figures={"records": 59}))
    assert report.score == 100.0 and report.claims_checked == 2


def test_a_swapped_attribution_in_a_file_is_caught(tmp_path: Path) -> None:
    body = "On Bluesky, quietlake wrote: “The Orvane Council finally passed the model audit rule today.” [1]"  # noqa: E501
    report = verify_file(_file(tmp_path, body))
    assert report.score == 0.0
    assert report.failed_checks == {"attribution": 1, "speaker": 1}


def test_a_file_without_a_body_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text('{"citations": []}', encoding="utf-8")
    with pytest.raises(NewsroomError, match="needs a `body`"):
        verify_file(path)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(NewsroomError, match="not valid JSON"):
        verify_file(path)


def test_the_cli_prints_the_report_as_json(tmp_path: Path) -> None:
    body = "Mara Quillon wrote: “The Orvane Council finally passed the model audit rule today.” [1]"
    result = CliRunner().invoke(app, ["verify", "--file", str(_file(tmp_path, body))])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["score"] == 100.0
