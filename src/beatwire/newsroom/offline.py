"""The offline writer: deterministic data-to-text journalism from an evidence pack.

It needs no key and no network. Phrasing varies with the signal (chosen by a
hash of its id, so a rerun writes the same words), every number comes from the
pack, and every quote is a verbatim sentence of the record it cites.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from beatwire.model import PLATFORM_NAMES, Citation, Draft
from beatwire.newsroom.evidence import EvidenceItem, EvidencePack
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.quotes import quotable

NAME = "offline"


def _pick(options: Sequence[str], seed: str, salt: str) -> str:
    digest = hashlib.sha256(f"{seed}|{salt}".encode()).digest()
    return options[digest[0] % len(options)]


def _platform(name: str) -> str:
    return PLATFORM_NAMES.get(name, name)


def _times(ratio: float) -> str:
    words = {2: "doubles", 3: "triples", 4: "quadruples"}
    return words.get(round(ratio), f"runs {ratio:.1f} times its norm") if ratio >= 1.9 else "climbs"


def _author(item: EvidenceItem) -> str:
    record = item.record
    if record.provider == "news":
        return str(record.extra.get("publisher") or record.author or "a news site")
    return f"{record.author_name or record.author or 'an unnamed user'}"


@dataclass(frozen=True, slots=True)
class _Quote:
    item: EvidenceItem
    text: str


def _quotes(pack: EvidencePack, limit: int) -> list[_Quote]:
    found = []
    for item in pack.items:
        options = quotable(item.record.text)
        if options:
            found.append(_Quote(item, options[0]))
    return found[:limit]


def _topic(pack: EvidencePack) -> str | None:
    entities = pack.figures.get("top_entities") or []
    records = max(pack.figures.get("records", 0), 1)
    if entities and entities[0]["records"] / records >= 0.15:
        return str(entities[0]["name"])
    return None


def _quote_sentence(quote: _Quote, seed: str) -> str:
    verb = (
        "asked"
        if quote.text.endswith("?")
        else _pick(("wrote", "argued", "posted", "put it"), seed, str(quote.item.number))
    )
    where = _platform(quote.item.record.provider)
    return f"“{quote.text}” {verb} {_author(quote.item)} on {where} [{quote.item.number}]."


def _platform_paragraph(pack: EvidencePack) -> str:
    platforms = list(pack.figures.get("platforms", {}).items())
    if not platforms:
        return ""
    lead_name, lead_count = platforms[0]
    text = f"{_platform(lead_name)} carried the largest share, with {lead_count} records"
    if len(platforms) > 1:
        rest = ", ".join(f"{_platform(name)} ({count})" for name, count in platforms[1:4])
        text += f", followed by {rest}"
    text += "."
    moods = pack.figures.get("sentiment_by_platform", {})
    if len(moods) >= 2:
        warm = max(moods, key=lambda p: (moods[p], p))
        cool = min(moods, key=lambda p: (moods[p], p))
        if moods[warm] - moods[cool] >= 0.15:
            text += (
                f" The tone differed by platform: on a scale from -1 to 1, posts on "
                f"{_platform(warm)} averaged {moods[warm]:+.2f}, those on {_platform(cool)} "
                f"{moods[cool]:+.2f}."
            )
    return text


def _lede(pack: EvidencePack, topic: str | None) -> str:
    signal = pack.signal
    day = signal.window_start
    about = f", much of it about {topic}" if topic else ""
    first = pack.items[0].number if pack.items else None
    cite = f" [{first}]" if first else ""
    return (
        f"Discussion of {pack.beat_name} reached {signal.value:g} records on {day:%B} {day.day}"
        f"{about}, {signal.effect:.1f} times the median of {signal.baseline:g} a day over the "
        f"previous two weeks{cite}."
    )


def _headline(pack: EvidencePack, topic: str | None) -> str:
    signal, beat = pack.signal, pack.beat_name
    options = [
        f"{beat} chatter {_times(signal.effect)} in a day",
        f"A sudden rush of talk on {beat}: {signal.value:g} posts in one day",
        f"{beat} conversation spikes to {signal.effect:.1f} times its usual volume",
    ]
    if topic:
        options += [
            f"{topic} drives a spike in {beat} talk",
            f"{beat} discussion {_times(signal.effect)} as {topic} takes centre stage",
        ]
    return _pick(options, signal.id, "headline")


def _watch(pack: EvidencePack) -> str:
    options = (
        "Whether the surge outlasts the week, or fades as fast as it came, is the thing to watch.",
        "The next few days will show whether this was a one-day flare or the start of a trend.",
        "Watch for whether the conversation spreads to platforms that have stayed quiet so far.",
    )
    return _pick(options, pack.signal.id, "watch")


def write(pack: EvidencePack, story_type: str, *, quotes: int = 3) -> Draft:
    """Return a draft story for the pack's signal, written from the pack alone."""
    signal, seed = pack.signal, pack.signal.id
    topic = _topic(pack)
    chosen = _quotes(pack, quotes)
    paragraphs = [_lede(pack, topic)]
    paragraphs += [_quote_sentence(quote, seed) for quote in chosen[:-1] or chosen]
    paragraphs.append(_platform_paragraph(pack))
    if len(chosen) > 1:
        paragraphs.append(
            _pick(("Not everyone agreed.", "There was pushback, too."), seed, "turn")
            + " "
            + _quote_sentence(chosen[-1], seed)
        )
    paragraphs.append(_watch(pack))
    body = "\n\n".join(p for p in paragraphs if p)
    cited = set(cited_numbers(body))
    citations = [
        Citation(
            number=item.number,
            record_id=item.record.id,
            quote=next((q.text for q in chosen if q.item.number == item.number), None),
        )
        for item in pack.items
        if item.number in cited
    ]
    day = signal.window_start
    platforms = pack.figures.get("platforms", {})
    dek = (
        f"{signal.value:g} records on {day:%B} {day.day} against a usual {signal.baseline:g}, "
        f"across {len(platforms)} platform{'s' if len(platforms) != 1 else ''}."
    )
    takeaways = [
        f"{pack.beat_name} drew {signal.value:g} records in a day, "
        f"{signal.effect:.1f} times its median.",
        f"The records came from {pack.figures.get('authors', 0)} distinct authors.",
        _watch(pack),
    ]
    return Draft(
        headline=_headline(pack, topic),
        dek=dek,
        body=body,
        takeaways=takeaways,
        seo_description=_seo(pack),
        story_type=story_type,
        beats=[signal.beat] if signal.beat else [],
        citations=citations,
        signal_ids=[signal.id],
        writer=NAME,
    )


def _seo(pack: EvidencePack) -> str:
    signal = pack.signal
    text = f"{pack.beat_name}: {signal.value:g} records in a day, {signal.effect:.1f}x the usual."
    return text[:150]
