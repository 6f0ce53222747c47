"""The web's one cache: entries die with the data version, a write shows at once, hits skip SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from beatwire.config import load_settings
from beatwire.model import Citation, Draft, Record
from beatwire.store.engine import Store, open_store
from beatwire.store.keys import create_key
from beatwire.store.records import upsert_records
from beatwire.store.stories import save_story_version
from beatwire.web.api.limits import RateLimiter
from beatwire.web.app import create_app
from beatwire.web.cache import DataCache
from beatwire.web.version import UNKNOWN, DataVersion


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'cache.db'}")
    with opened.begin() as conn:
        now = datetime.now(UTC)
        upsert_records(conn, [Record("test", "r1", "post", "a record", now, now)])
    yield opened
    opened.close()


def _add_story(store: Store, n: int, headline: str = "") -> None:
    draft = Draft(
        headline=headline or f"Cache story {n}",
        dek="A dek.",
        body="A body citing a record [1].",
        takeaways=["one"],
        seo_description="seo",
        story_type="story",
        beats=["models-releases"],
        citations=[Citation(1, 1, None)],
        signal_ids=[],
        writer="offline",
    )
    with store.begin() as conn:
        save_story_version(
            conn,
            status="developing",
            story_id=f"c{n}",
            slug=f"cache-{n}",
            topic_key=f"k{n}",
            draft=draft,
            fidelity={"score": 90.0},
            published=True,
        )


def _app(store: Store) -> FastAPI:
    settings = load_settings(None, db=str(store.engine.url))
    return create_app(settings, store)


def _api(app: FastAPI) -> FastAPI:
    mounted = next(route for route in app.routes if getattr(route, "path", None) == "/v1")
    return mounted.app  # type: ignore[attr-defined, no-any-return]


class Version:
    """A data version the test moves by hand."""

    def __init__(self) -> None:
        self.value: object = 1

    def current(self) -> object:
        return self.value


def test_an_entry_of_another_version_or_past_its_ttl_is_not_served() -> None:
    now = [0.0]
    cache = DataCache(Version(), entries=5, clock=lambda: now[0])
    cache.put("a", b"1", 1, ttl=10)
    assert cache.get("a", 1) == b"1"
    assert cache.get("a", 2) is None and cache.get("a", 1) is None  # dropped once stale
    cache.put("b", b"2", UNKNOWN, ttl=10)
    assert cache.get("b", UNKNOWN) is None and len(cache) == 0
    cache.put("c", b"3", 1, ttl=10)
    cache.put("d", b"4", 1, ttl=None)
    cache.put("e", b"5", 1, ttl=0)  # a ttl of 0 keeps nothing
    now[0] = 10
    assert cache.get("c", 1) is None and cache.get("e", 1) is None
    assert cache.get("d", 1) == b"4"  # no ttl: kept while the data holds


def test_the_cache_keeps_a_cap_dropping_the_least_recent() -> None:
    cache = DataCache(Version(), entries=2)
    for key in "abc":
        cache.put(key, key.encode(), 1, ttl=None)
    assert cache.get("a", 1) is None and cache.get("c", 1) == b"c" and len(cache) == 2


def test_get_or_make_makes_once_per_version_and_keeps_no_none() -> None:
    version, made = Version(), []
    cache = DataCache(version, entries=5)

    def make() -> str | None:
        made.append(version.value)
        return None if version.value == 3 else f"v{version.value}"

    assert cache.get_or_make("k", make, ttl=None) == "v1"
    assert cache.get_or_make("k", make, ttl=None) == "v1"
    version.value = 2
    assert cache.get_or_make("k", make, ttl=None) == "v2"
    version.value = 3
    assert cache.get_or_make("k", make, ttl=None) is None
    assert cache.get_or_make("k", make, ttl=None) is None
    assert made == [1, 2, 3, 3]


def test_the_data_version_moves_on_every_commit(store: Store) -> None:
    version = DataVersion(store)
    before = version.current()
    assert before is not UNKNOWN and version.current() == before
    _add_story(store, 1)
    assert version.current() != before
    version.close()


def test_an_in_memory_store_has_no_version() -> None:
    memory = open_store("sqlite://")
    assert DataVersion(memory).current() is UNKNOWN
    memory.close()


def test_a_cached_page_is_reused_until_a_write(store: Store) -> None:
    _add_story(store, 1)
    app = _app(store)
    with TestClient(app) as http:
        first = http.get("/")
        assert first.status_code == 200 and "Cache story 1" in first.text
        assert len(app.state.cache) == 1
        again = http.get("/")
        assert again.content == first.content
        assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        _add_story(store, 2)
        fresh = http.get("/")
        assert "Cache story 2" in fresh.text
        assert (http.get("/stories/nothing-here/")).status_code == 404
        assert len(app.state.cache) == 1  # errors are not kept


def test_a_story_context_is_kept_for_its_files_while_the_data_holds(store: Store) -> None:
    _add_story(store, 1)
    settings = load_settings(None, db=str(store.engine.url))
    settings.web.page_cache_s = 0  # no page kept: only the context shows in the cache
    app = create_app(settings, store)
    with TestClient(app) as http:
        for name in ("", "index.json", "index.txt", "volume.svg"):
            assert http.get(f"/stories/cache-1/{name}").status_code == 200
            assert len(app.state.cache) == 1
        _add_story(store, 1, headline="Cache story revised")
        assert "Cache story revised" in http.get("/stories/cache-1/index.txt").text


def test_a_cached_api_answer_is_dropped_by_a_write(store: Store) -> None:
    _add_story(store, 1)
    with store.begin() as conn:
        token = create_key(conn, name="t", scopes=("stories",), rpm=10_000).token
    app = _app(store)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as http:
        first = http.get("/v1/stories")
        assert [s["id"] for s in first.json()["data"]] == ["c1"]
        again = http.get("/v1/stories")
        assert again.content == first.content
        assert len(app.state.cache) == 2  # the key the route checked, and the answer
        cached_304 = http.get("/v1/stories", headers={"If-None-Match": first.headers["etag"]})
        assert cached_304.status_code == 304 and cached_304.headers["etag"] == first.headers["etag"]
        _add_story(store, 2)
        fresh = http.get("/v1/stories")
        assert [s["id"] for s in fresh.json()["data"]] == ["c2", "c1"]


def test_a_cached_answer_still_needs_the_scope_and_spends_the_limit(store: Store) -> None:
    with store.begin() as conn:
        stories_key = create_key(conn, name="s", scopes=("stories",), rpm=60).token
        records_key = create_key(conn, name="r", scopes=("records",), rpm=60).token
    app = _app(store)
    _api(app).state.api.limiter = RateLimiter(burst=10, clock=lambda: 0.0)
    with TestClient(app) as http:
        allowed = {"X-API-Key": stories_key}
        statuses = [(http.get("/v1/stories", headers=allowed)).status_code for _ in range(11)]
        assert statuses == [200] * 10 + [429]
        other = http.get("/v1/stories", headers={"X-API-Key": records_key})
        assert other.status_code == 403
        assert (http.get("/v1/stories")).status_code == 401
