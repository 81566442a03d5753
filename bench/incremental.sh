#!/usr/bin/env bash
# A new month: a store holding every month of the synthetic national set but the last; the last
# month's files (every force) imported into it and every indicator table recomputed from it,
# timed; then checked against the tables computed from the files directly. See bench/README.md.
#
#   bench/incremental.sh [--tiny] [--runs N] [--data DIR] [--no-build]
#
# Environment: BUILD_DIR (default build), BENCH_DATA, BENCH_ROWS, BENCH_FORCES, BENCH_MONTHS,
# BENCH_RUNS, BENCH_SEED, as for bench/national.sh (the same data set is used). Exits non-zero
# if a run or the check fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

tiny=0
for a in "$@"; do [[ $a == --tiny ]] && tiny=1; done
if ((tiny)); then
    rows=20000 forces=3 months=50 runs=3 data=${BENCH_DATA:-/tmp/scrutineer-bench/tiny}
else
    rows=${BENCH_ROWS:-20000000} forces=${BENCH_FORCES:-40} months=${BENCH_MONTHS:-60}
    runs=${BENCH_RUNS:-9} data=${BENCH_DATA:-/tmp/scrutineer-bench/national}
fi
seed=${BENCH_SEED:-1} do_build=1

while (($#)); do
    case $1 in
        --tiny) shift ;;
        --runs) runs=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "incremental.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
((runs >= 1)) || { echo "incremental.sh: --runs must be at least 1" >&2; exit 2; }

source "$repo/bench/lib.sh"
bench_build incremental.sh "$do_build" scrutineer_cli gen_police_uk measure

# The data set of bench/national.sh (reused when already generated with these arguments).
"$gen" --out "$data" --forces "$forces" --months "$months" \
    --first-month 2020-01 --rows "$rows" --seed "$seed"
mapfile -t month_dirs < <(find "$data" -mindepth 1 -maxdepth 1 -type d -name '20*' | sort)
((${#month_dirs[@]} >= 2)) || { echo "incremental.sh: fewer than 2 months in $data" >&2; exit 1; }
new_month=${month_dirs[-1]}
earlier=("${month_dirs[@]:0:${#month_dirs[@]}-1}")
n_new=$(find "$new_month" -name '*-street.csv' | wc -l)
new_bytes=$(find "$new_month" -name '*-street.csv' -printf '%s\n' | awk '{ s += $1 } END { print s }')

out=$(dirname "$data")/out-incremental-$(basename "$data")
rm -rf "$out"
mkdir -p "$out"

# The store of every earlier month, made once per invocation (timed for the record).
find "$data" -name '*-street.csv' -print0 | xargs -0 cat >/dev/null
"$measure" --out "$out/base.txt" -- "$scrutineer" import --database "$out/base.db" \
    --areas from-data --police-uk "${earlier[@]}" --quiet 2>"$out/stderr.txt" ||
    { cat "$out/stderr.txt" >&2; exit 1; }
read -r base_s base_kb <"$out/base.txt"

# Timed runs: a fresh copy of the store each time, then import, then every table.
: >"$out/import.txt"
: >"$out/indicators.txt"
for ((r = 1; r <= runs; r++)); do
    rm -f "$out/run.db" "$out/run.db-wal" "$out/run.db-shm"
    cp "$out/base.db" "$out/run.db"
    cat "$new_month"/*-street.csv >/dev/null
    "$measure" --out "$out/m.txt" -- "$scrutineer" import --database "$out/run.db" \
        --areas from-data --police-uk "$new_month" --quiet 2>"$out/stderr.txt" ||
        { cat "$out/stderr.txt" >&2; exit 1; }
    cat "$out/m.txt" >>"$out/import.txt"
    "$measure" --out "$out/m.txt" -- "$scrutineer" indicators --database "$out/run.db" \
        --format csv -o "$out/from-store.csv" 2>"$out/stderr.txt" ||
        { cat "$out/stderr.txt" >&2; exit 1; }
    cat "$out/m.txt" >>"$out/indicators.txt"
done
paste -d' ' "$out/import.txt" "$out/indicators.txt" | awk '{ print $1 + $3, ($2 > $4 ? $2 : $4) }' \
    >"$out/total.txt"

echo
echo "a new month into a store of ${#earlier[@]} months: $n_new files, $((new_bytes / 1000000)) MB"
echo "(build: ${build_type:-?}, $(nproc) cores, $runs runs; the store of ${#earlier[@]} months was" \
    "made in $base_s s, peak RSS $((base_kb / 1024)) MB)"
printf '%-34s %9s %9s %12s\n' step "median s" "min s" "peak RSS MB"
for step in import indicators total; do
    read -r med min rss < <(median_min_peak "$out/$step.txt")
    case $step in
        import) label="scrutineer import (the new month)" ;;
        indicators) label="scrutineer indicators --database" ;;
        total) label="both" ;;
    esac
    printf '%-34s %9.3f %9.3f %12.1f\n' "$label" "$med" "$min" "$rss"
done
if ((!tiny)); then
    read -r med _ _ < <(median_min_peak "$out/total.txt")
    awk -v med="$med" 'BEGIN { printf "target (<= 0.3 s median for both): %s\n",
        med <= 0.3 ? "met" : "NOT met" }'
fi

# Check: the tables from the store are those computed from all the files directly. Area codes
# differ (the store gives found districts their GSS code or a slug, the files' run its own), so
# the code column is left out of the comparison.
echo
"$scrutineer" indicators --areas from-data --police-uk "$data" --format csv --quiet \
    -o "$out/from-files.csv"
if cmp -s <(cut -d, -f1,3- "$out/from-store.csv") <(cut -d, -f1,3- "$out/from-files.csv"); then
    echo "ok:   the store's tables after the new month equal the tables from all the files" \
        "($(($(wc -l <"$out/from-store.csv") - 1)) rows)"
else
    echo "FAIL: the store's tables differ from the files' (see $out/from-store.csv, from-files.csv)"
    diff <(cut -d, -f1,3- "$out/from-store.csv") <(cut -d, -f1,3- "$out/from-files.csv") | head
    exit 1
fi
