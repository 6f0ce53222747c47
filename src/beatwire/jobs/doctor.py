"""`beatwire doctor`: is this installation ready to run? One verdict per check.

Checks: the configuration, the database (reachable, migrated), credentials
(what each enabled source and the writer need), free disk, and whether each
runnable source's host answers. A verdict is `ok`, `warn` (runs, but not as
configured) or `fail` (will not run). A host that does not answer is a warning:
Beatwire runs offline (replay, analysis, detection, writing, the site), only
live collection from that source waits for the network. Reachability goes through the one HTTP
client factory, so tests pass a transport and stay offline.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx2
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import make_url

from beatwire import http_client
from beatwire.config import Settings
from beatwire.errors import BeatwireError, FetchError
from beatwire.sources import arxiv, http, huggingface, news, reddit, x, youtube
from beatwire.sources.bluesky import jetstream
from beatwire.sources.registry import get_source
from beatwire.store.engine import open_store
from beatwire.store.records import count_records

VERDICTS = ("ok", "warn", "fail")
MIN_FREE_GB, LOW_FREE_GB = 0.5, 5.0


@dataclass(frozen=True, slots=True)
class Check:
    """One check's name, verdict and the line that explains it."""

    name: str
    verdict: str
    detail: str


def _bluesky_probe(settings: Settings) -> str:
    hosts = settings.sources.options.get("bluesky", {}).get("hosts") or jetstream.DEFAULT_HOSTS
    return str(hosts[0]).replace("wss://", "https://").replace("ws://", "http://")


def _first_feed(settings: Settings) -> str:
    feeds = settings.sources.options.get("news", {}).get("feeds") or news.DEFAULT_FEEDS
    return str(feeds[0])


def _mastodon_probe(settings: Settings) -> str:
    instances = settings.sources.options.get("mastodon", {}).get("instances") or ["mastodon.social"]
    host = str(instances[0])
    return host if host.startswith("http") else f"https://{host}/api/v1/instance"


# Where each source's service answers; any HTTP status proves the host is reachable.
PROBES: dict[str, Callable[[Settings], str]] = {
    "bluesky": _bluesky_probe,
    "reddit": lambda _: reddit.API,
    "hackernews": lambda _: "https://hn.algolia.com/api/v1/search_by_date?hitsPerPage=1",
    "news": _first_feed,
    "arxiv": lambda _: arxiv.API,
    "huggingface": lambda _: huggingface.API + "/models?limit=1",
    "youtube": lambda _: youtube.FEED_URL,
    "mastodon": _mastodon_probe,
    "x": lambda _: x.SEARCH_URL,
}


def check_config(settings: Settings, config: Path | None) -> list[Check]:
    """Return the configuration check: the file read and every enabled source known."""
    where = str(config) if config else "defaults and environment (no beatwire.toml)"
    checks = [Check("config", "ok", f"read {where}")]
    for name in settings.sources.enabled:
        try:
            get_source(name)
        except BeatwireError as exc:
            checks.append(Check(f"config: {name}", "fail", exc.one_line()))
    return checks


def check_database(settings: Settings) -> list[Check]:
    """Return whether the database opens and its schema is at the newest migration."""
    try:
        store = open_store(settings.db, migrate_schema=False)
    except BeatwireError as exc:
        return [Check("database", "fail", exc.one_line())]
    try:
        with store.read() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            records = count_records(conn) if revision else 0
    except Exception as exc:  # any driver error here means the database is not usable
        return [Check("database", "fail", f"{type(exc).__name__}: {exc}")]
    finally:
        store.close()
    where = make_url(settings.db).render_as_string(hide_password=True)
    if revision is None:
        return [Check("database", "warn", f"{where}: empty; the first command creates the tables")]
    return [Check("database", "ok", f"{where}: schema {revision}, {records:,} records")]


def check_credentials(settings: Settings) -> list[Check]:
    """Return, per enabled source and for the writer, whether what it needs is configured."""
    checks = []
    for name in settings.sources.enabled:
        try:
            reason = get_source(name).enabled(settings)
        except BeatwireError:
            continue  # reported by the configuration check
        verdict = "ok" if reason is None else "warn"
        checks.append(Check(f"credentials: {name}", verdict, reason or "nothing missing"))
    writer = settings.newsroom.writer
    if writer == "claude" and "claude" not in settings.newsroom.api_keys:
        checks.append(Check("credentials: writer", "fail", "writer claude needs api_keys.claude"))
    else:
        checks.append(Check("credentials: writer", "ok", f"writer {writer}"))
    return checks


def check_disk(settings: Settings, free_bytes: Callable[[Path], int] | None = None) -> list[Check]:
    """Return whether the disk holding the store (or the working folder) has room."""
    url = make_url(settings.db)
    folder = (
        Path(url.database or ".").resolve().parent if url.get_backend_name() == "sqlite" else Path()
    )
    measure = free_bytes or (lambda path: shutil.disk_usage(path).free)
    gigabytes = measure(folder if folder.exists() else Path()) / 1e9
    verdict = "fail" if gigabytes < MIN_FREE_GB else "warn" if gigabytes < LOW_FREE_GB else "ok"
    return [Check("disk", verdict, f"{gigabytes:,.1f} GB free in {folder.resolve()}")]


async def _probe(client: httpx2.AsyncClient, name: str, url: str, settings: Settings) -> Check:
    try:
        response = await http.get(client, name, url, settings=settings, accept=range(100, 600))
    except FetchError as exc:
        reason = f"offline or unreachable ({exc.one_line()}): live collection from it waits"
        return Check(f"reachable: {name}", "warn", reason)
    return Check(f"reachable: {name}", "ok", f"{url} answered HTTP {response.status_code}")


async def check_reachability(
    settings: Settings, transport: httpx2.AsyncBaseTransport | None = None
) -> list[Check]:
    """Return whether each runnable source's host answers (one request each, no retries)."""
    quick = settings.model_copy(
        update={"http": settings.http.model_copy(update={"retries": 0, "timeout_s": 10.0})}
    )
    names = [n for n in settings.sources.enabled if n in PROBES and _runnable(n, settings)]
    async with http_client.make_client(quick, transport=transport) as client:
        return list(
            await asyncio.gather(*(_probe(client, n, PROBES[n](settings), quick) for n in names))
        )


def _runnable(name: str, settings: Settings) -> bool:
    return get_source(name).enabled(settings) is None


def doctor(
    settings: Settings,
    *,
    config: Path | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
    free_bytes: Callable[[Path], int] | None = None,
) -> dict[str, Any]:
    """Return every check and the overall verdict (the worst one)."""
    checks = [
        *check_config(settings, config),
        *check_database(settings),
        *check_credentials(settings),
        *check_disk(settings, free_bytes),
        *asyncio.run(check_reachability(settings, transport)),
    ]
    worst = max((VERDICTS.index(c.verdict) for c in checks), default=0)
    return {"stage": "doctor", "verdict": VERDICTS[worst], "checks": [asdict(c) for c in checks]}
