# ruff: noqa: E501
"""Hand-written pieces of paper abstracts, model cards and links for the synthetic demo corpus."""

ACRONYMS = [
    "ASTRA",
    "BRIDGE",
    "CANOPY",
    "DELTA",
    "EMBER",
    "FORGE",
    "GLINT",
    "HALO",
    "IRIS",
    "JUNO",
    "KITE",
    "LOOM",
    "MOSAIC",
    "NOVA",
    "ORCHID",
    "PRISM",
    "QUARTZ",
    "RELAY",
    "SPROUT",
    "TIDE",
]

ABSTRACT_OPEN = [
    "We study {topic}, a setting where existing methods are rarely evaluated under realistic conditions.",
    "Despite rapid progress, {topic} remains poorly understood.",
    "This paper examines {topic} through a large-scale empirical lens.",
    "Recent work on {topic} reports strong results, but on narrow benchmarks.",
    "We revisit {topic} and ask which reported gains survive careful controls.",
    "Practitioners increasingly rely on {topic}, yet principled evaluation is missing.",
    "We present a systematic study of {topic} across {n} settings.",
    "Little public data exists on {topic}; we collect and release some.",
]
ABSTRACT_METHOD = [
    "We introduce a simple method that combines retrieval with lightweight fine-tuning.",
    "We construct a new benchmark of {big} examples with human annotations.",
    "Our approach uses a small auxiliary model to estimate uncertainty at inference time.",
    "We run controlled experiments over {n} model families and three data regimes.",
    "We propose a training objective that penalises shortcut features.",
    "We pair automatic metrics with a blinded study of {n}0 expert raters.",
    "We design an evaluation protocol that separates memorisation from generalisation.",
    "Our analysis uses causal interventions on intermediate representations.",
]
ABSTRACT_RESULT = [
    "Results show a {pct} relative improvement over strong baselines.",
    "We find that most of the reported gains vanish once data contamination is controlled for.",
    "Our method matches larger systems while using a fraction of the compute.",
    "Performance varies widely across groups, with the largest gap at {pct}.",
    "Gains are consistent across settings but smaller than previously claimed.",
    "Surprisingly, simple baselines remain competitive in {n} of the settings.",
    "Human raters preferred our outputs in {pct} of comparisons.",
    "Error analysis reveals systematic failures on rare and long-tail cases.",
]
ABSTRACT_CLOSE = [
    "Code and data are publicly available.",
    "We release our benchmark and evaluation harness to support future work.",
    "We discuss limitations and directions for future work.",
    "Our findings suggest caution when interpreting headline numbers.",
    "We hope this work informs both practitioners and policymakers.",
    "All artefacts are released under a permissive license.",
]

MODEL_CARDS = [
    "{name} is a {size} parameter model fine-tuned for {task}. Trained on a curated mix of public and synthetic data; see the model card for limitations.",
    "A compact model for {task}. Base: {base}. Quantised variants are available in the repo. License: {license}.",
    "{name}: an instruction-tuned model for {task}, evaluated on {n} public benchmarks. Works with standard inference servers.",
    "Community fine-tuned model for {task} built on {base}. Not affiliated with the original authors. Use at your own risk.",
    "Research release of {name} for {task}. Weights, tokenizer and eval scripts included. License: {license}.",
    "{size} model for {task}, trained with a focus on efficiency. Runs on a single consumer GPU at 4-bit.",
]
LICENSES = ["apache-2.0", "mit", "cc-by-4.0", "other", "openrail"]

GITHUB_SUFFIXES = [
    "-kit",
    "-bench",
    "-lab",
    "-tools",
    "-eval",
    "-py",
    "-rs",
    "-cli",
    "-playground",
    "",
]
LINK_LEADS = {
    "arxiv": ["Paper:", "arXiv:", "Preprint:", "→", "pdf:", "Read it here:"],
    "hf": ["Model:", "Weights:", "On HF:", "→", "Card:"],
    "github": ["Repo:", "Code:", "→", "src:", "GitHub:"],
    "news": ["Link:", "via", "→", "Story:", "Details:"],
}

PAPER_TITLES = [
    "Towards Reliable Evaluation of {x}",
    "On the Limits of {x}",
    "{x}: A Large-Scale Empirical Study",
    "Rethinking {x}",
    "What Do We Really Know About {x}?",
    "A Benchmark for {x}",
    "Measuring {x} in the Wild",
    "{acr}: Efficient Methods for {x}",
    "Lessons from Deploying {x}",
    "{acr}: A Dataset for Studying {x}",
    "Beyond Accuracy: Auditing {x}",
    "Revisiting {x}",
]
NEWS_TAILS = [
    "The company did not respond to a request for comment.",
    "Critics said the figures were difficult to verify independently.",
    "Further details are expected in the coming weeks.",
    "The announcement follows months of speculation.",
    "Observers cautioned that early results may not hold at scale.",
    "A spokesperson said the plans were still under review.",
    "The findings have not yet been peer reviewed.",
    "Industry groups welcomed the move, while advocacy groups were more cautious.",
]
