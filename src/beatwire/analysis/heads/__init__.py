"""The trained heads the sentiment and emotion roles run, and the files they are stored in.

    features.py       the text features every head reads (VADER, hashed n-grams, embedding)
    linear.py         a linear head (one-vs-rest logistic regression) in a small .npz file
    stack.py          linear heads combined by a meta layer, and loading either kind
    affect_branch.py  fine-tuned MiniLM top layers with an emotion head over their output
    model_files.py    where the model files live (data/models)
    auto.py           which heads go with which embedder when settings say "auto"

Fitting them is training code: scripts/train_*.py and scripts/_fit_heads.py.
"""
