"""gatescope train against the equivalent PyTorch training loop, same model, data and step count.

    python3 scripts/bench_train.py [--binary .build/release/gatescope] [--hidden 64 256] [--steps 200] [--repeats 3]

For each hidden size: runs `gatescope train text --hidden H --steps N` as a whole process (start-up,
data loading, training, held-out evaluation and the file write all included) and the PyTorch loop on the
same text (one-hot input, nn.LSTM + nn.Linear, cross-entropy, Adam, clip_grad_norm_, one thread), timing
only the loop (import, model construction and data preparation excluded). Runs alternate, best of
--repeats each; prints wall-clock and CPU time (CPU time is steadier on a loaded machine) and the ratio
gatescope / PyTorch (≤ 1.0 means gatescope's whole run is no slower than PyTorch's loop alone).
"""
import argparse
import os
import resource
import subprocess
import tempfile
import time

import torch

DATA = "demos/text/pride-and-prejudice-ch1-3.txt"
BATCH, LENGTH, LR, CLIP = 8, 64, 0.005, 5.0  # the text task's defaults (TextTask.defaults)


def gatescope_run(binary, hidden, steps):
    """Wall and CPU seconds of one whole `gatescope train` process."""
    with tempfile.TemporaryDirectory() as folder:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binary, "train", "text", "--data", DATA, "--hidden", str(hidden), "--steps", str(steps),
                        "--quiet", "--out", os.path.join(folder, "m.safetensors")], check=True,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def torch_run(ids, vocabulary, hidden, steps, seed):
    """Wall and CPU seconds of the PyTorch training loop alone."""
    torch.manual_seed(seed)
    lstm, head = torch.nn.LSTM(vocabulary, hidden), torch.nn.Linear(hidden, vocabulary)
    parameters = list(lstm.parameters()) + list(head.parameters())
    optimizer = torch.optim.Adam(parameters, lr=LR)
    split = len(ids) - len(ids) // 10
    data = torch.tensor(ids)
    starts = torch.randint(0, split - LENGTH - 1, (steps, BATCH))
    eye = torch.eye(vocabulary)
    start, cpu = time.perf_counter(), time.process_time()
    for step in range(steps):
        index = starts[step].unsqueeze(0) + torch.arange(LENGTH).unsqueeze(1)  # LENGTH × BATCH
        x = eye[data[index]]
        target = data[index + 1]
        optimizer.zero_grad()
        outputs, _ = lstm(x)
        loss = torch.nn.functional.cross_entropy(head(outputs).reshape(-1, vocabulary), target.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, CLIP)
        optimizer.step()
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/gatescope")
    parser.add_argument("--hidden", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    text = open(DATA, encoding="utf-8").read()
    vocabulary = sorted(set(text))
    index = {c: i for i, c in enumerate(vocabulary)}
    ids = [index[c] for c in text]
    print(f"text task: {len(text)} characters, vocabulary {len(vocabulary)}, batch {BATCH} × {LENGTH} steps, "
          f"{args.steps} optimizer steps, best of {args.repeats}")
    for hidden in args.hidden:
        ours, theirs = [], []
        for repeat in range(args.repeats):
            ours.append(gatescope_run(args.binary, hidden, args.steps))
            theirs.append(torch_run(ids, len(vocabulary), hidden, args.steps, repeat))
        wall, cpu = min(w for w, _ in ours), min(c for _, c in ours)
        twall, tcpu = min(w for w, _ in theirs), min(c for _, c in theirs)
        print(f"LSTM {len(vocabulary)}→{hidden}: gatescope whole run {wall:.2f} s wall / {cpu:.2f} s CPU; "
              f"PyTorch loop {twall:.2f} s wall / {tcpu:.2f} s CPU; "
              f"ratio {wall / twall:.2f} wall, {cpu / tcpu:.2f} CPU")


if __name__ == "__main__":
    main()
