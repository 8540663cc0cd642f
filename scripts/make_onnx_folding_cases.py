#!/usr/bin/env python3
"""Writes models that apply the shape operators gatescope's ONNX constant folder knows (Identity, Cast,
Reshape, Unsqueeze, Squeeze, Concat, Slice, Split, Transpose, Gather, Constant) to constants, with every
result a graph output, and what onnxruntime computes for them.

Two models: opset 11 (axes and split sizes as attributes, Slice with inputs) and opset 17 (axes and split
sizes as inputs). Into Tests/GateFormatsTests/Fixtures/onnx/folding/: foldingNN.onnx and
foldingNN.expected.safetensors (one float32 tensor per graph output, named like it).

    pip install onnx onnxruntime safetensors numpy
    python3 scripts/make_onnx_folding_cases.py
"""
import os
import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, numpy_helper, TensorProto
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateFormatsTests", "Fixtures",
                   "onnx", "folding")


def build(opset):
    rng = np.random.default_rng(opset)
    a = rng.standard_normal((2, 3, 4)).astype(np.float32)
    b = rng.standard_normal((2, 5, 4)).astype(np.float32)
    table = rng.standard_normal((6, 3)).astype(np.float32)
    inits = [numpy_helper.from_array(a, "a"), numpy_helper.from_array(b, "b"), numpy_helper.from_array(table, "table"),
             numpy_helper.from_array(np.array([3, 8], np.int64), "shape38"),
             numpy_helper.from_array(np.array([0, -1], np.int64), "shape0m1"),
             numpy_helper.from_array(np.array([2, 0, 5], np.int64), "idx"),
             numpy_helper.from_array(np.array([[1, -1], [0, 2]], np.int64), "idx2"),
             numpy_helper.from_array(np.array([1, 0], np.int64), "starts"),
             numpy_helper.from_array(np.array([9223372036854775807, 3], np.int64), "ends"),
             numpy_helper.from_array(np.array([1, 2], np.int64), "axes"),
             numpy_helper.from_array(np.array([1, 2], np.int64), "steps"),
             numpy_helper.from_array(np.array([-1], np.int64), "rstart"),
             numpy_helper.from_array(np.array([-9223372036854775807], np.int64), "rend"),
             numpy_helper.from_array(np.array([2], np.int64), "raxis"),
             numpy_helper.from_array(np.array([-2], np.int64), "rstep"),
             numpy_helper.from_array(np.array([0, 2], np.int64), "uaxes"),
             numpy_helper.from_array(np.array([0], np.int64), "saxes"),
             numpy_helper.from_array(np.array([1, 3, 1], np.int64), "splits")]
    nodes = [
        helper.make_node("Identity", ["a"], ["identity"]),
        helper.make_node("Cast", ["a"], ["cast_int"], to=TensorProto.INT32),
        helper.make_node("Cast", ["cast_int"], ["cast_back"], to=TensorProto.FLOAT),
        helper.make_node("Reshape", ["a", "shape38"], ["reshape"]),
        helper.make_node("Reshape", ["a", "shape0m1"], ["reshape_copy"]),
        helper.make_node("Transpose", ["a"], ["transpose_default"]),
        helper.make_node("Transpose", ["a"], ["transpose"], perm=[1, 2, 0]),
        helper.make_node("Concat", ["a", "b"], ["concat"], axis=1),
        helper.make_node("Concat", ["a", "a"], ["concat_neg"], axis=-1),
        helper.make_node("Gather", ["table", "idx"], ["gather"], axis=0),
        helper.make_node("Gather", ["table", "idx2"], ["gather2"], axis=1),
        helper.make_node("Slice", ["a", "starts", "ends", "axes", "steps"], ["slice"]),
        helper.make_node("Slice", ["a", "rstart", "rend", "raxis", "rstep"], ["slice_reverse"]),
        helper.make_node("Constant", [], ["const"], value=numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3))),
        helper.make_node("Transpose", ["const"], ["const_t"]),
    ]
    if opset < 13:
        nodes += [
            helper.make_node("Unsqueeze", ["table"], ["unsqueeze"], axes=[0, 2]),
            helper.make_node("Squeeze", ["unsqueeze"], ["squeeze"], axes=[0]),
            helper.make_node("Split", ["b"], ["split0", "split1", "split2"], axis=1, split=[1, 3, 1]),
            helper.make_node("Split", ["a"], ["half0", "half1"], axis=2),
        ]
    else:
        nodes += [
            helper.make_node("Unsqueeze", ["table", "uaxes"], ["unsqueeze"]),
            helper.make_node("Squeeze", ["unsqueeze", "saxes"], ["squeeze"]),
            helper.make_node("Squeeze", ["unsqueeze"], ["squeeze_all"]),
            helper.make_node("Split", ["b", "splits"], ["split0", "split1", "split2"], axis=1),
            helper.make_node("Split", ["a"], ["half0", "half1"], axis=2),
        ]
    outputs = [o for n in nodes for o in n.output if o not in ("cast_int",)]
    graph = helper.make_graph(nodes, f"folding{opset}", [], [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outputs],
                              initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 7
    model = onnx.shape_inference.infer_shapes(model)
    return model, outputs


def main():
    os.makedirs(OUT, exist_ok=True)
    for opset in (11, 17):
        model, outputs = build(opset)
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        values = session.run(outputs, {})
        name = f"folding{opset}"
        onnx.save(model, os.path.join(OUT, name + ".onnx"))
        save_file({o: np.ascontiguousarray(v.astype(np.float32)) for o, v in zip(outputs, values)},
                  os.path.join(OUT, name + ".expected.safetensors"))
        print(name, len(outputs), "outputs")


if __name__ == "__main__":
    main()
