"""Quality and speed of language, sentiment and emotion against human labels in ../shared/corpora.

    python bench/analysis_quality.py [--embedder minilm]

Prints: lingua's accuracy on the UMSAB tweets (language known from the folder), its
speed and memory; sentiment macro-recall on TweetEval val (the heads trained on the SemEval
pool, which holds val out, with their stored pool CV figure; a head trained on val
prints only its stored CV figure) and per UMSAB language; emotion macro-F1 on TweetEval emotion
val (the heads trained on the train split only; a head also trained on val prints the
figures its training script stored: val from a fit on train only, and CV); texts/s.
The static-embedding stacks (static_lr, static) always run: the static table is cheap.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from _training import CORPORA, MAPPED, macro_f1, macro_recall, read_lines, tweeteval  # noqa: E402

from beatwire.analysis.emotion import REGISTERS, build_emotion  # noqa: E402
from beatwire.analysis.language import build_language  # noqa: E402
from beatwire.analysis.sentiment import LABELS, build_sentiment  # noqa: E402

UMSAB = {"arabic": "ar", "english": "en", "french": "fr", "german": "de", "hindi": "hi",
         "italian": "it", "portuguese": "pt", "spanish": "es"}  # fmt: skip


def rss_mb() -> float:
    """Return this process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def umsab(language: str) -> tuple[list[str], np.ndarray]:
    """Return the texts and labels of one UMSAB validation language."""
    folder = CORPORA / "umsab-multilingual-sentiment" / language
    labels = np.array([int(x) for x in read_lines(folder / "val_labels.txt")])
    return read_lines(folder / "val_text.txt"), labels


def bench_language() -> None:
    """Print lingua's accuracy per UMSAB language, its speed and the memory it adds."""
    for name in ("lingua", "lingua-high"):
        before = rss_mb()
        detector = build_language(name)
        texts, truth = [], []
        for language, code in UMSAB.items():
            found = umsab(language)[0]
            texts += found
            truth += [code] * len(found)
        start = time.perf_counter()
        found = detector.detect(texts, [None] * len(texts))
        rate = len(texts) / (time.perf_counter() - start)
        per = {
            c: np.mean([f == c for f, t in zip(found, truth, strict=True) if t == c])
            for c in UMSAB.values()
        }
        accuracy = " ".join(f"{c}={v:.2f}" for c, v in per.items())
        grown = rss_mb() - before
        print(
            f"language {detector.name}: {rate:,.0f} texts/s, peak RSS +{grown:.0f} MB; {accuracy}"
        )


def labels_of(results: list) -> np.ndarray:
    """Return TweetEval class ids (unmeasured as -1) for sentiment results."""
    return np.array([LABELS.index(r.label) if r.label else -1 for r in results])


def bench_sentiment(
    names: list[str], embeddings: dict[str, np.ndarray], branches: dict[str, dict]
) -> None:
    """Print each sentiment model's TweetEval and per-language UMSAB figures and speed."""
    texts, labels = tweeteval(CORPORA, "sentiment", "val")
    for name in names:
        model = build_sentiment(name)
        vec = embeddings.get(name)
        start = time.perf_counter()
        found = model.score(texts, ["en"] * len(texts), embeddings=vec, branches=branches.get(name))
        pred = labels_of(found)
        rate = len(texts) / (time.perf_counter() - start)
        head = getattr(model, "_head", None)
        figure = f"val {macro_recall(labels, pred):.4f}"
        seen_val = head and "val_macro_recall" not in head.meta  # older heads learned from val
        if head and not seen_val:  # trained on the SemEval pool, which holds val out
            figure += f" (pool {head.meta['cv_folds']}-fold CV {head.meta['cv_macro_recall']:.4f})"
            figure += f" [{head.meta['val_caveat']}]" if "val_caveat" in head.meta else ""
        elif head:  # trained on val: only its cross-validated figure is honest
            figure = f"{head.meta['cv_folds']}-fold CV {head.meta['cv_macro_recall']:.4f}"
        print(f"sentiment {model.name}: TweetEval macro-recall {figure}; {rate:,.0f} texts/s")
        if vec is None:  # UMSAB as if every text were English: is the model usable there?
            per = {}
            for language in UMSAB:
                t, y = umsab(language)
                if seen_val and language == "english":
                    continue  # UMSAB's English val tweets are all in TweetEval val: trained on
                per[language] = macro_recall(y, labels_of(model.score(t, ["en"] * len(t))))
            print("   UMSAB val macro-recall: " + " ".join(f"{k}={v:.3f}" for k, v in per.items()))


def bench_emotion(
    names: list[str], embeddings: dict[str, np.ndarray], branches: dict[str, dict]
) -> None:
    """Print each emotion model's TweetEval emotion val macro-F1 and speed."""
    texts, labels = tweeteval(CORPORA, "emotion", "val")
    columns = [REGISTERS.index(r) for r in MAPPED]
    for name in names:
        model = build_emotion(name)
        vec = embeddings.get(name)
        start = time.perf_counter()
        rows = model.score(texts, ["en"] * len(texts), embeddings=vec, branches=branches.get(name))
        rate = len(texts) / (time.perf_counter() - start)
        best = [int(np.argmax([row[REGISTERS[c]] for c in columns])) for row in rows]
        pred = np.array([list(MAPPED.values())[b] for b in best])
        head = getattr(model, "_head", None)
        meta = head.meta if head else {}
        figure = f"val macro-F1 {macro_f1(labels, pred):.4f}"
        if "val_text.txt" in meta.get("trained_on", ""):  # trained on val: the stored figures
            figure = (
                f"val macro-F1 {meta['val_macro_f1_registers_fit_on_train']:.4f} (fit on train), "
                f"{meta['cv_folds']}-fold CV on train+val {meta['cv_macro_f1_head']:.4f} (head)"
            )
        tuned = getattr(model, "_tuned", None)
        if tuned is not None:  # the branch is fitted on train + val too: its stored figures
            stored, fits = tuned.meta, len(tuned.meta["val_macro_f1_registers_per_fit"])
            figure = (
                f"val macro-F1 {stored[f'val_macro_f1_registers_mean_of_{fits}_fits']:.4f} "
                f"(mean of {fits} fits on train; int8 branch alone "
                f"{stored[f'val_macro_f1_branch_mean_of_{fits}_fits']:.4f}, mixed with the head "
                f"{stored[f'val_macro_f1_mixed_mean_of_{fits}_fits']:.4f})"
            )
        print(f"emotion {model.name}: TweetEval emotion {figure}; {rate:,.0f} texts/s")


def main() -> None:
    """Run every measurement and print the machine it ran on."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["none", "minilm"], default="none")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, cpus {os.cpu_count()}"
    )
    bench_language()
    sentiment, emotion = ["vader", "vader_lr", "static_lr"], ["lexicon", "static"]
    from beatwire.analysis.embedding import build_embedder, encode

    static = build_embedder("static")
    vectors = {
        "static_lr": static.embed(tweeteval(CORPORA, "sentiment", "val")[0]),
        "static": static.embed(tweeteval(CORPORA, "emotion", "val")[0]),
    }
    branches = {}
    if args.embedder == "minilm":
        embedder = build_embedder("minilm", branch=build_emotion("minilm_tuned").branch)
        tweets = encode(embedder, tweeteval(CORPORA, "sentiment", "val")[0])
        vectors["minilm_lr"] = vectors["minilm_tuned_lr"] = tweets.vectors
        branches["minilm_tuned_lr"] = tweets.branches
        encoded = encode(embedder, tweeteval(CORPORA, "emotion", "val")[0])
        vectors["minilm"] = vectors["minilm_tuned"] = encoded.vectors
        branches["minilm_tuned"] = encoded.branches
        sentiment += ["minilm_lr", "minilm_tuned_lr"]
        emotion += ["minilm", "minilm_tuned"]
    bench_sentiment(sentiment, vectors, branches)
    bench_emotion(emotion, vectors, branches)


if __name__ == "__main__":
    main()
