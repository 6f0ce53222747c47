"""The output gate: rules a draft must meet before it may be stored as published.

Schema and length limits; no model scratchpad or meta-talk; no markup other
than the allowed Markdown (paragraphs, `##`/`###` headings, `-` lists, `**bold**`,
`*italic*`) and `[N]` markers; every `[N]` resolves to a record of the pack and
every citation points at the record the pack numbers so.
"""

from __future__ import annotations

import re

from beatwire.config import NewsroomSettings
from beatwire.errors import GateRejected
from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.markers import cited_numbers

STORY_TYPES = frozenset({"lead", "story", "dispatch", "analysis"})
_META = re.compile(
    r"\bas an ai\b|\blanguage model\b|\blet me\b|\bi'll\b|\bi will now\b|\brecount\b|"
    r"\bcharacter count\b|\bword count\b|\bcharacters?\)|\(\d+ (?:chars?|characters|words)\)|"
    r"\bhere is (?:the|your|a) (?:story|draft|article)\b|\bhere's (?:the|your|a)\b|"
    r"\bscratchpad\b|<\/?(?:thinking|scratchpad|analysis)>|\bi cannot\b|\bi'm sorry\b|"
    r"\bdraft:|\bnote to (?:self|editor)\b|"
    r"\bignore (?:all |any )?(?:previous|prior) instructions\b|"
    r"\bsystem prompt\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(
    r"<[a-zA-Z/!][^>]*>|```|`|!\[|\]\(|\[\^|\[(?!\d+\])[^\]]*\]|^#\s|^#{4,}|^\s*\|.*\|\s*$|"
    r"https?://|www\.|javascript:|\{\{|\}\}|&#?\w+;",
    re.MULTILINE,
)
_FIELD_MARKUP = re.compile(r"[<>\[\]`*_#|{}]|https?://")


def _limits(draft: Draft, settings: NewsroomSettings) -> list[str]:
    reasons = []
    if draft.story_type not in STORY_TYPES:
        reasons.append(f"unknown story type {draft.story_type!r}")
    low, high = settings.body_limits.get(draft.story_type, (150, 12000))
    if not low <= len(draft.body) <= high:
        reasons.append(f"body has {len(draft.body)} characters, allowed {low}-{high}")
    if not 10 <= len(draft.headline) <= 120:
        reasons.append(f"headline has {len(draft.headline)} characters, allowed 10-120")
    if not 10 <= len(draft.dek) <= 300:
        reasons.append(f"dek has {len(draft.dek)} characters, allowed 10-300")
    if len(draft.takeaways) != 3 or any(not 5 <= len(t) <= 240 for t in draft.takeaways):
        reasons.append("takeaways must be three, each 5-240 characters")
    if not 20 <= len(draft.seo_description) <= 150:
        reasons.append(f"SEO description has {len(draft.seo_description)} characters, max 150")
    if not draft.signal_ids:
        reasons.append("the draft names no signal")
    if draft.story_type == "dispatch" and len(draft.faq) != 3:
        reasons.append("a dispatch needs a three-question FAQ")
    return reasons


def _texts(draft: Draft) -> dict[str, str]:
    texts = {"headline": draft.headline, "dek": draft.dek, "seo_description": draft.seo_description}
    texts |= {f"takeaway {i}": t for i, t in enumerate(draft.takeaways, 1)}
    for i, qa in enumerate(draft.faq, 1):
        texts[f"faq {i} question"] = qa.get("question", "")
    return texts


def _hygiene(draft: Draft) -> list[str]:
    reasons = []
    long_texts = {"body": draft.body} | {
        f"faq {i} answer": qa.get("answer", "") for i, qa in enumerate(draft.faq, 1)
    }
    for name, text in {**_texts(draft), **long_texts}.items():
        if meta := _META.search(text):
            reasons.append(f"{name} has meta-talk: {meta.group(0)!r}")
    for name, text in long_texts.items():
        if markup := _MARKUP.search(text):
            reasons.append(f"{name} has markup that is not allowed: {markup.group(0)!r}")
    for name, text in _texts(draft).items():
        if markup := _FIELD_MARKUP.search(text):
            reasons.append(f"{name} has markup: {markup.group(0)!r}")
    return reasons


def _citations(draft: Draft, pack: EvidencePack) -> list[str]:
    numbers = {item.number: item.record.id for item in pack.items}
    text = draft.body + " " + " ".join(qa.get("answer", "") for qa in draft.faq)
    reasons = [
        f"[{n}] resolves to no record of the evidence"
        for n in cited_numbers(text)
        if n not in numbers
    ]
    for citation in draft.citations:
        if numbers.get(citation.number) != citation.record_id:
            reasons.append(
                f"citation [{citation.number}] is record {citation.record_id}, not the pack's"
            )
    return reasons


def gate_reasons(draft: Draft, pack: EvidencePack, settings: NewsroomSettings) -> list[str]:
    """Return every rule the draft breaks (empty when it may be published)."""
    return _limits(draft, settings) + _hygiene(draft) + _citations(draft, pack)


def enforce_gate(draft: Draft, pack: EvidencePack, settings: NewsroomSettings) -> None:
    """Raise GateRejected with every broken rule, or return when the draft passes."""
    reasons = gate_reasons(draft, pack, settings)
    if reasons:
        raise GateRejected(reasons)
