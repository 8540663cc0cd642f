#!/usr/bin/env bash
# Builds the tests under AddressSanitizer (.build-asan) or UndefinedBehaviorSanitizer (.build-ubsan) and runs them.
# Usage: scripts/sanitizers.sh address|undefined [swift test arguments, e.g. --filter GateCoreTests]
# swiftc refuses -sanitize=undefined on Linux, so UBSan instruments the C code (CGateKernels) through clang
# (-Xcc) and links clang's UBSan runtime; Swift code traps on overflow by itself. Any "runtime error:" fails the run.
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
log=$(mktemp)
# libhdf5 and Foundation are not instrumented and leak small blocks on some error paths.
status=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
  SWIFT_BACKTRACE=enable=no swift test --skip-build "${flags[@]}" "$@" 2>&1 | tee "$log" || status=$?
if grep -E 'runtime error:|ERROR: AddressSanitizer' "$log" >/dev/null; then
  echo "sanitizers.sh: the $kind sanitizer reported errors (above)" >&2
  exit 1
fi
exit "$status"
