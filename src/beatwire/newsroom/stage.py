"""The write stage: a story (or a new version) for every promoted signal not yet told."""

from __future__ import annotations

import hashlib
import logging

from beatwire.config import Settings
from beatwire.model import Draft, Signal, StageReport
from beatwire.newsroom import offline
from beatwire.newsroom.evidence import EvidencePack, build_pack
from beatwire.newsroom.slugs import unique_slug
from beatwire.newsroom.verify import verify
from beatwire.store.analyses import analyses_by_record
from beatwire.store.engine import Store
from beatwire.store.records import records_by_id
from beatwire.store.signals import list_signals
from beatwire.store.stories import save_version, story_by_topic
from beatwire.taxonomy import beat_name

log = logging.getLogger(__name__)


def story_id(topic_key: str) -> str:
    """Return the stable opaque id of the story about `topic_key`."""
    return "st_" + hashlib.sha256(topic_key.encode()).hexdigest()[:12]


def _pack(store: Store, signal: Signal, settings: Settings) -> EvidencePack:
    with store.read() as conn:
        found = records_by_id(conn, signal.evidence)
        analysed = analyses_by_record(conn, found)
    return build_pack(
        signal,
        beat_name(signal.beat) if signal.beat else "AI",
        [found[i] for i in signal.evidence if i in found],
        analysed,
        settings.newsroom.citations_per_story,
    )


def _sources(pack: EvidencePack) -> dict[int, str]:
    return {item.number: item.record.text for item in pack.items}


def _write_one(store: Store, signal: Signal, settings: Settings) -> tuple[Draft, dict] | None:
    topic = signal.topic_key or signal.id
    with store.read() as conn:
        known = story_by_topic(conn, topic)
    if known is not None and signal.id in known.signal_ids:
        return None  # already told from this very signal
    pack = _pack(store, signal, settings)
    if not pack.items:
        log.warning("signal %s has no evidence records; no story written", signal.id)
        return None
    draft = offline.write(
        pack, signal.promoted_as or "story", quotes=settings.newsroom.quotes_per_story
    )
    report = verify(draft.body, _sources(pack))
    published = report["score"] >= settings.newsroom.publish_threshold
    sid = story_id(topic)
    with store.begin() as conn:
        slug = unique_slug(conn, draft.headline, sid)
        save_version(
            conn,
            story_id=sid,
            slug=slug,
            topic_key=topic,
            draft=draft,
            fidelity=report,
            published=published,
        )
    return draft, report


def run(store: Store, settings: Settings) -> StageReport:
    """Write or revise the stories of promoted signals; running it twice changes nothing."""
    report = StageReport("write", {"written": 0, "held": 0, "unchanged": 0})
    with store.read() as conn:
        promoted = list_signals(conn, promoted=True)
    for signal in promoted:
        outcome = _write_one(store, signal, settings)
        if outcome is None:
            report.add("unchanged")
        elif outcome[1]["score"] >= settings.newsroom.publish_threshold:
            report.add("written")
        else:
            report.add("held")
    return report
