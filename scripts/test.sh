#!/usr/bin/env bash
# Runs every test: formatting, the release build's tests, the same tests under AddressSanitizer
# and UndefinedBehaviorSanitizer (the browser test among them), the benchmarks at a tiny size (to
# prove they run; nothing here depends on timing), a short fuzzing run of every parser, and the
# reliability scripts at a tiny size. Ends with one line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

# Adds the counts from ctest's summary line ("100% tests passed, 0 tests failed out of 51").
count() {
  local line total bad
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -1)
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}

echo "== clang-format"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

echo "== release build and tests"
scripts/build.sh release
status=0
ctest --test-dir build --output-on-failure -j "$(nproc)" | tee "$log" || status=1
count

echo "== ASan + UBSan build and tests"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" | tee "$log" || status=1
count

echo "== benchmark smoke runs (tiny): national tables, a new month into a store, growth, side by"
echo "   side with DuckDB/SQLite/pandas, web under load, the report pack, asb check's many complaints"
for bench in "bench/national.sh --tiny" "bench/incremental.sh --tiny" "bench/growth.sh --tiny" \
  "bench/compare.sh --tiny" "bench/web_load.sh --tiny" "bench/report_pack.sh --tiny" \
  "bench/asb_check.sh --tiny --no-build"; do
  if bash $bench; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo "== fuzzing: every parser's target briefly (the long runs: docs/reliability.md)"
if bash scripts/fuzz.sh --seconds 10; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== reliability (tiny): SIGKILL during imports and web edits; mixed reads and writes under load;"
echo "   writes while imports run; a zip bomb's memory"
for check in "scripts/reliability/kill_import.sh --tiny build/scrutineer" \
  "bench/load_mixed.sh --tiny --no-build" \
  "scripts/reliability/import_while_writing.sh --tiny --no-build" \
  "scripts/reliability/hostile_upload.sh --tiny build/scrutineer"; do
  if bash $check; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo "tests: $passed passed, $failed failed"
exit $status
