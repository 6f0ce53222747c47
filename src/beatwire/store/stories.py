"""The stories, story_versions and citations tables: saving versions and reading them back.

Every rewrite of a story is a new version. A held version failed the output gate
or the fidelity verifier: it is kept in the history but never shown, so the public
reads at the end of this module leave it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from beatwire.model import Citation, Draft, now_utc
from beatwire.store.redact import Scrubber
from beatwire.store.schema import citations, stories, story_versions
from beatwire.store.sql import before_key, chunks


def _version_row(story_id: str, version: int, draft: Draft) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "version": version,
        "headline": draft.headline,
        "dek": draft.dek,
        "body": draft.body,
        "takeaways": list(draft.takeaways),
        "seo_description": draft.seo_description,
        "story_type": draft.story_type,
        "beats": list(draft.beats),
        "signal_ids": list(draft.signal_ids),
        "faq": list(draft.faq),
        "writer": draft.writer,
        "model": draft.model,
        "prompt_hash": draft.prompt_hash,
        "tokens_in": draft.tokens_in,
        "tokens_out": draft.tokens_out,
        "cost_usd": draft.cost_usd,
    }


def _has_published(conn: Connection, story_id: str) -> bool:
    query = select(story_versions.c.version).where(
        story_versions.c.story_id == story_id, story_versions.c.published.is_(True)
    )
    return conn.execute(query.limit(1)).first() is not None


def save_story_version(
    conn: Connection,
    *,
    story_id: str,
    slug: str,
    topic_key: str,
    draft: Draft,
    fidelity: dict[str, Any],
    published: bool,
    status: str,
) -> int:
    """Store the next version of a story; return its number.

    A published version becomes current (headline, slug and `status`, developing or
    final, follow it). A held version is kept in the history but never replaces a
    published one; a story with nothing published yet is `held`.
    """
    moment = now_utc()
    last = conn.execute(
        select(func.max(story_versions.c.version)).where(story_versions.c.story_id == story_id)
    ).scalar()
    version = (last or 0) + 1
    exists = conn.execute(select(stories.c.id).where(stories.c.id == story_id)).first()
    had_published = exists is not None and _has_published(conn, story_id)
    values = {
        "slug": slug,
        "story_type": draft.story_type,
        "beat": draft.beats[0] if draft.beats else None,
        "status": status if published else "held",
        "current_version": version,
        "headline": draft.headline,
        "updated_at": moment,
    }
    if exists is None:
        conn.execute(
            stories.insert().values(id=story_id, topic_key=topic_key, created_at=moment, **values)
        )
    elif published or not had_published:
        conn.execute(update(stories).where(stories.c.id == story_id).values(**values))
    conn.execute(
        story_versions.insert().values(
            **_version_row(story_id, version, draft),
            fidelity_score=fidelity["score"],
            fidelity_report=fidelity,
            published=published,
            created_at=moment,
        )
    )
    if draft.citations:
        conn.execute(
            citations.insert(),
            [
                {"story_id": story_id, "version": version, "number": c.number,
                 "record_id": c.record_id, "quote": c.quote}
                for c in draft.citations
            ],
        )  # fmt: skip
    return version


def story_history(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """Return every version of a story (published or held), oldest first."""
    query = (
        select(story_versions)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def latest_version(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """Return the newest version of a story, published or held, or None."""
    query = (
        select(story_versions)
        .where(story_versions.c.story_id == story_id)
        .order_by(story_versions.c.version.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def story_row(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """Return a story's row (any status) by id or slug, or None."""
    query = select(stories).where((stories.c.id == story_id) | (stories.c.slug == story_id))
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def slug_taken(conn: Connection, slug: str, story_id: str) -> bool:
    """Return whether another story already uses `slug`."""
    query = select(stories.c.id).where(stories.c.slug == slug, stories.c.id != story_id)
    return conn.execute(query).first() is not None


def version_citations(conn: Connection, story_id: str, version: int) -> list[Citation]:
    """Return the citations of one version, by number."""
    query = (
        select(citations)
        .where(citations.c.story_id == story_id, citations.c.version == version)
        .order_by(citations.c.number)
    )
    return [
        Citation(number=row["number"], record_id=row["record_id"], quote=row["quote"])
        for row in conn.execute(query).mappings()
    ]


def citing_stories(conn: Connection, ids: Sequence[int]) -> dict[str, set[int]]:
    """Return, by story id, the versions that cite any of these records."""
    found: dict[str, set[int]] = {}
    for chunk in chunks(ids):
        query = select(citations.c.story_id, citations.c.version).where(
            citations.c.record_id.in_(chunk)
        )
        for row in conn.execute(query).mappings():
            found.setdefault(str(row["story_id"]), set()).add(int(row["version"]))
    return found


def signal_ids_by_story(conn: Connection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """Return, per story, the ids of the signals its current version was written from."""
    query = select(stories.c.id, story_versions.c.signal_ids).select_from(with_current_version())
    found: dict[str, list[str]] = {}
    for chunk in chunks(story_ids):
        rows: list[tuple[str, list[str] | None]] = [
            (row[0], row[1]) for row in conn.execute(query.where(stories.c.id.in_(chunk)))
        ]
        for story_id, ids in rows:
            found[str(story_id)] = list(ids or [])
    return found


def current_signal_ids(conn: Connection, story_ids: Sequence[str]) -> set[str]:
    """Return the ids of the signals the current versions of these stories were written from."""
    query = select(story_versions.c.signal_ids).select_from(with_current_version())
    found: set[str] = set()
    ids: list[str] | None
    for chunk in chunks(story_ids):
        for ids in conn.execute(query.where(stories.c.id.in_(chunk))).scalars():
            found.update(ids or [])
    return found


def withdraw_versions(
    conn: Connection, story_id: str, versions: set[int], record_ids: Sequence[int]
) -> bool:
    """Unpublish `versions` of a story and blank its quotes of `record_ids`.

    Return whether the story is now held: its current version was one of them.
    """
    conn.execute(
        update(story_versions)
        .where(story_versions.c.story_id == story_id, story_versions.c.version.in_(versions))
        .values(published=False)
    )
    conn.execute(
        update(citations)
        .where(citations.c.story_id == story_id, citations.c.record_id.in_(list(record_ids)))
        .values(quote=None)
    )
    current = conn.execute(
        select(stories.c.current_version).where(stories.c.id == story_id)
    ).scalar_one_or_none()
    if current not in versions:
        return False
    conn.execute(update(stories).where(stories.c.id == story_id).values(status="held"))
    return True


_PROSE = ("headline", "dek", "body", "seo_description")
_JSON = ("takeaways", "faq", "fidelity_report")


def scrub_versions(conn: Connection, scrubber: Scrubber) -> int:
    """Scrub forgotten names and words out of every version of every story; return how many changed.

    Published or withdrawn, every version is kept, so each one is rewritten in place,
    with its fidelity report and citations' quotes; a story's headline follows its versions.
    """
    changed = 0
    for row in conn.execute(select(story_versions)).mappings().all():
        values = {name: scrubber.text(row[name]) for name in _PROSE}
        values |= {name: scrubber.json(row[name]) for name in _JSON}
        values = {name: value for name, value in values.items() if value != row[name]}
        if values:
            key = (story_versions.c.story_id == row["story_id"]) & (
                story_versions.c.version == row["version"]
            )
            conn.execute(update(story_versions).where(key).values(**values))
            changed += 1
    for story_id, headline in conn.execute(select(stories.c.id, stories.c.headline)).all():
        if (scrubbed := scrubber.text(str(headline))) != headline:
            conn.execute(update(stories).where(stories.c.id == story_id).values(headline=scrubbed))
    for row in conn.execute(select(citations).where(citations.c.quote.is_not(None))).mappings():
        if (quote := scrubber.text(row["quote"])) != row["quote"]:
            key = (
                (citations.c.story_id == row["story_id"])
                & (citations.c.version == row["version"])
                & (citations.c.number == row["number"])
            )
            conn.execute(update(citations).where(key).values(quote=quote))
    return changed


def quotes_of(conn: Connection, record_ids: Sequence[int]) -> list[str]:
    """Return every quote any story version takes from these records."""
    found: list[str] = []
    for chunk in chunks(record_ids):
        query = select(citations.c.quote).where(
            citations.c.record_id.in_(chunk), citations.c.quote.is_not(None)
        )
        found += [str(row[0]) for row in conn.execute(query)]
    return found


# What the website and the API show: public stories and their published versions.

PUBLIC_STATUSES = ("developing", "final")  # "held" is never shown

_IDENTITY = (
    stories.c.id,
    stories.c.slug,
    stories.c.story_type,
    stories.c.beat,
    stories.c.status,
    stories.c.current_version,
)
_TIMES = (stories.c.created_at, stories.c.updated_at)

SUMMARY_COLUMNS = (
    *_IDENTITY,
    stories.c.headline,
    *_TIMES,
    story_versions.c.dek,
    story_versions.c.fidelity_score,
)


def with_current_version() -> Any:
    """Return stories joined to their current version."""
    return stories.join(
        story_versions,
        (story_versions.c.story_id == stories.c.id)
        & (story_versions.c.version == stories.c.current_version),
    )


def list_stories(
    conn: Connection,
    *,
    story_type: str | None,
    beat: str | None,
    status: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Return up to `limit` public story summaries, most recently updated first."""
    statuses = PUBLIC_STATUSES if status is None else (status,)
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(
            stories.c.status.in_(statuses), before_key(stories.c.updated_at, stories.c.id, after)
        )
    )
    if story_type is not None:
        query = query.where(stories.c.story_type == story_type)
    if beat is not None:
        query = query.where(stories.c.beat == beat)
    query = query.order_by(stories.c.updated_at.desc(), stories.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def public_story(conn: Connection, ident: str) -> dict[str, Any] | None:
    """Return a public story's row found by id or slug, or None."""
    query = select(stories).where(
        or_(stories.c.id == ident, stories.c.slug == ident), stories.c.status.in_(PUBLIC_STATUSES)
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def story_version(conn: Connection, story_id: str, version: int) -> dict[str, Any] | None:
    """Return one published version of a story, or None."""
    query = select(story_versions).where(
        story_versions.c.story_id == story_id,
        story_versions.c.version == version,
        story_versions.c.published.is_(True),
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def published_versions(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """Return the summaries of a story's published versions, oldest first."""
    v = story_versions.c
    query = (
        select(
            v.version, v.headline, v.writer, v.model, v.fidelity_score, v.created_at, v.story_type
        )
        .where(v.story_id == story_id, v.published.is_(True))
        .order_by(v.version)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def search_stories(conn: Connection, q: str, *, limit: int) -> list[dict[str, Any]]:
    """Return public story summaries whose current headline, dek or body contains `q`."""
    v = story_versions.c
    match = or_(
        v.headline.icontains(q, autoescape=True),
        v.dek.icontains(q, autoescape=True),
        v.body.icontains(q, autoescape=True),
    )
    query = (
        select(*SUMMARY_COLUMNS)
        .select_from(with_current_version())
        .where(stories.c.status.in_(PUBLIC_STATUSES), match)
        .order_by(stories.c.updated_at.desc(), stories.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


_STORY_COLUMNS = (
    *_IDENTITY,
    *_TIMES,
    story_versions.c.headline,
    story_versions.c.dek,
    story_versions.c.body,
    story_versions.c.takeaways,
    story_versions.c.seo_description,
    story_versions.c.beats,
    story_versions.c.signal_ids,
    story_versions.c.faq,
    story_versions.c.writer,
    story_versions.c.model,
    story_versions.c.fidelity_score,
    story_versions.c.fidelity_report,
)


def story_by_slug(conn: Connection, slug: str) -> dict[str, Any] | None:
    """Return a story's current version by slug or id, or None."""
    query = (
        select(*_STORY_COLUMNS)
        .select_from(with_current_version())
        .where((stories.c.slug == slug) | (stories.c.id == slug))
    )
    row = conn.execute(query).mappings().first()
    return None if row is None else dict(row)


def verification_totals(conn: Connection) -> dict[str, int]:
    """Return, over the current versions of public stories, the stories, claims and checks run."""
    query = (
        select(story_versions.c.fidelity_report)
        .select_from(with_current_version())
        .where(stories.c.status.in_(PUBLIC_STATUSES))
    )
    totals = {"stories": 0, "claims": 0, "checks": 0}
    reports: list[dict[str, Any] | None] = list(conn.execute(query).scalars())
    for report in reports:
        claims = (report or {}).get("claims") or []
        totals["stories"] += 1
        totals["claims"] += int((report or {}).get("claims_checked", 0))
        totals["checks"] += sum(len(claim.get("checks") or []) for claim in claims)
    return totals
