#!/usr/bin/env python3
"""Fixtures for the teaching gradient-flow view: PyTorch autograd of one output y[T][k] with respect to
the hidden (and cell) state at every step, per layer and direction, on small random models.

Usage: python3 scripts/make_gradflow_fixtures.py   (needs torch and safetensors)
Writes Tests/GateCoreTests/Fixtures/gradflow_NAME.safetensors holding the weights in PyTorch's names
(rnn.weight_ih_l0, …, head.weight), `input` (T × X), and per layer/direction key K (l0, l0_reverse):
hidden_norms_K (T): ‖∂y/∂h_t‖; cell_norms_K (T, LSTM): ‖∂y/∂c_t‖; unit_grad_K (T × H): ∂y/∂c_t (LSTM) or
∂y/∂h_t (GRU, RNN); cell_path_K (T × H): Π f (LSTM) or Π z (GRU) between t and T (1 at t = T, 0 where t
cannot reach T). Metadata: cell, nonlinearity, num_layers, bidirectional, output_step, output_unit (0-based).
"""
import os
import torch
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "GateCoreTests", "Fixtures")
torch.set_default_dtype(torch.float64)


def step(cell, kind, x, h, c, wih, whh, bih, bhh):
    H = whh.shape[1]
    if kind == "lstm":
        z = wih @ x + bih + whh @ h + bhh
        i, f, g, o = torch.sigmoid(z[:H]), torch.sigmoid(z[H:2*H]), torch.tanh(z[2*H:3*H]), torch.sigmoid(z[3*H:])
        c = f * c + i * g
        return o * torch.tanh(c), c, f
    if kind == "gru":
        gi, gh = wih @ x + bih, whh @ h + bhh
        r = torch.sigmoid(gi[:H] + gh[:H]); u = torch.sigmoid(gi[H:2*H] + gh[H:2*H])
        n = torch.tanh(gi[2*H:] + r * gh[2*H:])
        return (1 - u) * n + u * h, None, u
    act = torch.relu if kind == "rnn_relu" else torch.tanh
    return act(wih @ x + bih + whh @ h + bhh), None, None


def make(name, kind, X, H, O, T, layers, bidir, out_step, out_unit, seed):
    torch.manual_seed(seed)
    mod = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}.get(kind, torch.nn.RNN)
    extra = {} if kind in ("lstm", "gru") else {"nonlinearity": "relu" if kind == "rnn_relu" else "tanh"}
    rnn = mod(X, H, num_layers=layers, bidirectional=bidir, **extra)
    with torch.no_grad():
        for p in rnn.parameters():
            p.mul_(2.0)  # larger weights: a visible spread of gradient magnitudes
            p.copy_(p.float().double())  # the file stores float32: compute with exactly those values
    head = torch.nn.Linear(H * (2 if bidir else 1), O)
    x = torch.randn(T, X).float().double()
    with torch.no_grad():
        head.weight.copy_(head.weight.float().double()); head.bias.copy_(head.bias.float().double())
    dirs = ["", "_reverse"] if bidir else [""]
    states = {}
    current = x
    for l in range(layers):
        outs = []
        for d, sfx in enumerate(dirs):
            w = [getattr(rnn, f"{n}_l{l}{sfx}") for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            h = torch.zeros(H); c = torch.zeros(H)
            hs, cs, gs = [None] * T, [None] * T, [None] * T
            order = range(T - 1, -1, -1) if d == 1 else range(T)
            for t in order:
                h, c, g = step(None, kind, current[t], h, c, *w)
                h.retain_grad()
                if c is not None: c.retain_grad()
                hs[t], cs[t], gs[t] = h, c, g
            states[f"l{l}{sfx}"] = (hs, cs, gs, d == 1)
            outs.append(torch.stack(hs))
        current = torch.cat(outs, dim=1)
    y = head(current)
    y[out_step, out_unit].backward()
    tensors = {"input": x.float().contiguous()}
    for n, p in rnn.named_parameters():
        tensors["rnn." + n] = p.detach().float().contiguous()
    tensors["head.weight"] = head.weight.detach().float().contiguous()
    tensors["head.bias"] = head.bias.detach().float().contiguous()
    for key, (hs, cs, gs, rev) in states.items():
        zero = torch.zeros(H)
        hg = [h.grad if h.grad is not None else zero for h in hs]
        tensors[f"hidden_norms_{key}"] = torch.stack([v.norm() for v in hg]).float()
        if kind == "lstm":
            cg = [c.grad if c.grad is not None else zero for c in cs]
            tensors[f"cell_norms_{key}"] = torch.stack([v.norm() for v in cg]).float()
            tensors[f"unit_grad_{key}"] = torch.stack(cg).float().contiguous()
        else:
            tensors[f"unit_grad_{key}"] = torch.stack(hg).float().contiguous()
        if kind in ("lstm", "gru"):
            path = torch.zeros(T, H)
            for t in range(T):
                reach = t >= out_step if rev else t <= out_step
                if not reach: continue
                ks = range(out_step, t) if rev else range(t + 1, out_step + 1)
                prod = torch.ones(H)
                for k in ks: prod = prod * gs[k].detach()
                path[t] = prod
            tensors[f"cell_path_{key}"] = path.float().contiguous()
    meta = {"cell": "rnn" if kind.startswith("rnn") else kind, "nonlinearity": "relu" if kind == "rnn_relu" else "tanh",
            "num_layers": str(layers), "bidirectional": "true" if bidir else "false",
            "output_step": str(out_step), "output_unit": str(out_unit)}
    save_file({k: v.contiguous() for k, v in tensors.items()}, os.path.join(OUT, f"gradflow_{name}.safetensors"), metadata=meta)
    print("wrote", name)


make("lstm", "lstm", 3, 5, 2, 14, 1, False, 11, 1, 1)
make("gru", "gru", 3, 5, 2, 14, 1, False, 11, 0, 2)
make("rnn", "rnn_tanh", 3, 5, 2, 14, 1, False, 11, 1, 3)
make("lstm_2layer_bidir", "lstm", 3, 4, 2, 10, 2, True, 6, 0, 4)
