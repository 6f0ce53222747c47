"""The SemEval 2013-2016 sentiment pool (subtask A), read cleanly, with TweetEval val held out.

The files (../shared/corpora/semeval-sentiment-2013-2016, SOURCE.md there) are
`id<TAB>label<TAB>text` lines with traps this reader undoes:
- some files escape characters as literal `\\uXXXX` and quotes as `\\"`;
- many texts are CSV-quoted ("..." with inner quotes doubled) and carry HTML entities;
- every line of twitter-2016test-A ends with a tab (or, in a few, the tweet's date), that
  file has no final newline, and one of its tweets holds a line break (a record starts
  only where `id<TAB>label<TAB>` does);
- ids and texts repeat: one copy of each is kept, and a tweet whose copies disagree on
  the label is dropped whole.
TweetEval's sentiment validation tweets are drawn from the same pool, with mentions
rewritten as @user and links sometimes cut; every pool tweet whose words match one of
them (`words_key`) is removed, so validation stays held out of training.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

LABELS = ("negative", "neutral", "positive")  # TweetEval's 0, 1, 2
FOLDER = "semeval-sentiment-2013-2016"
_RECORD_START = re.compile(r"\n(?=\d+\t(?:negative|neutral|positive)\t)")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\(\")\"*")  # a quote escaped, then CSV-doubled
_NOT_WORD = re.compile(r"[\W_]+")
# a few records of twitter-2016test-A carry the tweet's date as a fourth field
_DATE_FIELD = re.compile(r"\t\w{3} \w{3} \d\d \d\d:\d\d:\d\d [+-]\d{4} \d{4}$")


@dataclass(frozen=True, slots=True)
class Tweet:
    """One labelled tweet of the pool, with its text decoded."""

    id: str
    label: int
    text: str


def decode(raw: str) -> str:
    """Return a pool text as typed: escapes, CSV quoting and HTML entities undone."""
    text, inner = raw.strip(), raw.strip()[1:-1]
    if len(text) > 1 and text[0] == text[-1] == '"' and '"' not in inner.replace('""', ""):
        text = inner.replace('""', '"')
    text = _ESCAPE.sub(lambda m: m.group(2) or chr(int(m.group(1), 16)), text)
    return html.unescape(text).strip()


def read_file(path: Path) -> list[Tweet]:
    """Return every record of one pool file, in order (duplicates included)."""
    found = []
    for number, record in enumerate(_RECORD_START.split(path.read_text(encoding="utf-8")), 1):
        parts = _DATE_FIELD.sub("", record.rstrip("\n\t")).split("\t", 2)
        if len(parts) != 3 or parts[1] not in LABELS or "\t" in parts[2]:
            raise ValueError(f"{path.name}: record {number} is not id<TAB>label<TAB>text")
        found.append(Tweet(parts[0], LABELS.index(parts[1]), decode(parts[2])))
    return found


def read_pool(corpora: Path) -> list[Tweet]:
    """Return every record of every pool file, files in name order."""
    return [
        t for path in sorted((corpora / FOLDER).glob("twitter-*-A.txt")) for t in read_file(path)
    ]


def deduplicated(tweets: list[Tweet]) -> list[Tweet]:
    """Return one copy per id and per text, dropping tweets whose copies disagree on the label."""
    kept = tweets
    for key in (lambda t: t.id, lambda t: " ".join(t.text.split())):
        groups: dict[str, list[Tweet]] = defaultdict(list)
        for tweet in kept:
            groups[key(tweet)].append(tweet)
        kept = [g[0] for g in groups.values() if len({t.label for t in g}) == 1]
    return kept


def words_key(text: str) -> str:
    """Return a text's words, lower-cased and joined, without mentions, links, "RT" or marks.

    TweetEval rewrote each token holding an @ as @user and cut some links, so its copy of a
    pool tweet matches only once those are gone.
    """
    words = decode(text).lower().split()
    kept = (w for w in words if "@" not in w and not w.startswith("http") and w != "rt")
    return _NOT_WORD.sub("", "".join(kept))


def held_out(tweets: list[Tweet], validation: list[str]) -> list[Tweet]:
    """Return the tweets whose words match none of the validation texts'."""
    seen = {key for key in map(words_key, validation) if key}
    return [t for t in tweets if words_key(t.text) not in seen]


def training_pool(corpora: Path, validation: list[str]) -> list[Tweet]:
    """Return the deduplicated pool without the tweets of `validation`."""
    return held_out(deduplicated(read_pool(corpora)), validation)
