"""The methodology's appendix: the settings a reader's questions turn on, each with its value,
unit and one sentence, read from the configuration in force (never the raw configuration)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from beatwire.config import Settings

# (section, where in the settings, unit, what it decides). Only settings that change what a
# reader sees; the operator's guide (README) covers the rest. A row whose setting this
# version does not have is left out, so the table follows settings as they come and go.
APPENDIX: tuple[tuple[str, str, str, str], ...] = (
    ("Finding", "detect.baseline_days", "days",
     "How many earlier days make a beat's usual level, the baseline a day is compared with."),
    ("Finding", "detect.weekday_baseline_weeks", "weeks",
     "A beat whose volume follows the week is compared with the same weekday over these weeks."),
    ("Finding", "detect.weekday_baseline_min_weeks", "weeks",
     "How many of those weeks must have data before the weekday comparison is used."),
    ("Finding", "detect.spike_z", "robust z-score",
     "How far above the usual level a day must be to count as a spike, in median deviations."),
    ("Finding", "detect.spike_ratio", "times the usual",
     "A spike must also be at least this many times the usual daily median."),
    ("Finding", "detect.spike_min_count", "records",
     "A spike must also have at least this many records that day."),
    ("Finding", "detect.spike_max_p", "probability",
     "A spike must also be this unlikely by chance at the beat's usual rate."),
    ("Finding", "detect.min_authors", "accounts",
     "A signal needs at least this many different accounts, so one loud poster cannot make news."),
    ("Finding", "detect.max_top3_author_share", "share",
     "The three busiest accounts may make at most this share of a signal's records."),
    ("Finding", "detect.sentiment_min_points", "sentiment points",
     "A change of tone must move the average by at least this many points."),
    ("Finding", "detect.sentiment_min_window", "records",
     "A day needs this many scored records before its tone is compared."),
    ("Finding", "detect.confidence", "probability",
     "How sure the range around a change of tone must be; the range must not include zero."),
    ("Finding", "detect.entity_min_count", "mentions",
     "A name must be mentioned this often in a day before it can surge."),
    ("Finding", "detect.entity_max_p", "probability",
     "A surge of a name must be this unlikely by chance at its usual rate."),
    ("Finding", "detect.event_days", "days",
     "Signals whose first posts say the same thing within this many days are one event."),
    ("Finding", "detect.cluster.min_size", "records",
     "Groups of similar records smaller than this are noise, not narratives."),
    ("Finding", "detect.narrative_fade_days", "days",
     "A narrative without new records for this long has ended."),
    ("Finding", "detect.evidence_limit", "records",
     "The most records drawn as the sample behind one signal."),
    ("Writing", "detect.promote_min_score", "score",
     "How strong a signal must be to become a story."),
    ("Writing", "detect.dispatch_max_records", "records",
     "A strong signal with fewer records than this becomes a short dispatch."),
    ("Writing", "newsroom.max_stories_per_cycle", "stories",
     "The most stories written in one round of writing."),
    ("Writing", "newsroom.quotes_per_story", "quotes", "How many quotes a story may carry."),
    ("Writing", "newsroom.citations_per_story", "records",
     "How many records a story may cite."),
    ("Checking", "newsroom.publish_threshold", "fidelity score (0-100)",
     "A draft scoring below this is held back, not published."),
    ("Schedule", "jobs.detect_every_s", "seconds", "How often Beatwire looks for signals."),
    ("Schedule", "jobs.write_every_s", "seconds", "How often the newsroom writes."),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SettingRow:
    """One setting of the appendix."""

    section: str
    name: str
    value: str
    unit: str
    sentence: str


def _value(settings: Settings, path: str) -> Any:
    value: Any = settings
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def appendix(settings: Settings) -> list[SettingRow]:
    """Return the appendix rows with the values in force."""
    rows = []
    for section, path, unit, sentence in APPENDIX:
        value = _value(settings, path)
        if value is not None:
            rows.append(SettingRow(section, path, _shown(value), unit, sentence))
    return rows
