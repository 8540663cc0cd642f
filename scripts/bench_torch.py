"""PyTorch anchors for docs/benchmarks.md: nn.LSTM/GRU/RNN whole-sequence forward, batch 1, one thread.

    python3 scripts/bench_torch.py

Prints µs per timestep, best of 7, for the sizes gatescope-bench core uses.
"""
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
for name, cls in [("LSTM", torch.nn.LSTM), ("GRU", torch.nn.GRU), ("RNN (tanh)", torch.nn.RNN)]:
    for x, h, steps in [(1, 8, 20000), (64, 128, 4000), (256, 512, 400)]:
        module = cls(x, h).eval()
        data = torch.randn(steps, 1, x)
        best = float("inf")
        with torch.no_grad():
            module(data)
            for _ in range(7):
                start = time.perf_counter()
                module(data)
                best = min(best, time.perf_counter() - start)
        print(f"  torch {name} {x}→{h}: {best / steps * 1e6:.2f} µs/step")
