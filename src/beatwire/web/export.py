"""Static export: every page, its JSON twin, chart and feed written as files with relative links."""

from __future__ import annotations

import asyncio
import logging
import shutil
from importlib import resources
from pathlib import Path

import httpx2

from beatwire.config import Settings
from beatwire.errors import ConfigError, StoreError
from beatwire.model import StageReport
from beatwire.store.engine import Store
from beatwire.store.follows import followed_entities
from beatwire.store.narratives import list_narratives
from beatwire.store.stories import list_stories
from beatwire.taxonomy import load_taxonomy
from beatwire.web.app import create_app

log = logging.getLogger(__name__)
CONCURRENCY = 4  # requests in flight: SQLite reads release the GIL, so two cores both work
BEAT_ASSETS = ("spark.svg", "volume.svg", "sentiment.svg", "entities.svg", "feed.rss", "feed.atom")
FEEDS = ("rss", "atom")
SITE_PAGES = (
    "/",
    "/beats/",
    "/narratives/",
    "/ecosystem/",
    "/wire/",
    "/search/",
    "/methodology/",
    "/sources/",
    "/about/",
)


def site_paths(store: Store) -> list[str]:
    """Return the path of every file of the site, as served."""
    with store.read() as conn:
        stories = list_stories(
            conn, story_type=None, beat=None, status=None, after=None, limit=1_000_000
        )
        narratives = list_narratives(conn, limit=1_000_000)
        entities = followed_entities(conn)
    pages = list(SITE_PAGES)
    pages += [f"/beats/{beat.slug}/" for beat in load_taxonomy()]
    pages += [f"/stories/{story['slug']}/" for story in stories]
    pages += [f"/narratives/{row['id']}/" for row in narratives]
    paths = [page + name for page in pages for name in ("index.html", "index.json")]
    paths += ["/feeds/stories.rss", "/feeds/stories.atom"]
    paths += ["/ecosystem/countries.svg", "/ecosystem/makers.svg"]
    paths += [f"/entities/{slug}/feed.{kind}" for slug in entities for kind in FEEDS]
    paths += [f"/beats/{beat.slug}/{name}" for beat in load_taxonomy() for name in BEAT_ASSETS]
    paths += [
        f"/stories/{s['slug']}/{name}"
        for s in stories
        for name in ("volume.svg", "timeline.svg", "index.txt")
    ]
    paths += [f"/narratives/{row['id']}/timeline.svg" for row in narratives]
    paths += [f"/narratives/{row['id']}/feed.{kind}" for row in narratives for kind in FEEDS]
    return paths


async def _fetch(
    client: httpx2.AsyncClient, path: str, out_dir: Path, gate: asyncio.Semaphore
) -> None:
    async with gate:
        response = await client.get(path)
    if response.status_code != 200:
        raise StoreError(f"the page {path} answered {response.status_code} during the export")
    target = out_dir / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)


async def _fetch_all(settings: Settings, store: Store, paths: list[str], out_dir: Path) -> None:
    quiet = settings.model_copy(deep=True)
    quiet.web.page_cache_s = 0  # every file is fetched once: keeping responses is waste
    quiet.web.base_url = quiet.web.public_base()  # feeds link to the site, not to this fetch
    app = create_app(quiet, store)
    transport = httpx2.ASGITransport(app=app)
    gate = asyncio.Semaphore(CONCURRENCY)
    async with httpx2.AsyncClient(transport=transport, base_url="http://site") as client:
        await asyncio.gather(*(_fetch(client, path, out_dir, gate) for path in paths))


def build_site(store: Store, settings: Settings, out_dir: Path) -> StageReport:
    """Write every page of the site under `out_dir`; return how many files it wrote."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {out_dir}: {exc.strerror}") from exc
    paths = site_paths(store)
    asyncio.run(_fetch_all(settings, store, paths, out_dir))
    static = resources.files("beatwire.web") / "static"
    shutil.copytree(str(static), out_dir / "static", dirs_exist_ok=True)
    log.info("exported %d files to %s", len(paths), out_dir)
    return StageReport("build-site", {"pages": len(paths), "dir": str(out_dir.resolve())})
