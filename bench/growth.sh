#!/usr/bin/env bash
# Growth: time and peak memory of every indicator table (`scrutineer indicators --areas
# from-data`) for synthetic national sets of 1, 5, 10 and 20 million rows (40 forces x 60
# months each), to show both grow linearly with rows. See bench/README.md.
#
#   bench/growth.sh [--tiny] [--rows "N N ..."] [--runs N] [--no-build]
#
# Environment: BUILD_DIR (default build), BENCH_RUNS (3), BENCH_SEED (1). Data sets go to
# /tmp/scrutineer-bench/growth-ROWS (the 20 M set is bench/national.sh's). Exits non-zero if a
# run fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

sizes="1000000 5000000 10000000 20000000" runs=${BENCH_RUNS:-3} forces=40 months=60 do_build=1
while (($#)); do
    case $1 in
        --tiny) sizes="20000 40000 80000" forces=3 months=50; shift ;;
        --rows) sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "growth.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
((runs >= 1)) || { echo "growth.sh: --runs must be at least 1" >&2; exit 2; }

source "$repo/bench/lib.sh"
bench_build growth.sh "$do_build" scrutineer_cli gen_police_uk measure
out=/tmp/scrutineer-bench/out-growth
mkdir -p "$out"

results=()
for rows in $sizes; do
    if ((rows == 20000000 && forces == 40 && months == 60)); then
        data=/tmp/scrutineer-bench/national
    else
        data=/tmp/scrutineer-bench/growth-$rows
    fi
    "$gen" --out "$data" --forces "$forces" --months "$months" \
        --first-month 2020-01 --rows "$rows" --seed "${BENCH_SEED:-1}" >/dev/null
    bytes=$(find "$data" -name '*-street.csv' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    find "$data" -name '*-street.csv' -print0 | xargs -0 cat >/dev/null
    : >"$out/times-$rows.txt"
    for ((r = 1; r <= runs; r++)); do
        "$measure" --out "$out/m.txt" -- "$scrutineer" indicators --areas from-data \
            --police-uk "$data" --format csv --quiet -o "$out/indicators-$rows.csv" \
            2>"$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }
        cat "$out/m.txt" >>"$out/times-$rows.txt"
    done
    read -r med _ rss < <(median_min_peak "$out/times-$rows.txt")
    results+=("$rows $bytes $med $rss")
done

echo
echo "every indicator table from $forces forces x $months months, by rows ($(nproc) cores," \
    "$runs runs each, median wall)"
printf '%12s %10s %9s %12s %14s %14s\n' rows MB "median s" "peak RSS MB" "s per M rows" \
    "MB RSS per M"
for line in "${results[@]}"; do
    read -r rows bytes med rss <<<"$line"
    awk -v r="$rows" -v b="$bytes" -v t="$med" -v m="$rss" 'BEGIN {
        printf "%12d %10.0f %9.3f %12.1f %14.3f %14.1f\n", r, b / 1e6, t, m, t / (r / 1e6),
               m / (r / 1e6) }'
done
# Linear fits (least squares) of time and memory on rows: the intercept is the fixed cost
# (starting the program, a month's tables), the slope the cost per million rows.
printf '%s\n' "${results[@]}" | awk '
    { x = $1 / 1e6; n++; sx += x; sxx += x * x; st += $3; sxt += x * $3; sm += $4; sxm += x * $4 }
    END {
        d = n * sxx - sx * sx
        if (n < 2 || d == 0) exit
        bt = (n * sxt - sx * st) / d; at = (st - bt * sx) / n
        bm = (n * sxm - sx * sm) / d; am = (sm - bm * sx) / n
        printf "fit: time = %.3f s + %.4f s per M rows; peak RSS = %.1f MB + %.2f MB per M rows\n",
               at, bt, am, bm
    }'
