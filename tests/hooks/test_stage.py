"""The hooks stage against a real receiver on loopback: delivered, signed, retried, logged."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from beatwire.config import Settings
from beatwire.hooks.outbox import queue_new_versions
from beatwire.hooks.stage import run
from beatwire.model import Citation, now_utc
from beatwire.store.deliveries import delivery_log
from beatwire.store.engine import Store
from beatwire.store.hooks import NewHook, create_hook, remove_hook
from beatwire.store.signals import replace_signals
from beatwire.store.stories import withdraw_versions
from tests.hooks.receiver import Receiver, free_port, receiving
from tests.store.builders import a_draft, a_record, a_signal, add_analysed, add_story, an_analysis

FULL: Callable[[], float] = lambda: 1.0  # noqa: E731 -- the longest wait of each backoff step


@pytest.fixture
def cited(store: Store) -> list[int]:
    """Two analysed records (naming OpenAI, then Nvidia) and the signal a story is written from."""
    ids = add_analysed(
        store,
        (a_record("1"), an_analysis(0, entities=("openai",))),
        (a_record("2"), an_analysis(0, entities=("nvidia",))),
    )
    with store.begin() as conn:
        replace_signals(conn, [a_signal("sig_1", score=5.0)])
    return ids


def _hook(store: Store, url: str, **filters: Any) -> NewHook:
    with store.begin() as conn:
        return create_hook(conn, url=url, **filters)


@contextmanager
def hooked(store: Store) -> Iterator[Receiver]:
    """Yield a receiver on loopback that a new hook (following everything) posts to."""
    state = Receiver(secret="")
    with receiving(state) as url:
        state.secret = _hook(store, url).secret
        yield state


def _publish(store: Store, cited: list[int], story_id: str = "s1") -> int:
    draft = a_draft(citations=[Citation(1, cited[0])])
    return add_story(store, story_id, draft=draft)


def _log(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return delivery_log(conn, hook_id=None, limit=50)


def _sent(report: Any) -> dict[str, int]:
    return {k: v for k, v in report.figures.items() if v}


def test_a_published_story_reaches_the_receiver_signed(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    with hooked(store) as state:
        _publish(store, cited)
        report = run(store, settings)
        again = run(store, settings)
    assert _sent(report) == {"queued": 1, "delivered": 1} and _sent(again) == {}
    (got,) = state.got
    assert got.verified and got.headers["X-Beatwire-Event"] == "story.published"
    payload = json.loads(got.body)
    assert payload["event"] == "published"
    story = payload["story"]
    assert (story["id"], story["slug"], story["version"]) == ("s1", "s1-slug", 1)
    assert story["url"] == f"{settings.web.public_base()}/stories/s1-slug/"
    assert story["headline"] == "Agents take over the coding leaderboard"
    assert (story["beat"], story["score"]) == ("ai-agents", 5.0)
    assert story["entities"] == [{"slug": "openai", "name": "Openai"}]
    (delivery,) = _log(store)
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)
    assert delivery["attempts_log"][0]["status_code"] == 200


def test_a_revision_is_delivered_as_revised(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    with hooked(store) as state:
        _publish(store, cited)
        run(store, settings)
        _publish(store, cited)
        run(store, settings)
    events = [
        (json.loads(r.body)["event"], json.loads(r.body)["story"]["version"]) for r in state.got
    ]
    assert events == [("published", 1), ("revised", 2)]
    assert state.got[1].headers["X-Beatwire-Event"] == "story.revised"


def test_a_hook_is_told_only_of_what_it_follows(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    state = Receiver(secret="")
    with receiving(state) as url:
        wanted = _hook(store, f"{url}?all", beats=["ai-agents"], entities=["openai"], min_score=5)
        for name, filters in (
            ("beat", {"beats": ["ai-law"]}),
            ("entity", {"entities": ["nvidia"]}),
            ("narrative", {"narratives": ["nar_9"]}),
            ("score", {"min_score": 5.5}),
        ):
            _hook(store, f"{url}?{name}", **filters)
        state.secret = wanted.secret
        _publish(store, cited)
        run(store, settings)
    assert [r.path for r in state.got] == ["/hook?all"]


def test_a_hook_is_not_told_of_stories_written_before_it(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    _publish(store, cited)
    with hooked(store) as state:
        assert _sent(run(store, settings)) == {}
    assert state.got == []


def test_a_receiver_that_is_down_gets_the_delivery_when_it_comes_back(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    port = free_port()  # nothing listens: the first attempt is refused
    new = _hook(store, f"http://127.0.0.1:{port}/hook")
    _publish(store, cited)
    start = now_utc()
    assert _sent(run(store, settings, now=start, jitter=FULL)) == {"queued": 1, "retrying": 1}
    assert _sent(run(store, settings, now=start + timedelta(seconds=59), jitter=FULL)) == {}
    state = Receiver(secret=new.secret)
    with receiving(state, port):
        back = run(store, settings, now=start + timedelta(seconds=60), jitter=FULL)
    assert _sent(back) == {"delivered": 1} and [r.verified for r in state.got] == [True]
    (delivery,) = _log(store)
    first, second = delivery["attempts_log"]
    assert first["status_code"] is None and "Connect" in first["error"]
    assert (second["status_code"], second["error"]) == (200, None)


def test_a_receiver_down_past_the_last_attempt_is_logged_as_failed(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    settings.hooks.max_attempts = 3
    _hook(store, f"http://127.0.0.1:{free_port()}/hook")
    _publish(store, cited)
    start = now_utc()
    runs = [start, start + timedelta(seconds=60), start + timedelta(seconds=180)]
    reports = [_sent(run(store, settings, now=moment, jitter=FULL)) for moment in runs]
    assert reports == [{"queued": 1, "retrying": 1}, {"retrying": 1}, {"failed": 1}]
    assert _sent(run(store, settings, now=start + timedelta(days=2), jitter=FULL)) == {}
    (delivery,) = _log(store)
    assert (delivery["status"], delivery["attempts"]) == ("failed", 3)
    assert [a["number"] for a in delivery["attempts_log"]] == [1, 2, 3]
    assert all(a["status_code"] is None and a["error"] for a in delivery["attempts_log"])


def test_a_server_error_is_logged_with_its_status_and_retried(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    state = Receiver(secret="", statuses=[503])
    with receiving(state) as url:
        state.secret = _hook(store, url).secret
        _publish(store, cited)
        start = now_utc()
        first = run(store, settings, now=start, jitter=FULL)
        second = run(store, settings, now=start + timedelta(seconds=60), jitter=FULL)
    assert (_sent(first), _sent(second)) == ({"queued": 1, "retrying": 1}, {"delivered": 1})
    (delivery,) = _log(store)
    answers = [(a["status_code"], a["error"]) for a in delivery["attempts_log"]]
    assert answers == [(503, "HTTP 503: not today"), (200, None)]


def test_a_receiver_refuses_a_request_signed_with_another_secret(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    state = Receiver(secret="whsec_not-the-hooks")
    with receiving(state) as url:
        _hook(store, url)
        _publish(store, cited)
        report = run(store, settings)
    assert _sent(report) == {"queued": 1, "retrying": 1}
    assert [r.verified for r in state.got] == [False]
    assert _log(store)[0]["attempts_log"][0]["status_code"] == 401


def test_a_version_withdrawn_before_sending_is_not_sent(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    with hooked(store) as state:
        _publish(store, cited)
        with store.begin() as conn:
            assert queue_new_versions(conn, settings, now_utc()) == 1  # owed, not yet sent
            withdraw_versions(conn, "s1", {1}, [cited[0]])
        report = run(store, settings)
    assert _sent(report) == {"withdrawn": 1} and state.got == []
    assert _log(store)[0]["status"] == "withdrawn"


def test_removing_a_hook_removes_its_deliveries_and_their_log(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    with hooked(store):
        _publish(store, cited)
        run(store, settings)
    assert len(_log(store)) == 1
    with store.begin() as conn:
        assert remove_hook(conn, "1").id == 1
    assert _log(store) == []


def test_a_receiver_that_never_answers_times_out_and_is_retried(
    store: Store, settings: Settings, cited: list[int]
) -> None:
    settings.hooks.timeout_s = 0.2
    with socket.socket() as silent:  # listens (the connection opens) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        _hook(store, f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
        _publish(store, cited)
        report = run(store, settings)
    assert _sent(report) == {"queued": 1, "retrying": 1}
    (attempt,) = _log(store)[0]["attempts_log"]
    assert attempt["status_code"] is None and attempt["error"].startswith("ReadTimeout")
