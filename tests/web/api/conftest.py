"""Fixtures of the API tests: a store with a little of everything, keys, an in-process client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI

from beatwire.config import Settings, load_settings
from beatwire.model import Analysis, BeatScore, Citation, Draft, Entity, Record, Signal
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store, open_store
from beatwire.store.keys import create_key
from beatwire.store.records import upsert_records
from beatwire.store.schema import narrative_events, narrative_members, narratives
from beatwire.store.signals import replace_signals
from beatwire.store.stories import save_story_version
from beatwire.web.api.deps import ApiState
from beatwire.web.app import create_app
from tests.conftest import pg_schema

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Seeded:
    """What `seed` stored: ids to ask for."""

    record_ids: list[int]
    story_id: str
    story_slug: str
    held_story_id: str
    narrative_id: str


def _record(n: int, provider: str, text: str, hours_ago: float) -> Record:
    moment = NOW - timedelta(hours=hours_ago)
    return Record(
        provider=provider,
        native_id=f"n{n}",
        kind="post",
        text=text,
        title=f"Item {n}" if provider == "hackernews" else None,
        url=f"https://example.org/{provider}/{n}",
        author=f"author{n}",
        lang="en",
        published_at=moment,
        collected_at=moment + timedelta(minutes=3),
        engagement={"likes": n, "replies": 1},
        source="test-feed",
    )


RECORD_TEXTS = [
    ("hackernews", "A lab ships a reasoning model with open weights", 2),
    ("bluesky", "Regulators draft rules for frontier model audits", 5),
    ("reddit", "Chip export limits tighten again, vendors react", 30),
    ("bluesky", "Benchmark scores at 100% raise contamination_questions", 50),
    ("hackernews", "Startup raises a round to build coding agents", 80),
    # Longer than an excerpt (280 characters), so a list must cut it.
    (
        "reddit",
        "An unanalysed post about model licensing, followed by a long thread of replies that "
        "argue over whether the licence terms allow commercial use, what attribution the "
        "authors expect, how downstream fine-tunes inherit those terms, and why several mirrors "
        "quietly removed the files after a week of debate among maintainers and lawyers alike",
        1,
    ),
]


def _analysis(record_id: int, n: int) -> Analysis:
    beat = ("models-releases", "policy-regulation")[n % 2]
    return Analysis(
        record_id=record_id,
        lang="en",
        sentiment_label=("positive", "negative", "neutral")[n % 3],
        sentiment_score=(0.5, -0.4, 0.0)[n % 3],
        emotion="joy",
        emotion_scores={"joy": 0.6},
        entities=[Entity("openai", "OpenAI", "organization", 1)]
        + ([Entity("eu-ai-act", "EU AI Act", "legislation", 2)] if n % 2 else []),
        key_phrases=["open weights"],
        beats=[BeatScore(beat, 0.9)],
        ai_relevance=0.8,
        versions={"sentiment": "vader@1"},
    )


def _signal(n: int, record_ids: list[int]) -> Signal:
    return Signal(
        id=f"sig-{n}",
        kind="volume_spike",
        key="models-releases",
        beat="models-releases",
        window_start=NOW - timedelta(days=1 + n),
        window_end=NOW - timedelta(days=n),
        value=40.0 + n,
        baseline=10.0,
        effect=3.0,
        significance=4.2,
        min_count=25,
        sentence=f"Posts about model releases rose {n + 3}-fold.",
        score=0.7,
        evidence=record_ids[:2],
        promoted_as="story",
        topic_key=f"volume:{n}",
    )


def _draft(headline: str, record_ids: list[int], signal_ids: list[str]) -> Draft:
    return Draft(
        headline=headline,
        dek="Talk about model releases doubled in a day.",
        body="Posts tripled [1]. Regulators took note [2].",
        takeaways=["Volume tripled"],
        seo_description="Model release talk tripled.",
        story_type="story",
        beats=["models-releases"],
        citations=[
            Citation(1, record_ids[0], "ships a reasoning model"),
            Citation(2, record_ids[1]),
        ],
        signal_ids=signal_ids,
        writer="offline",
        faq=[{"q": "What rose?", "a": "Posts about releases."}],
    )


def _narrative(conn: Any, record_ids: list[int]) -> str:
    rows = [
        {"id": "nar-1", "label": "Open weights", "status": "growing"},
        {"id": "nar-0", "label": "Older thread", "status": "faded"},
    ]
    for row in rows:
        conn.execute(
            narratives.insert().values(
                **row,
                beat="models-releases",
                phrases=["open weights"],
                top_entities=["openai"],
                size=2,
                platforms={"bluesky": 1, "hackernews": 1},
                born_at=NOW - timedelta(days=3),
                updated_at=NOW - timedelta(hours=1),
            )
        )
    conn.execute(
        narrative_events.insert(),
        [
            {"narrative_id": "nar-1", "kind": "born", "at": NOW - timedelta(days=3), "details": {}},
            {
                "narrative_id": "nar-1",
                "kind": "merged",
                "at": NOW - timedelta(days=1),
                "details": {"from": ["nar-0", "gone-narrative"]},
            },
        ],
    )
    conn.execute(
        narrative_members.insert(),
        [{"narrative_id": "nar-1", "record_id": rid} for rid in record_ids[:2]],
    )
    return "nar-1"


def seed(store: Store) -> Seeded:
    """Store records, analyses, signals, narratives and stories through the store functions."""
    with store.begin() as conn:
        upsert_records(conn, [_record(n, p, t, h) for n, (p, t, h) in enumerate(RECORD_TEXTS)])
    with store.read() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM records ORDER BY id")]
    with store.begin() as conn:
        save_analyses(conn, [_analysis(rid, n) for n, rid in enumerate(ids[:-1])])
        replace_signals(conn, [_signal(n, ids) for n in range(3)])
        narrative = _narrative(conn, ids)
        fidelity = {"score": 92.0, "claims": []}
        for headline in ("Release talk doubles", "Release talk triples"):
            save_story_version(
                conn,
                status="developing",
                story_id="st1",
                slug="release-talk",
                topic_key="volume:0",
                draft=_draft(headline, ids, ["sig-0"]),
                fidelity=fidelity,
                published=True,
            )
        save_story_version(
            conn,
            status="developing",
            story_id="st-held",
            slug="held-story",
            topic_key="volume:1",
            draft=_draft("A held draft", ids, ["sig-1"]),
            fidelity={"score": 40.0},
            published=False,
        )
    return Seeded(ids, "st1", "release-talk", "st-held", narrative)


@pytest.fixture(scope="session")
def shared_pg_url() -> Iterator[str]:
    """A PostgreSQL schema for the whole session's read-only tests, dropped at the end."""
    with pg_schema("bw_api") as url:
        yield url


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def read_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of the session's seeded store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('api') / 'beatwire.db'}"
    return str(request.getfixturevalue("shared_pg_url"))


@pytest.fixture(scope="session")
def read_store(read_url: str) -> Iterator[tuple[Store, Seeded]]:
    """A store seeded once per database for the tests that only read it (and add keys)."""
    opened = open_store(read_url)
    seeded = seed(opened)
    yield opened, seeded
    opened.close()


@pytest.fixture
def seeded(read_store: tuple[Store, Seeded]) -> Seeded:
    """The ids of what the shared store holds."""
    return read_store[1]


@pytest.fixture
def shared(read_store: tuple[Store, Seeded]) -> Store:
    """The shared seeded store."""
    return read_store[0]


@pytest.fixture
def app(read_store: tuple[Store, Seeded]) -> FastAPI:
    """The whole web app on the shared seeded store (a fresh limiter each test)."""
    store = read_store[0]
    return _make_app(load_settings(None, db=str(store.engine.url)), store)


def _make_app(settings: Settings, store: Store) -> FastAPI:
    return create_app(settings, store)


def api_state(app: FastAPI) -> ApiState:
    """Return the state of the /v1 app mounted in `app`."""
    mounted = next(route for route in app.routes if getattr(route, "path", None) == "/v1")
    state: ApiState = mounted.app.state.api  # type: ignore[attr-defined]
    return state


@pytest.fixture
def state(app: FastAPI) -> ApiState:
    """The /v1 app's shared state (its limiter, streams, clock)."""
    return api_state(app)


@pytest.fixture
def make_key(shared: Store) -> Callable[..., str]:
    """Return a function that stores a key and returns its token."""

    def make(scopes: tuple[str, ...] = ("records", "stories", "stream"), rpm: int = 10_000) -> str:
        with shared.begin() as conn:
            return create_key(conn, name="test", scopes=scopes, rpm=rpm).token

    return make


@pytest.fixture
def token(make_key: Callable[..., str]) -> str:
    """A key with every scope and a high limit."""
    return make_key()


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio."""
    return "asyncio"


@pytest.fixture
async def client(app: FastAPI, token: str) -> AsyncIterator[httpx2.AsyncClient]:
    """An in-process client of the app that sends the all-scopes key."""
    transport = httpx2.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://beatwire.test", headers=headers
    ) as http:
        yield http


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """An in-process client that sends no key."""
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://beatwire.test") as http:
        yield http


def error_of(response: httpx2.Response) -> dict[str, Any]:
    """Return the error part of the one error body, asserting the shape."""
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return dict(body["error"])


@pytest.fixture
def error_body() -> Callable[[httpx2.Response], dict[str, Any]]:
    """The error-shape checker, as a fixture (test modules cannot import each other)."""
    return error_of


@pytest.fixture
def app_factory() -> Callable[..., FastAPI]:
    """The function that builds the whole web app, for tests with a store of their own."""
    return _make_app
