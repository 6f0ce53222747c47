"""HTML pages and their JSON twins. Links are relative so the static export is the same site."""

from __future__ import annotations

from fastapi import APIRouter

from beatwire.web.filters import FILTERS
from beatwire.web.links import root_for
from beatwire.web.pages import assets, ecosystem, feeds, site

router = APIRouter()
router.include_router(site.router)
router.include_router(assets.router)
router.include_router(ecosystem.router)
router.include_router(feeds.router)

__all__ = ["FILTERS", "root_for", "router"]
