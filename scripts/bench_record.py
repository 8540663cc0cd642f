"""Record speed, side by side in one run: `gatescope record` against the PyTorch and numpy routes a
user would write instead, on the same LSTM and the same input (docs/benchmarks.md, "record").

    python3 scripts/bench_record.py [--gatescope .build/release/gatescope] [--steps 20000] [--repeat 5]

Makes an LSTM 64→128 (torch.manual_seed(0), saved as a safetensors state dict) and a 20,000 × 64
float32 input (.npy), then runs each route as its own process `--repeat` times and keeps the fastest:
  gatescope  gatescope record --model M --input X --out T --timing
  pytorch    load the state dict, batch the input projection, loop the cell capturing every gate, save
  numpy      the same in numpy
Each route writes the same ten series per step (four pre-activations, four gates, cell, hidden) plus
the input, as safetensors. Prints the breakdown (start-up, read model + input, compute, write) and
the ratio of gatescope's total to the faster Python route's, and checks that the three traces agree.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

SERIES = ["input_gate", "forget_gate", "cell_candidate", "output_gate"]


def route(kind, model, inputs, out):
    """One Python route, timed from inside; prints its phases as JSON."""
    started = time.perf_counter()
    import numpy as np
    if kind == "pytorch":
        import torch
        from safetensors.torch import load_file, save_file
    else:
        from safetensors.numpy import load_file, save_file
    imported = time.perf_counter()

    weights = load_file(model)
    x = np.load(inputs)
    if kind == "pytorch":
        x = torch.from_numpy(x)
    read = time.perf_counter()

    w_ih, w_hh = weights["weight_ih_l0"], weights["weight_hh_l0"]
    bias = weights["bias_ih_l0"] + weights["bias_hh_l0"]
    steps, hidden = x.shape[0], w_hh.shape[1]
    if kind == "pytorch":
        with torch.no_grad():
            projected = x @ w_ih.T + bias
            pre = torch.empty(steps, 4 * hidden)
            act = torch.empty(steps, 4 * hidden)
            cells = torch.empty(steps, hidden)
            hiddens = torch.empty(steps, hidden)
            h = torch.zeros(hidden)
            c = torch.zeros(hidden)
            for t in range(steps):
                z = torch.addmv(projected[t], w_hh, h)
                pre[t] = z
                a = act[t]
                torch.sigmoid(z[:2 * hidden], out=a[:2 * hidden])
                torch.tanh(z[2 * hidden:3 * hidden], out=a[2 * hidden:3 * hidden])
                torch.sigmoid(z[3 * hidden:], out=a[3 * hidden:])
                c = a[hidden:2 * hidden] * c + a[:hidden] * a[2 * hidden:3 * hidden]
                h = a[3 * hidden:] * torch.tanh(c)
                cells[t] = c
                hiddens[t] = h
    else:
        def sigmoid(v):
            return 1.0 / (1.0 + np.exp(-v))
        projected = x @ w_ih.T + bias
        pre = np.empty((steps, 4 * hidden), np.float32)
        act = np.empty((steps, 4 * hidden), np.float32)
        cells = np.empty((steps, hidden), np.float32)
        hiddens = np.empty((steps, hidden), np.float32)
        h = np.zeros(hidden, np.float32)
        c = np.zeros(hidden, np.float32)
        for t in range(steps):
            z = projected[t] + w_hh @ h
            pre[t] = z
            a = act[t]
            a[:2 * hidden] = sigmoid(z[:2 * hidden])
            a[2 * hidden:3 * hidden] = np.tanh(z[2 * hidden:3 * hidden])
            a[3 * hidden:] = sigmoid(z[3 * hidden:])
            c = a[hidden:2 * hidden] * c + a[:hidden] * a[2 * hidden:3 * hidden]
            h = a[3 * hidden:] * np.tanh(c)
            cells[t] = c
            hiddens[t] = h
    computed = time.perf_counter()

    tensors = {"input": x, "l0.cell": cells, "l0.hidden": hiddens}
    for k, name in enumerate(SERIES):
        tensors["l0." + name + "_preactivation"] = pre[:, k * hidden:(k + 1) * hidden]
        tensors["l0." + name] = act[:, k * hidden:(k + 1) * hidden]
    if kind == "pytorch":
        tensors = {name: value.contiguous() for name, value in tensors.items()}
    else:
        tensors = {name: np.ascontiguousarray(value) for name, value in tensors.items()}
    save_file(tensors, out)
    written = time.perf_counter()
    print(json.dumps({"imports": imported - started, "read": read - imported,
                      "compute": computed - read, "write": written - computed}))


def timed(argv):
    """Runs argv; returns (wall seconds, stdout, stderr)."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_record.py: {' '.join(argv)} failed:\n{done.stderr}")
    return wall, done.stdout, done.stderr


def gatescope_phases(stderr):
    """The `timing:` line `record --timing` writes: read, compute, write in seconds."""
    for line in stderr.splitlines():
        if line.startswith("timing:"):
            fields = dict(part.split("=") for part in line[len("timing:"):].split())
            return {key: float(value.rstrip("s")) for key, value in fields.items()}
    sys.exit("bench_record.py: gatescope record --timing printed no timing line:\n" + stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gatescope", default=".build/release/gatescope")
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--route", nargs=4, metavar=("KIND", "MODEL", "INPUT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.route:
        route(*args.route)
        return

    import numpy as np
    import torch
    from safetensors.numpy import load_file
    from safetensors.torch import save_file

    work = tempfile.mkdtemp(prefix="bench-record-")
    model, inputs = os.path.join(work, "lstm.safetensors"), os.path.join(work, "x.npy")
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(64, 128)
    save_file({k: v.detach().contiguous() for k, v in lstm.state_dict().items()}, model)
    np.save(inputs, np.random.default_rng(0).standard_normal((args.steps, 64)).astype(np.float32))

    outs = {name: os.path.join(work, name + ".safetensors") for name in ["gatescope", "pytorch", "numpy"]}
    best = {}
    for _ in range(args.repeat):
        wall, _, err = timed([args.gatescope, "record", "--model", model, "--input", inputs,
                              "--out", outs["gatescope"], "--timing"])
        p = gatescope_phases(err)
        phases = {"start-up": wall - p["read"] - p["compute"] - p["write"], "read": p["read"],
                  "compute": p["compute"], "write": p["write"], "total": wall}
        if "gatescope" not in best or wall < best["gatescope"]["total"]:
            best["gatescope"] = phases
        for kind in ["pytorch", "numpy"]:
            wall, out, _ = timed([sys.executable, __file__, "--route", kind, model, inputs, outs[kind]])
            p = json.loads(out)
            phases = {"start-up": wall - p["read"] - p["compute"] - p["write"], "read": p["read"],
                      "compute": p["compute"], "write": p["write"], "total": wall}
            if kind not in best or wall < best[kind]["total"]:
                best[kind] = phases

    # The three traces hold the same numbers (float32 rounding apart).
    reference = load_file(outs["gatescope"])
    for kind in ["pytorch", "numpy"]:
        other = load_file(outs[kind])
        for name, value in other.items():
            worst = float(np.max(np.abs(reference[name] - value)))
            if worst > 1e-4:
                sys.exit(f"bench_record.py: {kind} disagrees with gatescope on {name} by {worst}")

    print(f"LSTM 64→128, {args.steps} steps, best of {args.repeat} "
          f"(trace {os.path.getsize(outs['gatescope']) / 1e6:.1f} MB); seconds:")
    print(f"  {'route':<10} {'start-up':>9} {'read':>7} {'compute':>8} {'write':>7} {'total':>7}")
    for name in ["gatescope", "pytorch", "numpy"]:
        b = best[name]
        print(f"  {name:<10} {b['start-up']:9.3f} {b['read']:7.3f} {b['compute']:8.3f} {b['write']:7.3f} {b['total']:7.3f}")
    faster = min(best["pytorch"]["total"], best["numpy"]["total"])
    print(f"  ratio gatescope / faster Python route = {best['gatescope']['total'] / faster:.3f} (goal ≤ 0.2)")
    print("  the three traces agree to 1e-4")
    for path in list(outs.values()) + [model, inputs]:
        os.remove(path)
    os.rmdir(work)


if __name__ == "__main__":
    main()
