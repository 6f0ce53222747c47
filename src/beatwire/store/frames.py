"""What the detectors read: analysed records as numpy columns (frames), fast on a million rows.

The detectors aggregate whole columns, so this module reads plain tuples with
the time as epoch seconds computed by the database (no per-row datetime
objects) and encodes the text columns as integer codes. Beside the frames: the
embeddings of their records, the texts that link an artifact, and the Hugging
Face models' daily snapshots and download deltas.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Connection, select

from beatwire.model import engagement_total
from beatwire.store.records import published_since
from beatwire.store.schema import (
    analyses,
    embeddings,
    engagement_snapshots,
    record_entities,
    records,
)
from beatwire.store.sql import epoch, tuples

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
    # weighted engagement (model.engagement_total) and AI relevance of each record; empty
    # when the frame was built without them (attention is then not measured)
    engagement: Floats = field(default_factory=lambda: np.zeros(0, np.float64))
    relevance: Floats = field(default_factory=lambda: np.zeros(0, np.float64))

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
    # dict.fromkeys and map run in C: a million values in tens of milliseconds
    named = {value: missing if value is None else value for value in dict.fromkeys(values)}
    codes_of = {name: code for code, name in enumerate(dict.fromkeys(named.values()))}
    index = {value: codes_of[name] for value, name in named.items()}
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    return Codes(codes, list(codes_of))


RECORD_COLUMNS = [("id", "i8"), ("t", "i8"), ("beat", "O"), ("platform", "O"), ("author", "O"),
                  ("sentiment", "O"), ("kind", "O"), ("engagement", "f8"),
                  ("relevance", "f8")]  # fmt: skip
ENTITY_COLUMNS = [("record", "i8"), ("slug", "O"), ("name", "O"), ("type", "O")]


def as_columns(rows: list[tuple[Any, ...]], dtype: list[tuple[str, str]]) -> np.ndarray:
    """Return rows as a structured array: numpy transposes a million tuples in C."""
    return np.array(rows, dtype=dtype)


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
            records.c.engagement,
            analyses.c.ai_relevance,
        )
        .join(analyses, analyses.c.record_id == records.c.id)
        .where(analyses.c.primary_beat.is_not(None), analyses.c.duplicate_of.is_(None))
    )  # no ORDER BY: sorting a million rows is cheaper in numpy than in the database
    recent = published_since(conn, since)
    if recent is not None:
        query = query.where(recent)
    rows = [  # the driver's own tuples: SQLite gives the JSON as text, psycopg decoded
        (*row[:7], engagement_total(json.loads(row[7]) if isinstance(row[7], str) else row[7]),
         row[8] or 0.0)
        for row in tuples(conn, query)
    ]  # fmt: skip
    table = as_columns(rows, RECORD_COLUMNS)
    frame = RecordFrame(
        ids=table["id"],
        times=table["t"],
        beats=encode(table["beat"].tolist()),
        platforms=encode(table["platform"].tolist()),
        authors=encode(table["author"].tolist(), missing="(unknown)"),
        sentiment=table["sentiment"].astype(np.float64),  # SQL NULL becomes NaN
        kinds=encode(table["kind"].tolist()),
        engagement=table["engagement"],
        relevance=table["relevance"],
    )
    order = np.lexsort((frame.ids, frame.times))
    frame.ids, frame.times, frame.sentiment = (
        frame.ids[order],
        frame.times[order],
        frame.sentiment[order],
    )
    frame.engagement, frame.relevance = frame.engagement[order], frame.relevance[order]
    _copies_engagement(conn, frame, recent)
    for codes in (frame.beats, frame.platforms, frame.authors, frame.kinds):
        codes.codes = codes.codes[order]
    frame.entities = load_entities(conn, frame, recent)
    return frame


def _copies_engagement(conn: Connection, frame: RecordFrame, recent: Any) -> None:
    """Give each record the engagement of its most engaged copy, if higher (in place).

    A story submitted twice is one story: the copy left out of the frame may be the one
    people read (the second submission of a link often draws the points).
    """
    query = (
        select(analyses.c.duplicate_of, records.c.engagement)
        .join(records, records.c.id == analyses.c.record_id)
        .where(analyses.c.duplicate_of.is_not(None))
    )
    if recent is not None:
        query = query.where(recent)
    rows = tuples(conn, query)
    if not rows or not len(frame):
        return
    originals = np.fromiter((row[0] for row in rows), np.int64, count=len(rows))
    counts = np.fromiter(
        (engagement_total(json.loads(row[1]) if isinstance(row[1], str) else row[1])
         for row in rows), np.float64, count=len(rows),
    )  # fmt: skip
    at, known = Positions.of(frame).find(originals)
    np.maximum.at(frame.engagement, at[known], counts[known])


@dataclass(slots=True)
class Positions:
    """Finds record ids among a frame's rows (the frame is in time order, not id order)."""

    ids: Ints
    order: Ints

    @classmethod
    def of(cls, frame: RecordFrame) -> Positions:
        """Return the lookup of `frame`'s ids (one sort, reused for every chunk)."""
        return cls(frame.ids, np.argsort(frame.ids))

    def find(self, record_ids: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
        """Return where each record id sits in the frame and whether it is there at all."""
        if not len(self.ids):
            return np.zeros(len(record_ids), np.int64), np.zeros(len(record_ids), bool)
        where = np.searchsorted(self.ids, record_ids, sorter=self.order)
        found = self.order[np.minimum(where, len(self.order) - 1)]
        return found, self.ids[found] == record_ids


def load_entities(
    conn: Connection, frame: RecordFrame, recent: ColumnElement[Any] | None
) -> EntityFrame:
    """Return the entity mentions of the records in `frame` (`recent` filters records)."""
    query = select(
        record_entities.c.record_id,
        record_entities.c.slug,
        record_entities.c.name,
        record_entities.c.type,
    )
    if recent is not None:  # otherwise every record qualifies: no join
        query = query.join(records, records.c.id == record_entities.c.record_id).where(recent)
    table = as_columns(tuples(conn, query), ENTITY_COLUMNS)
    if not len(table) or not len(frame):
        return EntityFrame.empty()
    at, known = Positions.of(frame).find(table["record"])  # duplicates, beat-less: not in frame
    kept = table[known]
    slugs = kept["slug"].tolist()
    names = dict(zip(slugs, kept["name"].tolist(), strict=True))
    types = dict(zip(slugs, kept["type"].tolist(), strict=True))
    return EntityFrame(at[known], encode(slugs), names, types)


VECTOR_CHUNK = 20_000  # embeddings decoded at a time: a few tens of MB beside the matrix


def _blank(frame: RecordFrame, dim: int, since: datetime | None) -> npt.NDArray[np.float16]:
    """Return a zero matrix for the frame's vectors, its rows from `since` already in memory.

    Half precision: a million 384-float vectors take 0.77 GB, not 1.5, so half the page
    faults and copying; windows go back to float32 for their products, and a cosine moves
    by about 1e-3, far inside every threshold that reads one. Rows arrive in read order,
    not frame order, and random first touches of fresh pages cost three times sequential
    ones, so the rows that will be written (from `since`: the frame is in time order) are
    touched in order first; the others are never touched and cost nothing.
    """
    vectors = np.zeros((len(frame), dim), np.float16)
    first = 0 if since is None else int(np.searchsorted(frame.times, since.timestamp()))
    vectors[first:].fill(0.0)
    return vectors


def load_vectors(
    conn: Connection, frame: RecordFrame, since: datetime | None
) -> tuple[npt.NDArray[np.float16], npt.NDArray[np.bool_]]:
    """Return one float16 embedding row per frame record (zeros where none), and which have one.

    Read in chunks straight into their frame rows, so a million 384-float vectors cost
    the matrix and one chunk of memory, not three copies.
    """
    has = np.zeros(len(frame), dtype=bool)
    query = select(embeddings.c.record_id, embeddings.c.vector, embeddings.c.dim).where(
        embeddings.c.dim > 0
    )
    recent = published_since(conn, since)
    if recent is not None:  # otherwise every record qualifies: no join, one pass over the table
        query = query.join(records, records.c.id == embeddings.c.record_id).where(recent)
    lookup = Positions.of(frame)
    result = conn.execute(query)
    vectors: npt.NDArray[np.float16] | None = None
    try:
        while chunk := result.cursor.fetchmany(VECTOR_CHUNK):
            ids = np.fromiter((row[0] for row in chunk), dtype=np.int64, count=len(chunk))
            dim = int(chunk[0][2])
            matrix = np.frombuffer(b"".join(row[1] for row in chunk), np.float32)
            at, known = lookup.find(ids)  # duplicates and beat-less records are not used
            if vectors is None:
                vectors = _blank(frame, dim, since)
            vectors[at[known]] = matrix.reshape(len(chunk), dim)[known]
            has[at[known]] = True
    finally:
        result.close()
    if vectors is None:
        return np.zeros((len(frame), 1), np.float16), has
    return vectors, has


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
    recent = published_since(conn, since)
    if recent is not None:
        query = query.where(recent)
    return [
        (row[0], " ".join(part for part in (row[1], row[2], row[3]) if part))
        for row in conn.execute(query)
        if row[4] not in ("arxiv", "huggingface")  # the artifact's own page is not discussion
    ]


Model = tuple[str, str, int, int]  # (model id, maker, downloads, likes)


def load_model_days(conn: Connection, since: datetime | None) -> dict[str, list[Model]]:
    """Return, per UTC day (ISO date), the Hugging Face models snapshotted that day.

    Each model counts once a day, with its last snapshot of the day; its maker is the
    organisation in its id. The snapshots are what the source saw when it polled the
    trending lists, so the history is the same however often detection runs.
    """
    table = engagement_snapshots.c
    query = select(table.native_id, table.snapshot_at, table.engagement).where(
        table.provider == "huggingface",
        ~table.native_id.startswith("datasets/"),  # a dataset's snapshot is not a model's
    )
    if since is not None:
        query = query.where(table.snapshot_at >= since)
    latest: dict[tuple[str, str], Model] = {}  # in time order: a later snapshot replaces
    rows: list[Any] = list(conn.execute(query.order_by(table.snapshot_at)))
    for native, moment, engagement in rows:
        counts = engagement or {}
        latest[(moment.astimezone(UTC).date().isoformat(), native)] = (
            native, native.split("/")[0],
            int(counts.get("downloads", 0) or 0), int(counts.get("likes", 0) or 0),
        )  # fmt: skip
    days: dict[str, list[Model]] = {}
    for (day, _native), model in sorted(latest.items()):
        days.setdefault(day, []).append(model)
    return days


@dataclass(frozen=True, slots=True)
class ModelDelta:
    """One Hugging Face model's downloads between two snapshots (a `model_delta` record)."""

    model: str
    at: int  # epoch seconds of the later snapshot
    gained: int
    per_day: float


def load_model_deltas(conn: Connection, since: datetime | None) -> list[ModelDelta]:
    """Return the download deltas the Hugging Face source recorded since `since`."""
    query = select(records.c.native_id, records.c.published_at, records.c.extra).where(
        records.c.provider == "huggingface", records.c.kind == "model_delta"
    )
    if since is not None:
        query = query.where(records.c.published_at >= since)
    found = []
    rows: list[Any] = list(conn.execute(query))
    for native, moment, extra in rows:
        values = extra or {}
        found.append(
            ModelDelta(
                model=str(values.get("model_id") or native.rsplit("@", 1)[0]),
                at=int(moment.timestamp()),
                gained=int(values.get("downloads_delta") or 0),
                per_day=float(values.get("downloads_per_day") or 0),
            )
        )
    return found
