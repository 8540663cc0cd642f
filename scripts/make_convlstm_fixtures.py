#!/usr/bin/env python3
"""Golden fixtures for gatescope's ConvLSTM (Shi et al. 2015, arXiv 1506.04214).

Usage:  python3 scripts/make_convlstm_fixtures.py [output_dir]
Default output_dir: Tests/GateCoreTests/Fixtures (files convlstm_*.safetensors).

The expected values come from an independent numpy float64 implementation written straight from the
paper's equations, with explicit zero padding and explicit loops (no conv library). A second,
PyTorch implementation (torch.nn.functional.conv2d after F.pad, float64) must agree to 1e-10, and the
gradient case uses torch autograd on that implementation.

Layouts (see docs/variants.md):
  gatescope conv layout   kernel [4C, Cin, kh, kw], gates stacked i, f, g(c), o; data channel-first
  Keras ConvLSTM2D        kernel [kh, kw, Cin, 4C], recurrent_kernel [kh, kw, C, 4C], bias [4C],
                          columns i, f, c, o; data channels_last (T, H, W, C)
  conversion              ours[o, c, y, x] = keras[y, x, c, o]  (keras.transpose(3, 2, 0, 1))
"same" padding for stride 1 (Keras/TF rule): before = (k-1)//2, after = k-1-before.
Cross-correlation (as PyTorch conv2d and Keras Conv2D), not a flipped convolution.

Deterministic: fixed numpy seeds, fixed sizes, metadata keys written sorted.
"""

import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "Tests", "GateCoreTests", "Fixtures")
GATES = ["input_gate", "forget_gate", "cell_candidate", "output_gate"]


# ----------------------------------------------------------------------------
# A minimal safetensors writer (float32, sorted metadata, header padded to 8)
# ----------------------------------------------------------------------------

def write_safetensors(path, tensors, metadata):
    header = {}
    offset = 0
    blobs = []
    for name, array in tensors:
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {k: str(metadata[k]) for k in sorted(metadata)}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(text)))
        fh.write(text)
        for blob in blobs:
            fh.write(blob)


# ----------------------------------------------------------------------------
# The numpy reference: the paper's equations, explicit padding, explicit loops
# ----------------------------------------------------------------------------

def same_padding(k):
    before = (k - 1) // 2
    return before, k - 1 - before


def conv_same(x, w):
    """x [Cin, H, W], w [O, Cin, kh, kw] -> [O, H, W]: stride-1 cross-correlation, zero 'same' padding."""
    cin, h, wd = x.shape
    o_count, _, kh, kw = w.shape
    top, _ = same_padding(kh)
    left, _ = same_padding(kw)
    padded = np.zeros((cin, h + kh - 1, wd + kw - 1))
    padded[:, top:top + h, left:left + wd] = x
    out = np.zeros((o_count, h, wd))
    for o in range(o_count):
        for y in range(h):
            for x_ in range(wd):
                total = 0.0
                for c in range(cin):
                    for ky in range(kh):
                        for kx in range(kw):
                            total += w[o, c, ky, kx] * padded[c, y + ky, x_ + kx]
                out[o, y, x_] = total
    return out


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def numpy_layer(frames, wx, wh, b, peep):
    """frames [T, Cin, H, W] -> dict of series [T, C, H, W] (float64)."""
    steps, _, h, wd = frames.shape
    c = wh.shape[1]
    hidden = np.zeros((c, h, wd))
    cell = np.zeros((c, h, wd))
    out = {name: [] for name in GATES + [g + "_preactivation" for g in GATES] + ["cell", "hidden"]}
    for t in range(steps):
        z = conv_same(frames[t], wx) + conv_same(hidden, wh) + b[:, None, None]
        zi, zf, zg, zo = z[0:c], z[c:2 * c], z[2 * c:3 * c], z[3 * c:4 * c]
        if peep is not None:
            zi = zi + peep[0] * cell           # W_ci ∘ C_{t-1}
            zf = zf + peep[1] * cell           # W_cf ∘ C_{t-1}
        i, f, g = sigmoid(zi), sigmoid(zf), np.tanh(zg)
        cell = f * cell + i * g
        if peep is not None:
            zo = zo + peep[2] * cell           # W_co ∘ C_t
        o = sigmoid(zo)
        hidden = o * np.tanh(cell)
        for name, value in zip(GATES, [i, f, g, o]):
            out[name].append(value)
        for name, value in zip(GATES, [zi, zf, zg, zo]):
            out[name + "_preactivation"].append(value)
        out["cell"].append(cell.copy())
        out["hidden"].append(hidden.copy())
    return {k: np.stack(v) for k, v in out.items()}


# ----------------------------------------------------------------------------
# The PyTorch cross-check (conv2d after F.pad), float64, differentiable
# ----------------------------------------------------------------------------

def torch_layer(frames, wx, wh, b, peep):
    steps, _, h, wd = frames.shape
    c = wh.shape[1]
    kh, kw = wx.shape[2], wx.shape[3]
    top, bottom = same_padding(kh)
    left, right = same_padding(kw)
    pad = (left, right, top, bottom)
    hidden = torch.zeros((1, c, h, wd), dtype=torch.float64)
    cell = torch.zeros((1, c, h, wd), dtype=torch.float64)
    hiddens, series = [], {name: [] for name in GATES + ["cell", "hidden"]}
    for t in range(steps):
        z = F.conv2d(F.pad(frames[t:t + 1], pad), wx, b) + F.conv2d(F.pad(hidden, pad), wh)
        zi, zf, zg, zo = z[:, 0:c], z[:, c:2 * c], z[:, 2 * c:3 * c], z[:, 3 * c:]
        if peep is not None:
            zi = zi + peep[0] * cell
            zf = zf + peep[1] * cell
        i, f, g = torch.sigmoid(zi), torch.sigmoid(zf), torch.tanh(zg)
        cell = f * cell + i * g
        if peep is not None:
            zo = zo + peep[2] * cell
        o = torch.sigmoid(zo)
        hidden = o * torch.tanh(cell)
        hiddens.append(hidden)
        for name, value in zip(GATES + ["cell", "hidden"], [i, f, g, o, cell, hidden]):
            series[name].append(value[0])
    return torch.cat(hiddens, 0), {k: torch.stack(v) for k, v in series.items()}


# ----------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------

def make_layer(rng, cin, c, kh, kw, h, wd, peepholes, scale=0.5):
    wx = rng.uniform(-scale, scale, (4 * c, cin, kh, kw)).astype(np.float32)
    wh = rng.uniform(-scale, scale, (4 * c, c, kh, kw)).astype(np.float32)
    b = rng.uniform(-scale, scale, (4 * c,)).astype(np.float32)
    b[c:2 * c] += 1.0  # forget bias, as Keras's unit_forget_bias
    peep = rng.uniform(-scale, scale, (3, c, h, wd)).astype(np.float32) if peepholes else None
    return dict(wx=wx, wh=wh, b=b, peep=peep, kh=kh, kw=kw, c=c, cin=cin)


def run_case(layers, frames, head):
    """Runs numpy and torch; returns per-layer numpy series (float64) and the head output."""
    x = frames.astype(np.float64)
    xt = torch.tensor(x)
    results = []
    for layer in layers:
        peep = None if layer["peep"] is None else layer["peep"].astype(np.float64)
        ref = numpy_layer(x, layer["wx"].astype(np.float64), layer["wh"].astype(np.float64),
                          layer["b"].astype(np.float64), peep)
        hid, tser = torch_layer(xt, torch.tensor(layer["wx"], dtype=torch.float64),
                                torch.tensor(layer["wh"], dtype=torch.float64),
                                torch.tensor(layer["b"], dtype=torch.float64),
                                None if peep is None else torch.tensor(peep))
        for name, value in tser.items():
            diff = np.max(np.abs(value.numpy() - ref[name]))
            assert diff < 1e-10, f"numpy vs torch {name}: {diff}"
        results.append(ref)
        x = ref["hidden"]
        xt = hid
    output = None
    if head is not None:
        w, bias = head  # w [O, C], pointwise
        top = results[-1]["hidden"]  # [T, C, H, W]
        output = np.einsum("oc,tchw->tohw", w.astype(np.float64), top) + bias.astype(np.float64)[None, :, None, None]
    return results, output


def flat(series):
    return series.reshape(series.shape[0], -1).astype(np.float32)


def expected_tensors(frames, results, output):
    tensors = [("input", flat(frames))]
    for k, ref in enumerate(results):
        for name in sorted(ref):
            tensors.append((f"l{k}.{name}", flat(ref[name])))
    if output is not None:
        tensors.append(("output", flat(output)))
    return tensors


def keras_tensors(prefix, layer):
    return [(f"{prefix}.kernel", layer["wx"].transpose(2, 3, 1, 0)),
            (f"{prefix}.recurrent_kernel", layer["wh"].transpose(2, 3, 1, 0)),
            (f"{prefix}.bias", layer["b"])]


def gatescope_tensors(layers, head):
    tensors = []
    for k, layer in enumerate(layers):
        tensors += [(f"convlstm.input_kernel_l{k}", layer["wx"]), (f"convlstm.recurrent_kernel_l{k}", layer["wh"]),
                    (f"convlstm.bias_l{k}", layer["b"])]
        if layer["peep"] is not None:
            tensors.append((f"convlstm.peephole_l{k}", layer["peep"]))
    if head is not None:
        tensors += [("head.weight", head[0][:, :, None, None]), ("head.bias", head[1])]
    return tensors


def write_case(name, layers, frames, head, keras, extra_meta=None):
    results, output = run_case(layers, frames, head)
    h, wd = frames.shape[2], frames.shape[3]
    model_file = f"{name}.model.safetensors"
    if keras:
        tensors = []
        for k, layer in enumerate(layers):
            tensors += keras_tensors("conv_lst_m2d" if k == 0 else f"conv_lst_m2d_{k}", layer)
        if head is not None:
            tensors += [("conv2d.kernel", head[0].T[None, None, :, :]), ("conv2d.bias", head[1])]
        model_meta = {}
    else:
        tensors = gatescope_tensors(layers, head)
        model_meta = {"format": "gatescope-model", "format_version": "1", "cell": "convlstm",
                      "height": h, "width": wd, "head": "pointwise" if head is not None else "none"}
    write_safetensors(os.path.join(OUT, model_file), tensors, model_meta)
    expected = expected_tensors(frames, results, output)
    if keras:
        expected.append(("input_channels_last", frames.transpose(0, 2, 3, 1).astype(np.float32)))
    meta = {"model_file": model_file, "height": h, "width": wd, "steps": frames.shape[0],
            "layers": len(layers), "kernels": ",".join(f"{l['kh']}x{l['kw']}" for l in layers),
            "channels": ",".join(str(l["c"]) for l in layers),
            "peepholes": "true" if layers[0]["peep"] is not None else "false",
            "reference": "numpy float64 loops; torch conv2d float64 agrees to 1e-10"}
    meta.update(extra_meta or {})
    write_safetensors(os.path.join(OUT, f"{name}.expected.safetensors"), expected, meta)
    print(f"{name}: {len(layers)} layer(s), T={frames.shape[0]}, {h}x{wd}")


def gradient_case():
    """Autograd gradients of mean BCE-with-logits (pointwise head, every step) for a 2-layer
    peephole ConvLSTM, in gatescope's own layout."""
    rng = np.random.default_rng(7)
    h, wd, steps = 4, 5, 4
    layers = [make_layer(rng, 1, 2, 3, 3, h, wd, True), make_layer(rng, 2, 2, 2, 2, h, wd, True)]
    head = (rng.uniform(-0.8, 0.8, (1, 2)).astype(np.float32), rng.uniform(-0.3, 0.3, (1,)).astype(np.float32))
    frames = rng.uniform(0, 1, (steps, 1, h, wd)).astype(np.float32)
    targets = (rng.uniform(0, 1, (steps, 1, h, wd)) > 0.6).astype(np.float32)
    params = []
    x = torch.tensor(frames, dtype=torch.float64)
    for layer in layers:
        p = {k: torch.tensor(layer[k], dtype=torch.float64, requires_grad=True) for k in ("wx", "wh", "b", "peep")}
        params.append(p)
        x, _ = torch_layer(x, p["wx"], p["wh"], p["b"], p["peep"])
    hw = torch.tensor(head[0], dtype=torch.float64, requires_grad=True)
    hb = torch.tensor(head[1], dtype=torch.float64, requires_grad=True)
    logits = torch.einsum("oc,tchw->tohw", hw, x) + hb[None, :, None, None]
    loss = F.binary_cross_entropy_with_logits(logits, torch.tensor(targets, dtype=torch.float64))
    loss.backward()
    model = gatescope_tensors(layers, head)
    write_safetensors(os.path.join(OUT, "convlstm_grad.model.safetensors"), model,
                      {"format": "gatescope-model", "format_version": "1", "cell": "convlstm",
                       "height": h, "width": wd, "head": "pointwise"})
    grads = [("input", frames.reshape(steps, -1)), ("target", targets.reshape(steps, -1)),
             ("loss", np.array([loss.item()], dtype=np.float32))]
    for k, p in enumerate(params):
        grads += [(f"grad.convlstm.input_kernel_l{k}", p["wx"].grad.numpy().astype(np.float32)),
                  (f"grad.convlstm.recurrent_kernel_l{k}", p["wh"].grad.numpy().astype(np.float32)),
                  (f"grad.convlstm.bias_l{k}", p["b"].grad.numpy().astype(np.float32)),
                  (f"grad.convlstm.peephole_l{k}", p["peep"].grad.numpy().astype(np.float32))]
    grads += [("grad.head.weight", hw.grad.numpy().astype(np.float32)[:, :, None, None]),
              ("grad.head.bias", hb.grad.numpy().astype(np.float32))]
    write_safetensors(os.path.join(OUT, "convlstm_grad.expected.safetensors"), grads,
                      {"model_file": "convlstm_grad.model.safetensors", "loss": "mean BCE with logits, every step",
                       "reference": "torch autograd float64"})
    print(f"convlstm_grad: loss {loss.item():.6f}")


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.startswith("convlstm_") and old.endswith(".safetensors"):
            os.remove(os.path.join(OUT, old))
    rng = np.random.default_rng(1506)
    # Odd square kernel, Keras layout.
    layer = make_layer(rng, 2, 3, 3, 3, 5, 6, False)
    write_case("convlstm_k3", [layer], rng.uniform(-1, 1, (5, 2, 5, 6)).astype(np.float32), None, keras=True)
    # Even, non-square kernel (2×4): padding 0 before / 1 after rows, 1 before / 2 after columns.
    layer = make_layer(rng, 1, 2, 2, 4, 4, 5, False, scale=0.8)
    write_case("convlstm_even", [layer], rng.uniform(-1, 1, (4, 1, 4, 5)).astype(np.float32), None, keras=True)
    # Peepholes and a 1×1 head, gatescope's own layout.
    layer = make_layer(rng, 2, 3, 3, 3, 4, 4, True)
    head = (rng.uniform(-1, 1, (2, 3)).astype(np.float32), rng.uniform(-0.5, 0.5, (2,)).astype(np.float32))
    write_case("convlstm_peephole", [layer], rng.uniform(-1, 1, (5, 2, 4, 4)).astype(np.float32), head, keras=False)
    # Two layers (3×3 then 2×2), Keras names conv_lst_m2d and conv_lst_m2d_1, a Conv2D 1×1 head.
    layers = [make_layer(rng, 1, 3, 3, 3, 5, 5, False), make_layer(rng, 3, 2, 2, 2, 5, 5, False)]
    head = (rng.uniform(-1, 1, (1, 2)).astype(np.float32), rng.uniform(-0.5, 0.5, (1,)).astype(np.float32))
    write_case("convlstm_2layer", layers, rng.uniform(0, 1, (4, 1, 5, 5)).astype(np.float32), head, keras=True)
    gradient_case()


if __name__ == "__main__":
    main()
