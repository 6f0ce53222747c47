"""Detection, pure: records as columns and side inputs in, narratives and signals out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from beatwire.model import Signal
from beatwire.signals.artifacts import artifact_findings, download_findings, mention_rows
from beatwire.signals.attention import attention_findings
from beatwire.signals.context import Context
from beatwire.signals.cospike import cospike_findings
from beatwire.signals.divergence import divergence_findings
from beatwire.signals.ecosystem import ecosystem_findings
from beatwire.signals.emerging import emerging_findings
from beatwire.signals.entities import share_findings, surge_findings
from beatwire.signals.make import Finding, to_signal
from beatwire.signals.narratives import BeatState, NarrativePass, find_narratives
from beatwire.signals.sentiment import sentiment_findings
from beatwire.signals.volume_detector import spike_findings
from beatwire.store.frames import Model, ModelDelta


@dataclass(slots=True)
class Inputs:
    """What detection reads besides the records: vectors, links, models and earlier state."""

    vectors: npt.NDArray[np.floating]  # one row per frame record (zeros where has_vector is False)
    has_vector: npt.NDArray[np.bool_]
    artifact_texts: list[tuple[int, str]] = field(default_factory=list)
    model_days: dict[str, list[Model]] = field(default_factory=dict)  # day -> snapshotted
    deltas: list[ModelDelta] = field(default_factory=list)  # Hugging Face download deltas
    model_pages: dict[str, int] = field(default_factory=dict)  # model id -> its record id
    states: dict[str, BeatState] = field(default_factory=dict)  # beat -> previous window
    born: dict[str, int] = field(default_factory=dict)  # known narrative -> day born


@dataclass(slots=True)
class Detection:
    """What a pass found."""

    narratives: NarrativePass
    signals: list[Signal]
    dropped_floods: int


def findings(
    context: Context, inputs: Inputs, narratives: NarrativePass, labels: dict[str, str]
) -> list[Finding]:
    """Return every detector's findings on the new days."""
    spikes = spike_findings(context)
    surges = surge_findings(context)
    mentions = mention_rows(context, inputs.artifact_texts)
    return [
        *attention_findings(context),
        *spikes,
        *sentiment_findings(context),
        *surges,
        *share_findings(context, surges),
        *divergence_findings(context, narratives, labels),
        *cospike_findings(context, spikes),
        *emerging_findings(context, narratives, labels, inputs.born),
        *artifact_findings(context, inputs.artifact_texts),
        *download_findings(context, inputs.deltas, mentions),
        *ecosystem_findings(
            context, inputs.model_days, inputs.deltas, mentions, inputs.model_pages
        ),
    ]


Labeller = Callable[[NarrativePass], dict[str, str]]


def detect(context: Context, inputs: Inputs, labels_of: Labeller | None = None) -> Detection:
    """Return the narratives and signals of the new days (pure: no store, no clock)."""
    narratives = find_narratives(context, inputs.vectors, inputs.has_vector, inputs.states)
    labels = labels_of(narratives) if labels_of is not None else {}
    found = findings(context, inputs, narratives, labels)
    signals = [to_signal(context, finding) for finding in found]
    kept = [signal for signal in signals if signal is not None]
    return Detection(narratives, kept, len(signals) - len(kept))
