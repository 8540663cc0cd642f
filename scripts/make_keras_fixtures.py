#!/usr/bin/env python3
"""Golden fixtures for Keras model files, made by real Keras 3 (torch backend).

Each case builds a small model, trains it for one step (so the files also hold optimizer state, which
gatescope must ignore), then saves it the ways Keras users do:
  CASE.keras          model.save("m.keras")          (zip: metadata.json, config.json, model.weights.h5)
  CASE.weights.h5     model.save_weights(...)         (Keras 3 layout: layers/<name>/cell/vars/0..2)
  CASE.legacy.h5      model.save("m.h5")              (Keras 3's legacy HDF5 writer: model_weights/...)
  CASE.tf2.h5         the tf.keras 2 layout, written by hand with h5py because Keras 3 cannot write it:
                      model_weights/<layer>/<layer>/lstm_cell/kernel:0, layer_names/weight_names
                      attributes and a model_config attribute, as tf.keras 2.x's save_model does.
  CASE.dump.safetensors
                      the .weights.h5 datasets copied into safetensors under their Keras 3 names
                      (layers/lstm/cell/vars/0), as a user converting by hand would.
  CASE.paths.safetensors
                      every weight under its Keras 3 variable path (sequential/lstm/lstm_cell/kernel), as
                      safetensors.numpy.save_file({w.path: w.numpy() for w in model.weights}) writes it.
  unsupported_hard_sigmoid.keras
                      an LSTM with recurrent_activation="hard_sigmoid", which gatescope must refuse.
  unsupported_head_gelu.keras
                      a Dense head with activation="gelu", which gatescope must refuse (it applies linear,
                      softmax, sigmoid, tanh and relu after a head).
  unallocated.weights.h5
                      a dataset claiming 400 million floats with no storage (h5py without data), which
                      gatescope must refuse without allocating them.
  CASE.expected.safetensors
                      Keras's own outputs on a fixed input: every recurrent layer re-run by Keras with
                      return_sequences=True and return_state=True on that layer's input (l{k}.hidden,
                      l{k}_reverse.hidden for the backward half of a Bidirectional, l{k}.final_h,
                      l{k}.final_c), and the model's prediction (output: all steps when the last
                      recurrent layer returns sequences, else the last step only).

The head_* cases have a Dense head with its own activation (softmax, sigmoid, tanh, relu, or a linear Dense
followed by a Softmax or Activation layer): their `output` is model.predict, after the activation. Only their
files that carry the model configuration (.keras, .legacy.h5, .tf2.h5) and .expected are committed: bare
weights cannot say what the head applies.

Usage: KERAS_BACKEND=torch python3 scripts/make_keras_fixtures.py [OUTPUT_DIR [CASE ...]]
(default Tests/GateFormatsTests/Fixtures/keras; with CASE names, only those cases and no extra files).
Deterministic for a given Keras/torch version.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "Tests", "GateFormatsTests", "Fixtures", "keras")
T = 7  # steps of the fixed input


def cases():
    """(name, layers (a list for a Sequential model, or a function of the input tensor for a Functional
    one), input features or vocabulary size, uses tokens, metadata for the test); the layers
    are built only when a lambda is called, so that each model's layer names start afresh."""
    L = keras.layers
    return [
        ("lstm", lambda: [L.LSTM(5), L.Dense(2)], 3, False,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm"}),
        ("gru_reset_after", lambda: [L.GRU(4, return_sequences=True)], 3, False,
         {"kind": "gru", "layers": "1", "bidirectional": "false", "head": "", "prefix": "gru"}),
        ("gru_reset_before", lambda: [L.GRU(4, reset_after=False, return_sequences=True), L.Dense(3)], 3, False,
         {"kind": "gru", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "gru"}),
        ("simple_rnn_relu", lambda: [L.SimpleRNN(4, activation="relu", return_sequences=True)], 3, False,
         {"kind": "rnn_relu", "layers": "1", "bidirectional": "false", "head": "", "prefix": "simple_rnn"}),
        ("bilstm", lambda: [L.Bidirectional(L.LSTM(4, return_sequences=True)), L.Dense(2)], 3, False,
         {"kind": "lstm", "layers": "1", "bidirectional": "true", "head": "dense", "prefix": "bidirectional"}),
        ("lstm_stacked", lambda: [L.LSTM(5, return_sequences=True), L.Dropout(0.1), L.LSTM(4)], 3, False,
         {"kind": "lstm", "layers": "2", "bidirectional": "false", "head": "", "prefix": "lstm"}),
        ("functional_bigru", lambda: functional_bigru, 3, False,
         {"kind": "gru", "layers": "2", "bidirectional": "true", "head": "time_distributed", "prefix": "bidirectional"}),
        ("masking_lstm_nobias", lambda: [L.Masking(), L.LSTM(4, use_bias=False, return_sequences=True), L.Dense(2)], 3, False,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm"}),
        ("embedding_lstm", lambda: [L.Embedding(12, 6), L.LSTM(8, return_sequences=True), L.Dense(12)], 12, True,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm",
          "embedding": "embedding"}),
        ("head_softmax", lambda: [L.LSTM(5, return_sequences=True), L.Dense(4, activation="softmax")], 3, False,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm",
          "head_activation": "softmax"}),
        ("head_sigmoid", lambda: [L.GRU(4), L.Dense(3, activation="sigmoid")], 3, False,
         {"kind": "gru", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "gru",
          "head_activation": "sigmoid"}),
        ("head_tanh", lambda: [L.Bidirectional(L.SimpleRNN(3, return_sequences=True)),
                               L.TimeDistributed(L.Dense(2, activation="tanh"))], 3, False,
         {"kind": "rnn_tanh", "layers": "1", "bidirectional": "true", "head": "time_distributed",
          "prefix": "bidirectional", "head_activation": "tanh"}),
        ("head_relu", lambda: [L.LSTM(4, return_sequences=True), L.Dense(3, activation="relu")], 3, False,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm",
          "head_activation": "relu"}),
        ("head_softmax_layer", lambda: [L.Embedding(9, 4), L.LSTM(6, return_sequences=True), L.Dense(9), L.Softmax()],
         9, True,
         {"kind": "lstm", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "lstm",
          "embedding": "embedding", "head_activation": "softmax"}),
        ("head_activation_layer", lambda: [L.GRU(5, return_sequences=True), L.Dense(2), L.Activation("sigmoid")],
         3, False,
         {"kind": "gru", "layers": "1", "bidirectional": "false", "head": "dense", "prefix": "gru",
          "head_activation": "sigmoid"}),
    ]


def functional_bigru(inputs):
    """Two Bidirectional GRUs and a TimeDistributed Dense, in the Functional API, layers made in order."""
    L = keras.layers
    x = L.Bidirectional(L.GRU(3, return_sequences=True))(inputs)
    x = L.Bidirectional(L.GRU(3, return_sequences=True))(x)
    return L.TimeDistributed(L.Dense(2))(x)


def build(layers, features, tokens):
    shape = (T,) if tokens else (T, features)
    dtype = "int32" if tokens else "float32"
    if callable(layers):  # a Functional model: layers(input tensor) gives the output tensor
        inputs = keras.Input(shape, dtype=dtype)
        model = keras.Model(inputs, layers(inputs))
    else:
        model = keras.Sequential([keras.Input(shape, dtype=dtype)] + layers)
    # Random weights everywhere (biases included, which Keras starts at zero or one).
    rng = np.random.default_rng(7)
    model.set_weights([rng.uniform(-0.6, 0.6, w.shape).astype("float32") for w in model.get_weights()])
    return model


def train_one_step(model, features, tokens):
    rng = np.random.default_rng(3)
    x = rng.integers(0, features, (4, T)) if tokens else rng.standard_normal((4, T, features)).astype("float32")
    y = model.predict(x, verbose=0)
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y + 0.1, epochs=1, batch_size=4, verbose=0)


def recurrent_layers(model):
    return [layer for layer in model.layers
            if isinstance(layer, (keras.layers.LSTM, keras.layers.GRU, keras.layers.SimpleRNN,
                                  keras.layers.Bidirectional))]


def sequences_and_states(layer, layer_input):
    """Keras re-runs the layer with return_sequences=True and return_state=True."""
    config = layer.get_config()
    if isinstance(layer, keras.layers.Bidirectional):
        for key in ("layer", "backward_layer"):
            if key in config:
                config[key]["config"]["return_sequences"] = True
                config[key]["config"]["return_state"] = True
        twin = keras.layers.Bidirectional.from_config(config)
    else:
        config["return_sequences"] = True
        config["return_state"] = True
        twin = type(layer).from_config(config)
    twin.build(layer_input.shape)
    twin.set_weights(layer.get_weights())
    results = [keras.ops.convert_to_numpy(r) for r in twin(layer_input)]
    return results[0][0], [r[0] for r in results[1:]]


def expected_tensors(model, meta, features, tokens):
    rng = np.random.default_rng(11)
    x = rng.integers(0, features, (1, T)) if tokens else rng.standard_normal((1, T, features)).astype("float32")
    out = {}
    recurrent = recurrent_layers(model)
    probe = keras.Model(model.inputs, [layer.input for layer in recurrent])
    inputs = probe.predict(x, verbose=0)
    if not isinstance(inputs, list):
        inputs = [inputs]
    if tokens:
        out["tokens"] = x[0].astype("float32")
        out["input"] = inputs[0][0].astype("float32")  # the embedded tokens
    else:
        out["input"] = x[0]
    for k, (layer, layer_input) in enumerate(zip(recurrent, inputs)):
        sequence, states = sequences_and_states(layer, layer_input)
        if isinstance(layer, keras.layers.Bidirectional):
            u = sequence.shape[1] // 2
            out[f"l{k}.hidden"] = sequence[:, :u]
            out[f"l{k}_reverse.hidden"] = sequence[:, u:]
            half = len(states) // 2
            out[f"l{k}.final_h"], out[f"l{k}_reverse.final_h"] = states[0], states[half]
            if half == 2:
                out[f"l{k}.final_c"], out[f"l{k}_reverse.final_c"] = states[1], states[half + 1]
        else:
            out[f"l{k}.hidden"] = sequence
            out[f"l{k}.final_h"] = states[0]
            if len(states) == 2:
                out[f"l{k}.final_c"] = states[1]
    if meta["head"]:
        out["output"] = model.predict(x, verbose=0)[0]
        if out["output"].ndim == 1:
            out["output"] = out["output"][None, :]
    return {name: np.ascontiguousarray(value, dtype="float32") for name, value in out.items()}


def write_tf2_h5(model, path):
    """The tf.keras 2.x HDF5 layout (keras/saving/legacy/hdf5_format.py), written with h5py."""
    config = json.loads(json.dumps({"class_name": type(model).__name__, "config": model.get_config()}))

    def strip(value):  # Keras 2 configs carry no "module"/"registered_name" keys
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("module", "registered_name")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    model_name = model.name
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(strip(config)).encode("utf8")
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = np.array([layer.name.encode("utf8") for layer in model.layers])
        group.attrs["keras_version"] = "2.15.0"
        group.attrs["backend"] = "tensorflow"
        for layer in model.layers:
            layer_group = group.create_group(layer.name)
            names = []
            for weight in layer.weights:
                path_parts = weight.path.split("/")
                if path_parts[0] == model_name:
                    path_parts = path_parts[1:]
                name = "/".join(path_parts) + ":0"
                names.append(name.encode("utf8"))
                layer_group.create_dataset(name, data=keras.ops.convert_to_numpy(weight.value))
            layer_group.attrs["weight_names"] = np.array(names)


def dump_to_safetensors(weights_path, path):
    tensors = {}
    with h5py.File(weights_path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and name.startswith("layers/"):
                tensors[name] = np.ascontiguousarray(obj[()], dtype="float32")
        f.visititems(visit)
    save_file(tensors, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[2:])
    for name, make_layers, features, tokens, meta in cases():
        if only and name not in only:
            continue
        keras.backend.clear_session()  # layer names restart at lstm, dense, … as in a fresh session
        keras.utils.set_random_seed(1)
        model = build(make_layers(), features, tokens)
        train_one_step(model, features, tokens)
        base = os.path.join(OUT, name)
        model.save(base + ".keras")
        model.save_weights(base + ".weights.h5")
        model.save(base + ".legacy.h5")
        write_tf2_h5(model, base + ".tf2.h5")
        dump_to_safetensors(base + ".weights.h5", base + ".dump.safetensors")
        save_file({w.path: np.ascontiguousarray(keras.ops.convert_to_numpy(w.value), dtype="float32")
                   for w in model.weights}, base + ".paths.safetensors")
        tensors = expected_tensors(model, meta, features, tokens)
        metadata = dict(meta, keras_version=keras.__version__, backend=keras.backend.backend(), case=name)
        save_file(tensors, base + ".expected.safetensors", metadata=metadata)
        print(name, {k: list(v.shape) for k, v in tensors.items()})
    if only:
        return
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    model = build([keras.layers.LSTM(4), keras.layers.Dense(2, activation="gelu")], 3, False)
    model.save(os.path.join(OUT, "unsupported_head_gelu.keras"))
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    model = build([keras.layers.LSTM(4, recurrent_activation="hard_sigmoid")], 3, False)
    model.save(os.path.join(OUT, "unsupported_hard_sigmoid.keras"))
    with h5py.File(os.path.join(OUT, "unallocated.weights.h5"), "w") as f:
        f.create_dataset("layers/lstm/cell/vars/0", shape=(100000, 4000), dtype="float32")


if __name__ == "__main__":
    main()
