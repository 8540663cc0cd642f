#!/usr/bin/env bash
# Builds the tests under AddressSanitizer (.build-asan) or UndefinedBehaviorSanitizer (.build-ubsan) and runs them,
# the end-to-end tests included (they run that build's gatescope, so its reports count too).
# Usage: scripts/sanitizers.sh address|undefined [swift test arguments, e.g. --filter GateCoreTests]
# swiftc refuses -sanitize=undefined on Linux, so UBSan instruments the C code (CGateKernels) through clang
# (-Xcc) and links clang's UBSan runtime; Swift code traps on overflow by itself. Any sanitizer report — from the
# test process or from a gatescope it started (they are written to files under a fresh log directory) — fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/sanitizers.sh address|undefined [swift test arguments]}
shift
case $kind in
  address) flags=(--sanitize=address --scratch-path .build-asan) ;;
  undefined) flags=(--scratch-path .build-ubsan -Xcc -fsanitize=undefined
                    -Xswiftc -Xclang-linker -Xswiftc -fsanitize=undefined) ;;
  *) echo "error: sanitizer '$kind' is not one of address, undefined" >&2; exit 2 ;;
esac
swift build --build-tests "${flags[@]}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# detect_leaks=0: libhdf5 and Foundation are not instrumented and leak small blocks on some error paths.
# allocator_may_return_null=1: libhdf5 asks for petabytes on a damaged Keras file and copes with NULL
# (docs/fuzzing.md). log_path: reports from every process, the gatescope runs under tmux included.
status=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}:log_path=$logs/asan \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}:log_path=$logs/ubsan \
  SWIFT_BACKTRACE=enable=no swift test --skip-build "${flags[@]}" "$@" 2>&1 | tee "$logs/test.log" || status=$?
# Only errors count: with allocator_may_return_null=1 ASan also logs a WARNING for each refused huge allocation.
reports=$(grep -l -E 'ERROR: |runtime error:' "$logs"/asan.* "$logs"/ubsan.* 2>/dev/null || true)
if [ -n "$reports" ] || grep -E 'runtime error:|ERROR: AddressSanitizer' "$logs/test.log" >/dev/null; then
  for report in $reports; do echo "== $report"; cat "$report"; done
  echo "sanitizers.sh: the $kind sanitizer reported errors (above)" >&2
  exit 1
fi
exit "$status"
