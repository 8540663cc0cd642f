"""Explore a 1,000,000-step input through the real binary under tmux (docs/benchmarks.md, "explore on a
long input"): time to the first frame, time for End to show the last step, and peak resident memory.

    python3 scripts/bench_explore_long.py [--gatescope .build/release/gatescope] [--steps 1000000]
                                          [--repeat 3] [--models lstm,lstm-bi2,gru,rnn] [--keep DIR]

Makes the models with torch (torch.manual_seed(0), safetensors state dicts): LSTM 8→32, LSTM 8→32 with
2 bidirectional layers, GRU 8→32 and RNN tanh 8→32, and a steps × 8 float32 standard-normal input
(.npy, numpy seed 0). For each model, `--repeat` times:

    tmux new-session -d -x 120 -y 40 '/usr/bin/time -v -o TIME gatescope explore --model M --input X'

then polls `tmux capture-pane` every 5 ms: first frame = start until the status line shows
`t=1/<steps>` and the key line is drawn; End = from sending End until it shows `t=<steps>/<steps>`;
then q, and the peak resident set ("Maximum resident set size") from /usr/bin/time -v. Prints one line
per run and the worst of each figure per model.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def make_inputs(directory, steps, models):
    import numpy as np
    import torch
    from safetensors.torch import save_file

    def save(module, name):
        torch.manual_seed(0)
        save_file({k: v.contiguous() for k, v in module().state_dict().items()}, os.path.join(directory, name))

    makers = {
        "lstm": lambda: torch.nn.LSTM(8, 32),
        "lstm-bi2": lambda: torch.nn.LSTM(8, 32, num_layers=2, bidirectional=True),
        "gru": lambda: torch.nn.GRU(8, 32),
        "rnn": lambda: torch.nn.RNN(8, 32),
    }
    for name in models:
        save(makers[name], name + ".safetensors")
    rng = np.random.default_rng(0)
    np.save(os.path.join(directory, "x.npy"), rng.standard_normal((steps, 8)).astype(np.float32))


def screen(sock):
    return subprocess.run(["tmux", "-L", sock, "capture-pane", "-p"], capture_output=True, text=True).stdout


def wait_for(sock, pattern, limit=120.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        text = screen(sock)
        if re.search(pattern, text) and "q quit" in text:
            return time.perf_counter()
        time.sleep(0.005)
    raise SystemExit(f"timed out waiting for {pattern!r}; screen:\n{screen(sock)}")


def run_once(binary, directory, model, steps):
    sock = f"bench-explore-{os.getpid()}"
    timing = os.path.join(directory, "time.txt")
    done = os.path.join(directory, "done")
    for path in (timing, done):
        if os.path.exists(path):
            os.remove(path)
    command = (f"/usr/bin/time -v -o {timing} {binary} explore --model {os.path.join(directory, model + '.safetensors')} "
               f"--input {os.path.join(directory, 'x.npy')} 2>{os.path.join(directory, 'stderr.txt')}; touch {done}; sleep 30")
    total = f"{steps}"
    try:
        started = time.perf_counter()
        subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command], check=True)
        first = wait_for(sock, rf"t=1/{total}\b") - started
        sent = time.perf_counter()
        subprocess.run(["tmux", "-L", sock, "send-keys", "End"], check=True)
        end = wait_for(sock, rf"t={total}/{total}\b") - sent
        subprocess.run(["tmux", "-L", sock, "send-keys", "q"], check=True)
        limit = time.perf_counter() + 30
        while not os.path.exists(done) and time.perf_counter() < limit:
            time.sleep(0.02)
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    with open(timing) as f:
        peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1))
    return first, end, peak / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gatescope", default=".build/release/gatescope")
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--models", default="lstm,lstm-bi2,gru,rnn")
    parser.add_argument("--keep", help="make the inputs in (and keep) this directory")
    args = parser.parse_args()
    binary = os.path.abspath(args.gatescope)
    models = args.models.split(",")
    directory = args.keep or tempfile.mkdtemp(prefix="bench-explore-")
    os.makedirs(directory, exist_ok=True)
    make_inputs(directory, args.steps, models)
    print(f"{args.steps:,} steps × 8 features, 120×40 under tmux, {binary}")
    for model in models:
        runs = [run_once(binary, directory, model, args.steps) for _ in range(args.repeat)]
        for first, end, peak in runs:
            print(f"  {model:9s} first frame {first:6.3f} s   End → last step {end:6.3f} s   peak RSS {peak:6.1f} MB")
        print(f"{model:9s} worst of {len(runs)}: first frame {max(r[0] for r in runs):.3f} s, "
              f"End {max(r[1] for r in runs):.3f} s, peak RSS {max(r[2] for r in runs):.1f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
