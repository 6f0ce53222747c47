"""The analyze stage: enrich pending records in batches, each batch stored in one transaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from beatwire.analysis.duplicates import find_duplicates
from beatwire.analysis.pipeline import Analyzer, Item, build_analyzer
from beatwire.config import Settings
from beatwire.errors import AnalysisError
from beatwire.model import Analysis, Progress, StageReport, StoredRecord, no_progress
from beatwire.store.analyses import clear_analyses, save_analyses
from beatwire.store.engine import Store
from beatwire.store.records import count_pending, earlier_copies, pending_analysis

log = logging.getLogger(__name__)


def record_text(record: StoredRecord) -> str:
    """Return the text analysed for a record: its title and body."""
    if record.title and record.title not in record.text:
        return f"{record.title}\n\n{record.text}"
    return record.text


def _batches(store: Store, size: int) -> Iterator[list[StoredRecord]]:
    while True:
        with store.read() as conn:
            batch = pending_analysis(conn, limit=size)
        if not batch:
            return
        yield batch


def _mark_copies(
    store: Store,
    batch: list[StoredRecord],
    found: list[Analysis],
    vectors: np.ndarray,
    settings: Settings,
) -> int:
    """Mark reposts and copies: exact copies of any earlier record, near copies within the batch."""
    with store.read() as conn:
        originals = earlier_copies(conn, [(r.id, r.record.hash) for r in batch])
    near = find_duplicates(
        [r.id for r in batch],
        [record_text(r) for r in batch],
        [r.published_at for r in batch],
        vectors if settings.analysis.embedder == "minilm" else None,  # cosine tuned on MiniLM
        settings.analysis.duplicates,
    )
    # An exact copy of an older batch's record wins over a near copy inside this batch.
    marks = {**near, **originals}
    for analysis in found:
        analysis.duplicate_of = marks.get(analysis.record_id)
    return len(marks)


def analyze_batch(
    analyzer: Analyzer, batch: list[StoredRecord]
) -> tuple[list[Analysis], np.ndarray]:
    """Return the analyses and embeddings of a batch of stored records."""
    items = [Item(r.id, record_text(r), r.lang, r.provider) for r in batch]
    return analyzer.analyze(items)


def run(
    store: Store,
    settings: Settings,
    *,
    redo: bool = False,
    progress: Progress = no_progress,
    analyzer: Analyzer | None = None,
) -> StageReport:
    """Analyse every pending record (all of them with `redo`); return the counts."""
    analyzer = analyzer or build_analyzer(settings)
    if redo:
        with store.begin() as conn:
            clear_analyses(conn)
    with store.read() as conn:
        pending = count_pending(conn)
    report = StageReport("analyze", {"records": 0, "copies": 0})
    size = settings.analysis.batch_size
    steps = progress(_batches(store, size), label="analyze", total=-(-pending // size))
    for batch in steps:
        found, vectors = analyze_batch(analyzer, batch)
        report.add("copies", _mark_copies(store, batch, found, vectors, settings))
        rows = [
            (
                a.record_id,
                analyzer.embedder.name,
                vectors[i].astype(np.float32).tobytes(),
                vectors.shape[1],
            )
            for i, a in enumerate(found)
            if vectors.shape[1]
        ]
        with store.begin() as conn:
            save_analyses(conn, found, rows)
        report.add("records", len(found))
    report.notes.append(
        "versions: " + ", ".join(f"{k}={v}" for k, v in analyzer.versions().items())
    )
    return report


def _read_items(path: Path) -> list[Item]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnalysisError(f"cannot read {path}: {exc}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(_item(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise AnalysisError(f'{path}:{number}: expected {{"id", "text"}} JSON ({exc})') from exc
    return items


def _item(data: Any) -> Item:
    """Return the item a decoded line describes; TypeError names a field of the wrong type."""
    if not isinstance(data, dict):
        raise TypeError("not an object")
    if not isinstance(data["text"], str):
        raise TypeError("text must be a string")
    for name in ("lang", "platform"):
        if not isinstance(data.get(name), str | None):
            raise TypeError(f"{name} must be a string")
    return Item(data["id"], data["text"], data.get("lang"), data.get("platform"))


def analysis_json(item: Item, analysis: Analysis) -> dict[str, Any]:
    """Return the public JSON of one analysis, as `analyze-file` writes it."""
    return {
        "id": item.id,
        "lang": analysis.lang,
        "sentiment_label": analysis.sentiment_label,
        "sentiment_score": analysis.sentiment_score,
        "emotion": analysis.emotion,
        "emotion_scores": analysis.emotion_scores,
        "entities": [
            {"slug": e.slug, "name": e.name, "type": e.type, "count": e.count}
            for e in analysis.entities
        ],
        "key_phrases": analysis.key_phrases,
        "beats": [{"slug": b.slug, "confidence": b.confidence} for b in analysis.beats],
        "ai_relevance": analysis.ai_relevance,
        "versions": analysis.versions,
    }


def analyze_file(
    source: Path,
    target: Path,
    settings: Settings,
    *,
    progress: Progress = no_progress,
    analyzer: Analyzer | None = None,
) -> StageReport:
    """Analyse a JSON-lines file of {"id", "text"[, "lang", "platform"]} into `target`."""
    items = _read_items(source)
    analyzer = analyzer or build_analyzer(settings)
    size = settings.analysis.batch_size
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    try:
        with target.open("w", encoding="utf-8") as out:
            for chunk in progress(chunks, label="analyze", total=len(chunks)):
                found, _ = analyzer.analyze(chunk)
                for item, analysis in zip(chunk, found, strict=True):
                    out.write(json.dumps(analysis_json(item, analysis), ensure_ascii=False) + "\n")
    except OSError as exc:
        raise AnalysisError(f"cannot write {target}: {exc.strerror}") from exc
    return StageReport("analyze-file", {"records": len(items), "output": str(target)})
