"""Finds identifiers by their shape: arXiv ids, Hugging Face and GitHub repos, #tags, $tickers."""

from __future__ import annotations

import re

from beatwire.analysis.entities._base import PRIORITY_HASHTAG, PRIORITY_PATTERN, Mention

_ARXIV_NEW = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s?|(?<![\w./]))(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})"
    r"(?:v\d+)?(?![\w.]*\d)",
    re.IGNORECASE,
)
# Old-style ids name their archive: cs/0601001, math.CO/0301001, hep-th/9901001.
_ARXIV_OLD = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s?|(?<![\w/]))"
    r"((?:cs|math|physics|stat|q-bio|q-fin|econ|eess|astro-ph|cond-mat|gr-qc|hep-ex|hep-lat"
    r"|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|quant-ph)(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b",
    re.IGNORECASE,
)
_ARXIV_HINT = re.compile(r"\d{4}\.\d{4}|/\d{7}")  # cheap test before the full patterns
_HF_URL = re.compile(
    r"huggingface\.co/(?:(datasets|spaces)/)?([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*\w)"
)
_GH_URL = re.compile(r"github\.com/([A-Za-z0-9][\w-]*)/([A-Za-z0-9_.-]*[A-Za-z0-9_])")
# A bare "org/name" is a model id only when the name looks like one (size, version, tuning).
_HF_BARE = re.compile(r"(?<![\w./:@-])([A-Za-z][\w-]{1,38})/([A-Za-z0-9][\w.-]{2,95}\w)(?![\w/])")
_MODEL_NAME = re.compile(
    r"\d+(?:\.\d+)?[bBmM]\b|(?:instruct|chat|base|gguf|awq|gptq|coder|embed|vl|it|hf|sft|dpo"
    r"|v\d)(?:\b|_)|-\d",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"(?<![\w#&])#([A-Za-z][A-Za-z0-9_]{1,49})\b")
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Za-z]{1,5}(?:\.[A-Za-z]{1,2})?)\b(?![\d.,]*\d)")


def find_arxiv(text: str) -> list[Mention]:
    """Return arXiv ids, new style (2401.01234) and old style (cs/0601001), version dropped."""
    found: list[Mention] = []
    if not _ARXIV_HINT.search(text):
        return found
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        for m in pattern.finditer(text):
            paper = m.group(1).lower()
            found.append(
                Mention(
                    m.start(),
                    m.end(),
                    f"arxiv:{paper}",
                    f"arXiv:{m.group(1)}",
                    "concept",
                    PRIORITY_PATTERN,
                )
            )
    return found


def find_repos(text: str) -> list[Mention]:
    """Return Hugging Face and GitHub repositories, from URLs and bare model ids."""
    found: list[Mention] = []
    if "/" not in text:
        return found
    for m in _HF_URL.finditer(text):
        kind, org, name = m.groups()
        prefix = {"datasets": "hf-dataset", "spaces": "hf-space"}.get(kind or "", "hf")
        found.append(_repo(m.start(), m.end(), prefix, f"{org}/{name}"))
    for m in _GH_URL.finditer(text):
        owner, repo = m.group(1), m.group(2).removesuffix(".git")
        found.append(_repo(m.start(), m.end(), "gh", f"{owner}/{repo}"))
    for m in _HF_BARE.finditer(text):
        if _MODEL_NAME.search(m.group(2)) and not _inside_url(text, m.start()):
            found.append(_repo(m.start(), m.end(), "hf", f"{m.group(1)}/{m.group(2)}"))
    return found


def _repo(start: int, end: int, prefix: str, repo_id: str) -> Mention:
    """Return the mention of one repository; ids are case-insensitive on both hubs."""
    return Mention(start, end, f"{prefix}:{repo_id.lower()}", repo_id, "product", PRIORITY_PATTERN)


def _inside_url(text: str, start: int) -> bool:
    """Return whether the match at `start` sits inside a URL or a path."""
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[word_start:start]
    return "/" in before or "." in before


def find_tags(text: str) -> list[Mention]:
    """Return hashtags (concepts) and cashtags (listed companies)."""
    found: list[Mention] = []
    for m in _HASHTAG.finditer(text) if "#" in text else ():
        tag = m.group(1)
        found.append(
            Mention(
                m.start(), m.end(), f"tag:{tag.lower()}", f"#{tag}", "concept", PRIORITY_HASHTAG
            )
        )
    for m in _CASHTAG.finditer(text) if "$" in text else ():
        ticker = m.group(1).upper()
        found.append(
            Mention(
                m.start(),
                m.end(),
                f"cashtag:{ticker.lower()}",
                f"${ticker}",
                "organization",
                PRIORITY_PATTERN,
            )
        )
    return found


class PatternFinder:
    """Finds every identifier-shaped mention in a text."""

    def find(self, text: str) -> list[Mention]:
        """Return arXiv ids, repositories, hashtags and cashtags in `text`."""
        return [*find_arxiv(text), *find_repos(text), *find_tags(text)]
