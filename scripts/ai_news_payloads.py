"""Turn the ai-news-2025 snapshots into the platforms' own responses and a replay manifest.

Run: .venv/bin/python scripts/ai_news_payloads.py OUT_DIR [--corpus DIR] [--snapshots N]
then: beatwire ingest --replay OUT_DIR/manifest.tsv

The corpus (../shared/corpora/ai-news-2025) keeps each daily snapshot of a feed as
rows; every snapshot becomes the response the platform would have sent, written
under OUT_DIR (never into the repository), and one manifest line
`source<TAB>path<TAB>as_of` whose as_of is the snapshot's time:

- Hacker News best stories: one Algolia search response a snapshot, the stories as
  `hits` (objectID, title, url, author, points, num_comments, created_at[_i], _tags).
- Hugging Face trending models and datasets: one `/api/models` and one
  `/api/datasets` list a snapshot (id, author, downloads, likes, lastModified,
  pipeline_tag, tags). The corpus does not keep a dataset's Papers-with-Code id;
  it is written null, as the Hub writes it for a dataset without one, and that
  dataset-only field is how the source tells the two lists apart.
- Hugging Face Daily Papers: one `/api/daily_papers` list a snapshot (paper.id is
  the arXiv id; upvotes, authors, summary, publishedAt, GitHub repo and stars).
- AI-lab posts (Anthropic, DeepSeek, ByteDance Seed): one RSS 2.0 feed per lab feed
  and first-seen time, holding the posts first seen then, for the news source.
- GitHub trending: left out. Beatwire has no GitHub source, and a trending list
  is not a feed of posts; the rows are counted and skipped.

Fields the corpus does not keep (internal ids, creation dates, trending scores)
are left out, never made up. Only the standard library and the corpus are used.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "ai-news-2025"
HN = "hackernews_best_stories_snapshots.jsonl"
MODELS = "huggingface_trending_models_snapshots.jsonl"
DATASETS = "huggingface_trending_datasets_snapshots.jsonl"
PAPERS = "huggingface_daily_papers_snapshots.jsonl"
LABS = "ai_lab_news_items_union.jsonl"
GITHUB = "github_trends_daily_snapshots.jsonl"

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Payload:
    """One response to write: which source reads it, its file name, its body, when fetched."""

    source: str
    name: str
    body: bytes
    as_of: str


def read_rows(path: Path) -> list[Row]:
    """Return the JSON objects of a JSON-lines file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def snapshots(
    rows: list[Row], first: int | None, key: str = "snapshot_time"
) -> Iterator[list[Row]]:
    """Yield the rows of each snapshot in time order (the first `first` only), by rank."""
    ordered = sorted(rows, key=lambda row: (utc(row[key]), row.get("rank", 0)))
    for number, (_, group) in enumerate(groupby(ordered, key=lambda row: row[key])):
        if first is not None and number >= first:
            return
        yield list(group)


def utc(stamp: str) -> datetime:
    """Return the UTC time of an ISO 8601 stamp."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)


def file_stamp(stamp: str) -> str:
    """Return a snapshot time as a file-name-safe UTC stamp."""
    return utc(stamp).strftime("%Y%m%dT%H%M%SZ")


def dumps(document: Any) -> bytes:
    """Return compact UTF-8 JSON, as the APIs send it."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- Hacker News ---------------------------------------------------------------


def hn_id(row: Row) -> int:
    """Return a story's HN item id: the corpus's `hn_id`, else the `id=` of its HN link."""
    if "hn_id" in row["metadata"]:
        return int(row["metadata"]["hn_id"])
    return int(parse_qs(urlsplit(row["external_url"]).query)["id"][0])


def algolia_hit(row: Row) -> Row:
    """Return an Algolia search hit of one story as it stood at the snapshot."""
    story, author, created = hn_id(row), row["metadata"]["author"], utc(row["published_date"])
    return {
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "created_at_i": int(created.timestamp()),
        "title": row["title"],
        "url": row["url"] or None,
        "author": author,
        "points": row["metadata"]["score"],
        "num_comments": row["metadata"]["comments"],
        "story_id": story,
        "_tags": ["story", f"author_{author}", f"story_{story}"],
        "objectID": str(story),
    }


def hn_payload(rows: list[Row]) -> bytes:
    """Return one Algolia search response holding a snapshot's stories."""
    hits = [algolia_hit(row) for row in rows]
    return dumps({
        "hits": hits, "nbHits": len(hits), "page": 0, "nbPages": 1, "hitsPerPage": len(hits),
        "exhaustiveNbHits": True, "query": "", "params": "tags=story",
    })  # fmt: skip


# --- Hugging Face --------------------------------------------------------------


def hub_repo(row: Row) -> Row:
    """Return the fields of a model or dataset that the corpus kept, with the Hub's names."""
    meta = row["metadata"]
    item: Row = {
        "id": row["title"],
        "author": meta["author"],
        "downloads": meta["downloads"],
        "likes": meta["likes"],
        "lastModified": meta["last_modified"],
        "tags": list(meta.get("all_tags") or []),
    }
    return item


def models_payload(rows: list[Row]) -> bytes:
    """Return an `/api/models` list of a snapshot's trending models."""
    items = []
    for row in rows:
        item = {**hub_repo(row), "modelId": row["title"]}
        if row["categories"]:
            item["pipeline_tag"] = row["categories"][0]
        items.append(item)
    return dumps(items)


def datasets_payload(rows: list[Row]) -> bytes:
    """Return an `/api/datasets` list of a snapshot's trending datasets."""
    return dumps([{**hub_repo(row), "paperswithcode_id": None} for row in rows])


def daily_paper(row: Row) -> Row:
    """Return one `/api/daily_papers` entry."""
    meta = row["metadata"]
    paper: Row = {
        "id": meta["paper_id"],
        "authors": [{"name": name} for name in meta["authors"]],
        "publishedAt": row["published_date"],
        "title": row["title"],
        "summary": meta["summary"],
        "upvotes": meta["upvotes"],
        "githubStars": meta["github_stars"],
        "ai_summary": meta["ai_summary"],
        "ai_keywords": meta["ai_keywords"],
    }
    if meta["github_url"]:
        paper["githubRepo"] = meta["github_url"]
    if meta["project_url"]:
        paper["projectPage"] = meta["project_url"]
    return {"paper": paper, "title": row["title"], "numComments": meta["num_comments"]}


def papers_payload(rows: list[Row]) -> bytes:
    """Return an `/api/daily_papers` list of a snapshot's papers."""
    return dumps([daily_paper(row) for row in rows])


# --- AI-lab posts --------------------------------------------------------------


def rss_feed(posts: list[Row]) -> bytes:
    """Return an RSS 2.0 document of one lab feed's posts."""
    first = posts[0]
    home = urlsplit(first["url"])
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{first['organization']} ({first['feed']})"
    ET.SubElement(channel, "link").text = f"{home.scheme}://{home.netloc}/"
    ET.SubElement(channel, "description").text = f"{first['organization']} posts"
    for post in posts:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = post["title"]
        ET.SubElement(item, "link").text = post["url"]
        ET.SubElement(item, "guid", isPermaLink="true").text = post["url"]
        if post["description"]:
            ET.SubElement(item, "description").text = post["description"]
        ET.SubElement(item, "pubDate").text = format_datetime(utc(post["published_date"]))
        for category in post["categories"]:
            ET.SubElement(item, "category").text = category
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def lab_payloads(rows: list[Row], first: int | None) -> Iterator[Payload]:
    """Yield one feed per lab feed and first-seen time, fetched at that time."""
    for feed, posts in groupby(sorted(rows, key=lambda row: row["feed"]), key=lambda r: r["feed"]):
        for group in snapshots(list(posts), first, key="first_seen_snapshot"):
            seen = group[0]["first_seen_snapshot"]
            yield Payload("news", f"news/{feed}-{file_stamp(seen)}.xml", rss_feed(group), seen)


# --- the whole corpus ----------------------------------------------------------

FEEDS: tuple[tuple[str, str, str, Callable[[list[Row]], bytes]], ...] = (
    (HN, "hackernews", "hackernews/best", hn_payload),
    (MODELS, "huggingface", "huggingface/models", models_payload),
    (DATASETS, "huggingface", "huggingface/datasets", datasets_payload),
    (PAPERS, "huggingface", "huggingface/daily_papers", papers_payload),
)


def payloads(corpus: Path, first: int | None = None) -> Iterator[Payload]:
    """Yield every payload of the corpus (the first `first` snapshots of each feed)."""
    for file_name, source, prefix, build in FEEDS:
        for rows in snapshots(read_rows(corpus / file_name), first):
            stamp = rows[0]["snapshot_time"]
            yield Payload(source, f"{prefix}-{file_stamp(stamp)}.json", build(rows), stamp)
    yield from lab_payloads(read_rows(corpus / LABS), first)


def write(out: Path, written: Iterable[Payload]) -> list[Payload]:
    """Write the payloads under `out` and their manifest, in time order; return them."""
    done = sorted(written, key=lambda payload: (utc(payload.as_of), payload.name))
    for payload in done:
        path = out / payload.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload.body)
    lines = [f"{p.source}\t{p.name}\t{p.as_of}\n" for p in done]
    (out / "manifest.tsv").write_text("".join(lines), encoding="utf-8")
    return done


def convert(corpus: Path, out: Path, first: int | None = None) -> list[Payload]:
    """Write the corpus's payloads and manifest under `out`; return what was written."""
    if out.resolve().is_relative_to(REPO):
        raise SystemExit(f"refusing to write into the repository: {out}")
    return write(out, payloads(corpus, first))


def main(argv: list[str] | None = None) -> int:
    """Convert the corpus and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the payloads and manifest.tsv")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the ai-news-2025 folder")
    parser.add_argument("--snapshots", type=int, default=None, help="only the first N of each")
    args = parser.parse_args(argv)
    written = convert(args.corpus, args.out, args.snapshots)
    by_source: dict[str, int] = {}
    for payload in written:
        by_source[payload.source] = by_source.get(payload.source, 0) + 1
    skipped = len(read_rows(args.corpus / GITHUB))
    counts = ", ".join(f"{source}: {count}" for source, count in by_source.items())
    print(f"{len(written)} payloads in {args.out} ({counts})")
    print(f"github trending: {skipped} rows left out (no GitHub source)")
    print(f"manifest: {args.out / 'manifest.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
