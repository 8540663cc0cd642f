#!/usr/bin/env bash
# Retrains every shipped demo model with the exact commands listed in each demo's README.
# Usage: demos/make_demos.sh [path/to/gatescope]   (default: a release build in .build-train)
# Prints one line per model: name, seconds, and the held-out metric. Same seeds => same files.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-.build-train/release/gatescope}
[ -x "$B" ] || { echo "build first: swift build -c release --scratch-path .build-train" >&2; exit 1; }

train() {  # train NAME OUTPUT EXAMPLE ARGS...
  local name=$1 out=$2 example=$3; shift 3
  local start end
  start=$(date +%s.%N)
  local log
  log=$("$B" train "$@" --out "demos/$out" ${example:+--example-out "demos/$example"} --quiet)
  end=$(date +%s.%N)
  printf '%s\t%.1f s\t%s\n' "$name" "$(echo "$end - $start" | bc)" "$(echo "$log" | grep '^held-out' | sed 's/ — .*//')"
}

train brackets        brackets/model.safetensors        brackets/input.txt        brackets
train brackets-gru    brackets/model-gru.safetensors    ""                        brackets --cell gru
train brackets-rnn    brackets/model-rnn.safetensors    ""                        brackets --cell rnn
train adding          adding/model.safetensors          adding/input.csv          adding
train adding-gru      adding/model-gru.safetensors      ""                        adding --cell gru
train adding-rnn      adding/model-rnn.safetensors      ""                        adding --cell rnn
train temporal-order  temporal-order/model.safetensors  temporal-order/input.txt  temporal-order
train reber           reber/model.safetensors           reber/input.txt           reber
train reber-gru       reber/model-gru.safetensors       ""                        reber --cell gru
train sine            sine/model.safetensors            sine/input.csv            sine
train text            text/model.safetensors            text/input.txt            text --data demos/text/pride-and-prejudice-ch1-3.txt
train series          series/model.safetensors          series/input.csv          series --data demos/series/sunspots.csv
train brackets-stacked brackets-stacked/model.safetensors ""                        brackets --layers 2
