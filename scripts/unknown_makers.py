"""List the orgs of the ai-news-2025 trending lists that data/makers.toml does not know.

Prints each unlisted org with its largest 30-day download count, how many snapshot rows
it has and a few of its repos, largest first: the orgs worth sourcing a country for.
An org whose home no source states stays out of makers.toml (it counts as unknown).

Run: .venv/bin/python scripts/unknown_makers.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from beatwire.makers import maker_of, org_of

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/ai-news-2025"
LISTS = (
    "huggingface_trending_models_snapshots.jsonl",
    "huggingface_trending_datasets_snapshots.jsonl",
)


def main() -> None:
    """Print the unlisted orgs of the corpus, most downloaded first."""
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    downloads: dict[str, int] = defaultdict(int)
    rows: dict[str, int] = defaultdict(int)
    repos: dict[str, set[str]] = defaultdict(set)
    for name in LISTS:
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            org = org_of(item["title"])
            if org is None or maker_of(item["title"]) is not None:
                continue
            downloads[org] = max(downloads[org], item["metadata"].get("downloads", 0))
            rows[org] += 1
            repos[org].add(item["title"])
    print(f"{len(downloads)} orgs of the corpus are not in makers.toml")
    for org in sorted(downloads, key=lambda org: -downloads[org]):
        print(f"{org:32} {downloads[org]:>10,} {rows[org]:>5}  {', '.join(sorted(repos[org])[:2])}")


if __name__ == "__main__":
    main()
