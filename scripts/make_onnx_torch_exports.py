#!/usr/bin/env python3
"""Exports small PyTorch recurrent models with torch.onnx.export, both the default exporter
(torch 2.x, dynamo=True: weights in an external NAME.onnx.data file, R built by Concat of slices) and the
legacy one (dynamo=False), as a user would, and writes what they compute.

Models: a character LSTM (nn.Embedding → 2-layer nn.LSTM → nn.Linear), a bidirectional GRU classifier on
tokens (nn.Embedding → nn.GRU(bidirectional) → nn.Linear), a 2-layer bidirectional tanh nn.RNN on float
features with a nn.Linear head, a 2-layer bidirectional LSTM on tokens, a relu nn.RNN on tokens and a
bias=False nn.RNN. batch_first=True, as most user code has it. (The dynamo exporter unrolls nn.RNN into
one MatMul per step: no RNN node.)

Into Tests/GateFormatsTests/Fixtures/onnx/torch_export/: NAME_dynamo.onnx (+ .onnx.data when the exporter
writes one), NAME_legacy.onnx, and NAME.expected.safetensors: `tokens` [T] (token models) or `x` [T, X],
`output` [T, O] (the head's output at every step, from torch; onnxruntime's agrees to 1e-5 on both files,
checked here) and `hidden` [T, D·H] (the top layer's output).

    pip install torch onnx onnxruntime onnxscript safetensors numpy
    python3 scripts/make_onnx_torch_exports.py [--head-activations]

Four models end in a function after the head (lstm_softmax_features: softmax over the outputs;
bigru_sigmoid_features, rnn_sigmoid_features: sigmoid; rnn_logsoftmax_features: log-softmax, which
gatescope does not apply); their `output` is after it. --head-activations makes only those four.
"""
import os
import sys
import warnings
import numpy as np
import onnxruntime as ort
import torch
from torch import nn
from safetensors.numpy import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateFormatsTests", "Fixtures",
                   "onnx", "torch_export")
warnings.filterwarnings("ignore")


class TokenModel(nn.Module):
    """Embedding → recurrent layer(s) → Linear at every step."""

    def __init__(self, cell, vocab, embed, hidden, layers, bidirectional, out, **options):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.rnn = cell(embed, hidden, num_layers=layers, bidirectional=bidirectional, batch_first=True, **options)
        self.fc = nn.Linear(hidden * (2 if bidirectional else 1), out)

    def forward(self, tokens):
        y, _ = self.rnn(self.embed(tokens))
        return self.fc(y), y


class FeatureModel(nn.Module):
    """Recurrent layer(s) on float features → Linear at every step (→ an activation, when given)."""

    def __init__(self, cell, features, hidden, layers, bidirectional, out, activation=None, **options):
        super().__init__()
        self.rnn = cell(features, hidden, num_layers=layers, bidirectional=bidirectional, batch_first=True, **options)
        self.fc = nn.Linear(hidden * (2 if bidirectional else 1), out)
        self.activation = activation

    def forward(self, x):
        y, _ = self.rnn(x)
        out = self.fc(y)
        return (self.activation(out) if self.activation is not None else out), y


def export(name, model, example, feed_name):
    os.makedirs(OUT, exist_ok=True)
    with torch.no_grad():
        output, hidden = model(example)
    tensors = {"output": output[0].numpy().astype(np.float32), "hidden": hidden[0].numpy().astype(np.float32)}
    if example.dtype == torch.long:
        tensors["tokens"] = example[0].numpy().astype(np.float32)
    else:
        tensors["x"] = example[0].numpy().astype(np.float32)
    for flavour, dynamo in (("dynamo", True), ("legacy", False)):
        path = os.path.join(OUT, f"{name}_{flavour}.onnx")
        for stale in (path, path + ".data"):
            if os.path.exists(stale):
                os.remove(stale)
        kwargs = {"dynamo": dynamo, "input_names": [feed_name], "output_names": ["output", "hidden"]}
        if not dynamo:
            kwargs["opset_version"] = 14
        torch.onnx.export(model, (example,), path, **kwargs)
        session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        got = session.run(None, {session.get_inputs()[0].name: example.numpy()})
        assert np.max(np.abs(got[0][0] - tensors["output"])) < 1e-5, (name, flavour)
        if os.path.exists(path + ".data") and os.path.getsize(path + ".data") == 0:
            os.remove(path + ".data")  # the exporter leaves an empty data file when every weight is inline
        files = sorted(f for f in os.listdir(OUT) if f.startswith(f"{name}_{flavour}.onnx"))
        print(f"{name} {flavour}: {', '.join(files)}")
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, os.path.join(OUT, f"{name}.expected.safetensors"))


def head_activation_exports():
    """Heads followed by a function in the graph: softmax over the outputs, sigmoid."""
    torch.manual_seed(5)
    model = FeatureModel(nn.LSTM, features=3, hidden=5, layers=1, bidirectional=False, out=4,
                         activation=nn.Softmax(dim=-1)).eval()
    export("lstm_softmax_features", model, torch.randn(1, 7, 3), "x")
    model = FeatureModel(nn.GRU, features=2, hidden=4, layers=1, bidirectional=True, out=3,
                         activation=nn.Sigmoid()).eval()
    export("bigru_sigmoid_features", model, torch.randn(1, 6, 2), "x")
    # nn.RNN: the dynamo exporter unrolls it, so these reach the head through the rebuilt layers.
    model = FeatureModel(nn.RNN, features=2, hidden=3, layers=1, bidirectional=False, out=2,
                         activation=nn.Sigmoid()).eval()
    export("rnn_sigmoid_features", model, torch.randn(1, 5, 2), "x")
    model = FeatureModel(nn.RNN, features=2, hidden=3, layers=1, bidirectional=False, out=3,
                         activation=nn.LogSoftmax(dim=-1)).eval()
    export("rnn_logsoftmax_features", model, torch.randn(1, 5, 2), "x")


def main():
    if sys.argv[1:] == ["--head-activations"]:
        head_activation_exports()
        return
    torch.manual_seed(11)
    tokens = torch.randint(0, 12, (1, 9))
    model = TokenModel(nn.LSTM, vocab=12, embed=6, hidden=8, layers=2, bidirectional=False, out=12).eval()
    export("char_lstm2", model, tokens, "tokens")
    model = TokenModel(nn.GRU, vocab=10, embed=5, hidden=6, layers=1, bidirectional=True, out=3).eval()
    export("bigru_tokens", model, torch.randint(0, 10, (1, 7)), "tokens")
    model = FeatureModel(nn.RNN, features=3, hidden=5, layers=2, bidirectional=True, out=2).eval()
    export("birnn2_features", model, torch.randn(1, 8, 3), "x")
    model = TokenModel(nn.LSTM, vocab=9, embed=4, hidden=5, layers=2, bidirectional=True, out=9).eval()
    export("bilstm2_tokens", model, torch.randint(0, 9, (1, 6)), "tokens")
    model = TokenModel(nn.RNN, vocab=7, embed=4, hidden=6, layers=1, bidirectional=False, out=7, nonlinearity="relu").eval()
    export("rnn_relu_tokens", model, torch.randint(0, 7, (1, 9)), "tokens")
    model = FeatureModel(nn.RNN, features=2, hidden=3, layers=1, bidirectional=False, out=1, bias=False).eval()
    export("rnn_nobias_features", model, torch.randn(1, 5, 2), "x")
    head_activation_exports()


if __name__ == "__main__":
    main()
