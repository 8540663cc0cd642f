"""A torch LSTM 8→32 and a long input, for trying long recordings and renders by hand and for the
measurements in docs/benchmarks.md ("render", "replay of a recording").

    python3 scripts/make_lstm_8x32.py OUT_DIR [--steps 10000]

Writes OUT_DIR/lstm.safetensors (the nn.LSTM state dict, torch.manual_seed(0)) and OUT_DIR/x.npy
(steps × 8 float32, a seeded normal draw).
"""
import argparse
import os

import numpy as np
import torch
from safetensors.torch import save_file

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--steps", type=int, default=10000)
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)
torch.manual_seed(0)
model = torch.nn.LSTM(8, 32, batch_first=True)
save_file({k: v.contiguous() for k, v in model.state_dict().items()}, os.path.join(args.out, "lstm.safetensors"))
np.save(os.path.join(args.out, "x.npy"), np.random.default_rng(0).standard_normal((args.steps, 8)).astype(np.float32))
