"""Quality and spend of the optional LLM labeller against TweetEval's human labels.

    BEATWIRE_ANALYSIS__LLM=openai BEATWIRE_NEWSROOM__OPENAI_BASE_URL=http://127.0.0.1:11434/v1 \
        python bench/llm_quality.py [--sample 400]
    BEATWIRE_ANALYSIS__LLM=claude BEATWIRE_NEWSROOM__API_KEYS='{"claude": "sk-ant-..."}' \
        python bench/llm_quality.py

Labels a fixed sample of TweetEval sentiment validation and all of TweetEval emotion
validation with the labeller `analysis.llm` names (beatwire.toml or BEATWIRE_* settings),
and prints sentiment macro-recall, emotion macro-F1 (arg-max over the mapped registers,
as for the local heads), how many texts came back labelled (a text left out counts as
wrong), tokens and dollars. The local heads' figures come from analysis_quality.py.
Needs a model to talk to: with `analysis.llm = "none"` it says so and stops.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from _training import CORPORA, MAPPED, macro_f1, macro_recall, tweeteval  # noqa: E402

from beatwire.analysis.llm import LabelRun, LLMOverlay, build_llm  # noqa: E402
from beatwire.analysis.llm.fallback import run_sync  # noqa: E402
from beatwire.analysis.sentiment import LABELS  # noqa: E402
from beatwire.config import load_settings  # noqa: E402
from beatwire.errors import BeatwireError  # noqa: E402

MISSING = -1  # a text the labeller left out


def label(overlay: LLMOverlay, texts: list[str]) -> tuple[str, LabelRun, float]:
    """Return the labeller's name, its run over `texts` and the seconds it took."""
    start = time.perf_counter()
    name, run = run_sync(lambda: overlay.label(texts))
    return name, run, time.perf_counter() - start


def report(task: str, figure: str, run: LabelRun, asked: int, seconds: float) -> None:
    """Print one task's figure, coverage and spend."""
    usage = run.usage
    print(
        f"{task}: {figure}; labelled {len(run.labels)} of {asked} ({run.failed} failed); "
        f"{usage.requests} requests, {usage.tokens_in:,} tokens in, {usage.tokens_out:,} out, "
        f"${usage.cost_usd:.4f}; {seconds:.0f} s"
    )


def main() -> None:
    """Label the samples and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=400, help="sentiment tweets (of 2,000)")
    parser.add_argument("--config", type=Path, help="beatwire.toml to read (default: ./)")
    args = parser.parse_args()
    try:
        overlay = build_llm(load_settings(args.config))
    except BeatwireError as exc:
        raise SystemExit(f"error: {exc.one_line()}") from exc
    if overlay is None:
        raise SystemExit(
            "error: analysis.llm is 'none'; set BEATWIRE_ANALYSIS__LLM=claude (with a key) "
            "or openai (with newsroom.openai_base_url) to measure a labeller"
        )

    texts, truth = tweeteval(CORPORA, "sentiment", "val")
    rows = np.sort(np.random.default_rng(0).permutation(len(texts))[: args.sample])
    texts, truth = [texts[i] for i in rows], truth[rows]
    name, run, seconds = label(overlay, texts)
    pred = np.full(len(texts), MISSING)
    for i, found in run.labels.items():
        pred[i] = LABELS.index(found.sentiment_label)
    figure = f"{name} TweetEval sentiment val macro-recall {macro_recall(truth, pred):.4f}"
    report("sentiment", figure + f" ({len(texts)} tweets, seed 0)", run, len(texts), seconds)

    texts, truth = tweeteval(CORPORA, "emotion", "val")
    name, run, seconds = label(overlay, texts)
    pred = np.full(len(texts), MISSING)
    for i, found in run.labels.items():
        scores = found.registers()
        if scores:
            best = max(MAPPED, key=lambda register: scores[register])
            pred[i] = MAPPED[best]
    figure = f"{name} TweetEval emotion val macro-F1 {macro_f1(truth, pred):.4f} (registers)"
    report("emotion", figure, run, len(texts), seconds)


if __name__ == "__main__":
    main()
