"""Narratives are titled by what they are about, carry a state read from their days, and the
index lists no untitled, undersized or duplicate entries."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx2
import pytest
from markupsafe import escape
from sqlalchemy import delete, insert

from beatwire.model import Record
from beatwire.store.engine import Store
from beatwire.store.narratives import save_narratives
from beatwire.store.schema import event_records, events
from beatwire.web.context.narrative_view import TITLE_CHARS, clip_title, state, title
from tests.store.builders import MOMENT, a_narrative, a_record, add_records

THROUGH = datetime(2026, 11, 22, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ({"2026-11-21": 5, "2026-11-22": 9}, "new"),
        ({"2026-11-10": 5, "2026-11-17": 4, "2026-11-21": 12}, "growing"),
        ({"2026-11-17": 6, "2026-11-18": 6, "2026-11-21": 6, "2026-11-22": 6}, "steady"),
        ({"2026-11-10": 3, "2026-11-17": 20, "2026-11-20": 2}, "fading"),
        ({"2026-11-01": 30, "2026-11-15": 8}, "ended"),
        ({}, "ended"),
    ],
)
def test_state_is_read_from_the_daily_records(series: dict[str, int], expected: str) -> None:
    assert state(series, THROUGH) == expected


def test_the_index_lists_titled_linked_entries_only(client: httpx2.Client) -> None:
    data = client.get("/narratives/index.json").json()
    html = client.get("/narratives/").text
    assert data["narratives"]
    for entry in data["narratives"]:
        assert entry["title"].strip()
        assert entry["state"] in {"new", "growing", "steady", "fading", "ended"}
        assert f'href="../narratives/{entry["id"]}/index.html">{escape(entry["title"])}</a>' in html
    assert not re.search(r'index.html">\s*</a>', html)


def test_titles_come_from_a_record_not_the_keyword_label(client: httpx2.Client) -> None:
    for entry in client.get("/narratives/index.json").json()["narratives"]:
        assert "debate" not in entry["title"]  # the seeded keyword-ish labels say "debate N"
    page = client.get("/narratives/nar_1/").text
    assert "debate 1</h1>" not in page


def test_nothing_under_the_minimum_size_is_listed(client: httpx2.Client) -> None:
    data = client.get("/narratives/index.json").json()
    ids = {e["id"] for e in data["narratives"]} | {
        m for e in data["narratives"] for m in e["merged"]
    }
    assert "nar_small" not in ids
    assert all(e["size"] >= data["min_size"] for e in data["narratives"])
    assert (
        f"fewer than {data['min_size']} records are not listed" in client.get("/narratives/").text
    )


def test_narratives_with_the_same_title_are_merged(client: httpx2.Client) -> None:
    entries = client.get("/narratives/index.json").json()["narratives"]
    titles = [e["title"].casefold() for e in entries]
    assert len(titles) == len(set(titles))
    merged = next(e for e in entries if {e["id"], *e["merged"]} == {"nar_1", "nar_dup"})
    assert merged["size"] == 60


def test_the_beat_page_lists_narratives_the_same_way(client: httpx2.Client) -> None:
    data = client.get("/narratives/index.json").json()
    beat = next(e["beat"] for e in data["narratives"] if e["beat"])
    listed = client.get(f"/beats/{beat}/index.json").json()["narratives"]
    assert listed and all(n["title"] and n["state"] for n in listed)
    assert "nar_small" not in {n["id"] for n in listed}


def test_a_long_title_is_cut_at_a_word() -> None:
    long = "word " * 40
    clipped = clip_title(long)
    assert len(clipped) <= TITLE_CHARS and clipped.endswith("word…")


def test_lineage_names_a_related_narrative_by_its_title(client: httpx2.Client) -> None:
    related = client.get("/narratives/nar_0/index.json").json()["title"]
    page = client.get("/narratives/nar_1/").text
    assert f'href="../../narratives/nar_0/index.html">{escape(related)}</a>' in page


def _titled(store: Store, *records: Record) -> str | None:
    ids = add_records(store, *records)
    with store.begin() as conn:
        save_narratives(conn, [a_narrative("n")], [("n", rid) for rid in ids], [])
    with store.read() as conn:
        return title(conn, "n")


def test_a_narrative_is_titled_by_its_most_engaged_titled_record(store: Store) -> None:
    found = _titled(
        store,
        a_record("1", title="Small post", engagement={"score": 3}),
        a_record("2", title="The   big  launch", engagement={"score": 300}),
        a_record("3", kind="comment", title=None, text="Loud comment", engagement={"score": 900}),
    )
    assert found == "The big launch"


def test_untitled_records_give_a_telling_opening_not_a_one_word_reply(store: Store) -> None:
    found = _titled(
        store,
        a_record("1", kind="comment", title=None, text="Bingo.", engagement={"score": 90}),
        a_record(
            "2",
            kind="comment",
            title=None,
            text="The new agent deleted our staging database twice. Never again.",
            engagement={"score": 5},
        ),
    )
    assert found == "“The new agent deleted our staging database twice.”"


def test_a_quoted_opening_is_quoted_once(store: Store) -> None:
    text = '"If I see posts I disagree with, they must be bots." Sure, that explains it.'
    found = _titled(store, a_record("1", kind="comment", title=None, text=text))
    assert found == "“If I see posts I disagree with, they must be bots.”"


def test_a_narrative_reporting_an_event_takes_the_event_title(store: Store) -> None:
    ids = add_records(
        store,
        a_record("1", title="Loud post", engagement={"score": 900}),
        a_record("2", title="Quiet post"),
        a_record("3", title="Other post"),
    )
    with store.begin() as conn:
        save_narratives(conn, [a_narrative("n")], [("n", rid) for rid in ids], [])
        conn.execute(
            insert(events).values(
                id="ev1", title="Nimbrook releases Vireo-4", trigger_record_id=ids[1],
                first_seen=MOMENT, beat="ai-agents", updated_at=MOMENT,
            )
        )  # fmt: skip
        conn.execute(insert(event_records).values(event_id="ev1", record_id=ids[1]))
    with store.read() as conn:
        assert title(conn, "n") == "Nimbrook releases Vireo-4"  # 1 of 3 records: a third
    with store.begin() as conn:
        conn.execute(delete(event_records))
    with store.read() as conn:
        assert title(conn, "n") == "Loud post"
