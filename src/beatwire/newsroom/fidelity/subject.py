"""The headline's subject: every name a headline puts up front is named by a record it cites.

The subjects are the headline's known names (entities, bylines) and its capitalised
phrases, less the words that are no subject: common words, platforms and the words of
beat names ("AI Agents" is a beat, not a subject). A headline's first word is
capitalised by grammar, so it counts as a name only when it looks like one (a capital or
a digit inside it, "PauseAI", "Vireo-4"), the body writes it capitalised mid-sentence,
or another capitalised word or a colon follows it ("Zentrix Labs", "PauseAI: ..."). A
plain word that leads the headline and appears nowhere else ("Quillfeather is
everywhere") cannot be told from an English word without a dictionary: not checked.
A subject passes when a record the body cites (every record, when the body cites none)
names it, or, for a phrase of several words, names each of its words; or when the
signal's own sentence names it, since that is what the data measured ("Chinese makers
took 41% of the downloads": a group of makers no model page calls Chinese). A narrative's
machine label is not that sentence, so a headline taken from a wrong label still fails.
"""

from __future__ import annotations

import re

from beatwire.newsroom.fidelity.checks import Check
from beatwire.newsroom.fidelity.grounding import Ground, Source
from beatwire.newsroom.fidelity.names import common_words, known_in, platforms_words

_CAPS = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.-]*[\w])*")
_NAME_SHAPED = re.compile(r"^\w+[A-Z0-9]|\d")
_CONNECTORS = ("of ", "the ", "de ")


def _words(phrase: str) -> list[str]:
    return [w.strip("'’.").lower() for w in phrase.split()]


def _is_subject(phrase: str, ground: Ground) -> bool:
    ignored = common_words() | platforms_words() | ground.topics
    return any(word not in ignored for word in _words(phrase))


def _first_word_is_name(word: str, body: str) -> bool:
    if _NAME_SHAPED.search(word):
        return True
    return re.search(rf"(?<=[^.!?:\s] ){re.escape(word)}\b", body) is not None


def subjects_of(headline: str, body: str, ground: Ground) -> list[str]:
    """Return the names a headline is about, known names first."""
    found = known_in(headline, ground.names)
    for match in _CAPS.finditer(headline):
        phrase = match.group(0)
        first, _, rest = phrase.partition(" ")
        # "Zentrix Labs" is one name; "Talk of Vireo-4" is a word, then a name.
        joined = rest[:1].isupper() or headline[match.end() : match.end() + 1] == ":"
        if match.start() == 0 and not joined and not _first_word_is_name(first, body):
            phrase = rest
            for connector in _CONNECTORS:
                phrase = phrase.removeprefix(connector)
        low = phrase.lower()
        if phrase and not any(low in f.lower() or f.lower() in low for f in found):
            found.append(phrase)
    return [phrase for phrase in found if _is_subject(phrase, ground)]


def _named_by(phrase: str, sources: list[Source]) -> bool:
    if any(source.mentions(phrase) for source in sources):
        return True
    words = [w for w in _words(phrase) if w not in common_words()]
    return len(words) > 1 and any(all(w in s.text.lower() for w in words) for s in sources)


def subject_checks(headline: str, body: str, cited: list[int], ground: Ground) -> list[Check]:
    """Return whether each subject of the headline is named by a record the story cites."""
    sources = [ground.sources[n] for n in cited if n in ground.sources]
    sources = sources or list(ground.sources.values())
    checks = []
    for subject in subjects_of(headline, body, ground):
        measured = re.search(rf"(?<!\w){re.escape(subject)}(?!\w)", ground.measured, re.I)
        ok = _named_by(subject, sources) or measured is not None
        if ok:
            detail = "named by a cited record" if measured is None else "what the signal measured"
        else:
            detail = "no record the story cites names it"
        checks.append(Check("subject", ok, f"{subject}: {detail}"))
    return checks
