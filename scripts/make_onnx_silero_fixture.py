#!/usr/bin/env python3
"""Checks gatescope's reading of silero-vad's published ONNX models and writes a fixture from one.

silero-vad (pip package `silero-vad`; its wheel ships silero_vad/data/*.onnx) keeps its LSTM nodes inside
`If` branches, their weights made by Unsqueeze of initializers. onnxruntime cannot return a value computed
inside a branch, so this script rewrites a copy of the model: every LSTM node's X, Y, Y_h and Y_c become
outputs of its branch (with its initial_h and initial_c), of the `If` around it (the other branch returns an empty tensor in their place) and
finally of the main graph. It then runs onnxruntime on a chunk of audio with a random state (so that the
recurrent weights matter in silero's single step per call) and keeps, for
the branch actually taken, the LSTM's input and outputs.

Writes into Tests/GateFormatsTests/Fixtures/onnx/silero/: MODEL.onnx (the unmodified published file) and
MODEL.expected.safetensors with `x` [T, 1, X], `initial_h`, `initial_c` [1, 1, H] (computed at run time
from the state input, which gatescope takes as zero: the test sets them), `y` [T, 1, 1, H], `y_h`, `y_c` and the node's
gatescope path name in the metadata (`node`).

    pip install silero-vad onnx onnxruntime safetensors numpy   # or: pip download --no-deps silero-vad
    python3 scripts/make_onnx_silero_fixture.py [PATH/TO/silero_vad/data]
"""
import os
import shutil
import sys
import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, TensorProto
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateFormatsTests", "Fixtures",
                   "onnx", "silero")
MODELS = ["silero_vad_16k_op15.onnx", "silero_vad.onnx"]


def data_directory():
    if len(sys.argv) > 1:
        return sys.argv[1]
    import silero_vad
    return os.path.join(os.path.dirname(silero_vad.__file__), "data")


def label(node, index, path):
    own = node.name if node.name else f"{node.op_type}_{index}"
    return own if not path else path + "/" + own


def expose(graph, path, counter):
    """Adds every LSTM's X, Y, Y_h, Y_c (tagged with its path name) as outputs of `graph`; returns
    [(output name, tag)]."""
    exposed = []
    for index, node in enumerate(list(graph.node)):
        own = label(node, index, path)
        if node.op_type == "LSTM":
            while len(node.output) < 3:
                node.output.append("")
            for k, suffix in enumerate(["Y", "Y_h", "Y_c"]):
                if not node.output[k]:
                    node.output[k] = f"{own}__{suffix}"
            for name, tag in [(node.input[0], "x"), (node.input[5], "initial_h"), (node.input[6], "initial_c"),
                              (node.output[0], "y"), (node.output[1], "y_h"), (node.output[2], "y_c")]:
                exposed.append((name, (own, tag)))
        if node.op_type == "If":
            branches = {}
            for attribute in node.attribute:
                if attribute.type == onnx.AttributeProto.GRAPH:
                    branches[attribute.name] = (attribute.g, expose(attribute.g, own + "/" + attribute.name, counter))
            tags = []
            for _, (_, items) in branches.items():
                for _, tag in items:
                    if tag not in tags:
                        tags.append(tag)
            for tag in tags:
                for branch, items in branches.values():
                    found = [name for name, t in items if t == tag]
                    if found:
                        name = found[0]
                    else:
                        counter[0] += 1
                        name = f"__empty_{counter[0]}"
                        branch.node.append(helper.make_node("Constant", [], [name], value=helper.make_tensor(name + "_v", TensorProto.FLOAT, [0], [])))
                    branch.output.append(helper.make_empty_tensor_value_info(name))
                counter[0] += 1
                out = f"__if_{counter[0]}"
                node.output.append(out)
                exposed.append((out, tag))
    return exposed


def main():
    directory = data_directory()
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(5)
    for model_name in MODELS:
        source = os.path.join(directory, model_name)
        model = onnx.load(source)
        exposed = expose(model.graph, "", [0])
        existing = {o.name for o in model.graph.output}
        for name, _ in exposed:
            if name not in existing:
                model.graph.output.append(helper.make_empty_tensor_value_info(name))
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        feeds = {}
        for i in session.get_inputs():
            if i.name == "input":
                # A chunk of noisy tone: 512 samples at 16 kHz, one LSTM step (silero runs one step per call).
                t = np.arange(512) / 16000.0
                feeds[i.name] = (0.3 * np.sin(2 * np.pi * 440 * t) + 0.05 * rng.standard_normal(512)).astype(np.float32)[None, :]
            elif i.name == "sr":
                feeds[i.name] = np.array(16000, dtype=np.int64)
            else:
                # The recurrent state carried between calls: random, so that R matters in the one step.
                shape = [d if isinstance(d, int) else 1 for d in i.shape]
                feeds[i.name] = (0.5 * rng.standard_normal(shape)).astype(np.float32)
        names = [o.name for o in session.get_outputs()]
        results = dict(zip(names, session.run(None, feeds)))
        taken = {}
        for name, (node, tag) in exposed:
            value = results.get(name)
            if value is not None and value.size > 0:
                taken.setdefault(node, {})[tag] = value.astype(np.float32)
        assert len(taken) == 1, f"{model_name}: expected one LSTM on the path taken, got {list(taken)}"
        node, tensors = next(iter(taken.items()))
        print(f"{model_name}: node {node}; x {tensors['x'].shape}, y {tensors['y'].shape}")
        shutil.copyfile(source, os.path.join(OUT, model_name))
        base = os.path.splitext(model_name)[0]
        save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()},
                  os.path.join(OUT, base + ".expected.safetensors"), metadata={"node": node})


if __name__ == "__main__":
    main()
