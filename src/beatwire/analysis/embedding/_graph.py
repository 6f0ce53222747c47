"""Build a BERT encoder (all-MiniLM-L6-v2) as an ONNX graph for onnxruntime's CPU kernels.

The graph is made in memory from the Hugging Face BertModel tensors in model.safetensors,
so neither PyTorch nor an exported .onnx file is needed. It uses onnxruntime's fused BERT
ops (domain com.microsoft), the ones its own transformer optimizer would produce:

    EmbedLayerNormalization  word + position (+ token type 0) embeddings, LayerNorm, and
                             each row's token count (the mask index) for attention
    Attention                query/key/value in one matmul, masked softmax, all heads
    MatMul + BiasGelu        feed-forward up projection, bias and exact (erf) GELU

except for the residual LayerNorms: onnxruntime's SkipLayerNormalization (and plain
LayerNormalization) accumulate each row in double precision, one value at a time; the
same sums written as Add/ReduceMean/Mul steps run on vectorised kernels (what that saves:
data/models/README.md).

Inputs: "ids" and "mask", int32 (rows, tokens), padding on the right. Output: "tokens",
float32 (rows, tokens, hidden), the last layer's token vectors. Eval mode: no dropout.

A branch (optional) is a second copy of the top layers with other weights, fine-tuned
for one task: it reads the same lower layers' output and adds the output "branch", so a
task model costs its own layers only, not a second pass through the whole encoder.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from beatwire.analysis.embedding._quantise import quantise_model
from beatwire.analysis.embedding.requirements import require

Tensors = Mapping[str, npt.NDArray[np.float32]]

ONNX_OPSET = 17
CONTRIB = "com.microsoft"
BRANCH_SCOPE = "branch."  # starts the names of a branch's weights


def bert_graph(
    tensors: Tensors,
    *,
    heads: int,
    eps: float,
    branch: Tensors | None = None,
    quantise_branch: bool = False,
) -> bytes:
    """Return the serialised ONNX model of the encoder whose weights are `tensors`.

    `branch` holds the weights of the top layers ("encoder.layer.{i}." keys, i from the
    first branch layer to the last layer) of a fine-tuned copy; its token vectors are the
    output "branch", computed in int8 with `quantise_branch` (_quantise.py).
    """
    onnx = require("onnx")
    helper = onnx.helper
    graph = _Graph(onnx, eps)
    graph.contrib(
        "EmbedLayerNormalization",
        [
            "ids",
            "",  # no segment ids: the token type 0 embedding is added to every position
            graph.weight("word", tensors["embeddings.word_embeddings.weight"]),
            graph.weight(
                "position",
                tensors["embeddings.position_embeddings.weight"]
                + tensors["embeddings.token_type_embeddings.weight"][0],
            ),
            "",
            graph.weight("norm.gain", tensors["embeddings.LayerNorm.weight"]),
            graph.weight("norm.bias", tensors["embeddings.LayerNorm.bias"]),
            "mask",
        ],
        ["embedded", "mask_index"],
        epsilon=eps,
    )
    x = "embedded"
    layers = layer_indices(tensors)
    forks = layer_indices(branch) if branch else []
    if forks and forks != layers[layers.index(forks[0]) :]:
        raise ValueError(f"a branch must hold the top layers, not layers {forks}")
    outputs = ["tokens"]
    for index in layers:
        if branch and index == forks[0]:
            part = _branch(onnx, branch, forks, x, heads, eps, quantise_branch)
            graph.nodes.extend(part.graph.node)
            graph.initializers.extend(part.graph.initializer)
            outputs.append("branch")
        last = index == layers[-1]
        x = _layer(graph, tensors, f"encoder.layer.{index}.", x, "tokens" if last else None, heads)
    inputs = [helper.make_tensor_value_info(n, onnx.TensorProto.INT32, ["rows", "tokens"])
              for n in ("ids", "mask")]  # fmt: skip
    return bytes(_model(onnx, graph, inputs, outputs).SerializeToString())


def _model(onnx: ModuleType, graph: _Graph, inputs: list[Any], outputs: list[str]) -> Any:
    """Return the ModelProto of `graph`; `outputs` are (rows, tokens, hidden) float tensors."""
    helper = onnx.helper
    tokens = [
        helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, ["rows", "tokens", "hidden"])
        for name in outputs
    ]
    return helper.make_model(
        helper.make_graph(graph.nodes, "bert", inputs, tokens, graph.initializers),
        opset_imports=[helper.make_opsetid("", ONNX_OPSET), helper.make_opsetid(CONTRIB, 1)],
        producer_name="beatwire",
    )


def layer_indices(tensors: Tensors) -> list[int]:
    """Return the sorted indices of the encoder layers whose weights `tensors` holds."""
    return sorted({int(key.split(".")[2]) for key in tensors if key.startswith("encoder.layer.")})


def _branch(
    onnx: ModuleType,
    branch: Tensors,
    indices: list[int],
    fork: str,
    heads: int,
    eps: float,
    quantise: bool,
) -> Any:
    """Return the branch's layers as a model of their own reading `fork` and "mask_index".

    Built apart so that only these few layers go through the quantiser (quantising the
    whole encoder's graph to pick them out cost 300 MB more memory at load).
    """
    graph = _Graph(onnx, eps, prefix=BRANCH_SCOPE)
    x = fork
    for index in indices:
        last = index == indices[-1]
        prefix = f"encoder.layer.{index}."
        x = _layer(graph, branch, prefix, x, "branch" if last else None, heads, BRANCH_SCOPE)
    inputs = [
        onnx.helper.make_tensor_value_info(
            fork, onnx.TensorProto.FLOAT, ["rows", "tokens", "hidden"]
        ),
        onnx.helper.make_tensor_value_info("mask_index", onnx.TensorProto.INT32, ["rows"]),
    ]
    model = _model(onnx, graph, inputs, ["branch"])
    if not quantise:
        return model
    for index, node in enumerate(model.graph.node):
        node.name = node.name or f"{BRANCH_SCOPE}node{index}"  # unique once merged
    return quantise_model(model)


def _layer(
    graph: _Graph,
    tensors: Tensors,
    prefix: str,
    x: str,
    output: str | None,
    heads: int,
    scope: str = "",
) -> str:
    """Add one transformer layer reading `x`; return the name of its output (`output` if given).

    `scope` starts the names of the layer's weights in the graph (a branch's copy of a
    layer has the same keys as the layer itself).
    """

    def tensor(name: str) -> str:
        return graph.weight(scope + prefix + name, tensors[prefix + name])

    def linear(source: str, name: str) -> str:
        # PyTorch stores Linear weights (out, in); MatMul wants (in, out). The bias is added
        # by the op that follows.
        key = prefix + name + ".weight"
        return graph.node("MatMul", [source, graph.weight(scope + key, tensors[key].T)])

    parts = [f"{prefix}attention.self.{part}" for part in ("query", "key", "value")]
    qkv = graph.weight(
        scope + prefix + "qkv.weight",
        np.concatenate([tensors[p + ".weight"].T for p in parts], axis=1),
    )
    qkv_bias = graph.weight(
        scope + prefix + "qkv.bias", np.concatenate([tensors[p + ".bias"] for p in parts])
    )
    context = graph.contrib("Attention", [x, qkv, qkv_bias, "mask_index"], num_heads=heads)
    attended = graph.add_and_norm(
        graph.node("Add", [linear(context, "attention.output.dense"), x]),
        tensor("attention.output.dense.bias"),
        tensor("attention.output.LayerNorm.weight"),
        tensor("attention.output.LayerNorm.bias"),
    )
    up = linear(attended, "intermediate.dense")
    activated = graph.contrib("BiasGelu", [up, tensor("intermediate.dense.bias")])
    return graph.add_and_norm(
        graph.node("Add", [linear(activated, "output.dense"), attended]),
        tensor("output.dense.bias"),
        tensor("output.LayerNorm.weight"),
        tensor("output.LayerNorm.bias"),
        output,
    )


class _Graph:
    """Collects nodes and float32 initializers; each node's output is named after its order."""

    def __init__(self, onnx: ModuleType, eps: float, prefix: str = "") -> None:
        self._onnx = onnx
        self._prefix = prefix  # starts every name this graph makes (a branch joins another)
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._eps = self.weight(prefix + "layer_norm.eps", np.array(eps, dtype=np.float32))

    def weight(self, name: str, array: npt.NDArray[np.float32]) -> str:
        """Add a constant tensor and return its name."""
        contiguous = np.ascontiguousarray(array, dtype=np.float32)
        self.initializers.append(self._onnx.numpy_helper.from_array(contiguous, name))
        return name

    def node(self, op: str, inputs: list[str], output: str | None = None, **attrs: Any) -> str:
        """Add a standard ONNX op; return the name of its output."""
        return self._add("", op, inputs, [output or self._name(op)], attrs)

    def contrib(
        self, op: str, inputs: list[str], outputs: list[str] | None = None, **attrs: Any
    ) -> str:
        """Add an onnxruntime contrib op; return the name of its first output."""
        return self._add(CONTRIB, op, inputs, outputs or [self._name(op)], attrs)

    def _name(self, op: str) -> str:
        return f"{self._prefix}{op}.{len(self.nodes)}"

    def add_and_norm(
        self, x: str, bias: str, gain: str, shift: str, output: str | None = None
    ) -> str:
        """Add LayerNorm(x + bias) over the last axis as elementwise steps; return its output."""
        summed = self.node("Add", [x, bias])
        centred = self.node("Sub", [summed, self.node("ReduceMean", [summed], axes=[-1])])
        variance = self.node("ReduceMean", [self.node("Mul", [centred, centred])], axes=[-1])
        scale = self.node(
            "Reciprocal", [self.node("Sqrt", [self.node("Add", [variance, self._eps])])]
        )
        scaled = self.node("Mul", [self.node("Mul", [centred, scale]), gain])
        return self.node("Add", [scaled, shift], output)

    def _add(
        self, domain: str, op: str, inputs: list[str], outputs: list[str], attrs: dict[str, Any]
    ) -> str:
        self.nodes.append(self._onnx.helper.make_node(op, inputs, outputs, domain=domain, **attrs))
        return outputs[0]
