"""Platform-shaped native ids for the synthetic demo corpus, unique per provider."""

from __future__ import annotations

import hashlib
import random
import string
from datetime import datetime

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_DID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
_B36 = string.digits + string.ascii_lowercase
_YT = string.ascii_letters + string.digits + "-_"


class IdMaker:
    """Makes native ids that look like each platform's and never repeat within a provider."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: dict[str, set[str]] = {}

    def _unique(self, provider: str, make: object) -> str:
        seen = self.seen.setdefault(provider, set())
        while True:
            value = make()  # type: ignore[operator]
            if value not in seen:
                seen.add(value)
                return str(value)

    def did(self, handle: str) -> str:
        """Return a stable did:plc for a Bluesky handle."""
        digest = hashlib.sha256(handle.encode()).digest()
        return "did:plc:" + "".join(_DID_ALPHABET[b % 32] for b in digest[:24])

    def bluesky(self, handle: str, when: datetime) -> str:
        """Return an at:// post URI whose record key is a real-format TID of `when`."""

        def make() -> str:
            micros = int(when.timestamp() * 1_000_000) + self.rng.randrange(1_000_000)
            value = (micros << 10) | self.rng.randrange(1024)
            chars = []
            for _ in range(13):
                chars.append(_TID_ALPHABET[value & 31])
                value >>= 5
            return f"at://{self.did(handle)}/app.bsky.feed.post/{''.join(reversed(chars))}"

        return self._unique("bluesky", make)

    def reddit(self, prefix: str) -> str:
        """Return a reddit fullname: t3_ for posts, t1_ for comments."""
        length = 7 if prefix == "t1" else 6
        return self._unique(
            "reddit", lambda: f"{prefix}_" + "".join(self.rng.choice(_B36) for _ in range(length))
        )

    def hackernews(self, when: datetime, start: datetime) -> str:
        """Return a numeric item id that grows with time, as Hacker News ids do."""
        minutes = int((when - start).total_seconds() // 60)
        return self._unique(
            "hackernews", lambda: str(45_900_000 + minutes * 24 + self.rng.randrange(24))
        )

    def mastodon(self, when: datetime) -> str:
        """Return a Mastodon snowflake id (milliseconds shifted left 16 bits plus noise)."""
        millis = int(when.timestamp() * 1000)
        return self._unique("mastodon", lambda: str((millis << 16) | self.rng.randrange(65536)))

    def youtube(self) -> str:
        """Return an 11-character video id."""
        return self._unique("youtube", lambda: "".join(self.rng.choice(_YT) for _ in range(11)))

    def arxiv(self, when: datetime) -> str:
        """Return a new-style arXiv id (YYMM.NNNNN) for the month of `when`."""
        base = when.day * 900
        return self._unique("arxiv", lambda: f"{when:%y%m}.{base + self.rng.randrange(900):05d}")

    def claim(self, provider: str, value: str) -> bool:
        """Reserve an id chosen elsewhere (news URL hashes, model repos); False if taken."""
        seen = self.seen.setdefault(provider, set())
        if value in seen:
            return False
        seen.add(value)
        return True
