"""The replay source: JSON-lines records with an optional corpus header."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beatwire.errors import ParseError, SourceError
from beatwire.sources import replay
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.store.records import count_records

NOW = datetime(2026, 11, 29, tzinfo=UTC)
HEADER = {"beatwire_corpus": 1, "synthetic": True, "title": "test"}
LINE = {
    "provider": "reddit",
    "native_id": "t3_abc",
    "kind": "post",
    "title": "Is the new agent framework any good?",
    "text": "Tried it on a weekend project and it kept looping on the same tool call.",
    "url": "https://www.reddit.com/r/LocalLLaMA/comments/abc/",
    "author": "weekend_hacker",
    "published_at": "2026-11-03T14:05:00Z",
    "engagement": {"score": 41, "comments": 12},
    "source": "r/LocalLLaMA",
    "extra": {"flair": "Discussion"},
}


def payload(*lines: dict[str, object]) -> bytes:
    return "\n".join(json.dumps(line) for line in lines).encode()


def test_parse_maps_every_field() -> None:
    (record,) = replay.parse(payload(HEADER, LINE), collected_at=NOW)
    assert (record.provider, record.native_id, record.kind) == ("reddit", "t3_abc", "post")
    assert record.title == "Is the new agent framework any good?"
    assert record.author == "weekend_hacker"
    assert record.published_at == datetime(2026, 11, 3, 14, 5, tzinfo=UTC)
    assert record.collected_at == record.published_at  # deterministic replays
    assert record.engagement == {"score": 41, "comments": 12}
    assert record.source == "r/LocalLLaMA"
    assert record.canonical_url == LINE["url"]


def test_header_is_read_but_not_a_record() -> None:
    assert replay.read_header(payload(HEADER, LINE)) == HEADER
    assert replay.read_header(payload(LINE)) is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "holds no records"),
        (b"{not json", "line 1: not JSON"),
        (payload({"provider": "reddit"}), "missing native_id, text, published_at"),
        (payload({**LINE, "published_at": "yesterday"}), "bad published_at"),
        (payload({**LINE, "engagement": [1, 2]}), "engagement must be an object"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_malformed_files_give_one_clear_error(body: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        replay.parse(body, collected_at=NOW)


def test_ingesting_a_file_twice_adds_nothing_the_second_time(
    store: Store, settings: object, tmp_path: Path
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(payload(HEADER, LINE, {**LINE, "native_id": "t3_def"}))
    first = ingest_file(store, settings, replay, path)  # type: ignore[arg-type]
    second = ingest_file(store, settings, replay, path)  # type: ignore[arg-type]
    assert (first.figures["inserted"], second.figures["inserted"]) == (2, 0)
    assert second.figures["updated"] == 2
    with store.read() as conn:
        assert count_records(conn) == 2


def test_unreadable_file_is_a_source_error(store: Store, settings: object, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        ingest_file(store, settings, replay, tmp_path / "missing.jsonl")  # type: ignore[arg-type]
