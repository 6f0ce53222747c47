"""What people say about makers: the posts naming them on some days, and their mean sentiment."""

from __future__ import annotations

import numpy as np

from beatwire.makers import UNKNOWN, load_makers
from beatwire.signals.context import Context
from beatwire.store.frames import Ints


def maker_country(maker: str) -> str:
    """Return the country of a maker's orgs, "unknown" when they disagree or it has none."""
    countries = {m.country for m in load_makers().values() if m.company == maker}
    return countries.pop() if len(countries) == 1 else UNKNOWN


def talk(context: Context, makers: set[str], days: range) -> tuple[float | None, Ints]:
    """Return the mean sentiment (points) of the posts naming the makers on `days`, and them.

    Hugging Face's own listings (model pages, download deltas) are not talk about a maker.
    """
    slugs = {m.entity for m in load_makers().values() if m.company in makers and m.entity}
    entities = context.frame.entities
    codes = [code for code in (entities.slugs.code(slug) for slug in sorted(slugs)) if code >= 0]
    rows = np.unique(entities.rows[np.isin(entities.slugs.codes, codes)])
    platforms = context.frame.platforms
    inside = (context.days[rows] >= days.start) & (context.days[rows] < days.stop)
    rows = rows[inside & (platforms.codes[rows] != platforms.code("huggingface"))]
    scores = context.frame.sentiment[rows]
    scores = scores[~np.isnan(scores)]
    return (float(scores.mean() * 100) if len(scores) else None), rows
