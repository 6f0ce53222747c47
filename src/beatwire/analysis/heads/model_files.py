"""Where the trained analysis models live: src/beatwire/data/models (its README names each file).

A module of its own so that the roles and the affect branch both of them read
(affect_branch.py) find their files without importing one another.
Tests and training scripts point MODELS_DIR at a scratch folder.
"""

from __future__ import annotations

from pathlib import Path

from beatwire.errors import AnalysisError

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "models"


def model_path(filename: str) -> Path:
    """Return the path of data/models/`filename`; raise when it is missing."""
    path = MODELS_DIR / filename
    if not path.is_file():
        raise AnalysisError(
            f"model file {path} is missing", hint="run the scripts/train_*.py that makes it"
        )
    return path
