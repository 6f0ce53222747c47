"""Quantise a task branch's layers to 8-bit integers (onnxruntime dynamic quantisation).

A branch only feeds a classifier, so it can trade a little precision for speed: its
MatMul and Attention ops become int8 ops with per-channel weight scales. The embedding's
layers stay float32: the stored vectors must match sentence-transformers (cosine >= 0.999),
which int8 layers do not.

The weights use 7 of their 8 bits (`reduce_range`): onnxruntime's documentation says
that per-channel int8 weights need it on AVX2 and AVX-512 CPUs without VNNI, where the
uint8 x int8 products can saturate. What int8 and the seventh bit cost, and a run on a
CPU without VNNI: data/models/README.md.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from beatwire.analysis.embedding.requirements import require

QUANTISED_OPS = ["MatMul", "Attention"]


def _not_preprocessing_advice(record: logging.LogRecord) -> bool:
    # The quantiser tells the root logger, on every call, to run its pre-processing
    # (shape inference and graph fusions): our graph is built fused already.
    return "pre-processing before quantization" not in record.getMessage()


def quantise_model(model: Any) -> Any:
    """Return a copy of the ONNX ModelProto `model` with its matrix products in int8.

    The quantiser names the ops it adds after the ops they replace ("<name>_quant"), so
    every node of `model` must carry a name that is unique in the graph it will join.
    """
    onnx = require("onnx")
    quantization = require("onnxruntime.quantization")
    root = logging.getLogger()
    root.addFilter(_not_preprocessing_advice)
    try:
        with tempfile.TemporaryDirectory(prefix="beatwire-quantise-") as folder:
            target = Path(folder) / "model.onnx"
            quantization.quantize_dynamic(
                model,
                target,
                op_types_to_quantize=QUANTISED_OPS,
                per_channel=True,
                reduce_range=True,  # no saturation on CPUs without VNNI (docstring)
                weight_type=quantization.QuantType.QInt8,
                # our fused contrib ops defeat ONNX shape inference: the weights are floats
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
            return onnx.load(str(target))
    finally:
        root.removeFilter(_not_preprocessing_advice)
