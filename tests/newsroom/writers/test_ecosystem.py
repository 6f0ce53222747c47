"""The ecosystem writer: who gained or lost ground in trending-model downloads, and by how much."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from beatwire.config import NewsroomSettings
from beatwire.model import StoredRecord
from beatwire.newsroom.evidence import EvidencePack, build_pack
from beatwire.newsroom.fidelity.gate import gate_reasons
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.verify import verify_draft
from beatwire.newsroom.writers import offline
from beatwire.signal_details import ModelEcosystemDetails
from tests.newsroom.conftest import make_analyses, make_records, make_signal

MONDAY = datetime(2026, 11, 2, tzinfo=UTC)
# Our own pages and posts: two models' Hugging Face listings and a post about one of them.
PAGES = [
    ("huggingface", "Qwen", None, "Qwen/Qwen9-VL-8B image-text-to-text", 0.0, []),
    ("huggingface", "deepseek-ai", None, "deepseek-ai/DeepSeek-Scan text-generation", 0.0, []),
    ("hackernews", "ana", None, "DeepSeek-Scan reads my receipts better than I do", 0.4, []),
]


def _as_listed(record: StoredRecord) -> StoredRecord:
    """Return a Hugging Face record as the source stores it: a model page titled by its id."""
    if record.record.provider != "huggingface":
        return record
    title = record.record.text.split()[0]
    return StoredRecord(record.id, replace(record.record, kind="model", title=title))


def _pack(posts: list[tuple[Any, ...]] = PAGES, **details: Any) -> EvidencePack:
    values: dict[str, Any] = {
        "change": "share_shift", "scope": "country", "group": "Chinese makers", "country": "CN",
        "maker": None, "week": "2026-W45", "since": "2026-10-26", "share": 0.4123,
        "share_before": 0.3011, "gained": 41230, "total_gained": 100000,
        "models": ("deepseek-ai/DeepSeek-Scan", "Qwen/Qwen9-VL-8B"), "model_gains": (30000, 11230),
        "shares": {"CN": 0.4123, "US": 0.5877}, "talk_points": 40.0,
        "shares_before": {"CN": 0.3011, "US": 0.6989}, "also": ("US",),
    }  # fmt: skip
    values.update(details)
    shape = ModelEcosystemDetails(**values)
    records = [_as_listed(record) for record in make_records(posts)]
    signal = make_signal(
        records, id="sig_eco", kind="model_ecosystem", key="share:country:CN:2026-W45", beat=None,
        window_start=MONDAY, window_end=MONDAY + timedelta(days=7), value=shape.share,
        baseline=shape.share_before, effect=(shape.share - shape.share_before) * 100,
        sentence="Chinese makers took 41% of the downloads gained by trending Hugging Face models "
        "in the week of November 2; their models: deepseek-ai/DeepSeek-Scan, Qwen/Qwen9-VL-8B; "
        "American makers, DeepSeek, Alibaba (Qwen), Nimbrook.",
        details=shape, promoted_as="analysis",
    )  # fmt: skip
    return build_pack(signal, "AI Regulation", records, make_analyses(records, posts), 8)


def _written(pack: EvidencePack) -> tuple[str, str, float]:
    draft = offline.write(pack, "analysis")
    return draft.headline, draft.body, verify_draft(draft, ground_from_pack(pack)).score


def test_a_share_shift_says_who_gained_how_much_and_names_the_models() -> None:
    headline, body, score = _written(_pack())
    assert headline in {
        "Chinese makers take 41% of trending-model downloads, up from 30%",
        "Chinese makers gain ground in trending-model downloads: 30% to 41%",
    }
    assert "deepseek-ai/DeepSeek-Scan (30,000 downloads) [" in body
    assert "Qwen/Qwen9-VL-8B (11,230 downloads) [" in body
    assert "41,230 of the 100,000 downloads" in body
    assert "Over the same week, American makers went from 70% to 59%." in body
    assert score == 100.0


def test_a_maker_losing_ground_reads_in_the_singular() -> None:
    pack = _pack(scope="maker", group="DeepSeek", maker="DeepSeek", share=0.1, share_before=0.5)
    headline, _body, score = _written(pack)
    assert headline.startswith(("DeepSeek slips to 10%", "DeepSeek loses ground"))
    assert score == 100.0


@pytest.mark.parametrize(
    ("change", "start"),
    [("lead_change", "Chinese makers "), ("newcomer", "deepseek-ai/DeepSeek-Scan ")],
)
def test_a_lead_change_and_a_newcomer_have_their_own_headlines(change: str, start: str) -> None:
    extra: dict[str, Any] = {"change": change}
    if change == "lead_change":
        extra["previous_leader"] = "American makers"
    else:
        extra |= {"scope": "model", "group": "deepseek-ai/DeepSeek-Scan", "maker": "DeepSeek",
                  "models": ("deepseek-ai/DeepSeek-Scan",), "model_gains": (30000,),
                  "share": 0.3, "gained": 30000}  # fmt: skip
    headline, body, score = _written(_pack(**extra))
    assert headline.startswith(start) or headline.startswith("Newcomer")
    assert ("American makers" in headline) == (change == "lead_change")
    assert "30,000 downloads" in body or "41,230 of 100,000" in body
    assert score == 100.0


def test_a_model_no_record_names_is_left_out_and_markup_stays_out_of_headlines() -> None:
    pack = _pack(models=("deepseek-ai/DeepSeek-Scan", "nobody/unseen"), model_gains=(30000, 11230))
    _headline, body, score = _written(pack)
    assert "nobody/unseen" not in body and "deepseek-ai/DeepSeek-Scan (30,000 downloads)" in body
    assert score == 100.0
    odd = "deepseek-ai/deep_scan"
    newcomer = _pack(change="newcomer", scope="model", group=odd, maker="DeepSeek",
                     models=(odd,), model_gains=(30000,), share=0.3, gained=30000)  # fmt: skip
    draft = offline.write(newcomer, "analysis")
    assert draft.headline.startswith("A new deepseek-ai model")
    assert "_" not in draft.headline + draft.dek + "".join(draft.takeaways)
    assert gate_reasons(draft, newcomer, NewsroomSettings()) == []


def test_a_model_named_without_the_top_one_is_not_called_the_leading_model() -> None:
    pack = _pack(posts=PAGES[:1])  # only the second model's page: the top one is unnamed
    _headline, body, score = _written(pack)
    assert "deepseek-ai/DeepSeek-Scan" not in body and "The leading model" not in body
    assert "One of their models was Qwen/Qwen9-VL-8B (11,230 downloads) [" in body
    assert score == 100.0


def test_a_release_jump_says_how_many_times_and_names_the_new_model() -> None:
    pack = _pack(
        change="release_jump", scope="maker", group="DeepSeek", maker="DeepSeek",
        models=("deepseek-ai/DeepSeek-Scan",), model_gains=(180000,), release_day="2026-11-02",
        per_day_before=2000.0, per_day_after=47000.0, shares={},
    )  # fmt: skip
    pack.signal.value, pack.signal.baseline, pack.signal.effect = 47000.0, 2000.0, 23.5
    headline, body, score = _written(pack)
    assert headline in {
        "Downloads of DeepSeek models jump 23.5-fold after deepseek-ai/DeepSeek-Scan arrives",
        "deepseek-ai/DeepSeek-Scan lifts DeepSeek to 47,000 trending downloads a day",
    }
    assert "47,000 downloads a day" in body and "against 2,000 a day" in body
    assert "deepseek-ai/DeepSeek-Scan (180,000 downloads) [" in body
    assert score == 100.0


def test_the_figures_lead_and_a_model_page_is_cited_never_quoted_as_speech() -> None:
    """A listing is a page: its id is no event to headline and no one said its text."""
    headline, body, _score = _written(_pack())
    lede = body.split("\n\n")[0]
    assert "trends on Hugging Face" not in headline + lede
    assert lede.startswith("Models from Chinese makers gained 41,230 of the 100,000 downloads")
    for listing in ("image-text-to-text", "text-generation"):
        assert listing not in body  # a page's text is never a quote
    assert not any(f"{org} wrote" in body or f"{org} said" in body for org in ("Qwen", "deepseek"))
    assert "deepseek-ai/DeepSeek-Scan (30,000 downloads) [1]" in body  # cited as a page


def test_an_analysis_without_quotes_has_no_empty_sections() -> None:
    body = offline.write(_pack(), "analysis").body  # the one post has nothing to quote
    blocks = body.split("\n\n")
    for block, following in zip(blocks, [*blocks[1:], "## end"], strict=True):
        assert not (block.startswith("## ") and following.startswith("## ")), body


def test_pages_alone_are_no_posters_and_make_no_majority() -> None:
    """A model card's upbeat tone is no crowd: with no post, nobody 'welcomed it'."""
    upbeat = [(*page[:4], 0.6, []) for page in PAGES[:2]]
    upbeat.append(("huggingface", "moonshotai", None, "moonshotai/Kimi-Z text-generation", 0.6, []))
    body = offline.write(_pack(upbeat), "analysis").body
    assert "poster" not in body.lower() and "What people are saying" not in body
