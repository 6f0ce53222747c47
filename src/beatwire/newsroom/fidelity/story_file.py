"""`beatwire verify --file`: the fidelity report of a story file.

A story file is JSON: `body` (Markdown with `[N]` markers) and `citations`, a
list of records inline, each `{"number", "text"}` plus optional `record_id`,
`title`, `provider`, `author`, `author_name`, `publisher`, `published_at`,
`entities` (names, or objects with `name` and `type`), `sentiment` and `lang` (an
ISO 639-1 code).
Optional: `headline`, `dek`, `takeaways`, `seo_description`, `faq`, and
`figures` (any JSON of numbers the story may quote, with `dates`; its `baseline` is
the usual level ratios are judged against, its `sentiment_mean` the majority's mood).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from beatwire.errors import NewsroomError
from beatwire.model import Draft
from beatwire.newsroom.fidelity.grounding import (
    NAMED_TYPES,
    Ground,
    Source,
    derived_numbers,
    numbers_in,
    strings_in,
)
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify_draft


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(UTC) if moment.tzinfo else moment


def _source(entry: dict[str, Any], position: int) -> tuple[Source, set[str]]:
    entities = entry.get("entities") or []
    names = {e if isinstance(e, str) else str(e.get("name", "")) for e in entities}
    typed = {
        e if isinstance(e, str) else str(e.get("name", ""))
        for e in entities
        if isinstance(e, str) or e.get("type") in NAMED_TYPES
    }
    authors = [entry.get(k) for k in ("author", "author_name", "publisher")]
    published = entry.get("published_at")
    source = Source(
        number=int(entry.get("number", position)),
        record_id=int(entry.get("record_id", 0)),
        text=f"{entry.get('title') or ''}\n{entry.get('text', '')}".strip(),
        provider=str(entry.get("provider", "")),
        authors=tuple(str(a) for a in authors if a),
        entities=tuple(n for n in names if n),
        sentiment=entry.get("sentiment"),
        day=_moment(str(published)).date() if published else None,
        lang=entry.get("lang"),
    )
    return source, {n for n in typed if n} | {a for a in source.authors if a[:1].isupper()}


def ground_from_json(data: dict[str, Any]) -> Ground:
    """Return the ground of a story file: its inline records and optional figures."""
    entries = data.get("citations") or data.get("records") or []
    if not isinstance(entries, list):
        raise NewsroomError("a story file's citations must be a list of records")
    ground = Ground(sources={})
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise NewsroomError(f"citation {position} must be a JSON object, not {entry!r}")
        source, names = _source(entry, position)
        ground.sources[source.number] = source
        ground.names.update(names)
        if entry.get("published_at"):
            ground.add_day(_moment(str(entry["published_at"])))
    figures = data.get("figures") or {}
    if isinstance(figures, dict):
        ground.baseline = figures.get("baseline")
        ground.mood = figures.get("sentiment_mean")
    ground.add_numbers(numbers_in(figures) + derived_numbers(0.0, 0.0))
    ground.add_keyed({"figures": figures})
    for text in figures.get("dates", []) if isinstance(figures, dict) else []:
        ground.add_day(datetime.fromisoformat(str(text)))
    ground.vocabulary.update(w.lower() for s in strings_in(figures) for w in s.split())
    return ground


def draft_from_json(data: dict[str, Any]) -> Draft:
    """Return the draft a story file describes (missing display fields left empty)."""
    if not isinstance(data.get("body"), str):
        raise NewsroomError("a story file needs a `body` string")
    return Draft(
        headline=str(data.get("headline", "")),
        dek=str(data.get("dek", "")),
        body=data["body"],
        takeaways=[str(t) for t in data.get("takeaways", [])],
        seo_description=str(data.get("seo_description", "")),
        story_type=str(data.get("story_type", "story")),
        beats=[],
        citations=[],
        signal_ids=[],
        writer=str(data.get("writer", "file")),
        faq=list(data.get("faq", [])),
    )


def verify_file(path: Path) -> FidelityReport:
    """Return the fidelity report of a story file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NewsroomError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise NewsroomError(f"{path} is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise NewsroomError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(data, dict):
        raise NewsroomError(f"{path} must hold a JSON object")
    try:
        draft, ground = draft_from_json(data), ground_from_json(data)
    except (TypeError, ValueError, AttributeError) as exc:  # a field of the wrong JSON type
        raise NewsroomError(f"{path} is not a story file: {exc}") from exc
    return verify_draft(draft, ground)
