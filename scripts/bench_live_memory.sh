#!/bin/bash
# Memory over a long live session (docs/benchmarks.md, "live input"): LINES lines of `yes 0.5,0` piped
# into `gatescope explore --input -` under tmux (120×40), recording (r) from the start, resident memory
# sampled every 2 s; when the input has ended, r saves the recording, then Home (step 1), `:` to the
# middle step and End are each timed from the key to the screen showing the step (tmux capture-pane
# polled without pause, so the figure includes a capture's few ms), and q quits; /usr/bin/time -v
# gives the peak. Prints the samples, the jump times, the peak and what the recording holds.
#
#   scripts/bench_live_memory.sh [BINARY=.build/release/gatescope] [LINES=2000000] [MODEL=demos/adding/model.safetensors]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$root/.build/release/gatescope}")
lines=${2:-2000000}
model=$(realpath "${3:-$root/demos/adding/model.safetensors}")
work=$(mktemp -d)
sock="bench-live-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
  "yes 0.5,0 | head -n $lines | /usr/bin/time -v -o $work/time.txt $binary explore --model $model --input - --record-to $work/rec.safetensors; touch $work/done; sleep 60"
sleep 1
tmux -L "$sock" send-keys r
start=$(date +%s)
pid=""
while true; do
  sleep 2
  [ -n "$pid" ] || pid=$(pgrep -n -f "$binary explore --model $model --input -" || true)
  now=$(($(date +%s) - start))
  screen=$(tmux -L "$sock" capture-pane -p)
  step=$(grep -o 't=[0-9]*/[0-9]*' <<<"$screen" | head -1)
  [ -n "$pid" ] && echo "$now s  $step  RSS $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
  grep -q "input ended after" <<<"$screen" && break
  [ "$now" -gt 1800 ] && { echo "gave up after 30 min"; break; }
done
tmux -L "$sock" send-keys r
for _ in $(seq 1 600); do
  sleep 1
  tmux -L "$sock" capture-pane -p | grep -q "saved .* recorded steps" && break
done
tmux -L "$sock" capture-pane -p | grep -o "saved [0-9]* recorded steps[^│]*" | head -1
# Seconds from sending KEYS (tmux send-keys arguments) to the status line showing t=STEP/LINES.
time_jump() {
  local step=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  tmux -L "$sock" send-keys "$@"
  for _ in $(seq 1 20000); do
    tmux -L "$sock" capture-pane -p | grep -q "t=$step/$lines[^0-9]" && break
  done
  t1=$(date +%s%N)
  echo "jump to step $step of $lines ($*): $(( (t1 - t0) / 1000000 )) ms  RSS $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
}
time_jump 1 Home
time_jump 2 Right    # a plain step, for comparison: the key-to-screen time without a new window
time_jump $((lines / 2)) : $((lines / 2)) Enter
time_jump $lines End
time_jump 1 Home
tmux -L "$sock" send-keys q
for _ in $(seq 1 60); do [ -e "$work/done" ] && break; sleep 1; done
grep -E "Maximum resident|Elapsed|User time|System time" "$work/time.txt"
ls -l "$work"/rec*.safetensors
python3 - "$work/rec.safetensors" <<'EOF'
import sys
from safetensors import safe_open
with safe_open(sys.argv[1], "np") as f:
    names = sorted(f.keys())
    steps = {f.get_slice(n).get_shape()[0] for n in names}
    rows = f.get_slice("input").get_shape()[0]
    print(f"recording: {len(names)} tensors, {steps} rows each; last input row {f.get_slice('input')[rows - 1:rows]}")
EOF
