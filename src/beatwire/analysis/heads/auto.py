"""Which trained sentiment and emotion heads go with which embedder when settings say "auto".

A head trained on an embedder's vectors needs that embedder; the lexical heads run on
any. "auto" picks, for the configured embedder, the best head whose validation figure is
clean (it never saw the validation tweets; figures in data/models/README.md): with MiniLM
that is minilm_lr for sentiment, since minilm_tuned_lr's affect branch learned from
TweetEval sentiment val, and the branch's emotion model minilm_tuned.
"""

from __future__ import annotations

AUTO = "auto"
BEST_HEADS = {  # embedder: (sentiment, emotion)
    "minilm": ("minilm_lr", "minilm_tuned"),
    "static": ("static_lr", "static"),
}
LEXICAL_HEADS = ("vader_lr", "lexicon")


def heads_for(embedder: str, sentiment: str, emotion: str) -> tuple[str, str]:
    """Return the sentiment and emotion heads to build, resolving "auto" for `embedder`."""
    best_sentiment, best_emotion = BEST_HEADS.get(embedder, LEXICAL_HEADS)
    return (
        best_sentiment if sentiment == AUTO else sentiment,
        best_emotion if emotion == AUTO else emotion,
    )
