"""Whether a draft may be published: the gate, the score against the threshold, the JSON kept."""

from __future__ import annotations

from dataclasses import replace

from beatwire.config import NewsroomSettings
from beatwire.newsroom.evidence import EvidencePack, evidence_hash
from beatwire.newsroom.fidelity.decision import check_draft
from beatwire.newsroom.writers import offline


def test_a_faithful_draft_that_passes_the_gate_is_publishable(pack: EvidencePack) -> None:
    report = check_draft(offline.write(pack, "story"), pack, NewsroomSettings())
    assert report.score == 100.0 and report.publishable
    data = report.as_json()
    assert list(data)[-4:] == ["gate", "threshold", "publishable", "evidence_hash"]
    assert data["gate"] == {"passed": True, "reasons": []}
    assert (data["threshold"], data["publishable"]) == (80.0, True)
    assert data["evidence_hash"] == evidence_hash(pack)


def test_a_score_under_the_threshold_is_held(pack: EvidencePack) -> None:
    draft = offline.write(pack, "story")
    wrong = replace(draft, body=draft.body + "\n\nTalk doubled overnight.")
    report = check_draft(wrong, pack, NewsroomSettings(publish_threshold=99.0))
    assert 80.0 < report.score < 99.0 and not report.publishable
    assert report.as_json()["gate"]["passed"]


def test_a_draft_the_gate_rejects_is_held_whatever_its_score(pack: EvidencePack) -> None:
    draft = offline.write(pack, "story")
    report = check_draft(replace(draft, headline="Short"), pack, NewsroomSettings())
    assert report.score == 100.0 and not report.publishable
    assert report.as_json()["gate"] == {
        "passed": False,
        "reasons": ["headline has 5 characters, allowed 10-120"],
    }
