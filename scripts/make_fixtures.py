#!/usr/bin/env python3
"""Generate golden fixtures for gatescope's GateCore tests.

Usage:  python3 scripts/make_fixtures.py [output_dir]
Default output_dir: Tests/GateCoreTests/Fixtures (relative to the repo root).

For every case two safetensors files are written:
  <case>.model.safetensors     the weights, exactly as a user saves them
                               (safetensors.torch.save_file(model.state_dict(), path))
  <case>.expected.safetensors  float32 per-step gate values computed by a manual
                               float32 loop, checked against the real torch module
                               and against a float64 recomputation.

See docs/fixtures.md for the naming and metadata conventions.

Deterministic: every case seeds torch with a fixed seed, sizes are fixed, and
the JSON header of each written file is normalised (the Rust safetensors writer
emits __metadata__ keys in hash-map order, which changes per process; we rewrite
the header with the metadata keys sorted - same length, same tensors, same bytes
of data). Re-running produces byte-identical files.
"""

import json
import os
import struct
import sys

import torch
import torch.nn as nn
from safetensors.torch import save_file, load_file

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "Tests", "GateCoreTests", "Fixtures")
TORCH_VERSION = torch.__version__

TOL_MODULE = 1e-6   # manual float32 loop vs the real torch module
TOL_F64 = 1e-5      # manual float32 loop vs manual float64 loop

LSTM_GATES = ["input_gate", "forget_gate", "cell_candidate", "output_gate"]
GRU_GATES = ["reset_gate", "update_gate", "candidate"]

written = []


# ----------------------------------------------------------------------------
# File writing
# ----------------------------------------------------------------------------

def _normalise_header(path):
    """Sort the __metadata__ keys in the JSON header (in place, same length)."""
    with open(path, "rb") as fh:
        data = fh.read()
    (n,) = struct.unpack("<Q", data[:8])
    raw = data[8:8 + n]
    text = raw.decode("utf-8")
    stripped = text.rstrip(" ")
    obj = json.loads(stripped, object_pairs_hook=lambda pairs: dict(pairs))
    # Preserve tensor order exactly as the writer emitted it; only reorder metadata.
    out = {}
    if "__metadata__" in obj:
        out["__metadata__"] = dict(sorted(obj["__metadata__"].items()))
    for k, v in obj.items():
        if k != "__metadata__":
            out[k] = v
    new = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
    assert len(new.encode("utf-8")) == len(stripped.encode("utf-8")), path
    new_raw = (new + " " * (len(text) - len(stripped))).encode("utf-8")
    assert len(new_raw) == n
    with open(path, "wb") as fh:
        fh.write(data[:8] + new_raw + data[8 + n:])


def write_st(name, tensors, metadata):
    path = os.path.join(OUT, name)
    tensors = {k: v.detach().contiguous() for k, v in tensors.items()}
    md = {k: str(v) for k, v in metadata.items()}
    save_file(tensors, path, metadata=md)
    _normalise_header(path)
    # round-trip check
    back = load_file(path)
    assert set(back) == set(tensors), path
    for k in tensors:
        assert back[k].dtype == tensors[k].dtype and torch.equal(back[k], tensors[k]), (path, k)
    written.append(name)
    return path


def save_model(case, state_dict):
    """What a user does: save_file(model.state_dict(), path) with case/torch_version metadata."""
    write_st(f"{case}.model.safetensors", dict(state_dict),
             {"case": case, "torch_version": TORCH_VERSION})


def save_expected(name_case, tensors, meta):
    for k, v in tensors.items():
        assert v.dtype == torch.float32, (name_case, k, v.dtype)
    write_st(f"{name_case}.expected.safetensors", tensors, meta)


def bstr(b):
    return "true" if b else "false"


# ----------------------------------------------------------------------------
# Manual loops (exactly the PyTorch formulas; see REFERENCE.md section 1)
# ----------------------------------------------------------------------------

def run_lstm_dir(x, w_ih, w_hh, b_ih, b_hh, w_hr, reverse):
    """x [T, X]. Returns dict of [T, .] tensors, row t = state after consuming input t."""
    T = x.shape[0]
    H = w_hh.shape[0] // 4
    P = w_hr.shape[0] if w_hr is not None else H
    dt = x.dtype
    h = torch.zeros(P, dtype=dt)
    c = torch.zeros(H, dtype=dt)
    names = LSTM_GATES + [g + "_preactivation" for g in LSTM_GATES] + ["cell", "hidden"]
    if w_hr is not None:
        names.append("hidden_before_projection")
    rec = {n: [None] * T for n in names}
    order = range(T - 1, -1, -1) if reverse else range(T)
    for t in order:
        pre = w_ih @ x[t] + b_ih + (w_hh @ h + b_hh)
        pi, pf, pg, po = pre.chunk(4)
        i, f, g, o = torch.sigmoid(pi), torch.sigmoid(pf), torch.tanh(pg), torch.sigmoid(po)
        c = f * c + i * g
        hb = o * torch.tanh(c)
        h = w_hr @ hb if w_hr is not None else hb
        for n, v in zip(LSTM_GATES, (i, f, g, o)):
            rec[n][t] = v
        for n, v in zip(LSTM_GATES, (pi, pf, pg, po)):
            rec[n + "_preactivation"][t] = v
        rec["cell"][t] = c
        rec["hidden"][t] = h
        if w_hr is not None:
            rec["hidden_before_projection"][t] = hb
    return {n: torch.stack(v) for n, v in rec.items()}


def run_gru_dir(x, w_ih, w_hh, b_ih, b_hh, reverse):
    T = x.shape[0]
    H = w_hh.shape[0] // 3
    h = torch.zeros(H, dtype=x.dtype)
    names = ["reset_gate", "update_gate", "candidate", "hidden", "reset_gate_preactivation",
             "update_gate_preactivation", "candidate_preactivation", "candidate_recurrent"]
    rec = {n: [None] * T for n in names}
    order = range(T - 1, -1, -1) if reverse else range(T)
    for t in order:
        gi = w_ih @ x[t] + b_ih
        gh = w_hh @ h + b_hh
        i_r, i_z, i_n = gi.chunk(3)
        h_r, h_z, h_n = gh.chunk(3)
        pr, pz = i_r + h_r, i_z + h_z
        r, z = torch.sigmoid(pr), torch.sigmoid(pz)
        pn = i_n + r * h_n
        n = torch.tanh(pn)
        h = (1 - z) * n + z * h
        for k, v in zip(names, (r, z, n, h, pr, pz, pn, h_n)):
            rec[k][t] = v
    return {n: torch.stack(v) for n, v in rec.items()}


def run_rnn_dir(x, w_ih, w_hh, b_ih, b_hh, reverse, relu):
    T = x.shape[0]
    H = w_hh.shape[0]
    h = torch.zeros(H, dtype=x.dtype)
    rec = {"hidden": [None] * T, "hidden_preactivation": [None] * T}
    order = range(T - 1, -1, -1) if reverse else range(T)
    for t in order:
        pre = w_ih @ x[t] + b_ih + (w_hh @ h + b_hh)
        h = torch.relu(pre) if relu else torch.tanh(pre)
        rec["hidden"][t] = h
        rec["hidden_preactivation"][t] = pre
    return {n: torch.stack(v) for n, v in rec.items()}


def module_info(mod):
    """Describe a torch recurrent module / cell."""
    if isinstance(mod, nn.LSTMCell):
        return dict(kind="lstm", layers=1, bidir=False, H=mod.hidden_size, X=mod.input_size,
                    P=0, bias=mod.bias, cell=True, module="LSTMCell")
    if isinstance(mod, nn.GRUCell):
        return dict(kind="gru", layers=1, bidir=False, H=mod.hidden_size, X=mod.input_size,
                    P=0, bias=mod.bias, cell=True, module="GRUCell")
    if isinstance(mod, nn.RNNCell):
        return dict(kind="rnn_" + mod.nonlinearity, layers=1, bidir=False, H=mod.hidden_size,
                    X=mod.input_size, P=0, bias=mod.bias, cell=True, module="RNNCell")
    if isinstance(mod, nn.LSTM):
        kind, module = "lstm", "LSTM"
    elif isinstance(mod, nn.GRU):
        kind, module = "gru", "GRU"
    elif isinstance(mod, nn.RNN):
        kind, module = "rnn_" + mod.nonlinearity, "RNN"
    else:
        raise TypeError(mod)
    return dict(kind=kind, layers=mod.num_layers, bidir=mod.bidirectional, H=mod.hidden_size,
                X=mod.input_size, P=getattr(mod, "proj_size", 0), bias=mod.bias, cell=False,
                module=module)


def get_weights(mod, info, k, sfx, dtype):
    def g(n):
        name = n if info["cell"] else f"{n}_l{k}{sfx}"
        return getattr(mod, name).detach().to(dtype)
    w_ih, w_hh = g("weight_ih"), g("weight_hh")
    if info["bias"]:
        b_ih, b_hh = g("bias_ih"), g("bias_hh")
    else:
        b_ih = torch.zeros(w_ih.shape[0], dtype=dtype)
        b_hh = torch.zeros(w_hh.shape[0], dtype=dtype)
    w_hr = g("weight_hr") if info["P"] > 0 else None
    return w_ih, w_hh, b_ih, b_hh, w_hr


def manual(mod, x, dtype):
    """Run the manual loop over all layers/directions. Returns (records, top_output)."""
    info = module_info(mod)
    dirs = [("", False)] + ([("_reverse", True)] if info["bidir"] else [])
    out = {}
    layer_in = x.to(dtype)
    for k in range(info["layers"]):
        outs = []
        for sfx, rev in dirs:
            w_ih, w_hh, b_ih, b_hh, w_hr = get_weights(mod, info, k, sfx, dtype)
            if info["kind"] == "lstm":
                r = run_lstm_dir(layer_in, w_ih, w_hh, b_ih, b_hh, w_hr, rev)
            elif info["kind"] == "gru":
                r = run_gru_dir(layer_in, w_ih, w_hh, b_ih, b_hh, rev)
            else:
                r = run_rnn_dir(layer_in, w_ih, w_hh, b_ih, b_hh, rev, info["kind"] == "rnn_relu")
            for n, v in r.items():
                out[f"l{k}{sfx}.{n}"] = v
            outs.append(r["hidden"])
        layer_in = torch.cat(outs, dim=1)
    return out, layer_in


def maxdiff(a, b):
    return (a.double() - b.double()).abs().max().item()


def check(label, a, b, tol):
    d = maxdiff(a, b)
    assert a.shape == b.shape, (label, a.shape, b.shape)
    assert d <= tol, f"{label}: max abs diff {d} > {tol}"


def check_layers(case, mod, info, x, rec32, dirs):
    layer_in = x
    for k in range(info["layers"]):
        kw = dict(bias=info["bias"], bidirectional=info["bidir"])
        if info["kind"] == "lstm":
            one = nn.LSTM(layer_in.shape[1], info["H"], proj_size=info["P"], **kw)
        elif info["kind"] == "gru":
            one = nn.GRU(layer_in.shape[1], info["H"], **kw)
        else:
            one = nn.RNN(layer_in.shape[1], info["H"], nonlinearity=info["kind"][4:], **kw)
        one.load_state_dict({n: getattr(mod, n.replace("_l0", f"_l{k}")).detach()
                             for n in one.state_dict()})
        y1 = one(layer_in.unsqueeze(1))[0][:, 0]
        parts = [rec32[f"l{k}{s}.hidden"] for s in dirs]
        check(f"{case} layer {k} output", torch.cat(parts, 1), y1, TOL_MODULE)
        layer_in = torch.cat(parts, 1)


def compute_expected(case, mod, x, batch_first=False):
    """Manual float32 loop + assertions against the module and a float64 loop."""
    mod = mod.float().eval()
    info = module_info(mod)
    x = x.float()
    with torch.no_grad():
        rec32, top32 = manual(mod, x, torch.float32)
        rec64, _ = manual(mod, x, torch.float64)
        for n in rec32:
            check(f"{case} f64 {n}", rec32[n], rec64[n], TOL_F64)
        dirs = [""] + (["_reverse"] if info["bidir"] else [])
        if info["cell"]:
            # step the real cell manually
            H = info["H"]
            h = torch.zeros(1, H)
            c = torch.zeros(1, H)
            hs, cs = [], []
            for t in range(x.shape[0]):
                if info["kind"] == "lstm":
                    h, c = mod(x[t:t + 1], (h, c))
                    cs.append(c[0])
                else:
                    h = mod(x[t:t + 1], h)
                hs.append(h[0])
            check(f"{case} module hidden", rec32["l0.hidden"], torch.stack(hs), TOL_MODULE)
            if cs:
                check(f"{case} module cell", rec32["l0.cell"], torch.stack(cs), TOL_MODULE)
            top_mod = torch.stack(hs)
        else:
            inp = x.unsqueeze(0) if batch_first else x.unsqueeze(1)
            res = mod(inp)
            y = res[0][0] if batch_first else res[0][:, 0]
            check(f"{case} module output", top32, y, TOL_MODULE)
            top_mod = y
            if info["kind"] == "lstm":
                h_n, c_n = res[1]
            else:
                h_n, c_n = res[1], None
            idx = 0
            T = x.shape[0]
            for k in range(info["layers"]):
                for sfx in dirs:
                    last = 0 if sfx else T - 1
                    check(f"{case} h_n l{k}{sfx}", rec32[f"l{k}{sfx}.hidden"][last], h_n[idx, 0], TOL_MODULE)
                    if c_n is not None:
                        check(f"{case} c_n l{k}{sfx}", rec32[f"l{k}{sfx}.cell"][last], c_n[idx, 0], TOL_MODULE)
                    idx += 1
            # every layer, every step: run a one-layer module holding layer k's weights
            # on layer k's input (the manual outputs of layer k-1).
            if info["layers"] > 1:
                with torch.random.fork_rng():  # keep the global RNG stream untouched
                    check_layers(case, mod, info, x, rec32, dirs)
    return info, rec32, top32, top_mod


def expected_meta(case, info, T, prefix, head, model_file, extra=None):
    md = {
        "case": case,
        "kind": info["kind"],
        "layers": info["layers"],
        "bidirectional": bstr(info["bidir"]),
        "hidden_size": info["H"],
        "input_size": info["X"],
        "proj_size": info["P"],
        "steps": T,
        "prefix": prefix,
        "head": head,
        "model_file": model_file,
        "module": info["module"],
        "layout": "torch",
        "bias": bstr(info["bias"]),
        "weights_dtype": "F32",
    }
    if info["kind"] == "gru":
        md["reset_after"] = "true"
    if extra:
        md.update(extra)
    return md


# ----------------------------------------------------------------------------
# Modules
# ----------------------------------------------------------------------------

class Wrap(nn.Module):
    """Recurrent module under attribute `attr`, optional Linear head under `head_name`."""

    def __init__(self, attr, rnn, head_name=None, head=None):
        super().__init__()
        self.attr = attr
        self.head_name = head_name
        setattr(self, attr, rnn)
        if head is not None:
            setattr(self, head_name, head)


class Encoder(nn.Module):
    def __init__(self, lstm):
        super().__init__()
        self.lstm = lstm


class Deep(nn.Module):
    def __init__(self, lstm):
        super().__init__()
        self.encoder = Encoder(lstm)


class CharModel(nn.Module):
    def __init__(self, vocab=10, emb=6, hidden=8, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, num_layers=layers, batch_first=True, dropout=0.1)
        self.drop = nn.Dropout(0.1)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, tokens):  # tokens [B, T]
        e = self.embed(tokens)
        y, _ = self.lstm(e)
        return self.decoder(self.drop(y))


class TwoModules(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(3, 4)
        self.decoder = nn.GRU(4, 4)


def scale_(mod, s):
    with torch.no_grad():
        for p in mod.parameters():
            p.mul_(s)
    return mod


def head_output(case, head, top32, top_mod):
    with torch.no_grad():
        out = head(top32)
        ref = head(top_mod)
    check(f"{case} head", out, ref, TOL_MODULE)
    return out


# ----------------------------------------------------------------------------
# Case builders
# ----------------------------------------------------------------------------

def torch_case(case, seed, make, T, attr_path, head_name=None, scale=None,
               model_builder=None):
    """Generic: make() -> recurrent module (and optional head).

    attr_path: "" for bare module, "rnn", "encoder.lstm", ...
    """
    torch.manual_seed(seed)
    rnn, head = make()
    if scale:
        scale_(rnn, scale)
    info = module_info(rnn)
    x = torch.randn(T, info["X"])
    if attr_path == "":
        model = rnn
    elif model_builder is not None:
        model = model_builder(rnn, head)
    else:
        model = Wrap(attr_path, rnn, head_name, head)
    model.eval()
    info, rec, top32, top_mod = compute_expected(case, rnn, x)
    tensors = {"input": x.clone()}
    tensors.update(rec)
    extra = {}
    if head is not None:
        tensors["output"] = head_output(case, head, top32, top_mod)
        extra["output_size"] = head.out_features
    save_model(case, model.state_dict())
    save_expected(case, tensors, expected_meta(case, info, T, attr_path, head_name or "",
                                               f"{case}.model.safetensors", extra))
    return dict(model=model, rnn=rnn, head=head, x=x, tensors=tensors, info=info)


def dtype_case(case, base_seed, dtype, dtype_name):
    """Same module as lstm_4x6_head, state dict saved in another dtype."""
    torch.manual_seed(base_seed)
    rnn = nn.LSTM(4, 6)
    head = nn.Linear(6, 3)
    x = torch.randn(10, 4)
    model = Wrap("rnn", rnn, "head", head).eval()
    model_lp = model.to(dtype)
    sd = model_lp.state_dict()
    save_model(case, sd)
    # gatescope converts to float32 before computing: do the same
    model32 = Wrap("rnn", nn.LSTM(4, 6), "head", nn.Linear(6, 3))
    model32.load_state_dict({k: v.float() for k, v in sd.items()})
    model32.eval()
    info, rec, top32, top_mod = compute_expected(case, model32.rnn, x)
    tensors = {"input": x.clone()}
    tensors.update(rec)
    tensors["output"] = head_output(case, model32.head, top32, top_mod)
    save_expected(case, tensors, expected_meta(case, info, 10, "rnn", "head",
                                               f"{case}.model.safetensors",
                                               {"output_size": 3, "weights_dtype": dtype_name}))


def charmodel_case(case, seed):
    torch.manual_seed(seed)
    model = CharModel().eval()
    T = 12
    tokens = torch.randint(0, 10, (T,))
    with torch.no_grad():
        emb = model.embed(tokens)
        logits = model(tokens.unsqueeze(0))[0]
    info, rec, top32, top_mod = compute_expected(case, model.lstm, emb, batch_first=True)
    out = head_output(case, model.decoder, top32, top_mod)
    check(f"{case} full model", out, logits, TOL_MODULE)
    tensors = {"input": emb.clone(), "tokens": tokens.float()}
    tensors.update(rec)
    tensors["output"] = out
    save_model(case, model.state_dict())
    save_expected(case, tensors, expected_meta(case, info, T, "lstm", "decoder",
                                               f"{case}.model.safetensors",
                                               {"embedding": "embed.weight", "output_size": 10}))


def two_modules_case(case, seed):
    torch.manual_seed(seed)
    model = TwoModules().eval()
    T = 8
    x = torch.randn(T, 3)
    info, rec, top32, top_mod = compute_expected(case, model.encoder, x)
    tensors = {"input": x.clone()}
    tensors.update(rec)
    save_model(case, model.state_dict())
    save_expected(case, tensors, expected_meta(case, info, T, "encoder", "",
                                               f"{case}.model.safetensors"))
    # decoder: fed the encoder's output sequence, from a zero state
    x2 = top32.detach().clone()
    dcase = case + "_decoder"
    info2, rec2, _, _ = compute_expected(dcase, model.decoder, x2)
    tensors2 = {"input": x2}
    tensors2.update(rec2)
    save_expected(dcase, tensors2, expected_meta(dcase, info2, T, "decoder", "",
                                                 f"{case}.model.safetensors"))


# Keras-layout fixtures come from real Keras: scripts/make_keras_fixtures.py.

# ----------------------------------------------------------------------------

def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT, f))

    torch_case("lstm_1x8", 101, lambda: (nn.LSTM(1, 8), None), 12, "")
    torch_case("lstm_4x6_head", 102, lambda: (nn.LSTM(4, 6), nn.Linear(6, 3)), 10,
                      "rnn", "head")
    torch_case("lstm_2layer", 103, lambda: (nn.LSTM(3, 5, num_layers=2), None), 9,
                    "encoder.lstm", scale=3.0, model_builder=lambda r, h: Deep(r))
    torch_case("lstm_bidir", 104, lambda: (nn.LSTM(3, 4, bidirectional=True), nn.Linear(8, 2)),
               8, "rnn", "fc", scale=2.5)
    torch_case("lstm_2layer_bidir", 105,
               lambda: (nn.LSTM(2, 4, num_layers=2, bidirectional=True), None), 7, "rnn")
    torch_case("lstm_proj", 106, lambda: (nn.LSTM(3, 6, proj_size=4), None), 8, "rnn")
    torch_case("lstm_proj_2layer_bidir", 107,
               lambda: (nn.LSTM(3, 6, num_layers=2, proj_size=3, bidirectional=True), None), 6,
               "rnn")
    torch_case("lstm_nobias", 108, lambda: (nn.LSTM(3, 4, bias=False), None), 6, "rnn")
    torch_case("lstmcell", 109, lambda: (nn.LSTMCell(3, 5), None), 8, "cell")
    torch_case("gru_3x5", 110, lambda: (nn.GRU(3, 5), None), 10, "rnn")
    torch_case("gru_2layer_bidir", 111,
               lambda: (nn.GRU(2, 4, num_layers=2, bidirectional=True), nn.Linear(8, 3)), 7,
               "rnn", "head", scale=3.0)
    torch_case("grucell", 112, lambda: (nn.GRUCell(3, 4), None), 8, "cell")
    torch_case("rnn_tanh", 113, lambda: (nn.RNN(3, 5), None), 10, "rnn")
    torch_case("rnn_relu_2layer", 114,
               lambda: (nn.RNN(2, 4, num_layers=2, nonlinearity="relu"), None), 8, "rnn")
    torch_case("rnn_bidir", 115, lambda: (nn.RNN(2, 3, bidirectional=True), None), 6, "rnn")

    dtype_case("lstm_f16", 102, torch.float16, "F16")
    dtype_case("lstm_bf16", 102, torch.bfloat16, "BF16")
    dtype_case("lstm_f64", 102, torch.float64, "F64")

    charmodel_case("realistic_charmodel", 120)
    two_modules_case("two_modules", 121)

    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in written)
    assert total < 3 * 1024 * 1024, total
    for f in sorted(written):
        print(f"{os.path.getsize(os.path.join(OUT, f)):8d}  {f}")
    print(f"{total:8d}  total ({len(written)} files) -> {OUT}")


if __name__ == "__main__":
    main()
