#!/usr/bin/env python3
"""Writes ONNX's own LSTM, GRU and RNN operator test cases as gatescope fixtures.

The onnx wheel ships the generators (onnx/backend/test/case/node/{lstm,gru,rnn}.py): each `export_*`
method builds a node and calls `expect(node, inputs, outputs, name)` with outputs computed by ONNX's numpy
reference (LSTMHelper, GRUHelper, RNNHelper). This script runs every one of them with `expect` captured and
writes, into Tests/GateFormatsTests/Fixtures/onnx/operator_cases/:

- NAME.onnx: a model with X as the only graph input and every other input of the node (W, R, B,
  sequence_lens, initial_h, initial_c, P) as an initializer, the node's attributes untouched (layout=1
  and direction=reverse included);
- NAME.expected.safetensors: `x` [T, batch, X] (layout 0 even for layout=1 cases), and every output the
  case gives, converted to layout 0: `y` [T, D, batch, H], `y_h` [D, batch, H], `y_c` [D, batch, H];
  and `sequence_lens` [batch] when the node has one.

The same 18 cases are also written in ONNX's own test-data layout (what `onnx/backend/test/data/node/`
holds in the ONNX repository), into operator_cases/onnx_layout/NAME/: model.onnx with every input of the
node a graph input, test_data_set_0/input_J.pb (graph input J) and output_J.pb (TensorProto files).

Cases of our own follow, in the same form, for what ONNX's cases leave out: constant non-zero initial_h /
initial_c, and a constant sequence_lens; their expected values come from the same ONNX numpy helpers and
are checked against onnxruntime here before being written.

    pip install onnx onnxruntime safetensors numpy
    python3 scripts/make_onnx_operator_cases.py
"""
import os
import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, numpy_helper, TensorProto
from safetensors.numpy import save_file
from onnx.backend.test.case.base import Base
import onnx.backend.test.case.node.lstm as lstm_cases
import onnx.backend.test.case.node.gru as gru_cases
import onnx.backend.test.case.node.rnn as rnn_cases

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateFormatsTests", "Fixtures",
                   "onnx", "operator_cases")
os.makedirs(OUT, exist_ok=True)
INPUT_NAMES = ["X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"]
captured = []


def capture(node, inputs, outputs, name, **kwargs):
    captured.append((node, inputs, outputs, name))


def write_case(node, inputs, outputs, name, check_with_ort=False):
    layout = next((a.i for a in node.attribute if a.name == "layout"), 0)
    x = inputs[0]
    initializers = []
    for index, value in enumerate(inputs[1:], start=1):
        input_name = node.input[index] if index < len(node.input) else ""
        if not input_name or value is None:
            continue
        initializers.append(numpy_helper.from_array(np.asarray(value), name=input_name))
    graph_outputs = [o for o in node.output if o]
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info(node.input[0], TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, list(np.shape(v))) for o, v in zip(graph_outputs, outputs)],
        initializer=initializers)
    model = helper.make_model(graph, producer_name="onnx-operator-case",
                              opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    if check_with_ort and layout == 0:  # onnxruntime refuses layout=1; the ONNX helper alone decides there
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        got = session.run(None, {node.input[0]: x})
        for g, want in zip(got, outputs):
            assert np.max(np.abs(g - want)) < 1e-5, (name, np.max(np.abs(g - want)))
    onnx.save(model, os.path.join(OUT, name + ".onnx"))
    tensors = {}
    # Layout 1 puts batch first: X [batch, T, X], Y [batch, T, D, H], Y_h/Y_c [batch, D, H].
    tensors["x"] = np.ascontiguousarray(x.transpose(1, 0, 2) if layout == 1 else x, dtype=np.float32)
    names = [o for o in node.output]
    keys = ["y", "y_h", "y_c"]
    values = iter(outputs)
    for position, output_name in enumerate(names):
        if not output_name:
            continue
        value = np.asarray(next(values), dtype=np.float32)
        if layout == 1:
            value = value.transpose(1, 2, 0, 3) if position == 0 else value.transpose(1, 0, 2)
        tensors[keys[position]] = np.ascontiguousarray(value)
    if len(node.input) > 4 and node.input[4] and inputs[4] is not None:
        tensors["sequence_lens"] = np.ascontiguousarray(np.asarray(inputs[4], dtype=np.int32))
    save_file(tensors, os.path.join(OUT, name + ".expected.safetensors"),
              metadata={"layout": str(layout), "source": "onnx.backend.test.case.node"})


def onnx_cases():
    for module in (lstm_cases, gru_cases, rnn_cases):
        module.expect = capture
        for class_name in dir(module):
            cls = getattr(module, class_name)
            if isinstance(cls, type) and issubclass(cls, Base) and cls is not Base:
                for attr in sorted(dir(cls)):
                    if attr.startswith("export"):
                        np.random.seed(0)
                        getattr(cls, attr)()
    return list(captured)


def own_cases():
    """Constant non-zero initial states and a constant sequence_lens, from ONNX's numpy helpers."""
    rng = np.random.default_rng(3)
    cases = []
    T, X, H = 4, 3, 5
    batch = 1  # gatescope runs one sequence: a constant initial state has one batch entry
    x = rng.standard_normal((T, batch, X)).astype(np.float32)
    for op, gates, helper_cls in (("LSTM", 4, lstm_cases.LSTMHelper), ("GRU", 3, gru_cases.GRUHelper),
                                  ("RNN", 1, rnn_cases.RNNHelper)):
        for direction, D in (("forward", 1), ("reverse", 1), ("bidirectional", 2)):
            W = (0.4 * rng.standard_normal((D, gates * H, X))).astype(np.float32)
            R = (0.4 * rng.standard_normal((D, gates * H, H))).astype(np.float32)
            B = (0.2 * rng.standard_normal((D, 2 * gates * H))).astype(np.float32)
            init_h = (0.5 * rng.standard_normal((D, batch, H))).astype(np.float32)
            params = dict(X=x, W=W, R=R, B=B, initial_h=init_h)
            inputs = ["X", "W", "R", "B", "", "initial_h"]
            values = [x, W, R, B, None, init_h]
            if op == "LSTM":
                init_c = (0.5 * rng.standard_normal((D, batch, H))).astype(np.float32)
                params["initial_c"] = init_c
                inputs.append("initial_c")
                values.append(init_c)
            if direction != "bidirectional":
                params["direction"] = direction
                # The helpers compute one direction; bidirectional is checked by onnxruntime alone.
                ref = helper_cls(**params)
                outs = ref.step()
            node = helper.make_node(op, inputs=inputs, outputs=["Y", "Y_h"], hidden_size=H, direction=direction)
            graph = helper.make_graph(
                [node], "g", [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(x.shape))],
                [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [T, D, batch, H]),
                 helper.make_tensor_value_info("Y_h", TensorProto.FLOAT, [D, batch, H])],
                initializer=[numpy_helper.from_array(v, name=n) for n, v in zip(inputs[1:], values[1:]) if n])
            model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
            model.ir_version = 7
            session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
            y, y_h = session.run(None, {"X": x})
            if direction != "bidirectional":
                assert np.max(np.abs(y - outs[0])) < 1e-5 and np.max(np.abs(y_h - outs[1])) < 1e-5, (op, direction)
            cases.append((node, values, [y, y_h], f"own_{op.lower()}_{direction}_initial_state"))
    # A constant sequence_lens shorter than the input for one batch entry: onnxruntime's outputs.
    batch = 2
    x = rng.standard_normal((T, batch, X)).astype(np.float32)
    W = (0.4 * rng.standard_normal((1, 4 * H, X))).astype(np.float32)
    R = (0.4 * rng.standard_normal((1, 4 * H, H))).astype(np.float32)
    lens = np.array([T, 2], dtype=np.int32)
    node = helper.make_node("LSTM", inputs=["X", "W", "R", "", "sequence_lens"], outputs=["Y", "Y_h"], hidden_size=H)
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [T, 1, batch, H]),
         helper.make_tensor_value_info("Y_h", TensorProto.FLOAT, [1, batch, H])],
        initializer=[numpy_helper.from_array(W, "W"), numpy_helper.from_array(R, "R"), numpy_helper.from_array(lens, "sequence_lens")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    y, y_h = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"X": x})
    cases.append((node, [x, W, R, np.zeros((1, 8 * H), np.float32), lens], [y, y_h], "own_lstm_sequence_lens"))
    return cases


def loop_case():
    """A GRU inside a Loop body (one iteration), its W an Unsqueeze of a 2-D outer initializer and its
    R an outer initializer: the case for subgraph walking and outer-scope constants. onnxruntime's Y_h."""
    rng = np.random.default_rng(8)
    T, X, H = 5, 3, 4
    x = rng.standard_normal((T, 1, X)).astype(np.float32)
    W2 = (0.5 * rng.standard_normal((3 * H, X))).astype(np.float32)
    R = (0.5 * rng.standard_normal((1, 3 * H, H))).astype(np.float32)
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]),
         helper.make_node("Unsqueeze", ["W2", "zero_axis"], ["W"]),
         helper.make_node("GRU", ["X", "W", "R"], ["", "Y_h"], hidden_size=H, linear_before_reset=1, name="inner_gru")],
        "body",
        [helper.make_tensor_value_info("iteration", TensorProto.INT64, []),
         helper.make_tensor_value_info("cond_in", TensorProto.BOOL, [])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("Y_h", TensorProto.FLOAT, [1, 1, H])])
    loop = helper.make_node("Loop", ["trips", "cond"], ["Y_h_all"], body=body)
    graph = helper.make_graph(
        [loop], "loop_gru", [helper.make_tensor_value_info("X", TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info("Y_h_all", TensorProto.FLOAT, [1, 1, 1, H])],
        initializer=[numpy_helper.from_array(W2, "W2"), numpy_helper.from_array(R, "R"),
                     numpy_helper.from_array(np.array([0], np.int64), "zero_axis"),
                     numpy_helper.from_array(np.array(1, np.int64), "trips"), numpy_helper.from_array(np.array(True), "cond")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    (y_h_all,) = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"X": x})
    onnx.save(model, os.path.join(OUT, "own_gru_in_loop.onnx"))
    save_file({"x": x, "y_h": np.ascontiguousarray(y_h_all[0])}, os.path.join(OUT, "own_gru_in_loop.expected.safetensors"),
              metadata={"layout": "0", "source": "onnxruntime"})


def write_onnx_layout():
    """ONNX's test-data layout for the LSTM, GRU and RNN node cases, as onnx's generate-data writes it."""
    from onnx.backend.test.case.node import collect_testcases
    np.random.seed(0)
    written = set()
    for op in ("LSTM", "GRU", "RNN"):
        for case in collect_testcases(op):
            if case.name in written or not any(case.name.startswith(p) for p in ("test_lstm", "test_gru", "test_rnn", "test_simple_rnn")):
                continue
            written.add(case.name)
            directory = os.path.join(OUT, "onnx_layout", case.name, "test_data_set_0")
            os.makedirs(directory, exist_ok=True)
            with open(os.path.join(OUT, "onnx_layout", case.name, "model.onnx"), "wb") as f:
                f.write(case.model.SerializeToString())
            inputs, outputs = case.data_sets[0]
            for j, value in enumerate(inputs):
                tensor = numpy_helper.from_array(np.asarray(value), case.model.graph.input[j].name)
                with open(os.path.join(directory, f"input_{j}.pb"), "wb") as f:
                    f.write(tensor.SerializeToString())
            for j, value in enumerate(outputs):
                tensor = numpy_helper.from_array(np.asarray(value), case.model.graph.output[j].name)
                with open(os.path.join(directory, f"output_{j}.pb"), "wb") as f:
                    f.write(tensor.SerializeToString())
    return len(written)


def main():
    count = write_onnx_layout()
    print(f"wrote {count} cases in ONNX's test-data layout")
    count = 0
    for node, inputs, outputs, name in onnx_cases():
        write_case(node, inputs, outputs, name, check_with_ort=True)
        count += 1
    for node, inputs, outputs, name in own_cases():
        write_case(node, inputs, outputs, name)
        count += 1
    loop_case()
    count += 1
    print(f"wrote {count} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
