#!/usr/bin/env bash
# The national benchmark: every indicator table for a synthetic 40 forces x 60 months police.uk
# set (20 M rows, ~4.4 GB), timed with all threads and with one, then checked against the
# generator's own counts. See bench/README.md.
#
#   bench/national.sh [--tiny] [--rows N] [--forces N] [--months N] [--first-month YYYY-MM]
#                     [--seed N] [--runs N] [--data DIR] [--no-build] [--regenerate]
#
# Environment: BUILD_DIR (default build, relative to the repository), BENCH_DATA (default
# /tmp/scrutineer-bench/national, or .../tiny with --tiny), BENCH_ROWS, BENCH_FORCES,
# BENCH_MONTHS, BENCH_RUNS, BENCH_SEED. Exits non-zero if a run fails or a check fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

tiny=0
for a in "$@"; do [[ $a == --tiny ]] && tiny=1; done
if ((tiny)); then
    # Seconds, for CI: enough rows for every crime type in every force and 50 months of
    # history (so the long-term averages are defined).
    rows=20000 forces=3 months=50 runs=3 data=${BENCH_DATA:-/tmp/scrutineer-bench/tiny}
else
    rows=${BENCH_ROWS:-20000000} forces=${BENCH_FORCES:-40} months=${BENCH_MONTHS:-60}
    runs=${BENCH_RUNS:-5} data=${BENCH_DATA:-/tmp/scrutineer-bench/national}
fi
first=2020-01 seed=${BENCH_SEED:-1} do_build=1 regen=()

while (($#)); do
    case $1 in
        --tiny) shift ;;
        --rows) rows=$2; shift 2 ;;
        --forces) forces=$2; shift 2 ;;
        --months) months=$2; shift 2 ;;
        --first-month) first=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --regenerate) regen=(--force); shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "national.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
((runs >= 1)) || { echo "national.sh: --runs must be at least 1" >&2; exit 2; }

# (a) Build. An existing build directory is used as configured; a new one is Release.
source "$repo/bench/lib.sh"
bench_build national.sh "$do_build" scrutineer_cli gen_police_uk measure

# (b) Data: reused when the generator's arguments are unchanged.
"$gen" --out "$data" --forces "$forces" --months "$months" \
    --first-month "$first" --rows "$rows" --seed "$seed" "${regen[@]}"
read -r n_files n_bytes < <(find "$data" -name '*-street.csv' -printf '%s\n' |
    awk '{ n++; s += $1 } END { printf "%d %.0f\n", n, s }')

# (c) Warm the page cache, so runs measure the program rather than the disk.
find "$data" -name '*-street.csv' -print0 | xargs -0 cat >/dev/null

# (d) Timed runs.
out=$(dirname "$data")/out-$(basename "$data")
mkdir -p "$out"
cores=$(nproc)
declare -A median minimum rss
for threads in all 1; do
    thread_args=()
    [[ $threads == all ]] || thread_args=(--threads "$threads")
    : >"$out/times-$threads.txt"
    for ((r = 1; r <= runs; r++)); do
        if ! "$measure" --out "$out/measure.txt" -- "$scrutineer" indicators --areas from-data \
            --police-uk "$data" "${thread_args[@]}" --format csv --quiet \
            -o "$out/indicators-$threads.csv" 2>"$out/stderr.txt"; then
            echo "national.sh: scrutineer failed (threads $threads, run $r):" >&2
            cat "$out/stderr.txt" >&2
            exit 1
        fi
        cat "$out/measure.txt" >>"$out/times-$threads.txt"
    done
    read -r "median[$threads]" "minimum[$threads]" "rss[$threads]" \
        < <(median_min_peak "$out/times-$threads.txt")
done

echo
echo "scrutineer indicators, all tables: $forces forces x $months months, $n_files files"
echo "(build: ${build_type:-?}, $cores cores, $runs runs each; rates use the median)"
printf '%-8s %10s %14s %9s %9s %12s %8s %12s\n' threads rows bytes "median s" "min s" rows/s MB/s \
    "peak RSS MB"
for threads in all 1; do
    label=$threads
    [[ $threads == all ]] && label="all ($cores)"
    awk -v l="$label" -v r="$rows" -v b="$n_bytes" -v med="${median[$threads]}" \
        -v min="${minimum[$threads]}" -v rss="${rss[$threads]}" 'BEGIN {
        printf "%-8s %10.0f %14.0f %9.3f %9.3f %12.0f %8.0f %12.1f\n",
               l, r, b, med, min, r / med, b / 1e6 / med, rss }'
done
echo "speed-up with $cores threads: $(awk -v a="${median[all]}" -v b="${median[1]}" \
    'BEGIN { printf "%.2fx", b / a }')"
if ((rows >= 20000000)); then
    awk -v med="${median[all]}" -v rss="${rss[all]}" 'BEGIN {
        ok = med <= 2.8 && rss <= 500
        printf "target (<= 2.8 s median wall, <= 500 MB peak RSS, all threads): %s\n",
               ok ? "met" : "NOT met" }'
fi

# Checks: the output is a whole indicator table and its counts are the generator's.
echo
fail=0
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then echo "ok:   $what"; else echo "FAIL: $what"; fail=1; fi
}
csv=$out/indicators-all.csv truth=$data/truth.tsv
header='level,area_code,area_name,indicator,period_end,last_12_months,long_term_average,difference,difference_unit,significance_z,status,lta_available_from,improvement,special_cause,assurance'
check "CSV header" test "$(head -n 1 "$csv")" = "$header"
force_lines=$(grep -c '^force,' "$csv" || true)
district_lines=$(grep -c '^district,' "$csv" || true)
check "$force_lines force rows (>= $((forces * 15))) and $district_lines district rows" \
    test "$force_lines" -ge $((forces * 15)) -a "$district_lines" -ge $((forces * 8 * 15))
check "--threads 1 gives the same CSV as all threads" cmp -s "$csv" "$out/indicators-1.csv"

# Last 12 months of every crime type and of All crime (every type but anti-social behaviour),
# for every force, against truth.tsv.
period_end=$(awk -F, '$1 == "force" { print $5; exit }' "$csv")
y=${period_end%-*} m=${period_end#*-}
k=$((10#$y * 12 + 10#$m - 1 - 11))
period_start=$(printf '%04d-%02d' $((k / 12)) $((k % 12 + 1)))
compare_l12() {
    awk -F'\t' -v from="$period_start" -v to="$period_end" -v csv="$csv" '
        FNR == 1 { next }
        $2 >= from && $2 <= to {
            want[$1 SUBSEP $3] += $4
            if ($3 != "Anti-social behaviour") want[$1 SUBSEP "All crime"] += $4
        }
        END {
            FS = ","
            while ((getline line < csv) > 0) {
                split(line, f, ",")
                if (f[1] != "force") continue
                key = f[3] SUBSEP f[4]
                if (!(key in want)) continue
                seen[key] = 1
                if (f[6] + 0 != want[key]) {
                    split(key, p, SUBSEP)
                    printf "  %s, %s: scrutineer %s, generated %.0f\n", p[1], p[2], f[6], want[key]
                    bad++
                }
            }
            for (key in want) if (!(key in seen)) {
                split(key, p, SUBSEP)
                printf "  %s, %s: missing from the CSV\n", p[1], p[2]
                bad++
            }
            exit (bad > 0)
        }' "$truth"
}
check "last 12 months ($period_start to $period_end) of every type and All crime, every force" \
    compare_l12

# The whole monthly All crime series of the largest force, from `scrutineer series`.
big=$(awk -F'\t' 'FNR > 1 { n[$1] += $4 } END { for (f in n) if (n[f] > m) { m = n[f]; b = f }
    print b }' "$truth")
"$scrutineer" series --areas from-data --police-uk "$data" --indicator "All crime" \
    --area "$big" --quiet >"$out/series.csv"
compare_series() {
    awk -F'\t' -v force="$big" -v series="$out/series.csv" '
        FNR > 1 && $1 == force && $3 != "Anti-social behaviour" { want[$2] += $4 }
        END {
            while ((getline line < series) > 0) {
                split(line, f, ",")
                if (f[1] == "month") continue
                got[f[1]] = f[2]
            }
            for (m in want) if (!(m in got) || got[m] + 0 != want[m]) {
                printf "  %s %s: scrutineer %s, generated %.0f\n", force, m, got[m], want[m]
                bad++
            }
            for (m in got) if (!(m in want)) { printf "  %s %s: not generated\n", force, m; bad++ }
            exit (bad > 0)
        }' "$truth"
}
check "monthly All crime series of $big ($months months)" compare_series

echo
if ((fail)); then
    echo "national.sh: checks FAILED (output in $out)" >&2
    exit 1
fi
echo "national.sh: all checks passed (output in $out)"
