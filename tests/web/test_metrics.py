"""Prometheus /metrics: figures read from the store."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from datetime import timedelta
from typing import Any

import httpx2
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from beatwire.config import load_settings
from beatwire.jobs.runner import run_stage
from beatwire.model import StageReport
from beatwire.store.engine import open_store
from beatwire.store.records import count_records
from beatwire.web.app import create_app
from beatwire.web.metrics import metrics_text, serve_metrics


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_count_records_errors_lag_and_llm_cost(demo) -> None:  # type: ignore[no-untyped-def]
    samples = _samples(metrics_text(demo.store).decode())
    by_source = {
        labels[0][1]: v for (name, labels), v in samples.items() if name == "beatwire_records"
    }
    with demo.store.read() as conn:
        assert sum(by_source.values()) == count_records(conn)
    assert len(by_source) >= 3
    assert ("beatwire_llm_cost_usd_total", (("model", ""), ("writer", "offline"))) in samples


def test_a_failed_stage_shows_as_an_error_and_a_lag(sqlite_url: str) -> None:
    store = open_store(sqlite_url)

    def boom() -> StageReport:
        raise RuntimeError("no")

    run_stage(store, "detect", lambda: StageReport("detect"), lease=timedelta(minutes=1))
    with contextlib.suppress(RuntimeError):
        run_stage(store, "analyze", boom, lease=timedelta(minutes=1))
    samples = _samples(metrics_text(store).decode())
    assert samples[("beatwire_stage_errors_total", (("stage", "analyze"),))] == 1
    assert samples[("beatwire_stage_lag_seconds", (("stage", "detect"),))] >= 0


def _get(app: Any, path: str, headers: dict[str, str] | None = None) -> httpx2.Response:
    async def fetch() -> httpx2.Response:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(path, headers=headers or {})

    return asyncio.run(fetch())


def test_the_public_port_has_no_metrics_without_a_token(sqlite_url: str) -> None:
    app = create_app(load_settings(None, db=sqlite_url), open_store(sqlite_url))
    response = _get(app, "/metrics")
    assert response.status_code == 404
    assert "beatwire_" not in response.text


def test_with_a_token_the_web_app_serves_metrics_to_its_bearer_only(sqlite_url: str) -> None:
    settings = load_settings(None, db=sqlite_url)
    settings.web.metrics_token = SecretStr("s3cret")
    app = create_app(settings, open_store(sqlite_url))
    assert _get(app, "/metrics").status_code == 401
    assert _get(app, "/metrics", {"Authorization": "Bearer wrong"}).status_code == 401
    response = _get(app, "/metrics", {"Authorization": "Bearer s3cret"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "beatwire_pending_analysis 0.0" in response.text


def test_metrics_on_a_listener_of_their_own(sqlite_url: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    serve_metrics(open_store(sqlite_url), "127.0.0.1", port)
    response = httpx2.get(f"http://127.0.0.1:{port}/metrics")
    assert response.status_code == 200
    assert "beatwire_pending_analysis 0.0" in response.text
