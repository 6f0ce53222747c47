"""The write stage: a story (or a new version) for every promoted signal whose evidence changed.

For each promoted signal: build the evidence pack (records, figures, the
narrative's lineage), skip it when the story's newest version rests on the
same evidence, otherwise write a draft with the configured writer, pass it
through the output gate and the fidelity verifier, and store it as the next
version: published (status developing or final) when it passes both, held
otherwise. A held version never replaces a published one. `verify_story` runs
the same check afresh on a stored story (`beatwire verify STORY_ID`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any

import httpx2

from beatwire.config import Settings
from beatwire.errors import NewsroomError, WriterError
from beatwire.llm_retry import Sleep
from beatwire.model import Draft, Signal, StageReport
from beatwire.newsroom.evidence import EventEvidence, EvidencePack, build_pack, evidence_hash
from beatwire.newsroom.fidelity.decision import check_draft
from beatwire.newsroom.slugs import unique_slug
from beatwire.newsroom.versions import version_status
from beatwire.newsroom.writers.base import Writer
from beatwire.newsroom.writers.factory import make_writer
from beatwire.store.analyses import analyses_by_record
from beatwire.store.engine import Store
from beatwire.store.events import earlier_stories, event_of_signal
from beatwire.store.narratives import narrative_lineage
from beatwire.store.records import records_by_id
from beatwire.store.signals import signals_by_id, strongest_signals
from beatwire.store.stories import latest_version, save_story_version, story_row
from beatwire.taxonomy import beat_name

log = logging.getLogger(__name__)


def story_id(topic_key: str) -> str:
    """Return the stable opaque id of the story about `topic_key`."""
    return "st_" + hashlib.sha256(topic_key.encode()).hexdigest()[:12]


def load_pack(store: Store, signal: Signal, settings: Settings) -> EvidencePack:
    """Return the evidence pack of a stored signal, with its event's records when it has one.

    A signal about an event tells the event: its records (trigger first), its other
    signals as facets, and the stories of earlier events on its beat as context.
    """
    with store.read() as conn:
        event = event_of_signal(conn, signal.id)
        wanted = event.record_ids if event else signal.evidence
        found = records_by_id(conn, wanted)
        analysed = analyses_by_record(conn, found)
        lineage = narrative_lineage(conn, signal.narrative_id) if signal.narrative_id else None
        told = None
        if event is not None and event.trigger_record_id in found:
            facets = [s for s in signals_by_id(conn, event.signal_ids) if s.id != signal.id]
            told = EventEvidence(
                title=event.title, trigger=found[event.trigger_record_id],
                facets=sorted(facets, key=lambda s: (-s.score, s.id)),
                earlier=earlier_stories(conn, event),
            )  # fmt: skip
    return build_pack(
        signal,
        beat_name(signal.beat) if signal.beat else "AI",
        [found[i] for i in wanted if i in found],
        analysed,
        settings.newsroom.citations_per_story,
        lineage=lineage,
        event=told,
    )


async def _write_one(
    store: Store, signal: Signal, settings: Settings, writer: Writer, report: StageReport
) -> None:
    topic = signal.topic_key or signal.id
    sid = story_id(topic)
    pack = load_pack(store, signal, settings)
    if not pack.items:
        log.warning("signal %s has no evidence records; no story written", signal.id)
        report.add("skipped")
        return
    with store.read() as conn:
        latest = latest_version(conn, sid)
    if latest and latest["fidelity_report"].get("evidence_hash") == evidence_hash(pack):
        report.add("unchanged")
        return
    try:
        draft = await writer.write(pack, signal.promoted_as or "story")
    except WriterError as exc:
        report.add("failed")
        report.notes.append(f"{signal.id}: {exc.one_line()}")
        return
    fidelity = check_draft(draft, pack, settings.newsroom)
    with store.begin() as conn:
        save_story_version(
            conn,
            story_id=sid,
            slug=unique_slug(conn, draft.headline, sid),
            topic_key=topic,
            draft=draft,
            fidelity=fidelity.as_json(),
            published=fidelity.publishable,
            status=version_status(pack),
        )
    report.add("written" if fidelity.publishable else "held")
    report.add("tokens_in", draft.tokens_in)
    report.add("tokens_out", draft.tokens_out)
    report.add("cost_usd", draft.cost_usd)


async def write_all(
    store: Store, settings: Settings, writer: Writer, signals: list[Signal]
) -> StageReport:
    """Write or revise the stories of `signals` with `writer`; return what happened."""
    report = StageReport("write", {"written": 0, "held": 0, "unchanged": 0, "failed": 0})
    report.figures["writer"] = writer.name
    for signal in signals:
        await _write_one(store, signal, settings, writer, report)
    return report


def run(
    store: Store,
    settings: Settings,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> StageReport:
    """Write or revise the stories of promoted signals; running it twice changes nothing."""
    with store.read() as conn:
        promoted = strongest_signals(conn, promoted=True)
    writer = make_writer(settings, transport=transport, sleep=sleep)
    return asyncio.run(write_all(store, settings, writer, promoted))


def verify_story(store: Store, settings: Settings, ident: str) -> dict[str, Any]:
    """Return the fidelity report of a stored story's newest version, checked afresh, as JSON."""
    with store.read() as conn:
        story = story_row(conn, ident)
        if story is None:
            raise NewsroomError(f"no story {ident!r}")
        version = latest_version(conn, story["id"])
        signals = {s.id: s for s in strongest_signals(conn)}
    assert version is not None  # a story row is written with its first version
    signal = next((signals[i] for i in version["signal_ids"] if i in signals), None)
    if signal is None:
        raise NewsroomError(f"the signal behind story {ident!r} is no longer stored")
    keys = ("headline", "dek", "body", "takeaways", "seo_description", "story_type", "beats",
            "signal_ids", "writer", "faq")  # fmt: skip
    draft = Draft(citations=[], **{k: version[k] for k in keys})
    report = check_draft(draft, load_pack(store, signal, settings), settings.newsroom)
    return {"story": story["id"], "version": version["version"], **report.as_json()}
