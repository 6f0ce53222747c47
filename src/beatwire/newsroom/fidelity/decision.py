"""Whether a draft may be published: the verifier's score against the threshold, and the gate."""

from __future__ import annotations

from dataclasses import replace

from beatwire.config import NewsroomSettings
from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack, evidence_hash
from beatwire.newsroom.fidelity.gate import gate_reasons
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import Decision, FidelityReport
from beatwire.newsroom.fidelity.verify import verify_draft


def check_draft(draft: Draft, pack: EvidencePack, settings: NewsroomSettings) -> FidelityReport:
    """Return the fidelity report of a draft written from `pack`, with the publication decision."""
    report = verify_draft(draft, ground_from_pack(pack))
    reasons = gate_reasons(draft, pack, settings)
    threshold = settings.publish_threshold
    decision = Decision(
        gate_reasons=tuple(reasons),
        threshold=threshold,
        publishable=not reasons and report.score >= threshold,
        evidence_hash=evidence_hash(pack),
    )
    return replace(report, decision=decision)
