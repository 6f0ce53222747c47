"""Signals in words a reader uses: a name for each kind and one plain sentence per signal.

The detector's own sentence (medians, intervals, points) stays available as the statistics.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beatwire.model import PLATFORM_NAMES
from beatwire.taxonomy import beat_name
from beatwire.web.context.common import happened_at

KIND_NAMES = {
    "volume_spike": "Surge in talk",
    "sentiment_shift": "Sentiment shift",
    "co_spike": "Beats spiking together",
    "emerging_narrative": "New narrative",
    "entity_surge": "Name in the spotlight",
    "share_of_beat": "Name taking over a beat",
    "platform_divergence": "Platforms disagree",
    "artifact_surge": "Model or dataset drawing attention",
    "model_ecosystem": "Shift among models",
    "dispatch": "Dispatch",
}


def kind_name(kind: str) -> str:
    """Return a signal kind as a reader would name it."""
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())


def happened_on(window_end: datetime) -> str:
    """Return the day a signal's window ends on, as `17 November`."""
    day = happened_at(window_end)
    return f"{day.day} {day:%B}"


def _thing(row: dict[str, Any]) -> str:
    # The entity's own name ("Vireo-4", "GPU"); else from the key: "entity:open-weights".
    name = (row.get("details") or {}).get("entity_name")
    return str(name) if name else str(row["key"]).rsplit(":", 1)[-1].replace("-", " ")


def _times(effect: float, baseline: float) -> str:
    return "where a usual day has none" if baseline <= 0 else f"about {effect:.1f} times usual"


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _beat(row: dict[str, Any]) -> str:
    return beat_name(row["beat"]) if row.get("beat") else "AI"  # no one beat: AI at large


def plain_sentence(row: dict[str, Any]) -> str:
    """Return what a signal row says, in one sentence without statistics."""
    kind, day, beat = row["kind"], happened_on(row["window_end"]), _beat(row)
    value, baseline, effect = row["value"], row["baseline"], row["effect"]
    if kind == "volume_spike" and str(row["key"]).startswith("platform:"):
        where = PLATFORM_NAMES.get(str(row["key"]).removeprefix("platform:"), "one platform")
        return f"Posts on {where} jumped on {day}: {value:.0f} records, {_times(effect, baseline)}."
    if kind == "volume_spike":
        return (
            f"Talk about {beat} surged on {day}: {value:.0f} records, {_times(effect, baseline)}."
        )
    if kind == "sentiment_shift":
        turn, way = ("darker", "lower") if effect < 0 else ("brighter", "higher")
        return (
            f"The mood about {beat} turned {turn} on {day}, "
            f"{abs(effect):.0f} sentiment points {way} than usual."
        )
    if kind == "co_spike":
        beats = [beat_name(slug) for slug in str(row["key"]).split("+")]
        return f"{len(beats)} beats rose together on {day}: {', '.join(beats)}."
    if kind == "emerging_narrative":
        return f"A new thread of conversation started on {beat} on {day}, with {value:.0f} records."
    if kind == "entity_surge":
        return (
            f"{_first_up(_thing(row))} was suddenly everywhere on {day}: "
            f"named in {value:.0f} records, {_times(effect, baseline)}."
        )
    if kind == "share_of_beat":
        return (
            f"{_first_up(_thing(row))} came up in {value:.0%} of posts on {beat} "
            f"on {day}, up from {baseline:.0%}."
        )
    if kind == "platform_divergence":
        return f"Platforms disagreed about {beat} on {day}: their moods were far apart."
    details = row.get("details") or {}
    if kind == "artifact_surge" and details.get("name"):
        return _artifact(details, day, effect)
    if kind == "model_ecosystem" and details.get("group"):
        way = "up" if value >= baseline else "down"
        return (
            f"{details['group']} made {value:.0%} of the downloads of trending models "
            f"on {day}, {way} from {baseline:.0%}."
        )
    return str(row["sentence"])


def _artifact(details: dict[str, Any], day: str, effect: float) -> str:
    name, what = details["name"], details.get("artifact_kind") or "link"
    if str(details.get("measure", "")).startswith("downloads"):
        return (
            f"The {what} {name} was downloaded about {effect:.1f} times as often as usual on {day}."
        )
    return f"{name} was shared about {effect:.1f} times as often as usual on {day}."
