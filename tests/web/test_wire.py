"""The Live Wire in plain sentences, kinds named for people, statistics behind a disclosure."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx2

from beatwire.web.context.wire_words import kind_name, plain_sentence

DAY = datetime(2026, 11, 18, tzinfo=UTC)


def _row(kind: str, key: str, value: float, baseline: float, effect: float) -> dict[str, object]:
    return {
        "kind": kind,
        "key": key,
        "beat": "ai-regulation",
        "window_end": DAY,
        "value": value,
        "baseline": baseline,
        "effect": effect,
        "sentence": "mean -38 over 46 records against -24 over 58; 95% interval -27 to -1",
    }


def test_statistics_sit_only_inside_the_disclosure(client: httpx2.Client) -> None:
    page = client.get("/wire/").text
    main = page.split('<main id="main"')[1]
    outside = re.sub(r"<details.*?</details>", "", main, flags=re.S)
    inside = re.findall(r"<details class=\"wire-stats\">", main)
    assert inside, "no statistics disclosure"
    assert "median of" not in outside and "times its median" in main
    assert "Co spike" not in page and "Volume spike" not in page


def test_every_signal_line_has_a_named_kind(client: httpx2.Client) -> None:
    items = client.get("/wire/index.json").json()["items"]
    assert items
    for item in items:
        assert item["title"] == kind_name(item["kind"])
        assert "_" not in item["title"]
        assert item["kind"] == "dispatch" or item["stats"]


def test_kinds_are_named_for_people() -> None:
    assert kind_name("co_spike") == "Beats spiking together"
    assert kind_name("sentiment_shift") == "Sentiment shift"
    assert kind_name("something_new") == "Something new"


def test_plain_sentences_carry_no_statistics() -> None:
    shift = plain_sentence(_row("sentiment_shift", "ai-regulation", -0.38, -0.24, -14.5))
    assert shift == (
        "The mood about AI Regulation turned darker on 17 November, "
        "14 sentiment points lower than usual."
    )
    together = plain_sentence(_row("co_spike", "ai-agents+ai-regulation", 125, 36.5, 3.6))
    assert together == "2 beats rose together on 17 November: AI Agents, AI Regulation."
    share = plain_sentence(
        _row("share_of_beat", "ai-regulation:entity:open-weights", 0.39, 0.22, 0.17)
    )
    assert share.startswith("Open weights came up in 39% of posts on AI Regulation")
    for sentence in (shift, together, share):
        assert "interval" not in sentence and "median" not in sentence


def test_a_line_is_dated_by_the_day_it_reports(client: httpx2.Client) -> None:
    items = client.get("/wire/index.json").json()["items"]
    for item in items:
        at = datetime.fromisoformat(item["at"])
        if item["kind"] == "volume_spike":
            assert f" on {at.day} {at:%B}:" in item["text"]
        if item["kind"] == "dispatch":  # filed after the data ends, dated by its event
            assert at <= datetime.fromisoformat(
                client.get("/wire/index.json").json()["clock"]["through"]
            )


def test_model_downloads_and_makers_read_as_sentences() -> None:
    surge = _row("artifact_surge", "downloads:org/Model-7B", 97260.8, 45063.8, 2.16)
    surge["details"] = {
        "name": "org/Model-7B",
        "artifact_kind": "model",
        "measure": "downloads_per_day",
    }
    assert plain_sentence(surge) == (
        "The model org/Model-7B was downloaded about 2.2 times as often as usual on 17 November."
    )
    makers = _row("model_ecosystem", "country:US", 0.188, 0.495, -30.7)
    makers["details"] = {"group": "American labs"}
    assert plain_sentence(makers) == (
        "American labs made 19% of the downloads of trending models on 17 November, down from 50%."
    )


def test_a_name_keeps_its_spelling_and_a_surge_from_nothing_says_so() -> None:
    surge = _row("entity_surge", "entity:vireo-4", 16, 0, 16)
    surge["details"] = {"entity_name": "Vireo-4"}
    assert plain_sentence(surge) == (
        "Vireo-4 was suddenly everywhere on 17 November: named in 16 records, "
        "where a usual day has none."
    )


def test_a_platform_volume_note_names_the_platform() -> None:
    note = _row("volume_spike", "platform:mastodon", 27, 12, 2.25)
    note["beat"] = None
    assert plain_sentence(note) == (
        "Posts on Mastodon jumped on 17 November: 27 records, about 2.2 times usual."
    )
