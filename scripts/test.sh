#!/usr/bin/env bash
# The test command named in the README: builds everything (zero warnings) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
swift build --build-tests 2>&1 | tee "$log"
if grep -E 'warning:' "$log" | grep -v 'prohibited flag' >/dev/null; then
  echo "test.sh: the build has warnings; gatescope keeps zero" >&2
  grep -E 'warning:' "$log" | sort -u >&2
  exit 1
fi
swift test --skip-build "$@"
