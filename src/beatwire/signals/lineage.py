"""Lineage: which clusters of this window are which narratives of the last one.

A cluster continues a narrative when enough of its records that were already
clustered last window sat in that narrative (member overlap), or when their
centroids are close. One cluster taking several narratives is a merge (it keeps
the largest one's id); one narrative going to several clusters is a split (the
largest keeps the id, the others are born from it); a cluster with no
predecessor is born. Ids are derived from the beat, the day and the smallest
member, so recomputing the same windows gives the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to a narrative in a window: born, grew, merged, split, faded."""

    narrative_id: str
    kind: str
    details: dict[str, object] = field(default_factory=dict)


def narrative_id(beat: str, day: str, first_member: int) -> str:
    """Return the stable id of a narrative born on `day` in `beat`."""
    digest = hashlib.sha256(f"{beat}|{day}|{first_member}".encode()).hexdigest()
    return f"nar_{digest[:12]}"


def _links(
    clusters: dict[int, list[int]],
    centres: dict[int, Matrix],
    previous: dict[int, str],
    previous_centres: dict[str, Matrix],
    overlap: float,
    similarity: float,
) -> dict[int, list[str]]:
    """Return, for each cluster, the previous narratives it continues, best first."""
    links: dict[int, list[str]] = {}
    for label, members in clusters.items():
        seen = [previous[m] for m in members if m in previous]
        votes: dict[str, int] = {}
        for nid in seen:
            votes[nid] = votes.get(nid, 0) + 1
        chosen = {nid for nid, n in votes.items() if seen and n / len(seen) >= overlap}
        for nid, centre in previous_centres.items():
            if float(centre @ centres[label]) >= similarity:
                chosen.add(nid)
        links[label] = sorted(chosen, key=lambda nid: (-votes.get(nid, 0), nid))
    return links


def match(
    clusters: dict[int, list[int]],
    centres: dict[int, Matrix],
    previous: dict[int, str],
    previous_centres: dict[str, Matrix],
    *,
    beat: str,
    day: str,
    overlap: float,
    similarity: float,
) -> tuple[dict[int, str], list[Event]]:
    """Return the narrative id of each cluster and the lineage events of this window."""
    links = _links(clusters, centres, previous, previous_centres, overlap, similarity)
    claimed: dict[str, list[int]] = {}
    for label in sorted(clusters, key=lambda c: -len(clusters[c])):
        for nid in links[label][:1]:  # a cluster continues its best predecessor only
            claimed.setdefault(nid, []).append(label)
    ids: dict[int, str] = {}
    events: list[Event] = []
    for nid, labels in claimed.items():
        ids[labels[0]] = nid
        events.append(Event(nid, "grew", {"size": len(clusters[labels[0]])}))
        for other in labels[1:]:  # the same narrative went to several clusters: a split
            new = narrative_id(beat, day, min(clusters[other]))
            ids[other] = new
            alike = previous_centres.get(nid)
            likeness = None if alike is None else round(float(alike @ centres[other]), 4)
            details = {"from": nid, "size": len(clusters[other]), "similarity": likeness}
            events.append(Event(new, "split", details))
    for label in clusters:
        if label in ids:
            continue
        new = narrative_id(beat, day, min(clusters[label]))
        ids[label] = new
        events.append(Event(new, "born", {"size": len(clusters[label])}))
    for label, nids in links.items():
        for absorbed in nids[1:]:  # a cluster that took in more narratives: a merge
            if absorbed not in claimed:
                events.append(Event(absorbed, "merged", {"into": ids[label]}))
    return ids, events
