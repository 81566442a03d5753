#!/usr/bin/env bash
# Fuzzes the parsers that take outside input (fuzz/, docs/reliability.md) with libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [--seconds N] [--build DIR] [--no-build] [TARGET ...]
#
# Builds DIR (default build-fuzz) with clang, seeds each target's corpus from fuzz/seed_corpus.sh,
# and runs each target (default: all) for N seconds (default 60), one after another. The corpus
# each run grows is kept in DIR/corpus/<target> and is where the next run starts; an input that
# crashes is written to DIR/findings/<target>/ (copy it into fuzz/regressions/<target>/ once the
# bug is fixed: the ordinary test runs replay that folder). Prints a line per target and exits 1
# if any target found something. scripts/test.sh runs it briefly; the long runs are recorded in
# docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
build=build-fuzz
do_build=1
targets=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if ((${#targets[@]} == 0)); then
  for f in fuzz/*.cpp; do
    [ "$f" = fuzz/replay_main.cpp ] || targets+=("$(basename "$f" .cpp)")
  done
fi

if ((do_build)); then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    # -O1, as libFuzzer's documentation suggests with ASan; line tables are all a report needs
    # (and compile about a tenth faster than -O2 -g: CI builds this beside two other builds).
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
      -DSCRUTINEER_FUZZ=ON -DSCRUTINEER_BENCH=OFF >/dev/null
  fi
  cmake --build "$build" --target "${targets[@]/#/fuzz_}" -- -j"$(nproc)" >/dev/null
fi

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
fuzz/seed_corpus.sh "$seeds"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
found=0
printf '%-24s %6s %9s %8s %6s %7s %6s %8s\n' target "cpu s" runs exec/s cov corpus "rss MB" findings
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t findings=$build/findings/$t log=$build/logs/$t.log
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  before=$(find "$findings" -type f | wc -l)
  status=0
  TIMEFORMAT='%U %S'
  { time "$build/fuzz/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
    >"$log" 2>&1 || status=$?; } 2>"$log.cpu"
  cpu=$(awk '{ printf "%.0f", $1 + $2 }' "$log.cpu")
  after=$(find "$findings" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-24s %6s %9s %8s %6s %7s %6s %8s\n' "$t" "$cpu" "${runs:-?}" "${speed:-?}" "${cov:-?}" \
    "$(find "$corpus" -type f | wc -l)" "${rss:-?}" "$((after - before))"
  if ((status != 0 || after > before)); then
    found=1
    echo "  $t stopped with status $status; the log ($log) ends:"
    grep -E "ERROR|SUMMARY|fuzz check failed|uncaught|Test unit written" "$log" | head -8 | sed 's/^/    /'
  fi
done
exit $found
