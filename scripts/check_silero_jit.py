#!/usr/bin/env python3
"""Checks gatescope on silero-vad's own TorchScript file (silero_vad.jit from the silero-vad wheel).

The model's recurrent part is an nn.LSTMCell(128, 128) at `_model.decoder.rnn` (16 kHz) and
`_model_8k.decoder.rnn` (8 kHz). This script feeds both the same random sequence (T=64, 128 features) step
by step through torch's LSTMCell loaded from the .jit, records the same input with gatescope, and prints the
largest difference of the hidden and cell states.

    pip download silero-vad --no-deps -d /tmp/sv && (cd /tmp/sv && unzip -o -q silero_vad-*.whl)
    swift build --product gatescope
    python3 scripts/check_silero_jit.py /tmp/sv/silero_vad/data/silero_vad.jit
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors.numpy import load_file

jit = sys.argv[1]
gatescope = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "debug", "gatescope")
model = torch.jit.load(jit)
state = model.state_dict()
x = np.random.default_rng(0).uniform(-1, 1, (64, 128)).astype(np.float32)
with tempfile.TemporaryDirectory() as tmp:
    np.save(os.path.join(tmp, "x.npy"), x)
    for prefix in ["_model.decoder.rnn", "_model_8k.decoder.rnn"]:
        cell = torch.nn.LSTMCell(128, 128)
        cell.load_state_dict({k: state[f"{prefix}.{k}"] for k in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]})
        h = torch.zeros(1, 128)
        c = torch.zeros(1, 128)
        hs, cs = [], []
        with torch.no_grad():
            for t in range(x.shape[0]):
                h, c = cell(torch.from_numpy(x[t:t + 1]), (h, c))
                hs.append(h[0].numpy())
                cs.append(c[0].numpy())
        out = os.path.join(tmp, "trace.safetensors")
        subprocess.run([gatescope, "record", "--model", jit, "--prefix", prefix, "--input",
                        os.path.join(tmp, "x.npy"), "--out", out], check=True)
        trace = load_file(out)
        dh = np.abs(trace["l0.hidden"] - np.stack(hs)).max()
        dc = np.abs(trace["l0.cell"] - np.stack(cs)).max()
        print(f"{prefix}: max |hidden - torch| = {dh:.2e}, max |cell - torch| = {dc:.2e} over {x.shape[0]} steps")
        assert dh < 1e-5 and dc < 1e-5
