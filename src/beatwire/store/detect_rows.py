"""Columnar reads for the detect stage: analysed records as numpy arrays, fast on a million rows.

The detectors aggregate whole columns, so this module reads plain tuples with
the time as epoch seconds computed by the database (no per-row datetime
objects) and encodes the text columns as integer codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, Connection, Integer, cast, func, select

from beatwire.store.schema import analyses, embeddings, record_entities, records, signals

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(slots=True)
class Codes:
    """Integer codes of a text column and the texts they stand for."""

    codes: Ints
    names: list[str]

    def name(self, code: int) -> str:
        """Return the text of `code`."""
        return self.names[code]

    def code(self, name: str) -> int:
        """Return the code of `name`, or -1 when no row has it."""
        try:
            return self.names.index(name)
        except ValueError:
            return -1


@dataclass(slots=True)
class RecordFrame:
    """Analysed, non-duplicate records as columns, in time order."""

    ids: Ints
    times: Ints  # epoch seconds, UTC
    beats: Codes
    platforms: Codes
    authors: Codes
    sentiment: Floats  # NaN when unmeasured
    kinds: Codes
    entities: EntityFrame = field(default_factory=lambda: EntityFrame.empty())

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(slots=True)
class EntityFrame:
    """Which record mentions which entity: parallel columns."""

    rows: Ints  # position of the record in its RecordFrame
    slugs: Codes
    names: dict[str, str]  # slug -> display name
    types: dict[str, str]  # slug -> entity type

    @classmethod
    def empty(cls) -> EntityFrame:
        """Return a frame with no mentions."""
        return cls(np.zeros(0, np.int64), Codes(np.zeros(0, np.int64), []), {}, {})


def encode(values: Sequence[str | None], missing: str = "") -> Codes:
    """Return integer codes of `values` (None becomes `missing`), names in first-seen order."""
    table: dict[str, int] = {}
    codes = np.fromiter(
        (table.setdefault(missing if v is None else v, len(table)) for v in values),
        dtype=np.int64,
        count=len(values),
    )
    return Codes(codes, list(table))


def epoch(conn: Connection, column: Any) -> Any:
    """Return a SQL expression of `column` in whole epoch seconds, on SQLite or PostgreSQL."""
    if conn.dialect.name == "sqlite":
        return cast(func.strftime("%s", column), Integer)
    return cast(func.extract("epoch", column), BigInteger)


def load_records(conn: Connection, since: datetime | None = None) -> RecordFrame:
    """Return analysed, non-duplicate records with a beat published at or after `since`."""
    published = epoch(conn, records.c.published_at).label("t")
    query = (
        select(
            records.c.id,
            published,
            analyses.c.primary_beat,
            records.c.provider,
            records.c.author,
            analyses.c.sentiment_score,
            records.c.kind,
        )
        .join(analyses, analyses.c.record_id == records.c.id)
        .where(analyses.c.primary_beat.is_not(None), analyses.c.duplicate_of.is_(None))
    )  # no ORDER BY: sorting a million rows is cheaper in numpy than in the database
    if since is not None:
        query = query.where(records.c.published_at >= since)
    rows = conn.execute(query).all()
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[]] * 7
    frame = RecordFrame(
        ids=np.asarray(columns[0], dtype=np.int64),
        times=np.asarray(columns[1], dtype=np.int64),
        beats=encode(columns[2]),
        platforms=encode(columns[3]),
        authors=encode(columns[4], missing="(unknown)"),
        sentiment=np.asarray([np.nan if v is None else v for v in columns[5]], dtype=np.float64),
        kinds=encode(columns[6]),
    )
    order = np.lexsort((frame.ids, frame.times))
    frame.ids, frame.times, frame.sentiment = (
        frame.ids[order],
        frame.times[order],
        frame.sentiment[order],
    )
    for codes in (frame.beats, frame.platforms, frame.authors, frame.kinds):
        codes.codes = codes.codes[order]
    frame.entities = load_entities(conn, frame, since)
    return frame


def load_entities(conn: Connection, frame: RecordFrame, since: datetime | None) -> EntityFrame:
    """Return the entity mentions of the records in `frame`."""
    query = select(
        record_entities.c.record_id,
        record_entities.c.slug,
        record_entities.c.name,
        record_entities.c.type,
    ).join(records, records.c.id == record_entities.c.record_id)
    if since is not None:
        query = query.where(records.c.published_at >= since)
    rows = conn.execute(query).all()
    if not rows or not len(frame):
        return EntityFrame.empty()
    record_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    order = np.argsort(frame.ids)
    where = np.searchsorted(frame.ids, record_ids, sorter=order)
    where = np.minimum(where, len(order) - 1)
    positions = order[where]
    known = frame.ids[positions] == record_ids  # duplicates and beat-less records are not in frame
    kept = [row for row, keep in zip(rows, known, strict=True) if keep]
    names = {row[1]: row[2] for row in kept}
    types = {row[1]: row[3] for row in kept}
    return EntityFrame(positions[known], encode([row[1] for row in kept]), names, types)


def load_vectors(
    conn: Connection, since: datetime | None
) -> tuple[Ints, npt.NDArray[np.float32], str]:
    """Return the ids of records published since `since` with an embedding, and the vectors."""
    query = (
        select(embeddings.c.record_id, embeddings.c.vector, embeddings.c.model)
        .join(records, records.c.id == embeddings.c.record_id)
        .where(embeddings.c.dim > 0)
    )
    if since is not None:
        query = query.where(records.c.published_at >= since)
    rows: list[tuple[int, bytes, str]] = [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
    if not rows:
        return np.zeros(0, np.int64), np.zeros((0, 0), np.float32), ""
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    blob = b"".join(row[1] for row in rows)
    matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(rows), -1)
    return ids, matrix, rows[-1][2]


def first_dirty_time(conn: Connection, analysed_after: datetime | None) -> datetime | None:
    """Return the earliest publication time among records analysed after `analysed_after`."""
    query = select(func.min(records.c.published_at)).join(
        analyses, analyses.c.record_id == records.c.id
    )
    if analysed_after is not None:
        query = query.where(analyses.c.analyzed_at > analysed_after)
    value = conn.execute(query).scalar_one_or_none()
    if isinstance(value, str):  # SQLite returns an aggregate of a timestamp as text
        value = datetime.fromisoformat(value)
    return None if value is None else value.replace(tzinfo=UTC) if value.tzinfo is None else value


def last_analysed_at(conn: Connection) -> datetime | None:
    """Return the newest analysis time: the watermark of the next incremental pass."""
    value = conn.execute(select(func.max(analyses.c.analyzed_at))).scalar_one_or_none()
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return None if value is None else value.replace(tzinfo=UTC) if value.tzinfo is None else value


ARTIFACT_HOSTS = ("arxiv.org/", "huggingface.co/", "github.com/")


def load_artifact_texts(conn: Connection, since: datetime | None) -> list[tuple[int, str]]:
    """Return (record id, text and links) of records that link a paper, model or repository."""
    hit = None
    for column in (records.c.text, records.c.url, records.c.canonical_url):
        for host in ARTIFACT_HOSTS:
            clause = column.contains(host)
            hit = clause if hit is None else hit | clause
    query = select(
        records.c.id, records.c.text, records.c.url, records.c.canonical_url, records.c.provider
    ).where(hit)  # type: ignore[arg-type]
    if since is not None:
        query = query.where(records.c.published_at >= since)
    return [
        (row[0], " ".join(part for part in (row[1], row[2], row[3]) if part))
        for row in conn.execute(query)
        if row[4] not in ("arxiv", "huggingface")  # the artifact's own page is not discussion
    ]


def load_models(conn: Connection) -> list[tuple[str, str, int, int]]:
    """Return (model id, maker, downloads, likes) of every Hugging Face model record."""
    query = select(records.c.native_id, records.c.author, records.c.engagement).where(
        records.c.provider == "huggingface", records.c.kind == "model"
    )
    return [
        (
            row[0],
            row[1] or row[0].split("/")[0],
            int((row[2] or {}).get("downloads", 0) or 0),
            int((row[2] or {}).get("likes", 0) or 0),
        )
        for row in conn.execute(query)
    ]


def record_texts(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """Return title and text of each record in `ids`."""
    found: dict[int, str] = {}
    wanted = sorted(set(int(i) for i in ids))
    for start in range(0, len(wanted), 900):
        query = select(records.c.id, records.c.title, records.c.text).where(
            records.c.id.in_(wanted[start : start + 900])
        )
        found.update({row[0]: f"{row[1] or ''} {row[2]}".strip() for row in conn.execute(query)})
    return found


def delete_signals_from(conn: Connection, since: datetime) -> None:
    """Delete signals whose window ends after `since`: a pass from `since` finds them again."""
    conn.execute(signals.delete().where(signals.c.window_end > since))


def topics_before(
    conn: Connection, moment: datetime
) -> dict[tuple[str, str], tuple[datetime, str]]:
    """Return, per (kind, key), the end and topic of the last stored signal ending by `moment`."""
    query = select(signals.c.kind, signals.c.key, signals.c.window_end, signals.c.topic_key).where(
        signals.c.window_end == moment, signals.c.topic_key.is_not(None)
    )
    return {(row[0], row[1]): (row[2], row[3]) for row in conn.execute(query)}
