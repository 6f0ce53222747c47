"""What a per-kind writer works from: the pack, a seed for varied phrasing, and citation help."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from beatwire.model import Signal, SignalDetails
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.checks import outside_quotes
from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.grounding import Ground, ground_from_pack
from beatwire.newsroom.fidelity.names import known_in, unknown_names
from beatwire.newsroom.fidelity.verify import check_body_claim, check_display_claim
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.writers import prose

D = TypeVar("D", bound=SignalDetails)


@dataclass(slots=True)
class Angle:
    """A kind's take on its signal: the words that say what changed."""

    headlines: list[str]
    lede: str
    context: str = ""
    watch: list[str] = field(default_factory=list)
    takeaway: str = ""
    dek: str = ""
    # The figures are the news (a shift in downloads): the story leads with them, and no
    # record's title (a model page's "org/name") stands in as the event.
    figures_lead: bool = False


@dataclass(slots=True)
class WriterContext:
    """The pack plus the helpers every per-kind writer uses."""

    pack: EvidencePack
    subject: str | None = None  # the event's subject, when the story has an event
    has_event: bool = False
    topic: str | None = None  # how a sentence may refer to the event: its subject or short title
    ground: Ground = field(init=False)

    def __post_init__(self) -> None:
        self.ground = ground_from_pack(self.pack)

    @property
    def signal(self) -> Signal:
        """Return the signal the story is about."""
        return self.pack.signal

    @property
    def beat(self) -> str:
        """Return the beat's display name."""
        return self.pack.beat_name

    @property
    def day(self) -> str:
        """Return the signal's day as `November 3`."""
        return prose.day(self.signal.window_start)

    def pick(self, options: Sequence[str], salt: str) -> str:
        """Return one option, the same one every time for this signal."""
        return prose.pick(options, self.signal.id, salt)

    def details(self, shape: type[D]) -> D | None:
        """Return the signal's details in the shape of its kind; None when made without them."""
        found = self.signal.details
        return found if isinstance(found, shape) else None

    def cite(self, name: str) -> str:
        """Return ` [N]` for a record that mentions `name`, or "" when none does.

        A record of the signal's own day comes first: a sentence that names that day may
        only cite records published on it.
        """
        day = self.signal.window_start.date()
        on_day = {i.number for i in self.pack.items if i.record.published_at.date() == day}
        numbers = sorted(self.ground.sources, key=lambda n: (n not in on_day, n))
        for number in numbers:
            if self.ground.sources[number].mentions(name):
                return f" [{number}]"
        return ""

    def named(self, name: str | None) -> bool:
        """Return whether `name` may be printed: some record of the pack mentions it."""
        return bool(name) and bool(self.cite(str(name)))

    def cite_names(self, sentence: str) -> str:
        """Return `sentence` with a citation for every known name no marker of it covers yet."""
        bare = outside_quotes(sentence)
        cited = [
            self.ground.sources[n] for n in cited_numbers(sentence) if n in self.ground.sources
        ]
        names = [
            *known_in(bare, self.ground.names),
            *unknown_names(bare, self.ground.names, self.ground.vocabulary),
        ]
        missing = [n for n in names if not any(s.mentions(n) for s in cited)]
        markers = "".join(dict.fromkeys(self.cite(name) for name in missing))
        if not markers:
            return sentence
        end = len(sentence.rstrip(".!?"))
        return sentence[:end] + markers + sentence[end:]

    def first_cite(self) -> str:
        """Return ` [1]`-style marker of the pack's first record."""
        return f" [{self.pack.items[0].number}]" if self.pack.items else ""

    def holds(self, sentence: str) -> bool:
        """Return whether a body sentence passes every fidelity check (for words from records)."""
        claim = Claim(sentence, "body", cited_numbers(sentence))
        check_body_claim(claim, self.ground)
        return claim.ok

    def shows(self, line: str) -> bool:
        """Return whether a display line (headline, dek) passes every fidelity check."""
        claim = Claim(line, "headline", [])
        check_display_claim(claim, self.ground)
        return claim.ok
