"""Lineage: born, grew, split and merged narratives keep stable ids."""

from __future__ import annotations

import numpy as np

from beatwire.signals.lineage import match, narrative_id


def unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def run(clusters, previous, previous_centres=None, centres=None):  # type: ignore[no-untyped-def]
    centres = centres or {label: unit(1, label + 1) for label in clusters}
    return match(
        clusters, centres, previous, previous_centres or {}, beat="ai-agents", day="2026-11-03",
        overlap=0.3, similarity=0.99,
    )  # fmt: skip


def test_a_cluster_without_predecessor_is_born_with_a_stable_id() -> None:
    ids, events = run({0: [5, 6, 7]}, previous={})
    assert ids[0] == narrative_id("ai-agents", "2026-11-03", 5)
    assert [(e.kind, e.narrative_id) for e in events] == [("born", ids[0])]
    assert run({0: [7, 6, 5]}, previous={})[0] == ids


def test_a_cluster_sharing_members_continues_the_narrative() -> None:
    ids, events = run({0: [1, 2, 3, 10, 11]}, previous={1: "nar_a", 2: "nar_a", 3: "nar_a"})
    assert ids == {0: "nar_a"}
    assert [e.kind for e in events] == ["grew"]


def test_one_narrative_going_to_two_clusters_is_a_split() -> None:
    previous = {i: "nar_a" for i in range(1, 9)}
    ids, events = run({0: [1, 2, 3, 4, 20], 1: [5, 6, 7]}, previous)
    assert ids[0] == "nar_a" and ids[1] != "nar_a"
    split = [e for e in events if e.kind == "split"]
    assert split and split[0].details["from"] == "nar_a" and split[0].narrative_id == ids[1]


def test_a_cluster_taking_two_narratives_is_a_merge_into_the_larger() -> None:
    previous = {1: "nar_a", 2: "nar_a", 3: "nar_a", 4: "nar_b", 5: "nar_b"}
    ids, events = run({0: [1, 2, 3, 4, 5]}, previous)
    assert ids == {0: "nar_a"}
    merged = [e for e in events if e.kind == "merged"]
    assert [(e.narrative_id, e.details["into"]) for e in merged] == [("nar_b", "nar_a")]


def test_a_close_centroid_continues_a_narrative_without_shared_members() -> None:
    ids, _ = run({0: [40, 41]}, previous={}, previous_centres={"nar_c": unit(1, 1)},
                 centres={0: unit(1, 1)})  # fmt: skip
    assert ids == {0: "nar_c"}
