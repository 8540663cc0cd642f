#!/usr/bin/env python3
"""Record the gates of your own PyTorch model with gatescope: the example from docs/recording.md.

    python3 scripts/record_pytorch_example.py OUT_DIR [--gatescope PATH_TO_GATESCOPE]

Writes OUT_DIR/model.safetensors (the state_dict), OUT_DIR/input.npy (one sequence, T × X) and
OUT_DIR/torch_hidden.npy / torch_output.npy (what PyTorch computes, for checking). With --gatescope it
also runs `gatescope record` and checks that the trace's hidden states and head output equal PyTorch's.
ExportPyTorchRecordingTests runs this script when torch is importable.
"""
import os
import subprocess
import sys

import numpy as np
import torch
from safetensors.torch import save_file


class Tagger(torch.nn.Module):
    """A typical small model: an LSTM over feature vectors and a linear read-out per step."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(input_size=3, hidden_size=8, num_layers=2, batch_first=True)
        self.fc = torch.nn.Linear(8, 2)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.fc(h)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    gatescope = sys.argv[sys.argv.index("--gatescope") + 1] if "--gatescope" in sys.argv else None
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = Tagger().eval()          # your trained model here
    x = torch.randn(1, 40, 3)        # one input sequence, batch of 1

    # The two lines: save the weights and the input.
    save_file(model.state_dict(), os.path.join(out, "model.safetensors"))
    np.save(os.path.join(out, "input.npy"), x[0].numpy())

    with torch.no_grad():
        hidden = model.lstm(x)[0][0].numpy()
        output = model(x)[0].numpy()
    np.save(os.path.join(out, "torch_hidden.npy"), hidden)
    np.save(os.path.join(out, "torch_output.npy"), output)

    if gatescope:
        trace = os.path.join(out, "trace.safetensors")
        subprocess.run([gatescope, "record", "--model", os.path.join(out, "model.safetensors"),
                        "--input", os.path.join(out, "input.npy"), "--out", trace], check=True)
        from safetensors.numpy import load_file
        t = load_file(trace)
        assert np.abs(t["l1.hidden"] - hidden).max() < 1e-5, "hidden states differ from PyTorch"
        assert np.abs(t["output"] - output).max() < 1e-5, "head output differs from PyTorch"
        print("trace matches PyTorch:", trace)


if __name__ == "__main__":
    main()
