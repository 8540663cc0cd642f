"""Recomputes `gatescope units --json` from a trace with numpy, independently of gatescope.

Usage: python3 scripts/check_units_numpy.py TRACE UNITS.json [SERIES]
For every object: score = mean of the series at the token's steps − mean at the other steps, and
z = Welch's t (sample variances; a one-step group borrows the other group's variance; standard
error floored at 1e-6). Exits 1 and names the first object that differs (tolerance 1e-6 relative).
"""
import json, sys
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

trace, answer = sys.argv[1], sys.argv[2]
series = sys.argv[3] if len(sys.argv) > 3 else "hidden"
tensors = load_file(trace)
with safe_open(trace, "np") as f:
    vocab = json.loads(f.metadata()["vocab"])
tokens = tensors["tokens"].reshape(-1).astype(int)
objects = json.load(open(answer))
assert objects, "no objects"
for o in objects:
    key = f"l{o['layer'] - 1}{'_reverse' if o['direction'] == 'reverse' else ''}.{series}"
    x = tensors[key][:, o["unit"] - 1].astype(np.float64)
    inside = tokens == vocab.index(o["key"])
    a, b = x[inside], x[~inside]
    score = a.mean() - b.mean()
    va = a.var(ddof=1) if len(a) > 1 else None
    vb = b.var(ddof=1) if len(b) > 1 else None
    va = vb if va is None else va
    vb = va if vb is None else vb
    z = score / max(1e-6, np.sqrt(va / len(a) + vb / len(b)))
    for name, mine, theirs in [("score", score, o["score"]), ("z", z, o["z"])]:
        if abs(mine - theirs) > 1e-6 * max(1.0, abs(mine)):
            print(f"{name} differs for {o}: numpy {mine}")
            sys.exit(1)
    if int(inside.sum()) != o["count"]:
        print(f"count differs for {o}: numpy {int(inside.sum())}")
        sys.exit(1)
print(f"{len(objects)} objects agree")
