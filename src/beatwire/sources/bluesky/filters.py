"""Which Jetstream posts Beatwire keeps: keywords or regex patterns, and languages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from beatwire.errors import ConfigError

_ACRONYM = re.compile(r"[A-Z0-9]{2,5}")


def keyword_pattern(
    keywords: Iterable[str], patterns: Iterable[str] = ()
) -> re.Pattern[str] | None:
    """Return one regex matching any keyword (as a whole word) or pattern; None for none."""
    parts: list[str] = []
    for keyword in keywords:
        word = keyword.strip()
        if not word:
            continue
        escaped = re.escape(word)
        # Short all-capital keywords (AI, LLM) are acronyms: matched case-sensitively, or "AI"
        # would match the French "j'ai" and the Portuguese "aí".
        body = escaped if _ACRONYM.fullmatch(word) else f"(?i:{escaped})"
        parts.append(rf"(?<!\w){body}(?!\w)")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"bad bluesky pattern {pattern!r}: {exc}") from exc
        parts.append(f"(?:{pattern})")
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True, slots=True)
class PostFilter:
    """Keeps a Jetstream post event when its text matches and its language is wanted."""

    pattern: re.Pattern[str] | None
    languages: tuple[str, ...] = ()
    keep_unlabelled: bool = True  # posts without `langs`: the analysis stage detects theirs

    def __call__(self, event: dict[str, Any]) -> bool:
        record = event.get("commit", {}).get("record")
        if not isinstance(record, dict):
            return False
        if self.languages and not self._language_ok(record.get("langs")):
            return False
        if self.pattern is None:
            return True
        return self.pattern.search(searchable_text(record)) is not None

    def _language_ok(self, langs: Any) -> bool:
        if not isinstance(langs, list) or not langs:
            return self.keep_unlabelled
        return any(
            isinstance(lang, str) and lang.lower().split("-")[0] in self.languages for lang in langs
        )


def searchable_text(record: dict[str, Any]) -> str:
    """Return the post text and the title and description of a link card it embeds."""
    text = record.get("text")
    parts = [text if isinstance(text, str) else ""]
    embed = record.get("embed")
    if isinstance(embed, dict) and isinstance(embed.get("external"), dict):
        external = embed["external"]
        parts.extend(
            value
            for value in (external.get("title"), external.get("description"))
            if isinstance(value, str)
        )
    return "\n".join(parts)


def build_filter(
    keywords: Iterable[str],
    patterns: Iterable[str],
    languages: Iterable[str],
    *,
    keep_unlabelled: bool = True,
) -> PostFilter:
    """Return the PostFilter for these keywords, patterns and language codes."""
    wanted = tuple(sorted({lang.lower().split("-")[0] for lang in languages if lang.strip()}))
    return PostFilter(keyword_pattern(keywords, patterns), wanted, keep_unlabelled)
