#!/usr/bin/env python3
"""Golden gradient fixtures for gatescope's training (BPTT) tests.

Usage:  python3 scripts/make_grad_fixtures.py [output_dir]
Default output_dir: Tests/GateCoreTests/Fixtures (relative to the repo root).

Each case writes one file, grad_<case>.safetensors, holding
  - the model's parameters in float32 under PyTorch names for a model with submodules
    `embedding` (nn.Embedding, optional), `rnn` (nn.LSTM / nn.GRU / nn.RNN, batch_first) and
    `head` (nn.Linear): rnn.weight_ih_l0, rnn.bias_hh_l1_reverse, head.weight, ...;
  - `input` (T x X, float32) or `tokens` (T, float32 token ids) for embedding models;
  - the target: `target_classes` (T, float32, -1 = ignored) for cross-entropy, or
    `target_values` (T x O) and `target_mask` (T, 1.0 = counted) for mean squared error;
  - `loss` (1,) and, for every parameter P, `grad.P`: PyTorch autograd's gradient, computed in
    float64 from the float32 weights (so it is the exact answer the float32 Swift code approximates).
Metadata: cell, num_layers, bidirectional, nonlinearity, loss, torch version.

Losses match what gatescope trains with: F.cross_entropy(logits, target, ignore_index=-1)
(mean over counted steps) and F.mse_loss over the counted steps' outputs (mean over elements).
Deterministic: fixed seeds; metadata keys written sorted; re-running gives byte-identical files.
"""

import json
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "Tests", "GateCoreTests", "Fixtures")


def normalise_header(path):
    """Rewrite the JSON header with sorted metadata keys (same length), for byte-identical reruns."""
    with open(path, "rb") as fh:
        data = fh.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    ordered = {"__metadata__": dict(sorted(meta.items()))}
    for name in sorted(header, key=lambda k: header[k]["data_offsets"][0]):
        ordered[name] = header[name]
    text = json.dumps(ordered, separators=(",", ":"))
    text = text + " " * (n - len(text.encode("utf-8")))
    assert len(text.encode("utf-8")) == n
    with open(path, "wb") as fh:
        fh.write(data[:8] + text.encode("utf-8") + data[8 + n:])


class Model(nn.Module):
    def __init__(self, cell, x, h, layers, bidir, outputs, vocab=None, nonlinearity="tanh"):
        super().__init__()
        if vocab is not None:
            self.embedding = nn.Embedding(vocab, x)
        kinds = {"lstm": nn.LSTM, "gru": nn.GRU}
        if cell == "rnn":
            self.rnn = nn.RNN(x, h, layers, nonlinearity=nonlinearity, batch_first=True, bidirectional=bidir)
        else:
            self.rnn = kinds[cell](x, h, layers, batch_first=True, bidirectional=bidir)
        self.head = nn.Linear(h * (2 if bidir else 1), outputs)

    def forward(self, inputs):
        if hasattr(self, "embedding"):
            inputs = self.embedding(inputs)
        out, _ = self.rnn(inputs)
        return self.head(out)


def case(name, cell, x=3, h=4, layers=1, bidir=False, outputs=3, steps=6, loss="ce", vocab=None,
         nonlinearity="tanh", seed=0):
    torch.manual_seed(seed)
    model = Model(cell, x, h, layers, bidir, outputs, vocab, nonlinearity)
    if cell == "lstm":
        with torch.no_grad():  # a forget bias like gatescope's default initialisation
            for pname, p in model.rnn.named_parameters():
                if pname.startswith("bias"):
                    p[h:2 * h] += 0.5
    weights = {k: v.detach().clone().float().contiguous() for k, v in model.state_dict().items()}
    tensors = dict(weights)
    if vocab is not None:
        tokens = torch.randint(0, vocab, (steps,))
        tensors["tokens"] = tokens.float()
        model_input = tokens.unsqueeze(0)
    else:
        inp = (torch.rand(steps, x) * 3 - 1.5).float()
        tensors["input"] = inp
        model_input = inp.double().unsqueeze(0)
    model = model.double()
    out = model(model_input)[0]
    if loss == "ce":
        target = torch.randint(0, outputs, (steps,))
        if name.endswith("masked"):
            target[torch.arange(steps) % 2 == 0] = -1
        value = F.cross_entropy(out, target, ignore_index=-1)
        tensors["target_classes"] = target.float()
    else:
        target = torch.rand(steps, outputs, dtype=torch.float64) * 2 - 1
        mask = torch.zeros(steps, dtype=torch.bool)
        mask[-1] = True
        if name.endswith("every"):
            mask[:] = True
        value = F.mse_loss(out[mask], target[mask])
        tensors["target_values"] = target.float()
        tensors["target_mask"] = mask.float()
    value.backward()
    tensors["loss"] = torch.tensor([value.item()], dtype=torch.float32)
    for pname, p in model.named_parameters():
        tensors["grad." + pname] = p.grad.detach().float().contiguous()
    meta = {
        "cell": cell, "num_layers": str(layers), "bidirectional": str(bidir).lower(),
        "nonlinearity": nonlinearity, "loss": "cross_entropy" if loss == "ce" else "mse",
        "torch": torch.__version__, "generator": "scripts/make_grad_fixtures.py",
    }
    path = os.path.join(OUT, f"grad_{name}.safetensors")
    save_file(tensors, path, metadata=meta)
    normalise_header(path)
    print("wrote", path)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    case("lstm_ce", "lstm")
    case("lstm_2layer_bidir_masked", "lstm", layers=2, bidir=True, seed=1)
    case("lstm_mse_last", "lstm", outputs=2, loss="mse", seed=2, steps=8)
    case("lstm_embedding_ce", "lstm", vocab=5, outputs=5, seed=3)
    case("gru_ce", "gru", seed=4)
    case("gru_2layer_bidir_masked", "gru", layers=2, bidir=True, seed=5)
    case("rnn_tanh_mse_every", "rnn", outputs=2, loss="mse", seed=6)
    case("rnn_relu_2layer_ce", "rnn", layers=2, nonlinearity="relu", seed=7)
