"""A quote from a record in another language needs a note in an English story."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from beatwire.newsroom.evidence import EvidencePack, build_pack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.story_file import verify_file
from beatwire.newsroom.fidelity.verify import verify
from tests.newsroom.conftest import POSTS, make_analyses, make_records, make_signal

SPANISH = (
    "La nueva regla de auditoría del consejo de Orvane va a hundir a los pequeños laboratorios."
)
POSTS_ES = [*POSTS, ("mastodon", "lucia@fedi.example", "Lucía Ferrer", SPANISH, -0.5, [])]


def spanish_pack() -> EvidencePack:
    """Return a pack whose last record is Spanish, as the analysis stage found."""
    records = make_records(POSTS_ES)
    analyses = make_analyses(records, POSTS_ES)
    analyses[records[-1].id] = replace(analyses[records[-1].id], lang="es")
    return build_pack(make_signal(records), "AI Regulation", records, analyses, 8)


def _language(report: FidelityReport) -> list[tuple[bool, str]]:
    return [
        (c.ok, c.detail) for claim in report.claims for c in claim.checks if c.kind == "language"
    ]


def _lucia(pack: EvidencePack) -> int:
    return next(i.number for i in pack.items if i.record.author == "lucia@fedi.example")


def test_a_spanish_quote_without_a_note_fails() -> None:
    pack = spanish_pack()
    body = f"Lucía Ferrer wrote: “{SPANISH}” [{_lucia(pack)}]"
    report = verify(body, ground_from_pack(pack))
    assert [ok for ok, _ in _language(report)] == [False]
    assert "a Spanish quote in an English story, with no note" in _language(report)[0][1]
    assert report.score < 80


def test_a_spanish_quote_said_to_be_spanish_or_translated_passes() -> None:
    pack = spanish_pack()
    ground = ground_from_pack(pack)
    for note in ("Lucía Ferrer wrote in Spanish:", "Lucía Ferrer wrote (translation ours):"):
        report = verify(f"{note} “{SPANISH}” [{_lucia(pack)}]", ground)
        assert [ok for ok, _ in _language(report)] == [True], note


def test_english_quotes_and_unknown_languages_are_not_judged(pack: EvidencePack) -> None:
    mara = next(i.number for i in pack.items if i.record.author == "mara.bsky.social")
    body = f"Mara Quillon wrote: “The Orvane Council finally passed the model audit rule today.” [{mara}]"  # noqa: E501
    assert _language(verify(body, ground_from_pack(pack))) == []


def test_a_story_file_reads_each_record_s_language(tmp_path: Path) -> None:
    record = {"number": 1, "author": "lucia@fedi.example", "text": SPANISH, "lang": "es"}
    path = tmp_path / "story.json"
    body = f"Lucía wrote: “{SPANISH}” [1]"
    path.write_text(json.dumps({"body": body, "citations": [record]}), encoding="utf-8")
    assert "language" in verify_file(path).failed_checks
