#!/usr/bin/env python3
"""Writes the ONNX import fixtures into Tests/GateFormatsTests/Fixtures/onnx/.

For each model: NAME.onnx, NAME.input.npy (T, X float32) and NAME.expected.safetensors holding what
onnxruntime computes on that input: `l{k}.hidden` [T, H] and `l{k}_reverse.hidden` for bidirectional
layers (aligned to input positions, as gatescope's traces are) and `l{k}.cell` for LSTMs, read from the
intermediate Y / Y_c outputs of every recurrent node. ONNXImportTests compares gatescope's run with these
(tolerance 1e-5).

Models: torch nn.LSTM (1 layer; 2 layers; bidirectional) and nn.GRU exported with torch.onnx.export,
plus hand-built onnx.helper graphs for what torch never emits: peepholes, clip, input_forget, a GRU with
linear_before_reset=0, an RNN with Relu, and a two-node stack picked by --prefix; and two heads followed by
a function (onnx_head_softmax_gemm, onnx_head_logsoftmax: see head_function_fixtures).

    pip install onnx onnxruntime   # torch too
    python3 scripts/make_onnx_fixtures.py [--head-functions]   (that flag: only the two head cases)
"""
import os
import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, TensorProto, numpy_helper
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "GateFormatsTests", "Fixtures", "onnx")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(7)


def expose_states(model):
    """Adds every recurrent node's Y (and Y_c) as graph outputs so onnxruntime returns them."""
    graph = model.graph
    names = []
    for node in graph.node:
        if node.op_type in ("LSTM", "GRU", "RNN"):
            y = node.output[0] if len(node.output) > 0 and node.output[0] else None
            if y is None:
                y = node.name + "_Y"
                while len(node.output) < 1:
                    node.output.append("")
                node.output[0] = y
            yc = None
            if node.op_type == "LSTM":
                while len(node.output) < 3:
                    node.output.append("")
                if not node.output[2]:
                    node.output[2] = node.name + "_Yc_all"
            names.append((node, y))
    existing = {o.name for o in graph.output}
    for node, y in names:
        if y not in existing:
            graph.output.append(onnx.ValueInfoProto(name=y))
    return [(n, y) for n, y in names]


def run_expected(name, model, x):
    """Runs onnxruntime and saves inputs and per-layer hidden states."""
    model = onnx.shape_inference.infer_shapes(model)
    pairs = expose_states(model)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    feed_name = session.get_inputs()[0].name
    outputs = [y for _, y in pairs]
    results = session.run(outputs, {feed_name: x[:, None, :].astype(np.float32)})
    tensors = {}
    for k, ((node, _), y) in enumerate(zip(pairs, results)):
        # Y: [T, D, B, H]
        tensors[f"l{k}.hidden"] = np.ascontiguousarray(y[:, 0, 0, :])
        if y.shape[1] == 2:
            tensors[f"l{k}_reverse.hidden"] = np.ascontiguousarray(y[:, 1, 0, :])
    save_file(tensors, os.path.join(OUT, f"{name}.expected.safetensors"))
    np.save(os.path.join(OUT, f"{name}.input.npy"), x.astype(np.float32))


def strip_external(model, path):
    onnx.save(model, path, save_as_external_data=False)


def torch_fixtures():
    import torch
    torch.manual_seed(3)
    cases = {
        "onnx_torch_lstm": torch.nn.LSTM(3, 5),
        "onnx_torch_lstm2": torch.nn.LSTM(3, 4, num_layers=2),
        "onnx_torch_bilstm": torch.nn.LSTM(2, 4, bidirectional=True),
        "onnx_torch_gru": torch.nn.GRU(3, 4, num_layers=2),
    }
    for name, module in cases.items():
        module.eval()
        x = rng.standard_normal((9, module.input_size)).astype(np.float32)
        path = os.path.join(OUT, f"{name}.onnx")

        class Wrapper(torch.nn.Module):
            def __init__(self, rnn):
                super().__init__()
                self.rnn = rnn

            def forward(self, x):
                return self.rnn(x)[0]

        torch.onnx.export(Wrapper(module), torch.from_numpy(x[:, None, :]), path, input_names=["x"],
                          output_names=["y"], opset_version=14, do_constant_folding=True, dynamo=False)
        model = onnx.load(path)
        strip_external(model, path)
        run_expected(name, onnx.load(path), x)
        # torch's own numbers, as a cross-check of onnxruntime
        with torch.no_grad():
            y = module(torch.from_numpy(x))[0].numpy()
        h = module.hidden_size
        from safetensors.numpy import load_file
        exp = load_file(os.path.join(OUT, f"{name}.expected.safetensors"))
        top = module.num_layers - 1
        assert np.abs(exp[f"l{top}.hidden"] - y[:, :h]).max() < 1e-5, name
        if module.bidirectional:
            assert np.abs(exp[f"l{top}_reverse.hidden"] - y[:, h:]).max() < 1e-5, name


def lstm_node(name, x_name, y_name, x_size, h, direction="forward", peepholes=False, clip=None,
              input_forget=False, prefix=""):
    d = 2 if direction == "bidirectional" else 1
    s = 0.6
    inits = [
        numpy_helper.from_array(rng.uniform(-s, s, (d, 4 * h, x_size)).astype(np.float32), prefix + "W"),
        numpy_helper.from_array(rng.uniform(-s, s, (d, 4 * h, h)).astype(np.float32), prefix + "R"),
        numpy_helper.from_array(rng.uniform(-s, s, (d, 8 * h)).astype(np.float32), prefix + "B"),
    ]
    inputs = [x_name, prefix + "W", prefix + "R", prefix + "B", "", "", ""]
    if peepholes:
        inits.append(numpy_helper.from_array(rng.uniform(-s, s, (d, 3 * h)).astype(np.float32), prefix + "P"))
        inputs.append(prefix + "P")
    attrs = {"hidden_size": h, "direction": direction}
    if clip is not None:
        attrs["clip"] = clip
    if input_forget:
        attrs["input_forget"] = 1
    node = helper.make_node("LSTM", inputs, [y_name], name=name, **attrs)
    return node, inits


def save_graph(name, nodes, inits, x_size, t, out_name, opset=14):
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [t, 1, x_size])],
                              [helper.make_tensor_value_info(out_name, TensorProto.FLOAT, None)], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="gatescope-fixtures")
    model.ir_version = 8
    onnx.save(model, os.path.join(OUT, f"{name}.onnx"))
    x = rng.standard_normal((t, x_size)).astype(np.float32) * 1.5
    run_expected(name, model, x)


def handmade_fixtures():
    t = 11
    node, inits = lstm_node("lstm_peep", "X", "Y", 3, 4, peepholes=True)
    save_graph("onnx_lstm_peepholes", [node], inits, 3, t, "Y")
    node, inits = lstm_node("lstm_clip", "X", "Y", 3, 4, peepholes=True, clip=0.7)
    save_graph("onnx_lstm_clip", [node], inits, 3, t, "Y")
    node, inits = lstm_node("lstm_coupled", "X", "Y", 3, 4, input_forget=True)
    save_graph("onnx_lstm_input_forget", [node], inits, 3, t, "Y")
    node, inits = lstm_node("lstm_bi_peep", "X", "Y", 2, 3, direction="bidirectional", peepholes=True, clip=2.0)
    save_graph("onnx_bilstm_peepholes_clip", [node], inits, 2, t, "Y")

    # GRU with linear_before_reset = 0 (the 2014 paper's form) and an RNN with Relu.
    h, x_size = 4, 3
    gru_inits = [
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, 3 * h, x_size)).astype(np.float32), "W"),
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, 3 * h, h)).astype(np.float32), "R"),
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, 6 * h)).astype(np.float32), "B"),
    ]
    gru = helper.make_node("GRU", ["X", "W", "R", "B"], ["Y"], name="gru_lbr0", hidden_size=h, linear_before_reset=0)
    save_graph("onnx_gru_reset_before", [gru], gru_inits, x_size, t, "Y")
    rnn_inits = [
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, h, x_size)).astype(np.float32), "W"),
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, h, h)).astype(np.float32), "R"),
        numpy_helper.from_array(rng.uniform(-0.6, 0.6, (1, 2 * h)).astype(np.float32), "B"),
    ]
    rnn = helper.make_node("RNN", ["X", "W", "R", "B"], ["Y"], name="rnn_relu", hidden_size=h, activations=["Relu"])
    save_graph("onnx_rnn_relu", [rnn], rnn_inits, x_size, t, "Y")

    # An LSTM with unsupported activations (import must refuse it).
    node, inits = lstm_node("lstm_odd", "X", "Y", 3, 4)
    node.attribute.append(helper.make_attribute("activations", ["Sigmoid", "Tanh", "Relu"]))
    graph = helper.make_graph([node], "odd", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [t, 1, 3])],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    onnx.save(model, os.path.join(OUT, "onnx_lstm_relu_activation.onnx"))

    # Two LSTM nodes that do not chain (an encoder 3→4 and an unrelated 5→2): ambiguous without --prefix.
    a, inits_a = lstm_node("encoder", "X", "Y", 3, 4, prefix="enc_")
    b, inits_b = lstm_node("decoder", "X2", "Y2", 5, 2, prefix="dec_")
    graph = helper.make_graph([a, b], "two", [helper.make_tensor_value_info("X", TensorProto.FLOAT, [t, 1, 3]),
                                              helper.make_tensor_value_info("X2", TensorProto.FLOAT, [t, 1, 5])],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None),
                               helper.make_tensor_value_info("Y2", TensorProto.FLOAT, None)], initializer=inits_a + inits_b)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    onnx.save(model, os.path.join(OUT, "onnx_two_modules.onnx"))


def head_function_fixtures():
    """An LSTM → Squeeze → Gemm head followed by a function, opset 11: Softmax with its default axis 1 (the
    last of the Gemm's 2-D output: applied) and LogSoftmax (not applied: a note). NAME.expected.safetensors
    holds `x` [T, X], onnxruntime's `logits` (the Gemm's output) and `output` (after the function)."""
    local = np.random.default_rng(21)
    t, x_size, h, o = 9, 3, 4, 3
    for name, function in (("onnx_head_softmax_gemm", "Softmax"), ("onnx_head_logsoftmax", "LogSoftmax")):
        s = 0.6
        inits = [
            numpy_helper.from_array(local.uniform(-s, s, (1, 4 * h, x_size)).astype(np.float32), "W"),
            numpy_helper.from_array(local.uniform(-s, s, (1, 4 * h, h)).astype(np.float32), "R"),
            numpy_helper.from_array(local.uniform(-s, s, (1, 8 * h)).astype(np.float32), "B"),
            numpy_helper.from_array(local.uniform(-1, 1, (o, h)).astype(np.float32), "head_W"),
            numpy_helper.from_array(local.uniform(-1, 1, (o,)).astype(np.float32), "head_b"),
        ]
        nodes = [
            helper.make_node("LSTM", ["X", "W", "R", "B"], ["Y"], name="lstm", hidden_size=h),
            helper.make_node("Squeeze", ["Y"], ["Y2"], name="squeeze", axes=[1, 2]),
            helper.make_node("Gemm", ["Y2", "head_W", "head_b"], ["logits"], name="head", transB=1),
            helper.make_node(function, ["logits"], ["output"], name="after_head"),
        ]
        graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, [t, 1, x_size])],
                                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [t, o]),
                                   helper.make_tensor_value_info("output", TensorProto.FLOAT, [t, o])], initializer=inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)], producer_name="gatescope-fixtures")
        model.ir_version = 6
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(OUT, f"{name}.onnx"))
        x = local.standard_normal((t, x_size)).astype(np.float32)
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        logits, output = session.run(["logits", "output"], {"X": x[:, None, :]})
        save_file({"x": x, "logits": np.ascontiguousarray(logits), "output": np.ascontiguousarray(output)},
                  os.path.join(OUT, f"{name}.expected.safetensors"))


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--head-functions"]:
        head_function_fixtures()
    else:
        torch_fixtures()
        handmade_fixtures()
        head_function_fixtures()
    print("wrote", sorted(os.listdir(OUT)))
