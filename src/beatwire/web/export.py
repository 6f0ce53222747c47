"""Static export: the site's pages written as files with relative links."""

from __future__ import annotations

import asyncio
import shutil
from importlib import resources
from pathlib import Path

import httpx2

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.model import StageReport
from beatwire.store.engine import Store
from beatwire.store.stories import published_stories
from beatwire.taxonomy import load_taxonomy
from beatwire.web.app import create_app


def site_paths(store: Store) -> list[str]:
    """Return the path of every page of the site, as served."""
    with store.read() as conn:
        stories = published_stories(conn, limit=100_000)
    paths = ["/index.html"]
    paths += [f"/stories/{story['slug']}/index.html" for story in stories]
    paths += [f"/beats/{beat.slug}/index.html" for beat in load_taxonomy()]
    return paths


async def _fetch_all(settings: Settings, store: Store, paths: list[str]) -> dict[str, bytes]:
    transport = httpx2.ASGITransport(app=create_app(settings, store))
    pages: dict[str, bytes] = {}
    async with httpx2.AsyncClient(transport=transport, base_url="http://site") as client:
        for path in paths:
            response = await client.get(path)
            response.raise_for_status()
            pages[path] = response.content
    return pages


def build_site(store: Store, settings: Settings, out_dir: Path) -> StageReport:
    """Write every page of the site under `out_dir`; return how many pages it wrote."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {out_dir}: {exc.strerror}") from exc
    pages = asyncio.run(_fetch_all(settings, store, site_paths(store)))
    for path, content in pages.items():
        target = out_dir / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    static = resources.files("beatwire.web") / "static"
    shutil.copytree(str(static), out_dir / "static", dirs_exist_ok=True)
    return StageReport("build-site", {"pages": len(pages), "dir": str(out_dir.resolve())})
