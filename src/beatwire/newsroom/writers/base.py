"""The writer protocol: what the write stage asks of the offline, claude and openai writers."""

from __future__ import annotations

from typing import Protocol

from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack


class Writer(Protocol):
    """Turns an evidence pack into a draft story; sees nothing but the pack."""

    name: str

    async def write(self, pack: EvidencePack, story_type: str) -> Draft: ...
