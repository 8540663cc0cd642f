#!/usr/bin/env bash
# Builds and runs one libFuzzer target over the GateFormats IO parsers.
#
#   Fuzz/run.sh NAME [RUNS] [extra libFuzzer flags...]
#
# NAME is a directory under Fuzz/ (safetensors, npy, csv, trace-header, onnx, lesson, zip, torch). RUNS
# defaults to 1000000. The target is compiled with swiftc -sanitize=fuzzer,address together with
# the sources in Sources/GateFormats/IO (and GateCore's Matrix, which they use), so no SwiftPM
# changes are needed. A target whose directory holds a `modules` file (e.g. "GateCore GateFormats")
# is compiled with every source of those modules instead (their imports of each other removed;
# GateCore's C kernels are compiled with clang and ASan and linked in). Binaries and corpora live in .build-fuzz/ (ignored by git); crash
# inputs are written to .build-fuzz/NAME/artifacts/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:?usage: Fuzz/run.sh NAME [RUNS] [libFuzzer flags...]}"
runs="${2:-1000000}"
shift $(( $# >= 2 ? 2 : 1 ))
target_dir="$root/Fuzz/$name"
[[ -f "$target_dir/main.swift" ]] || { echo "no fuzz target $target_dir/main.swift" >&2; exit 2; }
work="$root/.build-fuzz/$name"
mkdir -p "$work/corpus" "$work/artifacts"
# Seed corpus: committed seeds and past crash inputs (regressions) for this target, if any.
for extra in seeds regressions; do
    if [[ -d "$target_dir/$extra" ]]; then cp -n "$target_dir/$extra/"* "$work/corpus/" 2>/dev/null || true; fi
done
binary="$work/fuzz-$name"
echo "building $binary" >&2
sources=("$root"/Sources/GateFormats/IO/*.swift "$root/Sources/GateCore/Matrix.swift")
# zlib (deflated zip members) and HDF5 (Keras files) come in through the CZlib and CHDF5 module maps.
extra=(-I "$root/Sources/CZlib" -lz -I "$root/Sources/CHDF5" -lhdf5_serial)
if [[ -f "$target_dir/modules" ]]; then
    read -r -a modules < "$target_dir/modules"
    staging="$work/sources"
    rm -rf "$staging"; mkdir -p "$staging"
    sources=()
    for module in "${modules[@]}"; do
        while IFS= read -r -d '' file; do
            copy="$staging/$module-$(echo "${file#"$root/Sources/$module/"}" | tr '/' '-')"
            # One module now: drop imports of the modules compiled together.
            grep -v -E "^import ($(IFS='|'; echo "${modules[*]}"))\$" "$file" > "$copy"
            sources+=("$copy")
        done < <(find "$root/Sources/$module" -name '*.swift' -print0 | sort -z)
    done
    if [[ " ${modules[*]} " == *" GateCore "* ]]; then
        printf 'module CGateKernels {\n    header "%s"\n    export *\n}\n' \
            "$root/Sources/CGateKernels/include/CGateKernels.h" > "$staging/module.modulemap"
        clang -O2 -g -fsanitize=address -fsanitize=fuzzer-no-link -I "$root/Sources/CGateKernels/include" \
            -c "$root/Sources/CGateKernels/kernels.c" -o "$work/kernels.o"
        extra+=(-Xcc "-fmodule-map-file=$staging/module.modulemap" -I "$staging" "$work/kernels.o")
    fi
fi
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
    -module-name GateFormatsFuzz \
    "$target_dir/main.swift" "${sources[@]}" "${extra[@]}" \
    -o "$binary" 2> >(grep -v "ld.gold: warning: Cannot export local symbol" >&2)
echo "running $runs executions" >&2
start=$(date +%s)
# The Swift runtime's own crash backtracer trips ASan (stack-buffer-underflow in
# CrashHandlerLinux.cpp) after a fatalError; libFuzzer's report is enough.
export SWIFT_BACKTRACE=enable=no
# HDF5 asks malloc for absurd sizes read from corrupt headers and handles the failure; ASan would
# abort on the request itself, so let it return NULL as the real allocator does.
if [[ "$name" == hdf5 ]]; then export ASAN_OPTIONS="allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"; fi
"$binary" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$@" "$work/corpus"
end=$(date +%s)
echo "fuzz target $name: $runs runs in $((end - start)) s" >&2
