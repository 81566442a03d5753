#!/usr/bin/env bash
# Side by side: the task of `scrutineer indicators --areas from-data` -- count police.uk
# street-level rows per force / district x crime type x month, then Last 12 months, Long Term
# Average and Difference for every force and district -- done by scrutineer, DuckDB, SQLite and
# pandas. Each tool's output is first checked equal to scrutineer's, then every tool is timed in
# alternating rounds. See bench/README.md and docs/performance.md.
#
#   bench/compare.sh [--tiny] [--rows N] [--forces N] [--months N] [--runs N]
#                    [--tools scrutineer,duckdb,sqlite,pandas] [--data DIR] [--no-build]
#
# Environment: BUILD_DIR (default build, relative to the repository), BENCH_DATA (default
# /tmp/scrutineer-bench/national, .../tiny with --tiny), BENCH_ROWS, BENCH_FORCES, BENCH_MONTHS,
# BENCH_RUNS, BENCH_SEED, BENCH_TOOLS, DUCKDB_NODE_DIR (default /tmp/scrutineer-bench/duckdb).
# Exits non-zero if a run or a check fails; the timings are printed, never enforced.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/bench/compare
bench_root=/tmp/scrutineer-bench

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "compare.sh: $*" >&2; exit 1; }

tiny=0
for a in "$@"; do [[ $a == --tiny ]] && tiny=1; done
if ((tiny)); then
    # The set of `bench/national.sh --tiny` (same generator arguments, so it is reused).
    rows=20000 forces=3 months=50 runs=3 data=${BENCH_DATA:-}
else
    rows=${BENCH_ROWS:-20000000} forces=${BENCH_FORCES:-40} months=${BENCH_MONTHS:-60}
    runs=${BENCH_RUNS:-3} data=${BENCH_DATA:-}
fi
first=2020-01 seed=${BENCH_SEED:-1} do_build=1
tools_arg=${BENCH_TOOLS:-scrutineer,duckdb,sqlite,pandas}

while (($#)); do
    case $1 in
        --tiny) shift ;;
        --rows) rows=$2; shift 2 ;;
        --forces) forces=$2; shift 2 ;;
        --months) months=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --tools) tools_arg=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
((runs >= 1)) || { echo "compare.sh: --runs must be at least 1" >&2; exit 2; }
if [[ -z $data ]]; then
    # The generator replaces a directory's files when its arguments change: a size other than
    # the national or tiny set gets a directory of its own rather than overwriting those.
    if ((tiny)); then
        data=$bench_root/tiny
    elif [[ $rows/$forces/$months == 20000000/40/60 ]]; then
        data=$bench_root/national
    else
        data=$bench_root/compare-${forces}x${months}x${rows}
    fi
fi
data=${data%/}

IFS=, read -r -a tools <<<"$tools_arg"
((${#tools[@]})) || { echo "compare.sh: --tools is empty" >&2; exit 2; }
for t in "${tools[@]}"; do
    case $t in
        scrutineer | duckdb | sqlite | pandas) ;;
        *) echo "compare.sh: unknown tool '$t' (scrutineer, duckdb, sqlite, pandas)" >&2; exit 2 ;;
    esac
done
# scrutineer's output is what the others are checked against: it always runs for the checks.
checked=(scrutineer)
for t in "${tools[@]}"; do [[ $t == scrutineer ]] || checked+=("$t"); done

# (a) Build scrutineer, the generator and measure, as national.sh does.
source "$repo/bench/lib.sh"
bench_build compare.sh "$do_build" scrutineer_cli gen_police_uk measure

# (b) The other tools. DuckDB is installed by this script, with `npm ci` from the committed
# lock file, into a directory of its own (once: reused while the lock file is unchanged).
declare -A version
for t in "${checked[@]}"; do
    case $t in
        scrutineer)
            version[$t]="$(git -C "$repo" describe --always --dirty 2>/dev/null || echo ?)"
            version[$t]+=" (${build_type:-?})"
            ;;
        duckdb)
            { command -v node && command -v npm; } >/dev/null ||
                die "duckdb needs node and npm (scripts/setup.sh installs them)"
            export DUCKDB_NODE_DIR=${DUCKDB_NODE_DIR:-$bench_root/duckdb}
            if ! cmp -s "$here/package-lock.json" "$DUCKDB_NODE_DIR/package-lock.json" ||
                [[ ! -f $DUCKDB_NODE_DIR/node_modules/@duckdb/node-api/package.json ]]; then
                echo "compare.sh: installing @duckdb/node-api (npm ci) in $DUCKDB_NODE_DIR"
                mkdir -p "$DUCKDB_NODE_DIR"
                cp "$here/package.json" "$here/package-lock.json" "$DUCKDB_NODE_DIR/"
                npm ci --prefix "$DUCKDB_NODE_DIR" --no-audit --no-fund --loglevel=error \
                    >/dev/null || die "npm ci in $DUCKDB_NODE_DIR failed"
            fi
            version[$t]=$(node "$here/duckdb.mjs" --version) || die "DuckDB does not start"
            ;;
        sqlite)
            command -v sqlite3 >/dev/null || die "sqlite needs sqlite3 (scripts/setup.sh)"
            version[$t]=$(sqlite3 --version | cut -d ' ' -f 1)
            ;;
        pandas)
            version[$t]=$(/usr/bin/python3 "$here/pandas_indicators.py" --version 2>/dev/null) ||
                die "pandas needs Debian's python3-pandas for /usr/bin/python3 (scripts/setup.sh)"
            ;;
    esac
done

# (c) Data: the generator's set, reused when its arguments are unchanged; and a small edge set.
"$gen" --out "$data" --forces "$forces" --months "$months" --first-month "$first" \
    --rows "$rows" --seed "$seed"
read -r n_files n_bytes < <(find "$data" -name '*-street.csv' -printf '%s\n' |
    awk '{ n++; s += $1 } END { printf "%d %.0f\n", n, s }')
# The edge set, for the rules the generated sets never meet: the tiny set (3 forces x 50
# months, 2020-01 .. 2024-02) without Ashdown's latest month (its Last 12 months cannot be
# computed) and without a month of Bramshire's LTA window (its LTA cannot); Carrick Vale's
# 2024-02 file with the rows of bench/compare/edge/carrick-vale-2024-02.rows added (LSOA names
# with a comma, a quote, no space, or of another force's place; two crime types of their own,
# one with a comma; a row without a location); and bench/compare/edge/files: a force with a
# comma in its name and only two months, a gap between them.
tiny_data=$bench_root/tiny edge=$bench_root/compare-edge
"$gen" --out "$tiny_data" --forces 3 --months 50 --first-month 2020-01 --rows 20000 --seed 1 \
    >/dev/null
rm -rf "$edge"
mkdir -p "$edge"
cp -r "$tiny_data"/20??-?? "$edge/"
for gone in 2024-02/2024-02-ashdown-street.csv 2021-06/2021-06-bramshire-street.csv; do
    [[ -f $edge/$gone ]] || die "the tiny set has no $gone"
    rm "$edge/$gone"
done
cat "$here/edge/carrick-vale-2024-02.rows" >>"$edge/2024-02/2024-02-carrick-vale-street.csv"
cp -r "$here/edge/files/." "$edge/"

# Warm the page cache, so the runs measure the tools rather than the disk.
find "$data" -name '*-street.csv' -print0 | xargs -0 cat >/dev/null

out=$bench_root/out-compare
[[ $data == "$bench_root/national" ]] || out+=-$(basename "$data")
mkdir -p "$out"

# The command of a tool, or of a floor that reads the files and does nothing else: `cat` (GNU
# cat, the usual yardstick) and `read` (read() into one reused buffer, as scrutineer
# reads; see read_files.py for why both), in cmd.
cmd=()
command_for() { # command_for TOOL DATA OUT_CSV
    case $1 in
        scrutineer)
            cmd=("$scrutineer" indicators --areas from-data --police-uk "$2" --format csv --quiet
                -o "$3") ;;
        duckdb) cmd=(node "$here/duckdb.mjs" "$2" "$3") ;;
        sqlite) cmd=(bash "$here/sqlite.sh" "$2" "$3" "$out/sqlite.db") ;;
        pandas) cmd=(/usr/bin/python3 "$here/pandas_indicators.py" "$2" "$3") ;;
        cat)
            # shellcheck disable=SC2016 # $1 is the inner shell's
            cmd=(bash -c 'cat "$1"/*/*.csv >/dev/null' cat "$2") ;;
        read) cmd=(/usr/bin/python3 "$here/read_files.py" "$2") ;;
    esac
}

# A tool's output as the canonical CSV, sorted (bytewise): scrutineer's through the projection
# (scrutineer_canonical.py), the others' as they are.
canonical() { # canonical TOOL RAW_CSV CANONICAL_CSV
    if [[ $1 == scrutineer ]]; then
        /usr/bin/python3 "$here/scrutineer_canonical.py" "$2" "$3.unsorted"
        LC_ALL=C sort -o "$3" "$3.unsorted"
        rm -f "$3.unsorted"
    else
        LC_ALL=C sort -o "$3" "$2"
    fi
}

# Runs TOOL once on DATA; its canonical output is $out/NAME-TOOL.canonical.csv.
run_once() { # run_once NAME TOOL DATA
    local raw=$out/$1-$2.csv
    command_for "$2" "$3" "$raw"
    if ! "${cmd[@]}" >"$out/stdout.txt" 2>"$out/stderr.txt"; then
        echo "compare.sh: $2 failed on $3:" >&2
        cat "$out/stderr.txt" >&2
        exit 1
    fi
    rm -f "$out/sqlite.db"
    canonical "$2" "$raw" "$out/$1-$2.canonical.csv"
}

fail=0
same_as_scrutineer() { # same_as_scrutineer NAME TOOL
    local want=$out/$1-scrutineer.canonical.csv got=$out/$1-$2.canonical.csv
    if cmp -s "$want" "$got"; then
        echo "ok:   $1: $2 = scrutineer ($(wc -l <"$got") rows)"
    else
        echo "FAIL: $1: $2 differs from scrutineer (< scrutineer, > $2; first lines):"
        diff "$want" "$got" | head -n 20 | sed 's/^/  /' || true
        fail=1
    fi
}

# What a canonical CSV covers: rows by status, LTA zero (no Difference), Difference < 0.
describe() { # describe CANONICAL_CSV
    /usr/bin/python3 - "$1" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
n = lambda f: sum(1 for r in rows if f(r))
print(f"{len(rows)} rows ({n(lambda r: r[0] == 'force')} force, "
      f"{n(lambda r: r[0] == 'district')} district): "
      f"{n(lambda r: r[8] == 'ok')} ok, "
      f"{n(lambda r: r[8] == 'insufficient_data' and r[5] != '')} without an LTA, "
      f"{n(lambda r: r[5] == '')} without L12, "
      f"{n(lambda r: r[6] == '0.0000')} with an LTA of 0, "
      f"{n(lambda r: r[7].startswith('-'))} with a negative Difference")
EOF
}

# (d) Checks: every tool once on the edge set and once on the data set, against scrutineer.
echo "checks: the canonical CSV of each tool = scrutineer's"
for set in edge data; do
    dir=$edge
    [[ $set == data ]] && dir=$data
    for t in "${checked[@]}"; do run_once "$set" "$t" "$dir"; done
    echo "      $set: scrutineer: $(describe "$out/$set-scrutineer.canonical.csv")"
    for t in "${checked[@]:1}"; do same_as_scrutineer "$set" "$t"; done
done
if ((fail)); then
    echo "compare.sh: checks FAILED (output in $out)" >&2
    exit 1
fi

# (e) Timed runs, alternating: each round runs the two file-read floors, then every tool once.
timed=(cat read "${tools[@]}")
for t in "${timed[@]}"; do : >"$out/times-$t.txt"; done
for ((r = 1; r <= runs; r++)); do
    for t in "${timed[@]}"; do
        command_for "$t" "$data" "$out/timed-$t.csv"
        if ! "$measure" --out "$out/measure.txt" -- "${cmd[@]}" >"$out/stdout.txt" \
            2>"$out/stderr.txt"; then
            echo "compare.sh: $t failed (round $r):" >&2
            cat "$out/stderr.txt" >&2
            exit 1
        fi
        rm -f "$out/sqlite.db"
        cat "$out/measure.txt" >>"$out/times-$t.txt"
        if [[ $t != cat && $t != read ]]; then
            canonical "$t" "$out/timed-$t.csv" "$out/timed-$t.canonical.csv"
            cmp -s "$out/data-scrutineer.canonical.csv" "$out/timed-$t.canonical.csv" || {
                echo "FAIL: $t's output in round $r differs from scrutineer's"
                fail=1
            }
        fi
    done
done

declare -A median minimum rss
for t in "${timed[@]}"; do
    read -r "median[$t]" "minimum[$t]" "rss[$t]" < <(sort -n "$out/times-$t.txt" |
        awk '{ t[NR] = $1; if ($2 > m) m = $2 }
             END { med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                   print med, t[1], m / 1024 }')
done

echo
echo "indicator tables, side by side: $forces forces x $months months, $rows rows, $n_files files," \
    "$(awk -v b="$n_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') ($(nproc) cores, rounds: $runs)"
printf '%-12s %-28s %9s %9s %12s %14s\n' tool version "median s" "min s" "peak RSS MB" \
    "x scrutineer"
for t in "${tools[@]}" cat read; do
    label=$t ver=${version[$t]:-}
    [[ $t == cat ]] && label="floor: cat" ver="cat DIR/*/*.csv >/dev/null"
    [[ $t == read ]] && label="floor: read" ver="read_files.py, 1 thread"
    awk -v l="$label" -v v="$ver" -v med="${median[$t]}" -v min="${minimum[$t]}" \
        -v rss="${rss[$t]}" -v ref="${median[scrutineer]:-}" 'BEGIN {
        ratio = ref != "" && ref > 0 ? sprintf("%.1f", med / ref) : "-"
        printf "%-12s %-28s %9.3f %9.3f %12.1f %14s\n", l, v, med, min, rss, ratio }'
done
echo "(median and min wall seconds over the rounds; peak RSS of the worst round; raw times:" \
    "$out/times-TOOL.txt, wall s and peak RSS kB per round)"

echo
if ((fail)); then
    echo "compare.sh: checks FAILED (output in $out)" >&2
    exit 1
fi
echo "compare.sh: all checks passed (output in $out)"
