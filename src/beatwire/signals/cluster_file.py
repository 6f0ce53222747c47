"""`cluster-file`: narratives of a JSON-lines file, without a store and without being told how many.

In: one {"id", "text", "time"} per line (time: ISO 8601, epoch seconds, or null).
Out: one {"id", "narrative"} per line in the same order, narrative null for noise.
The embedder is passed in (the CLI builds it), so this module imports no analysis code.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from beatwire.config import ClusterSettings
from beatwire.errors import AnalysisError
from beatwire.model import StageReport
from beatwire.signals.clustering import cluster


class TextEmbedder(Protocol):
    """Anything that turns texts into L2-normalised rows."""

    name: str

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Return one unit row per text."""
        ...


def epoch_seconds(value: Any) -> float:
    """Return a time given as ISO 8601 text or epoch seconds as epoch seconds (NaN for null)."""
    if value is None or value == "":
        return math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def read_items(path: Path) -> tuple[list[Any], list[str], npt.NDArray[np.float64]]:
    """Return the ids, texts and epoch times of a cluster-file input."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnalysisError(f"cannot read {path}: {exc}") from exc
    ids, texts, times = [], [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            ids.append(data["id"])
            texts.append(str(data["text"]))
            times.append(epoch_seconds(data.get("time")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise AnalysisError(
                f'{path}:{number}: expected {{"id", "text", "time"}} JSON ({exc})'
            ) from exc
    return ids, texts, np.asarray(times, dtype=np.float64)


def cluster_file(
    source: Path, target: Path, embedder: TextEmbedder, settings: ClusterSettings
) -> StageReport:
    """Write the narrative of each line of `source` to `target`; report counts and noise."""
    ids, texts, times = read_items(source)
    labels = cluster(embedder.embed(texts), settings, times) if texts else np.zeros(0, np.int64)
    try:
        with target.open("w", encoding="utf-8") as out:
            for item, label in zip(ids, labels.tolist(), strict=True):
                narrative = None if label < 0 else int(label)
                out.write(json.dumps({"id": item, "narrative": narrative}) + "\n")
    except OSError as exc:
        raise AnalysisError(f"cannot write {target}: {exc.strerror}") from exc
    noise = int((labels < 0).sum())
    return StageReport(
        "cluster-file",
        {
            "records": len(ids),
            "narratives": int(labels.max()) + 1 if len(labels) else 0,
            "noise": noise,
            "noise_share": round(noise / len(ids), 4) if ids else 0.0,
            "embedder": embedder.name,
            "output": str(target),
        },
    )
