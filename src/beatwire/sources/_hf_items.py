"""Records of the Hub's items: a model, a dataset, a Daily Papers entry.

A model's id is `org/name`; a dataset's is the same shape, so its record is
`datasets/org/name` (the Hub's own path for it), which never meets a model's.
A Daily Papers entry is the arXiv paper itself: provider `arxiv`, the arXiv id,
so it and the arXiv source's record of that paper are one record. The upvotes
land in its engagement (the store merges engagement of a known record) and
`huggingface.co/papers` in its list of sources.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beatwire.model import Record
from beatwire.sources.canonical import canonical_url
from beatwire.sources.payload import counts, from_iso

PROVIDER = "huggingface"
HUB = "https://huggingface.co"
DAILY_PAPERS = "huggingface.co/papers"  # the `source` of a paper seen on Daily Papers

# Fields and tag namespaces only the Hub's dataset objects carry: a model has none.
_DATASET_FIELDS = ("paperswithcode_id", "citation", "description")
_DATASET_TAGS = ("task_categories:", "size_categories:", "modality:", "format:", "task_ids:")


def item_record(item: Any, collected_at: datetime) -> Record:
    """Return the record of one Hub item; raise TypeError/KeyError/ValueError on a bad one."""
    if not isinstance(item, dict):
        raise TypeError(f"item is a {type(item).__name__}")
    if isinstance(item.get("paper"), dict):
        return _paper(item, collected_at)
    return _repo(item, "dataset" if is_dataset(item) else "model", collected_at)


def is_dataset(item: dict[str, Any]) -> bool:
    """Return True when a Hub object is a dataset: it has a dataset-only field or tag."""
    if any(field in item for field in _DATASET_FIELDS):
        return True
    tags = item.get("tags") or []
    return any(isinstance(tag, str) and tag.startswith(_DATASET_TAGS) for tag in tags)


def item_key(item: Any) -> str:
    """Return the id of an item for the log line of a skipped one."""
    paper = item.get("paper")
    return str(paper["id"] if isinstance(paper, dict) else item.get("id") or item["modelId"])


def _repo(item: dict[str, Any], kind: str, collected_at: datetime) -> Record:
    repo_id = item.get("id") or item.get("modelId")
    if not isinstance(repo_id, str) or not repo_id:
        raise ValueError(f"{kind} without an id")
    path = f"datasets/{repo_id}" if kind == "dataset" else repo_id
    url = f"{HUB}/{path}"
    return Record(
        provider=PROVIDER,
        native_id=path,
        kind=kind,
        title=repo_id,
        text=_repo_text(item, repo_id, kind),
        published_at=from_iso(item.get("createdAt"))
        or from_iso(item.get("lastModified"))
        or collected_at,
        collected_at=collected_at,
        url=url,
        canonical_url=canonical_url(url),
        author=item.get("author") or (repo_id.split("/")[0] if "/" in repo_id else None),
        engagement=counts(
            downloads=item.get("downloads"),
            downloads_all_time=item.get("downloadsAllTime"),
            likes=item.get("likes"),
        ),
        extra=_repo_extra(item, collected_at),
        raw=item,
    )


def _repo_text(item: dict[str, Any], repo_id: str, kind: str) -> str:
    """Return what analysis reads: a dataset's description, else what the repo is."""
    description = item.get("description")
    if kind == "dataset" and isinstance(description, str) and description.strip():
        return description.strip()
    # The Hub lists no description of a model: the text says what it is.
    parts = (repo_id, item.get("pipeline_tag"), item.get("library_name"))
    return " ".join(part for part in parts if isinstance(part, str))


def _repo_extra(item: dict[str, Any], collected_at: datetime) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "pipeline_tag": item.get("pipeline_tag"),
        "library": item.get("library_name"),
        "tags": [tag for tag in item.get("tags") or [] if isinstance(tag, str)],
        "trending_score": item.get("trendingScore"),
        "created_at": item.get("createdAt"),
        "last_modified": item.get("lastModified"),
        "gated": item.get("gated"),
        "paperswithcode_id": item.get("paperswithcode_id"),
        "snapshot_at": collected_at.isoformat(),
    }
    return {key: value for key, value in extra.items() if value is not None}


def _paper(item: dict[str, Any], collected_at: datetime) -> Record:
    paper = item["paper"]
    paper_id = paper["id"]
    if not isinstance(paper_id, str) or not paper_id:
        raise ValueError("paper without an id")
    authors = [a["name"] for a in paper.get("authors") or [] if isinstance(a.get("name"), str)]
    published = from_iso(paper.get("publishedAt")) or from_iso(item.get("publishedAt"))
    if published is None:
        raise ValueError(f"paper {paper_id} has no date")
    abstract = f"https://arxiv.org/abs/{paper_id}"
    return Record(
        provider="arxiv",
        native_id=paper_id,
        kind="paper",
        title=paper.get("title") or item.get("title"),
        text=paper.get("summary") or item.get("summary") or "",
        published_at=published,
        collected_at=collected_at,
        url=abstract,
        canonical_url=canonical_url(abstract),
        author=authors[0] if authors else None,
        author_name=authors[0] if authors else None,
        engagement=counts(
            upvotes=paper.get("upvotes"),
            comments=item.get("numComments"),
            github_stars=paper.get("githubStars"),
        ),
        source=DAILY_PAPERS,
        extra=_paper_extra(item, paper, authors),
        raw=item,
    )


def _paper_extra(item: dict[str, Any], paper: dict[str, Any], authors: list[str]) -> dict[str, Any]:
    submitter = item.get("submittedBy") or {}
    extra: dict[str, Any] = {
        "authors": authors,
        "hf_url": f"{HUB}/papers/{paper['id']}",
        "submitted_by": submitter.get("name"),
        "submitted_on_daily_at": item.get("publishedAt"),
        "keywords": paper.get("ai_keywords"),
        "github_repo": paper.get("githubRepo"),
        "project_page": paper.get("projectPage"),
    }
    return {key: value for key, value in extra.items() if value is not None}
