"""The offline writer tells an event: headline, lede, reaction, context and watch, all verified."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import pytest

from beatwire.config import NewsroomSettings
from beatwire.model import Draft, SignalDetails
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.gate import gate_reasons
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.verify import verify_draft
from beatwire.newsroom.writers import offline
from tests.newsroom.writers.event_packs import (
    DAY,
    REACTIONS,
    TRIGGER,
    Post,
    event_pack,
    signal_of,
    surge,
    varied_packs,
)

DISSENT_WORDS = re.compile(
    r"Not everyone|warmer note|pushed back|more kindly|less impressed|countered|objected|"
    r"brighter view|sceptical note"
)


def checked(pack: EvidencePack, story_type: str = "story") -> Draft:
    """Return the offline draft of `pack` after asserting it verifies at 100 and passes the gate."""
    draft = offline.write(pack, story_type)
    report = verify_draft(draft, ground_from_pack(pack))
    assert report.score == 100.0, [
        (c.text, ch.detail) for c in report.claims for ch in c.checks if not ch.ok
    ]
    assert gate_reasons(draft, pack, NewsroomSettings()) == []
    return draft


@pytest.mark.parametrize("story_type", ["lead", "story", "dispatch", "analysis"])
def test_the_headline_is_the_event_and_the_lede_cites_the_trigger(story_type: str) -> None:
    pack = event_pack()
    draft = checked(pack, story_type)
    assert draft.headline == "Quillfeather Labs acquires Tessel, maker of the Tessel runtime"
    assert "Quillfeather Labs" in pack.trigger.record.text  # the subject is in the cited trigger
    lede = draft.body.split("\n\n")[0]
    assert "acquires Tessel" in lede and "[1]" in lede and "November 12" in lede
    assert "The Harbour Ledger" in lede
    assert draft.dek.count(". ") == 0 and draft.dek.endswith(".")


def test_without_an_event_the_best_titled_record_stands_in() -> None:
    # The trigger is not first and the pack names no event: the titled record still leads.
    pack = event_pack([*REACTIONS, TRIGGER], with_event=False)
    draft = checked(pack)
    assert draft.headline == "Quillfeather Labs acquires Tessel, maker of the Tessel runtime"
    number = next(i.number for i in pack.items if i.record.title)
    assert f"[{number}]" in draft.body.split("\n\n")[0]


def test_without_any_title_the_story_tells_its_figures() -> None:
    pack = event_pack(list(REACTIONS), with_event=False)
    draft = checked(pack)
    assert draft.headline.startswith(("Talk of Quillfeather", "Sudden attention", "Quillfeather"))
    assert draft.body.startswith(("Quillfeather Labs was named in 41", "41 records"))


@pytest.mark.parametrize("baseline", [0.0, 1.0, 2.0])
@pytest.mark.parametrize("signal_id", ["sig_a", "sig_b", "sig_c", "sig_d"])
def test_no_ratio_against_a_zero_or_tiny_baseline(baseline: float, signal_id: str) -> None:
    pack = event_pack(id=signal_id, value=57.0, baseline=baseline, effect=57.0 / max(baseline, 1))
    for story_type in ("lead", "dispatch"):
        draft = checked(pack, story_type)
        text = " ".join([draft.headline, draft.dek, draft.body, *draft.takeaways])
        assert not re.search(r"-fold|times (?:its|the)|doubles|triples|quadruples", text)
        assert ("from none" in text) if baseline == 0 else (f"usual {baseline:.0f}" in text)


def test_a_ratio_is_given_against_a_real_baseline() -> None:
    draft = checked(event_pack(value=41.0, baseline=6.0, effect=6.8))
    assert "6.8 times the usual 6" in draft.body


def test_quotes_are_framed_as_dissent_only_when_they_oppose_the_majority() -> None:
    # Everyone is negative, some less so: nobody is "the other side".
    gloomy = [
        Post("reddit", f"user{i}", f"The Tessel deal worries me for reason number {w}.", s,
             entities=("Tessel",))
        for i, (w, s) in enumerate([("one", -0.9), ("two", -0.7), ("three", -0.2), ("four", -0.3)])
    ]  # fmt: skip
    for signal_id in ("sig_a", "sig_b", "sig_c", "sig_d", "sig_e"):
        body = checked(event_pack([TRIGGER, *gloomy], id=signal_id), "lead").body
        assert not DISSENT_WORDS.search(body), body
    # A warm voice in a gloomy crowd is the other side, and is framed as such.
    warm = Post(
        "bluesky",
        "sunny.bsky.social",
        "The Tessel deal is the best news for the runtime in years.",
        0.8,
        entities=("Tessel",),
    )
    for signal_id in ("sig_a", "sig_b", "sig_c", "sig_d", "sig_e"):
        body = checked(event_pack([TRIGGER, *gloomy, warm], id=signal_id), "lead").body
        framed = [s for s in body.split("\n\n") if DISSENT_WORDS.search(s)]
        assert len(framed) == 1 and "best news for the runtime" in framed[0]


def test_quotes_are_relevant_and_in_the_story_language() -> None:
    body = checked(event_pack(), "lead").body
    assert "sourdough" not in body  # off the subject
    assert "Laufzeit" not in body  # German, in an English story


def test_a_quote_names_its_author_exactly_as_the_record_does() -> None:
    for signal_id in ("sig_a", "sig_b", "sig_c", "sig_d", "sig_e", "sig_f"):
        body = checked(event_pack(id=signal_id), "lead").body
        assert "zoe_k" in body and "Zoe_k" not in body
        assert "mcAllister_dev" in body and "McAllister_dev" not in body


def test_earlier_stories_on_the_subject_give_context() -> None:
    earlier = [
        {"slug": "quillfeather-labs-opens-api", "headline": "Quillfeather Labs opens its API",
         "day": (DAY - timedelta(days=6)).date().isoformat()},
        {"slug": "quillfeather-labs-hires", "headline": "Quillfeather Labs hires a new chief",
         "day": (DAY - timedelta(days=2)).date().isoformat()},
        {"slug": "old", "headline": "Quillfeather Labs is founded",
         "day": (DAY - timedelta(days=60)).date().isoformat()},
    ]  # fmt: skip
    body = checked(event_pack(earlier=earlier), "lead").body
    assert re.search(
        r"Quillfeather Labs (?:is back in|has been in) Beatwire.s news.*third story", body
    )
    assert "third" not in checked(event_pack(), "lead").body


def _lineage(grew_on_day: int) -> dict[str, object]:
    return {
        "id": "nar_1", "label": "tessel, runtime", "status": "active", "size": 48,
        "platforms": ["reddit"], "born_at": DAY.isoformat(), "updated_at": DAY.isoformat(),
        "events": [
            {"kind": "born", "at": DAY.isoformat(), "details": {}},
            {"kind": "grew", "at": (DAY + timedelta(days=grew_on_day)).isoformat(),
             "details": {}},
        ],
    }  # fmt: skip


@pytest.mark.parametrize("signal_id", ["sig_a", "sig_b", "sig_c", "sig_d", "sig_e"])
def test_what_to_watch_never_asks_what_the_data_already_answers(signal_id: str) -> None:
    later = checked(event_pack(id=signal_id, lineage=_lineage(4)), "lead")
    assert "grew on November 16 and now counts 48 records" in later.body
    assert not re.search(r"Whether|worth following|Next for|will show|one to follow", later.body)
    same_day = checked(event_pack(id=signal_id, lineage=_lineage(0)), "lead")
    assert re.search(r"Whether|worth following|Next for|now has to|one to follow", same_day.body)


QUOTED = re.compile(r"“[^”]*”|\[\d+\]")


def openings(body: str) -> list[str]:
    """Return the opening of each prose sentence: its first three words, quotes left out."""
    found = []
    for line in body.splitlines():
        if line.strip() and not line.startswith("#"):
            for sentence in re.split(r"(?<=[.!?])\s+", QUOTED.sub(" ", line)):
                words = re.findall(r"[\w'’-]+", sentence.lower())[:3]
                found += [" ".join(words)] if words else []
    return found


@pytest.mark.parametrize("story_type", ["story", "lead"])
def test_sentence_openings_rarely_recur_across_a_batch(story_type: str) -> None:
    # An opening recurs when sentences of more than three of the 30 stories open with it.
    by_story = [openings(checked(pack, story_type).body) for pack in varied_packs(30)]
    spread: dict[str, set[int]] = defaultdict(set)
    for n, found in enumerate(by_story):
        for opening in found:
            spread[opening].add(n)
    every = [o for found in by_story for o in found]
    recurring = [o for o in every if len(spread[o]) > 3]
    assert len(every) > 150
    assert len(recurring) / len(every) <= 0.15


def test_an_entity_surge_without_its_entity_in_any_title_still_names_the_event() -> None:
    pack = event_pack(details=surge("Tessel"))
    assert checked(pack).headline.startswith("Quillfeather Labs acquires Tessel")


@dataclass(frozen=True, slots=True, kw_only=True)
class Attention(SignalDetails):
    """The details of detect's attention signal (a record far above its platform's usual)."""

    record_id: int
    platform: str
    record_kind: str
    engagement: float
    percentile: float
    scale_median: float
    scale_records: int


def attention_pack(
    title: str, provider: str = "hackernews", percentile: float = 1.0
) -> EvidencePack:
    """Return the pack of an attention signal: one record, its text its title (as replayed)."""
    engagement = {"score": 2100, "comments": 900}
    post = Post(provider, "ryan_v", title, 0.0, title=title, engagement=engagement)
    details = Attention(record_id=1, platform=provider, record_kind="story", engagement=3000.0,
                        percentile=percentile, scale_median=471.0, scale_records=67)  # fmt: skip
    sentence = "A Hacker News story drew an engagement of 3,000 over the previous 14 days."
    return event_pack([post], with_event=False, kind="attention", key="record:1", value=3000.0,
                      baseline=471.0, effect=6.4, sentence=sentence, details=details)  # fmt: skip


@pytest.mark.parametrize("story_type", ["story", "dispatch"])
def test_an_attention_story_tells_the_trigger_against_its_platform(story_type: str) -> None:
    draft = checked(attention_pack("Quillfeather Labs acquires Tessel"), story_type)
    assert draft.headline == "Quillfeather Labs acquires Tessel"
    assert re.search(r"3,000 (?:was its|in) engagement", draft.body)
    assert "more than any of the 67 stories posted there in the previous 14 days" in draft.body
    assert re.search(r"median (?:of|was) 471", draft.body)
    if story_type == "story":
        assert "no other record on it so far" in draft.body  # the story says it is thin
    partly = checked(attention_pack("Quillfeather Labs acquires Tessel", percentile=0.96))
    assert "more than 96% of the 67 stories" in partly.body


def test_a_bare_product_name_and_a_model_page_still_make_headlines() -> None:
    bare = checked(attention_pack("Tessel 2")).headline
    assert bare == "“Tessel 2” draws a crowd on Hacker News"
    model = checked(attention_pack("quillfeather/Tessel-7B", provider="huggingface"))
    assert model.headline == "Tessel-7B from quillfeather trends on Hugging Face"


def test_a_deleted_account_is_never_quoted() -> None:
    gone = Post(
        "reddit",
        "[deleted]",
        "Quillfeather Labs buying Tessel is the best runtime news of the year for everyone.",
        0.9,
        entities=("Quillfeather Labs", "Tessel"),
    )
    for signal_id in ("sig_a", "sig_b", "sig_c"):
        body = checked(event_pack([TRIGGER, *REACTIONS, gone], id=signal_id), "lead").body
        assert "[deleted]" not in body and "best runtime news" not in body


def test_facets_of_the_event_are_told_by_their_direction_and_a_darker_mood_by_its_voices() -> None:
    pack = event_pack()
    volume = signal_of([], id="sig_facet_volume", kind="volume_spike", key="ai-industry",
                       details=SignalDetails())  # fmt: skip
    darker = signal_of([], id="sig_facet_mood", kind="sentiment_shift", key="ai-industry",
                       value=-0.3, baseline=0.1, effect=-0.4, details=SignalDetails())  # fmt: skip
    pack.facets = [volume, darker]
    body = checked(pack, "lead").body
    assert "AI Industry talk as a whole ran well above its usual level that day." in body
    assert re.search(r"(?:The mood turned darker, driven by|Driving the darker tone were)", body)
    assert "Ines Varga [3]" in body  # the one negative voice drove it; no figure of the facets
    assert "0.3" not in body and "-0.30" not in body
