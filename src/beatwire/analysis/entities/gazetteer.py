"""Finds gazetteer names in text: token n-grams, longest match wins, case and context rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from beatwire.analysis.entities._base import PRIORITY_GAZETTEER, Mention
from beatwire.analysis.entities.gazetteer_data import Gazetteer, GazetteerEntry, load_gazetteer

# Words only: "GPT-4o", "GPT 4o" and "gpt-4o" give the same tokens, "Thai" never holds "AI".
TOKEN = re.compile(r"\w+")
_SHORT_CAPS = 5


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one alias may match: its exact tokens, case mode and whether it needs context."""

    tokens: tuple[str, ...]
    case: str
    needs_context: bool
    entry: GazetteerEntry | None  # None: a blocked sequence that swallows its span


def alias_case(alias: str, declared: str) -> str:
    """Return the case mode of one alias: short all-caps aliases ("EU", "UK") are exact."""
    if declared != "auto":
        return declared
    letters = [c for c in alias if c.isalpha()]
    if letters and len(letters) <= _SHORT_CAPS and all(c.isupper() for c in letters):
        return "exact"
    return "any"


def _case_ok(rule: _Rule, tokens: list[str]) -> bool:
    """Return whether the text's tokens honour the alias's case mode."""
    if rule.case == "any":
        return True
    if rule.case == "exact":
        return tuple(tokens) == rule.tokens
    # "cap": every capital of the alias is a capital in the text ("US" not "Us", "Apple").
    return all(
        not w.isupper() or g.isupper()
        for want, got in zip(rule.tokens, tokens, strict=True)
        for w, g in zip(want, got, strict=False)
    )


class GazetteerFinder:
    """Finds mentions of gazetteer entries in a text."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self._index: dict[tuple[str, ...], list[_Rule]] = {}
        self._longest: dict[str, int] = {}
        for entry in self.gazetteer.entries:
            for alias in dict.fromkeys((entry.name, *entry.aliases)):
                self._add(alias, entry)
        for alias in self.gazetteer.blocked:
            self._add(alias, None)
        self._starts = frozenset(self._longest)

    def _add(self, alias: str, entry: GazetteerEntry | None) -> None:
        """Index one alias under its lowercased tokens."""
        tokens = tuple(TOKEN.findall(alias))
        if not tokens:
            return
        case = alias_case(alias, entry.case) if entry else "any"
        needs_context = bool(entry and entry.context and len(tokens) == 1)
        key = tuple(t.lower() for t in tokens)
        self._index.setdefault(key, []).append(_Rule(tokens, case, needs_context, entry))
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def find(self, text: str) -> list[Mention]:
        """Return the gazetteer mentions of `text`, longest match first at each position."""
        if self._starts.isdisjoint(TOKEN.findall(text.lower())):
            return []  # most texts name nothing: skip building spans
        spans = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
        lower = [s[0].lower() for s in spans]
        found: list[Mention] = []
        pending: list[Mention] = []
        i, n = 0, len(spans)
        while i < n:
            longest = self._longest.get(lower[i])
            hit = self._match_at(spans, lower, i, min(longest, n - i)) if longest else None
            if hit is None:
                i += 1
                continue
            rule, size = hit
            if rule.entry is not None:
                entry = rule.entry
                mention = Mention(
                    spans[i][1],
                    spans[i + size - 1][2],
                    entry.slug,
                    entry.name,
                    entry.type,
                    PRIORITY_GAZETTEER,
                )
                (pending if rule.needs_context else found).append(mention)
            i += size
        if pending and (found or not self.gazetteer.context_cues.isdisjoint(lower)):
            found = sorted(found + pending, key=lambda m: m.start)
        return found

    def _match_at(
        self, spans: list[tuple[str, int, int]], lower: list[str], i: int, longest: int
    ) -> tuple[_Rule, int] | None:
        """Return the longest rule matching at token `i` and its length in tokens."""
        for size in range(longest, 0, -1):
            rules = self._index.get(tuple(lower[i : i + size]))
            if not rules:
                continue
            words = [s[0] for s in spans[i : i + size]]
            for rule in rules:
                if _case_ok(rule, words):
                    return rule, size
        return None
