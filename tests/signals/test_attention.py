"""Attention: a record far more engaged than its own platform's records, at every volume."""

from __future__ import annotations

import numpy as np

from beatwire.signal_details import AttentionDetails
from beatwire.signals.attention import attention_findings
from tests.signals.frames import Records, rows_of

KINDS = {"hackernews": "story", "huggingface": "model", "news": "article", "bluesky": "post"}


def _usual(records: Records, days: int, per_day: int, platform: str, level: float) -> None:
    """Add `per_day` records a day whose engagement varies around `level` (within a factor 2)."""
    rng = np.random.default_rng(per_day)
    for day in range(days):
        spread = (level * rng.uniform(0.5, 2.0, per_day)).tolist()
        records.add(day, per_day, platform=platform, engagement=spread, kind=KINDS[platform])


def _report(records: Records, day: int, platform: str, engagement: float, *, count: int = 1,
            entity: str | None = "nimbrook") -> np.ndarray:  # fmt: skip
    """Add a report naming an organisation (a subject) on `day`."""
    return records.add(day, count, platform=platform, engagement=engagement,
                       kind=KINDS[platform], entity=entity)  # fmt: skip


def test_a_story_far_above_a_quiet_source_is_notable() -> None:
    records = Records()
    _usual(records, 15, 3, "hackernews", 300.0)
    star = _report(records, 14, "hackernews", 2500.0)
    context = records.context(report_from=14)
    found = attention_findings(context)
    assert [f.rows.tolist() for f in found] == [rows_of(context, star).tolist()]
    details = found[0].details
    assert isinstance(details, AttentionDetails)
    assert details.platform == "hackernews" and details.percentile == 1.0
    assert found[0].significance >= context.settings.detect.attention_z


def test_each_platform_is_measured_on_its_own_scale() -> None:
    """2,500 is a lead on a source whose records draw 300; on one whose records draw 5,000, not."""
    records = Records()
    _usual(records, 15, 3, "hackernews", 300.0)
    _usual(records, 15, 3, "huggingface", 5000.0)
    _report(records, 14, "huggingface", 2500.0)
    star = _report(records, 14, "hackernews", 2500.0)
    context = records.context(report_from=14)
    found = attention_findings(context)
    assert [f.rows.tolist() for f in found] == [rows_of(context, star).tolist()]


def test_a_loud_source_gives_no_more_than_a_few_a_day() -> None:
    records = Records()
    _usual(records, 15, 300, "news", 10.0)
    _report(records, 14, "news", 900.0, count=40)
    context = records.context(report_from=14)
    found = attention_findings(context)
    assert len(found) == context.settings.detect.attention_max_per_day


def test_a_source_without_engagement_ranks_nothing() -> None:
    records = Records()
    _report(records, 0, "news", 0.0, count=40)
    _report(records, 14, "news", 0.0, count=40)
    assert attention_findings(records.context(report_from=14)) == []


def test_an_ordinary_day_has_no_lead() -> None:
    records = Records()
    _usual(records, 15, 3, "hackernews", 300.0)
    _report(records, 14, "hackernews", 450.0)
    assert attention_findings(records.context(report_from=14)) == []


def test_a_social_post_reacts_and_does_not_lead() -> None:
    records = Records()
    _usual(records, 15, 3, "bluesky", 300.0)
    _report(records, 14, "bluesky", 2500.0)
    assert attention_findings(records.context(report_from=14)) == []


def test_a_new_source_is_judged_by_its_first_days() -> None:
    """On a source's first day nothing came before: its first records are its scale."""
    records = Records()
    star = _report(records, 0, "hackernews", 2500.0)
    _usual(records, 6, 3, "hackernews", 300.0)
    context = records.context(report_from=0)
    found = attention_findings(context)
    assert [f.rows.tolist() for f in found] == [rows_of(context, star).tolist()]
    assert "published from October 5 to October 7" in found[0].sentence
