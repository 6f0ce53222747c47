"""`cluster-file`: JSON lines in, narrative per line out, noise as null."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from beatwire.config import ClusterSettings
from beatwire.errors import AnalysisError
from beatwire.signals.cluster_file import cluster_file, epoch_seconds


class WordEmbedder:
    """A fake embedder: each text's vector is the sum of fixed random vectors of its words."""

    name = "words@test"

    def __init__(self) -> None:
        self.table: dict[str, np.ndarray] = {}
        self.rng = np.random.default_rng(0)

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            words = [self.table.setdefault(w, self.rng.standard_normal(256)) for w in text.split()]
            rows.append(np.sum(words, axis=0))
        matrix = np.asarray(rows, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def write_lines(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def topic_items() -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for n in range(30):
        items.append(
            {"id": f"a{n}", "text": f"flood river rain levee water w{n}", "time": 1000 + n}
        )
        items.append({"id": f"b{n}", "text": f"quake tremor magnitude rubble shake v{n}",
                      "time": "2026-11-03T10:00:00Z"})  # fmt: skip
    items.append({"id": "lonely", "text": "completely unrelated words here alone", "time": None})
    return items


def test_each_line_gets_its_narrative_and_noise_is_null(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", topic_items())
    target = tmp_path / "out.jsonl"
    report = cluster_file(source, target, WordEmbedder(), ClusterSettings())
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in out] == [item["id"] for item in topic_items()]
    by_id = {row["id"]: row["narrative"] for row in out}
    assert len({by_id[f"a{n}"] for n in range(30)}) == 1
    assert len({by_id[f"b{n}"] for n in range(30)}) == 1
    assert by_id["a0"] != by_id["b0"] and by_id["lonely"] is None
    assert report.figures["narratives"] == 2 and report.figures["noise"] == 1


def test_a_bad_line_is_one_error_with_its_line_number(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "ok", "time": null}\n{"text": "no id"}\n', "utf-8")
    with pytest.raises(AnalysisError, match=r"in\.jsonl:2: expected"):
        cluster_file(source, tmp_path / "out.jsonl", WordEmbedder(), ClusterSettings())


def test_times_are_read_from_iso_text_or_epoch_seconds() -> None:
    assert epoch_seconds("1970-01-01T00:01:00Z") == 60.0
    assert epoch_seconds(90) == 90.0
    assert np.isnan(epoch_seconds(None))
