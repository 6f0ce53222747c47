"""Signal details: one shape a kind, the same JSON through the store and the API."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx2
import pytest

from beatwire import signal_details as sd
from beatwire.config import load_settings
from beatwire.errors import StoreError
from beatwire.model import Representativeness, Signal, SignalDetails
from beatwire.signal_details import SHAPES, details_from_json
from beatwire.store.engine import Store
from beatwire.store.keys import create_key
from beatwire.store.signals import replace_signals, strongest_signals
from beatwire.web.app import create_app
from tests.conftest import Demo

MIX = Representativeness(
    records=40, authors=31, top_author_share=0.05, top3_author_share=0.125,
    platforms={"bluesky": 0.6, "reddit": 0.4},
    sentence="The 40 records came from 31 accounts; the most active wrote 5% of them.",
)  # fmt: skip
SAMPLES: dict[str, SignalDetails] = {
    "attention": sd.AttentionDetails(
        record_id=7, platform="hackernews", record_kind="story", engagement=2140.0,
        percentile=0.99, scale_median=30.0, scale_records=420,
    ),
    "volume_spike": sd.VolumeSpikeDetails(
        burst_onset="2026-11-03T08:00Z", burst_end="2026-11-03T19:00Z", burst_level=2,
        key_type="beat", baseline_kind="same_weekday", baseline_days=5,
    ),
    "sentiment_shift": sd.SentimentShiftDetails(ci_low=-21.5, ci_high=-9.25, n=80, baseline_n=910),
    "entity_surge": sd.EntitySurgeDetails(
        entity="orvane-council", entity_name="Orvane Council", entity_type=None
    ),
    "share_of_beat": sd.ShareOfBeatDetails(
        entity="orvane-council", entity_name="Orvane Council", records_in_beat=120
    ),
    "platform_divergence": sd.PlatformDivergenceDetails(
        platform_pair=("bluesky", "reddit"), ci_low=12.0, ci_high=30.5,
        by_platform={"bluesky": 0.21, "reddit": -0.1}, level="narrative",
        narrative_label="audit, rule, council",
    ),
    "co_spike": sd.CoSpikeDetails(beats=("ai-regulation", "ai-jobs")),
    "emerging_narrative": sd.EmergingNarrativeDetails(
        label="audit, rule", platforms=("reddit", "bluesky"), age_days=2, size=45
    ),
    "artifact_surge": sd.ArtifactSurgeDetails(
        artifact="lab/tiny-7b", name="lab/tiny-7b", artifact_kind="model", source="huggingface",
        measure="downloads_per_day", gained=52000, snapshots=4,
    ),
    "model_ecosystem": sd.ModelEcosystemDetails(
        change="share_shift", scope="country", group="French makers", country="FR", maker=None,
        week="2026-W45", since="2026-10-26", share=0.3, share_before=0.1, gained=3000,
        total_gained=10000, models=("mistralai/a", "mistralai/b"), model_gains=(2000, 1000),
        shares={"FR": 0.3, "US": 0.7}, talk_points=None,
    ),
}  # fmt: skip
DAY = datetime(2026, 11, 3, tzinfo=UTC)


def signal_of(kind: str, details: SignalDetails) -> Signal:
    """Return a stored-to-be signal of `kind` carrying `details`."""
    return Signal(
        id=f"sig_{kind}", kind=kind, key=kind, beat="ai-regulation", window_start=DAY,
        window_end=DAY + timedelta(days=1), value=3.0, baseline=1.0, effect=3.0,
        significance=4.0, min_count=5, sentence="A sentence.", evidence=[1, 2],
        details=details,
    )  # fmt: skip


def test_every_kind_has_a_sample() -> None:
    assert set(SAMPLES) == set(SHAPES)
    assert all(type(SAMPLES[kind]) is shape for kind, shape in SHAPES.items())


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_every_kind_round_trips_through_its_json(kind: str) -> None:
    details = replace(SAMPLES[kind], representativeness=MIX, narrative_by_evidence=0.75)
    text = json.dumps(details.as_json())
    assert details_from_json(kind, json.loads(text)) == details


def test_the_json_keeps_the_keys_detectors_always_wrote() -> None:
    spike = replace(SAMPLES["volume_spike"], representativeness=MIX)
    assert list(spike.as_json()) == [
        "burst_onset", "burst_end", "burst_level", "key_type", "baseline_kind", "baseline_days",
        "representativeness", "representativeness_sentence",
    ]  # fmt: skip
    assert spike.as_json()["representativeness"] == {
        "records": 40, "authors": 31, "top_author_share": 0.05, "top3_author_share": 0.125,
        "platforms": {"bluesky": 0.6, "reddit": 0.4},
    }  # fmt: skip
    assert SAMPLES["co_spike"].as_json() == {"beats": ["ai-regulation", "ai-jobs"]}


def test_an_unset_optional_field_is_left_out_and_a_measured_none_kept() -> None:
    quiet = sd.VolumeSpikeDetails(
        key_type="platform", baseline_kind="trailing_days", baseline_days=14
    )
    assert quiet.as_json() == {
        "key_type": "platform", "baseline_kind": "trailing_days", "baseline_days": 14,
    }  # fmt: skip
    assert SAMPLES["model_ecosystem"].as_json()["talk_points"] is None
    assert SAMPLES["entity_surge"].as_json()["entity_type"] is None


def test_json_without_the_kinds_fields_is_bare_details() -> None:
    assert details_from_json("volume_spike", {}) == SignalDetails()
    assert details_from_json("burst_onset", {"narrative_by_evidence": 0.5}) == SignalDetails(
        narrative_by_evidence=0.5
    )
    assert SignalDetails().as_json() == {}


def test_json_that_fits_the_shape_only_in_part_is_refused() -> None:
    with pytest.raises(StoreError, match="sentiment_shift signal do not fit"):
        details_from_json("sentiment_shift", {"ci_low": 1.0})
    with pytest.raises(StoreError, match="entity_surge"):
        details_from_json("entity_surge", {**SAMPLES["entity_surge"].as_json(), "title": "x"})


def _served(store: Store, db_url: str) -> list[dict]:
    with store.begin() as conn:
        token = create_key(conn, name="test", scopes=("stories",), rpm=1000).token
    app = create_app(load_settings(None, db=db_url), store)

    async def get() -> list[dict]:
        transport = httpx2.ASGITransport(app=app)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx2.AsyncClient(
            transport=transport, base_url="http://beatwire.test", headers=headers
        ) as http:
            return list((await http.get("/v1/signals", params={"limit": 50})).json()["data"])

    return asyncio.run(get())


def test_every_kind_round_trips_through_the_store_and_the_api(store: Store, db_url: str) -> None:
    found = [
        signal_of(kind, replace(details, representativeness=MIX))
        for kind, details in SAMPLES.items()
    ]
    with store.begin() as conn:
        replace_signals(conn, found)
    with store.read() as conn:
        stored = {s.id: s.details for s in strongest_signals(conn)}
    assert stored == {s.id: s.details for s in found}
    served = {row["id"]: (row["kind"], row["details"]) for row in _served(store, db_url)}
    for signal in found:
        kind, details = served[signal.id]
        assert details == signal.details.as_json()
        assert details_from_json(kind, details) == signal.details


def test_the_detectors_emit_each_kind_in_its_shape(demo: Demo) -> None:
    with demo.store.read() as conn:
        found = strongest_signals(conn)
    kinds = {signal.kind for signal in found}
    assert {"volume_spike", "sentiment_shift", "entity_surge", "emerging_narrative"} <= kinds
    for signal in found:
        assert type(signal.details) is SHAPES[signal.kind], signal.kind
        assert signal.details.representativeness is not None
