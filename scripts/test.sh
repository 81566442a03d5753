#!/usr/bin/env bash
# Runs every test: formatting, the release build's tests, the same tests under AddressSanitizer
# and UndefinedBehaviorSanitizer, and the national benchmark at a tiny size (to prove it runs;
# nothing here depends on timing).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== clang-format"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

echo "== release build and tests"
scripts/build.sh release
ctest --test-dir build --output-on-failure -j "$(nproc)"

echo "== ASan + UBSan build and tests"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"

echo "== benchmark smoke run (tiny)"
bash bench/national.sh --tiny
