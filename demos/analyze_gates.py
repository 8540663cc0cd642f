#!/usr/bin/env python3
"""Looks inside the shipped demo models to find the units their READMEs point at.

Usage: python3 demos/analyze_gates.py   (needs numpy and safetensors)
Runs each LSTM demo on its example input with a plain numpy LSTM (PyTorch's equations,
gate rows i, f, g, o) and prints, per demo, the unit and steps that tell its story.
"""
import csv, json, os, struct
import numpy as np
from safetensors.numpy import load_file

HERE = os.path.dirname(os.path.abspath(__file__))

def meta(path):
    with open(path, "rb") as fh:
        n = struct.unpack("<Q", fh.read(8))[0]
        return json.loads(fh.read(n))["__metadata__"]

def sig(x): return 1 / (1 + np.exp(-x))

def run(path, x):
    w = load_file(path)
    H = w["rnn.weight_hh_l0"].shape[1]
    h = np.zeros(H); c = np.zeros(H); out = {k: [] for k in "ifgoch"}
    for xt in x:
        z = w["rnn.weight_ih_l0"] @ xt + w["rnn.bias_ih_l0"] + w["rnn.weight_hh_l0"] @ h + w["rnn.bias_hh_l0"]
        i, f, g, o = sig(z[:H]), sig(z[H:2*H]), np.tanh(z[2*H:3*H]), sig(z[3*H:])
        c = f * c + i * g; h = o * np.tanh(c)
        for k, v in zip("ifgoch", (i, f, g, o, c, h)): out[k].append(v)
    return {k: np.array(v) for k, v in out.items()}, w

def tokens(path, text):
    vocab = json.loads(meta(path)["vocab"])
    ids = [vocab.index(ch) for ch in text]
    x = np.zeros((len(ids), len(vocab))); x[np.arange(len(ids)), ids] = 1
    return ids, x, vocab

def brackets():
    p = f"{HERE}/brackets/model.safetensors"; text = open(f"{HERE}/brackets/input.txt").read().strip()
    ids, x, _ = tokens(p, text); r, _ = run(p, x)
    depth = np.cumsum([1 if ch == "(" else -1 for ch in text])
    corr = [abs(np.corrcoef(r["c"][:, j], depth)[0, 1]) for j in range(r["c"].shape[1])]
    j = int(np.argmax(corr)); deepest = int(np.argmax(depth))
    print(f"brackets: unit {j + 1} (1-based) cell vs depth |r| = {corr[j]:.3f}; forget gate mean {r['f'][:, j].mean():.2f};"
          f" deepest step {deepest + 1} (depth {depth[deepest]}), c = {r['c'][deepest, j]:.2f}; c per depth:",
          {int(d): round(float(np.mean(r['c'][depth == d, j])), 2) for d in sorted(set(depth))})

def adding():
    p = f"{HERE}/adding/model.safetensors"
    rows = list(csv.reader(open(f"{HERE}/adding/input.csv")))[1:]
    x = np.array(rows, dtype=float); r, _ = run(p, x)
    marks = np.where(x[:, 1] > 0.5)[0]
    other = np.setdiff1d(np.arange(len(x)), marks)
    gap = r["i"][marks].mean(0) - r["i"][other].mean(0)
    j = int(np.argmax(gap))
    print(f"adding: markers at steps {[int(m) + 1 for m in marks]}; unit {j + 1}: input gate at markers "
          f"{np.round(r['i'][marks, j], 2).tolist()} vs elsewhere mean {r['i'][other, j].mean():.2f};"
          f" c before/after markers {r['c'][marks[0] - 1, j]:.2f} -> {r['c'][marks[0], j]:.2f} -> {r['c'][marks[1], j]:.2f}, final {r['c'][-1, j]:.2f};"
          f" sum = {x[marks, 0].sum():.3f}")

def temporal():
    p = f"{HERE}/temporal-order/model.safetensors"; text = open(f"{HERE}/temporal-order/input.txt").read().strip()
    ids, x, vocab = tokens(p, text); r, _ = run(p, x)
    rel = [t for t, ch in enumerate(text) if ch in "XY"]
    other = [t for t in range(len(text)) if t not in rel and 0 < t < len(text) - 1]
    gap = r["i"][rel].mean(0) - r["i"][other].mean(0)
    order = np.argsort(-gap)[:2]
    print(f"temporal-order: X/Y at steps {[t + 1 for t in rel]} ({''.join(text[t] for t in rel)}); units "
          f"{[int(j) + 1 for j in order]} input gate there {np.round(r['i'][rel][:, order], 2).tolist()} vs elsewhere "
          f"{np.round(r['i'][other][:, order].mean(0), 2).tolist()}; their c at the end {np.round(r['c'][-1, order], 2).tolist()}")

def reber():
    p = f"{HERE}/reber/model.safetensors"; text = open(f"{HERE}/reber/input.txt").read().strip()
    ids, x, vocab = tokens(p, text); r, _ = run(p, x)
    ends = [t for t in range(len(text) - 1) if text[t] == "E" and text[t + 1] == "B"]
    starts = [t + 1 for t in ends]  # the outer B after an end: its forget gate scales the old cell
    other = [t for t in range(1, len(text)) if t not in starts]
    drop = r["f"][other].mean(0) - r["f"][starts].mean(0)
    j = int(np.argmax(drop))
    branch = [t for t in range(len(text)) if t > 0 and text[t - 1] == "B" and (t < 2 or text[t - 2] in "E")] 
    print(f"reber: string starts (outer B) at steps {[t + 1 for t in starts]}; unit {j + 1} forget gate there "
          f"{np.round(r['f'][starts, j], 2).tolist()} vs elsewhere mean {r['f'][other, j].mean():.2f};"
          f" cell just before/after: {[(round(float(r['c'][t - 1, j]), 2), round(float(r['c'][t, j]), 2)) for t in starts]}")
    # the unit that remembers the branch: c at the inner E correlates with T vs P after B
    outer_b = [0] + starts
    br = [1 if text[t + 1] == "T" else -1 for t in outer_b]
    span = [(outer_b[k] + 1, (outer_b[k + 1] - 2) if k + 1 < len(outer_b) else len(text) - 2) for k in range(len(outer_b))]
    sep = [abs(np.mean([np.sign(b) * r["c"][a:e, u].mean() for b, (a, e) in zip(br, span)])) for u in range(r["c"].shape[1])]
    u = int(np.argmax(sep))
    print(f"reber: branch memory unit {u + 1}: mean c over each string by branch "
          f"{[(('T' if b > 0 else 'P'), round(float(r['c'][a:e, u].mean()), 2)) for b, (a, e) in zip(br, span)]}")

def text_demo():
    p = f"{HERE}/text/model.safetensors"; text = open(f"{HERE}/text/input.txt").read()
    ids, x, vocab = tokens(p, text); r, _ = run(p, x)
    inside = np.zeros(len(text)); q = False
    for t, ch in enumerate(text):
        if ch == '"': q = not q
        inside[t] = q
    space = np.array([ch in " \n" for ch in text], dtype=float)
    for name, target in (("inside quotes", inside), ("space/newline", space)):
        if target.std() == 0: continue
        corr = [np.corrcoef(r["c"][:, j], target)[0, 1] if r["c"][:, j].std() > 0 else 0 for j in range(r["c"].shape[1])]
        j = int(np.nanargmax(np.abs(corr)))
        print(f"text: {name}: unit {j + 1} cell r = {corr[j]:.2f}")

def sine():
    p = f"{HERE}/sine/model.safetensors"
    x = np.array(list(csv.reader(open(f"{HERE}/sine/input.csv")))[1:], dtype=float); r, _ = run(p, x)
    t = np.arange(len(x)); s, c = np.sin(t / 20), np.cos(t / 20)
    for name, target in (("sin", s), ("cos", c)):
        corr = [abs(np.corrcoef(r["h"][5:, j], target[5:])[0, 1]) for j in range(r["h"].shape[1])]
        j = int(np.argmax(corr)); print(f"sine: h most like {name}: unit {j + 1} |r| = {corr[j]:.2f}")

def series():
    p = f"{HERE}/series/model.safetensors"
    x = np.array(list(csv.reader(open(f"{HERE}/series/input.csv")))[1:], dtype=float); r, _ = run(p, x)
    corr = [abs(np.corrcoef(r["c"][:, j], x[:, 0])[0, 1]) for j in range(r["c"].shape[1])]
    j = int(np.argmax(corr))
    print(f"series: unit {j + 1} cell follows the input |r| = {corr[j]:.2f}; forget gate range {r['f'][:, j].min():.2f}-{r['f'][:, j].max():.2f}")

for fn in (brackets, adding, temporal, reber, sine, text_demo, series):
    fn()
