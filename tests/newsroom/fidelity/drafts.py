"""A whole draft around a body, for tests of the display fields and the story-level checks."""

from __future__ import annotations

from typing import Any

from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack


def draft_of(pack: EvidencePack, body: str = "", **fields: Any) -> Draft:
    """Return a lead draft of `pack` with `body` and plain display fields unless given."""
    values: dict[str, Any] = {
        "headline": "AI Regulation talk rises", "dek": "Records about the rule.", "body": body,
        "takeaways": [], "seo_description": "", "story_type": "lead", "beats": [],
        "citations": [], "signal_ids": [pack.signal.id], "writer": "test",
    }  # fmt: skip
    return Draft(**(values | fields))
