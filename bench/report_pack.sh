#!/usr/bin/env bash
# The Norfolk report pack benchmark (bench_report_pack.cpp): builds it and prints the time to
# make the performance monitoring report for the force and its 7 districts, with charts, as
# HTML, PDF, DOCX and XLSX. --tiny: one short run of each, to prove it works (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench_report_pack -j "$(nproc)" >/dev/null
args=(--benchmark_repetitions=5 --benchmark_report_aggregates_only=true)
[ "${1:-}" = "--tiny" ] && args=(--benchmark_min_time=0.01)
"$build/bench/bench_report_pack" "${args[@]}"
