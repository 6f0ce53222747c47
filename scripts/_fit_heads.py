"""Fitting linear heads and a stack's meta layer (needs scikit-learn, not installed by default)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.analysis.heads.features import Features
from beatwire.analysis.heads.linear import LinearHead
from beatwire.analysis.heads.stack import LOG_FLOOR
from beatwire.errors import AnalysisError


def to_csr(features: Features, buckets: int) -> Any:
    """Return the features as one scipy CSR matrix: dense columns first, then the buckets."""
    from scipy.sparse import csr_matrix, hstack

    n = len(features.indptr) - 1
    hashed = csr_matrix((features.values, features.indices, features.indptr), shape=(n, buckets))
    return hstack([csr_matrix(features.dense), hashed]).tocsr()


def fit_head(
    features: Features, labels: npt.NDArray[np.int64], classes: tuple[str, ...], c: float,
    meta: dict[str, Any],
) -> LinearHead:  # fmt: skip
    """Return a one-vs-rest logistic regression (liblinear, balanced classes) fitted on a batch."""
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
    except ImportError as exc:
        raise AnalysisError(
            "training needs scikit-learn", hint='pip install "scikit-learn>=1.5,<2"'
        ) from exc
    buckets = int(meta["buckets"])
    matrix = to_csr(features, buckets)
    # the dual problem has the same optimum and solves several times faster on many rows;
    # it needs more than the default 100 iterations at a large C, and a seed for its order
    solver = {"solver": "liblinear", "dual": True, "max_iter": 2000, "random_state": 0}
    model = OneVsRestClassifier(LogisticRegression(C=c, class_weight="balanced", **solver)).fit(
        matrix, labels
    )
    coef = np.vstack([est.coef_[0] for est in model.estimators_]).T.astype(np.float32)
    bias = np.array([est.intercept_[0] for est in model.estimators_], dtype=np.float32)
    dense_width = features.dense.shape[1]
    hashed = coef[dense_width:]
    rows = np.flatnonzero(np.abs(hashed).max(axis=1) > 1e-6)
    return LinearHead(
        classes=classes,
        hash_rows=rows.astype(np.int64),
        hash_weights=hashed[rows],
        dense_weights=coef[:dense_width],
        bias=bias,
        meta=meta,
    )


def fit_meta(
    base_probs: list[npt.NDArray[np.float32]], labels: npt.NDArray[np.int64], c: float
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Return the weights and bias of a stack's meta layer, fitted on out-of-fold probabilities.

    A multinomial logistic regression (balanced classes) over the bases' log-probabilities,
    floored as `heads.stack.combine` floors them at inference.
    """
    from sklearn.linear_model import LogisticRegression

    logs = np.log(np.maximum(np.hstack(base_probs), LOG_FLOOR))
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(logs, labels)
    return model.coef_.T.astype(np.float32), model.intercept_.astype(np.float32)
