#!/usr/bin/env python3
"""Writes the torch.save / TorchScript import fixtures into Tests/GateFormatsTests/Fixtures/torch/.

For each case NAME:
  NAME.pt / .pth / .bin / .jit   the file exactly as a PyTorch user saves it (torch.save of a state_dict,
                                 of a whole module, of a training checkpoint dict; torch.jit.save)
  NAME.input.npy                 the input sequence, T x X float32 (NAME.tokens.npy, int64, for token input)
  NAME.expected.safetensors      per layer and direction `l{k}.{series}` / `l{k}_reverse.{series}` [T, width]
                                 (LSTM input_gate, forget_gate, cell_candidate, output_gate, cell, hidden;
                                 GRU reset_gate, update_gate, candidate, hidden; RNN hidden), and `output`
                                 [T, classes] when there is a head. Computed by a float64 loop over the
                                 module's own weights, which is checked here against the real torch module's
                                 output, h_n and c_n (1e-6). TorchArchiveTests compares gatescope to 1e-5.

Also files to refuse or sniff: legacy.pt (torch.save with _use_new_zipfile_serialization=False),
arrays.npz, tiny.keras and tiny.weights.h5 (Keras 3, KERAS_BACKEND=torch), and hand-made torch-style zips whose data.pkl
holds a view past its storage, a storage of the wrong size, a missing record, a 4M-element view of a
4-element storage (stride 0), or a call of os.system.

    python3 scripts/make_torch_archive_fixtures.py      # needs torch, numpy, safetensors, keras
"""
import collections
import io
import os
import pickle
import zipfile

import numpy as np
import torch
import torch.nn as nn
from safetensors.numpy import save_file

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateFormatsTests", "Fixtures", "torch")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def weights(module, name):
    return getattr(module, name).detach().double().numpy()


def run_layer(module, kind, x, layer, reverse):
    """The gates and states of one layer and direction of an nn.LSTM/GRU/RNN, in float64."""
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    w_ih, w_hh = weights(module, "weight_ih" + suffix), weights(module, "weight_hh" + suffix)
    b_ih, b_hh = weights(module, "bias_ih" + suffix), weights(module, "bias_hh" + suffix)
    w_hr = weights(module, "weight_hr" + suffix) if kind == "lstm" and module.proj_size > 0 else None
    hidden = module.hidden_size
    out_width = w_hr.shape[0] if w_hr is not None else hidden
    steps = x.shape[0]
    h = np.zeros(out_width)
    c = np.zeros(hidden)
    names = {"lstm": ["input_gate", "forget_gate", "cell_candidate", "output_gate", "cell", "hidden"],
             "gru": ["reset_gate", "update_gate", "candidate", "hidden"], "rnn": ["hidden"]}[kind]
    if w_hr is not None:
        names = names + ["hidden_before_projection"]
    series = {n: np.zeros((steps, out_width if n == "hidden" else hidden)) for n in names}
    order = range(steps - 1, -1, -1) if reverse else range(steps)
    for t in order:
        if kind == "lstm":
            z = w_ih @ x[t] + b_ih + w_hh @ h + b_hh
            i, f, g, o = sigmoid(z[:hidden]), sigmoid(z[hidden:2 * hidden]), np.tanh(z[2 * hidden:3 * hidden]), sigmoid(z[3 * hidden:])
            c = f * c + i * g
            before = o * np.tanh(c)
            h = w_hr @ before if w_hr is not None else before
            for n, v in zip(names, [i, f, g, o, c, h]):
                series[n][t] = v
            if w_hr is not None:
                series["hidden_before_projection"][t] = before
        elif kind == "gru":
            gi, gh = w_ih @ x[t] + b_ih, w_hh @ h + b_hh
            r = sigmoid(gi[:hidden] + gh[:hidden])
            u = sigmoid(gi[hidden:2 * hidden] + gh[hidden:2 * hidden])
            n = np.tanh(gi[2 * hidden:] + r * gh[2 * hidden:])
            h = (1 - u) * n + u * h
            for name, v in zip(names, [r, u, n, h]):
                series[name][t] = v
        else:
            act = np.tanh if module.nonlinearity == "tanh" else (lambda v: np.maximum(v, 0))
            h = act(w_ih @ x[t] + b_ih + w_hh @ h + b_hh)
            series["hidden"][t] = h
    return series, h, c


def expected_for(module, kind, x, head=None):
    """Every layer's series, checked against the module itself; returns the tensors to save."""
    tensors = {}
    current = x
    finals_h, finals_c = [], []
    directions = 2 if module.bidirectional else 1
    for layer in range(module.num_layers):
        outs = []
        for d in range(directions):
            series, h, c = run_layer(module, kind, current, layer, d == 1)
            key = f"l{layer}" + ("_reverse" if d == 1 else "")
            for n, v in series.items():
                tensors[f"{key}.{n}"] = v
            outs.append(series["hidden"])
            finals_h.append(h)
            finals_c.append(c)
        current = np.concatenate(outs, axis=1)
    with torch.no_grad():
        inp = torch.tensor(x, dtype=torch.float32).unsqueeze(0 if module.batch_first else 1)
        result, state = module.float()(inp)
        result = result[0] if module.batch_first else result[:, 0]  # (T, width)
    assert np.abs(result.double().numpy() - current).max() < 1e-6, "manual loop vs torch output"
    h_n = state[0] if kind == "lstm" else state
    assert np.abs(h_n[:, 0].double().numpy() - np.stack(finals_h)).max() < 1e-6, "manual loop vs torch h_n"
    if kind == "lstm":
        assert np.abs(state[1][:, 0].double().numpy() - np.stack(finals_c)).max() < 1e-6, "manual loop vs torch c_n"
    if head is not None:
        w, b = head.weight.detach().double().numpy(), head.bias.detach().double().numpy()
        tensors["output"] = current @ w.T + b
        with torch.no_grad():
            assert np.abs(head(result).double().numpy() - tensors["output"]).max() < 1e-6
    return {k: v.astype(np.float32) for k, v in tensors.items()}


def save_case(name, expected, x=None, tokens=None):
    save_file(expected, path(f"{name}.expected.safetensors"))
    if x is not None:
        np.save(path(f"{name}.input.npy"), x.astype(np.float32))
    if tokens is not None:
        np.save(path(f"{name}.tokens.npy"), np.array(tokens, dtype=np.int64))


def inputs(steps, width, seed):
    return np.random.default_rng(seed).uniform(-1, 1, (steps, width))


class CharModel(nn.Module):
    """Embedding, LSTM, Linear head: a character model as users write it."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(7, 4)
        self.rnn = nn.LSTM(4, 5, batch_first=True)
        self.fc = nn.Linear(5, 7)

    def forward(self, tokens):
        y, _ = self.rnn(self.embed(tokens))
        return self.fc(y)


class Tagger(nn.Module):
    """A GRU with a Linear head, scripted with torch.jit.script."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(3, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


def main():
    # Plain state dicts, saved under the extensions users use.
    for name, make, kind, ext, width in [
        ("lstm", lambda: nn.LSTM(3, 5), "lstm", "pt", 3),
        ("gru", lambda: nn.GRU(4, 6), "gru", "pth", 4),
        ("rnn", lambda: nn.RNN(3, 4), "rnn", "bin", 3),
        ("bilstm2", lambda: nn.LSTM(3, 4, num_layers=2, bidirectional=True), "lstm", "pt", 3),
        ("bigru2", lambda: nn.GRU(3, 4, num_layers=2, bidirectional=True), "gru", "pt", 3),
        ("lstm_proj", lambda: nn.LSTM(3, 6, proj_size=2), "lstm", "pt", 3),
    ]:
        torch.manual_seed(len(name))
        module = make()
        torch.save(module.state_dict(), path(f"{name}.{ext}"))
        if name == "lstm":
            # Newer pickle protocols: FRAME, STACK_GLOBAL, MEMOIZE, SHORT_BINUNICODE.
            for protocol in (4, 5):
                torch.save(module.state_dict(), path(f"lstm_p{protocol}.pt"), pickle_protocol=protocol)
        x = inputs(6, width, len(name))
        save_case(name, expected_for(module, kind, x), x=x)

    # Half precision weights: the expected values come from the same rounded weights.
    for name, dtype, make, kind in [("gru_f16", torch.float16, nn.GRU, "gru"), ("lstm_bf16", torch.bfloat16, nn.LSTM, "lstm"),
                                    ("rnn_f64", torch.float64, nn.RNN, "rnn")]:
        torch.manual_seed(5)
        module = make(3, 4).to(dtype)
        torch.save(module.state_dict(), path(f"{name}.pt"))
        x = inputs(5, 3, 9)
        save_case(name, expected_for(module.float(), kind, x), x=x)

    # Embedding + LSTM + Linear head, as a state dict and as a whole pickled module.
    torch.manual_seed(11)
    model = CharModel()
    torch.save(model.state_dict(), path("charmodel.pt"))
    torch.save(model, path("charmodel_whole.pt"))
    tokens = [1, 4, 2, 6, 0, 3]
    x = model.embed.weight.detach().double().numpy()[tokens]
    save_case("charmodel", expected_for(model.rnn, "lstm", x, head=model.fc), tokens=tokens)

    # Tied weights: the head shares the embedding's tensor, so the state dict names one storage twice.
    torch.manual_seed(29)
    tied = nn.Module()
    tied.embed = nn.Embedding(7, 5)
    tied.rnn = nn.GRU(5, 5)
    tied.fc = nn.Linear(5, 7)
    tied.fc.weight = tied.embed.weight
    torch.save(tied.state_dict(), path("tied.pt"))
    tokens = [2, 5, 1, 1, 6]
    x = tied.embed.weight.detach().double().numpy()[tokens]
    save_case("tied", expected_for(tied.rnn, "gru", x, head=tied.fc), tokens=tokens)

    # Views: every tensor a view into one shared storage at an offset, weight_hh a transposed view.
    torch.manual_seed(13)
    module = nn.LSTM(3, 4)
    state = module.state_dict()
    flat = torch.zeros(7 + sum(v.numel() for v in state.values()))
    views, position = {}, 7
    for key, value in state.items():
        count = value.numel()
        if key == "weight_hh_l0":
            # Stored column-major: a (4, 16) block whose transpose is the (16, 4) weight.
            flat[position:position + count] = value.t().contiguous().reshape(-1)
            views[key] = flat[position:position + count].view(value.shape[1], value.shape[0]).t()
            assert not views[key].is_contiguous()
        else:
            flat[position:position + count] = value.reshape(-1)
            views[key] = flat[position:position + count].view(value.shape)
        position += count
    torch.save(views, path("views.pt"))
    x = inputs(5, 3, 13)
    save_case("views", expected_for(module, "lstm", x), x=x)

    # A training checkpoint: the model's state dict nested beside an optimizer's.
    torch.manual_seed(17)
    module = nn.GRU(3, 4)
    optimizer = torch.optim.Adam(module.parameters())
    module(torch.randn(2, 1, 3))[0].sum().backward()
    optimizer.step()
    torch.save({"epoch": 3, "model_state_dict": module.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
                "loss": 0.25}, path("checkpoint.pt"))
    x = inputs(4, 3, 17)
    save_case("checkpoint", expected_for(module, "gru", x), x=x)

    # TorchScript.
    torch.manual_seed(19)
    tagger = Tagger()
    torch.jit.save(torch.jit.script(tagger), path("scripted.jit"))
    x = inputs(5, 3, 19)
    expected = expected_for(tagger.rnn, "gru", x, head=tagger.head)
    with torch.no_grad():
        scripted = torch.jit.load(path("scripted.jit"))
        assert np.abs(scripted(torch.tensor(x, dtype=torch.float32).unsqueeze(1))[:, 0].double().numpy()
                      - expected["output"]).max() < 1e-6, "TorchScript module vs manual loop"
    save_case("scripted", expected, x=x)

    # Refusal: the pre-1.6 format; a NumPy .npz; a Keras 3 archive (format sniffing only).
    torch.manual_seed(23)
    torch.save(nn.LSTM(2, 2).state_dict(), path("legacy.pt"), _use_new_zipfile_serialization=False)
    np.savez(path("arrays.npz"), a=np.zeros(3, dtype=np.float32))
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    tiny = keras.Sequential([keras.Input((None, 2)), keras.layers.LSTM(2)])
    tiny.save(path("tiny.keras"))
    tiny.save_weights(path("tiny.weights.h5"))

    # Hand-made archives that must be refused (or, for a foreign global, not run).
    crafted("bad_view.pt", numel=4, data=4, offset=2, size=(4,), stride=(1,))
    crafted("bad_storage_size.pt", numel=5, data=4, offset=0, size=(4,), stride=(1,))
    crafted("missing_record.pt", numel=4, data=None, offset=0, size=(4,), stride=(1,))
    crafted("repeated_view.pt", numel=4, data=4, offset=0, size=(1 << 22,), stride=(0,))
    crafted("foreign_global.pt", numel=4, data=4, offset=0, size=(4,), stride=(1,), foreign=True)


class _Storage:
    """Stands for a storage while pickling; persistent_id turns it into torch's storage tuple."""

    def __init__(self, numel):
        self.numel = numel


class _Tensor:
    """Pickles as torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())."""

    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride, False, collections.OrderedDict())

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


class _Call:
    """Pickles as a call of os.system: gatescope must keep it as an opaque object, never run it."""

    def __reduce__(self):
        return (os.system, ("echo gatescope must never run this",))


def crafted(name, numel, data, offset, size, stride, foreign=False):
    """A torch.save-style zip whose data.pkl names one tensor 'weight_hh_l0' with the given view."""
    buffer = io.BytesIO()

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, _Storage):
                return ("storage", torch.FloatStorage, "0", "cpu", obj.numel)
            return None

    state = collections.OrderedDict(weight_hh_l0=_Tensor(_Storage(numel), offset, size, stride))
    if foreign:
        state = collections.OrderedDict(payload=_Call())
    Pickler(buffer, protocol=2).dump(state)
    members = [("archive/data.pkl", buffer.getvalue()), ("archive/byteorder", b"little")]
    if data is not None:
        members.append(("archive/data/0", np.arange(data, dtype=np.float32).tobytes()))
    with zipfile.ZipFile(path(name), "w") as archive:
        for member, contents in members:
            archive.writestr(zipfile.ZipInfo(member, date_time=(2024, 1, 2, 3, 4, 6)), contents)


def fuzz_seeds():
    """Seeds for Fuzz/torch: a few archives and their bare data.pkl pickles."""
    seeds = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fuzz", "torch", "seeds")
    os.makedirs(seeds, exist_ok=True)
    for name in ["lstm.pt", "gru.pth", "rnn.bin", "views.pt", "charmodel_whole.pt", "bad_view.pt",
                 "foreign_global.pt", "lstm_proj.pt", "scripted.jit"]:
        with open(path(name), "rb") as f:
            data = f.read()
        if name != "scripted.jit":  # 12 KB: above the fuzzer's input length
            with open(os.path.join(seeds, name), "wb") as f:
                f.write(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            pickle_name = min((n for n in archive.namelist() if n.endswith("data.pkl")), key=len)
            with open(os.path.join(seeds, name.replace(".", "_") + ".data.pkl"), "wb") as f:
                f.write(archive.read(pickle_name))


main()
fuzz_seeds()
