"""Explore a 1,000,000-step input through the real binary under tmux (docs/benchmarks.md, "explore on a
long input"): time to the first frame, time for End to show the last step, and peak resident memory.

    python3 scripts/bench_explore_long.py [--gatescope .build/release/gatescope] [--steps 1000000]
                                          [--repeat 3] [--models lstm,lstm-bi2,gru,rnn] [--keep DIR]
                                          [--flags=--present] [--edit c] [--edit-at start]

Makes the models with torch (torch.manual_seed(0), safetensors state dicts): LSTM 8→32, GRU 8→32,
RNN tanh 8→32, a bidirectional LSTM 8→32 and one with 2 bidirectional layers, and a steps × 8 float32 standard-normal input
(.npy, numpy seed 0). For each model, `--repeat` times:

    tmux new-session -d -x 120 -y 40 '/usr/bin/time -v -o TIME gatescope explore --model M --input X'

then polls `tmux capture-pane` every 5 ms: first frame = start until the status line shows
`t=1/<steps>` and the key line is drawn; with --reverse (bidirectional models), `d` then shows the
reverse direction and "reverse ready" = start until its values are drawn (no "its rows show ×" note:
its checkpoints fill in the background), and `d` goes back; End = from sending End until it shows
`t=<steps>/<steps>` (the layer shown); with --reverse and 2 layers, `]` then shows layer 2 and
"End → layer 2 drawn" = from End until its values are drawn;
then q, and the peak resident set ("Maximum resident set size") and the CPU time (user + system) from
/usr/bin/time -v. Prints one line per run, and the best and worst per model.

`--flags` adds options to the explore command (e.g. "--present", "--quiz": the teaching tools); the
presenter's title line (`t = 1 / <steps>`) counts as the frame there. `--edit KEYS` then also times a
what-if edit at the last step: from sending the keys (e.g. `c`, a clamp) until the edit's message shows;
with `--edit-at start` the edit is made at the first step instead, before End (which then computes the
whole edited run, lazily, to reach the last step).
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
        "lstm-bi": lambda: torch.nn.LSTM(8, 32, bidirectional=True),
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


def wait_for(sock, pattern, limit=120.0, ready="q quit", absent=None):
    start = time.perf_counter()
    seen = None
    while time.perf_counter() - start < limit:
        text = screen(sock)
        if re.search(pattern, text) and ready in text and not (absent and absent in text):
            # With `absent`, the screen must say so twice 30 ms apart (not a capture between two draws).
            if not absent or (seen and time.perf_counter() - seen >= 0.03):
                return seen or time.perf_counter()
            seen = seen or time.perf_counter()
        else:
            seen = None
        time.sleep(0.005)
    raise SystemExit(f"timed out waiting for {pattern!r}; screen:\n{screen(sock)}")


def run_once(binary, directory, model, steps, number, flags="", edit=None, edit_at="end", reverse=False):
    sock = f"bench-explore-{os.getpid()}-{number}"
    timing = os.path.join(directory, "time.txt")
    done = os.path.join(directory, "done")
    for path in (timing, done):
        if os.path.exists(path):
            os.remove(path)
    command = (f"/usr/bin/time -v -o {timing} {binary} explore --model {os.path.join(directory, model + '.safetensors')} "
               f"--input {os.path.join(directory, 'x.npy')} {flags} 2>{os.path.join(directory, 'stderr.txt')}; touch {done}; sleep 30")
    total = f"{steps}"
    # The presenter draws its own title line ("t = 1 / N · UNIT 1") instead of the status and key lines.
    ready = "UNIT" if "--present" in flags else "q quit"
    edited = ready_reverse = top = None
    try:
        started = time.perf_counter()
        subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command], check=True)
        first = wait_for(sock, rf"t ?= ?1 ?/ ?{total}\b", ready=ready) - started
        if reverse:
            subprocess.run(["tmux", "-L", sock, "send-keys", "d"], check=True)
            ready_reverse = wait_for(sock, r"← reverse", absent="its rows show ×") - started
            subprocess.run(["tmux", "-L", sock, "send-keys", "d"], check=True)
            wait_for(sock, r"→ forward")
        if edit and edit_at == "start":
            sent = time.perf_counter()
            subprocess.run(["tmux", "-L", sock, "send-keys", edit], check=True)
            edited = wait_for(sock, r"u undoes", ready=ready) - sent
        sent = time.perf_counter()
        subprocess.run(["tmux", "-L", sock, "send-keys", "End"], check=True)
        end = wait_for(sock, rf"t ?= ?{total} ?/ ?{total}\b", ready=ready) - sent
        if reverse and re.search(r"layer 1/2", screen(sock)):
            subprocess.run(["tmux", "-L", sock, "send-keys", "]"], check=True)
            top = wait_for(sock, r"layer 2/2", absent="its rows show ×") - sent
        if edit and edit_at == "end":
            sent = time.perf_counter()
            subprocess.run(["tmux", "-L", sock, "send-keys", edit], check=True)
            edited = wait_for(sock, r"u undoes", ready=ready) - sent
        subprocess.run(["tmux", "-L", sock, "send-keys", "q"], check=True)
        limit = time.perf_counter() + 30
        while not os.path.exists(done) and time.perf_counter() < limit:
            time.sleep(0.02)
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    with open(timing) as f:
        report = f.read()
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", report).group(1)) for kind in ("User", "System"))
    return first, end, peak / 1024, cpu, edited, ready_reverse, top


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gatescope", default=".build/release/gatescope")
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--models", default="lstm,gru,rnn,lstm-bi,lstm-bi2")
    parser.add_argument("--keep", help="make the inputs in (and keep) this directory")
    parser.add_argument("--flags", default="", help='more explore options, e.g. "--present"')
    parser.add_argument("--edit", help="keys of a what-if edit to time at the last step, e.g. c")
    parser.add_argument("--edit-at", choices=["start", "end"], default="end", help="make the edit at the first step, before End")
    parser.add_argument("--reverse", action="store_true", help="also time until the reverse direction is drawn (bidirectional models)")
    args = parser.parse_args()
    binary = os.path.abspath(args.gatescope)
    models = args.models.split(",")
    directory = args.keep or tempfile.mkdtemp(prefix="bench-explore-")
    os.makedirs(directory, exist_ok=True)
    make_inputs(directory, args.steps, models)
    print(f"{args.steps:,} steps × 8 features, 120×40 under tmux, {binary} {args.flags}".rstrip())
    for model in models:
        runs = [run_once(binary, directory, model, args.steps, n, args.flags, args.edit, args.edit_at, args.reverse)
                for n in range(args.repeat)]
        for first, end, peak, cpu, edited, ready, top in runs:
            edit = f"   edit '{args.edit}' at the {args.edit_at} shown {edited:6.3f} s" if edited is not None else ""
            edit += f"   reverse ready {ready:6.3f} s" if ready is not None else ""
            edit += f"   End → layer 2 drawn {top:6.3f} s" if top is not None else ""
            print(f"  {model:9s} first frame {first:6.3f} s   End → last step {end:6.3f} s{edit}   peak RSS {peak:6.1f} MB"
                  f"   CPU (user+sys, whole session) {cpu:6.2f} s")
        print(f"{model:9s} best/worst of {len(runs)}: first frame {min(r[0] for r in runs):.3f}/{max(r[0] for r in runs):.3f} s, "
              f"End {min(r[1] for r in runs):.3f}/{max(r[1] for r in runs):.3f} s, peak RSS {max(r[2] for r in runs):.1f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
