"""Prometheus `/metrics`: read from the store at each scrape, so it is the same on every host.

Records per source, analysis backlog, stage lag (time since each stage's last
good run), cursor age, stage errors, and the LLM tokens and dollars the
writers spent. Nothing is counted in process memory: any web server in front
of the store reports the whole system, whichever worker did the work.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Connection, func, select

from beatwire.errors import ConfigError
from beatwire.model import now_utc
from beatwire.store.engine import Store
from beatwire.store.records import count_pending
from beatwire.store.schema import records, source_cursors, stage_runs, story_versions


def _records(conn: Connection) -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "beatwire_records", "Records in the store, by source.", labels=["source"]
    )
    query = select(records.c.provider, func.count().label("count")).group_by(records.c.provider)
    for row in conn.execute(query).mappings():
        family.add_metric([str(row["provider"])], float(row["count"]))
    return family


def _stage_lag(conn: Connection) -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "beatwire_stage_lag_seconds",
        "Seconds since the stage last finished without error.",
        labels=["stage"],
    )
    query = (
        select(stage_runs.c.stage, func.max(stage_runs.c.finished_at).label("finished"))
        .where(stage_runs.c.status == "ok")
        .group_by(stage_runs.c.stage)
    )
    now = now_utc()
    for row in conn.execute(query).mappings():
        finished = row["finished"]
        if finished is not None:
            family.add_metric([str(row["stage"])], (now - finished).total_seconds())
    return family


def _errors(conn: Connection) -> CounterMetricFamily:
    family = CounterMetricFamily(
        "beatwire_stage_errors", "Stage runs that ended in an error.", labels=["stage"]
    )
    query = (
        select(stage_runs.c.stage, func.count().label("count"))
        .where(stage_runs.c.status == "error")
        .group_by(stage_runs.c.stage)
    )
    for row in conn.execute(query).mappings():
        family.add_metric([str(row["stage"])], float(row["count"]))
    return family


def _cursor_age(conn: Connection) -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "beatwire_cursor_age_seconds", "Seconds since a source's cursor moved.", labels=["source"]
    )
    now = now_utc()
    query = select(source_cursors.c.source, source_cursors.c.updated_at)
    for row in conn.execute(query).mappings():
        family.add_metric([str(row["source"])], (now - row["updated_at"]).total_seconds())
    return family


def _llm(conn: Connection) -> Iterator[CounterMetricFamily]:
    tokens = CounterMetricFamily(
        "beatwire_llm_tokens",
        "Tokens sent to and read from writers.",
        labels=["writer", "model", "direction"],
    )
    cost = CounterMetricFamily(
        "beatwire_llm_cost_usd", "US dollars spent on writers.", labels=["writer", "model"]
    )
    query = select(
        story_versions.c.writer,
        story_versions.c.model,
        func.sum(story_versions.c.tokens_in).label("tokens_in"),
        func.sum(story_versions.c.tokens_out).label("tokens_out"),
        func.sum(story_versions.c.cost_usd).label("dollars"),
    ).group_by(story_versions.c.writer, story_versions.c.model)
    for row in conn.execute(query).mappings():
        labels = [str(row["writer"]), str(row["model"] or "")]
        tokens.add_metric([*labels, "in"], float(row["tokens_in"] or 0))
        tokens.add_metric([*labels, "out"], float(row["tokens_out"] or 0))
        cost.add_metric(labels, float(row["dollars"] or 0.0))
    yield tokens
    yield cost


class StoreCollector(Collector):
    """Collects Beatwire's metrics from the store at scrape time."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Any]:
        """Yield every metric family, read in one connection."""
        with self.store.read() as conn:
            pending = GaugeMetricFamily(
                "beatwire_pending_analysis", "Records waiting for analysis."
            )
            pending.add_metric([], count_pending(conn))
            families = [
                _records(conn),
                pending,
                _stage_lag(conn),
                _errors(conn),
                _cursor_age(conn),
                *_llm(conn),
            ]
        yield from families


def _registry(store: Store) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StoreCollector(store))
    return registry


def metrics_text(store: Store) -> bytes:
    """Return the metrics in Prometheus' text format."""
    return generate_latest(_registry(store))


def metrics_router(store: Store, token: str) -> APIRouter:
    """Return a router serving GET /metrics for `store` to a scraper with `token`.

    Without a token there is no /metrics on this port (404, like any unknown page):
    the figures are for the operator, not for every visitor.
    """
    router = APIRouter()
    if not token:
        return router

    @router.api_route("/metrics", methods=["GET", "HEAD"], include_in_schema=False)
    def metrics(authorization: Annotated[str | None, Header()] = None) -> Response:
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return Response(
                "a bearer token is needed\n", status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )  # fmt: skip
        return Response(metrics_text(store), media_type=CONTENT_TYPE_LATEST)

    return router


def serve_metrics(store: Store, host: str, port: int) -> None:
    """Serve /metrics on a listener of its own (a daemon thread), for a private address."""
    try:
        start_http_server(port, addr=host, registry=_registry(store))
    except OSError as exc:
        raise ConfigError(f"cannot listen for metrics on {host}:{port}: {exc.strerror}") from exc
