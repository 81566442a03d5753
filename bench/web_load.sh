#!/usr/bin/env bash
# The web load benchmark: `scrutineer serve` on a throwaway demo database (or, with --national,
# a store of the 40 synthetic forces of bench/national.sh), every page under wrk (100
# connections, loopback only), then requests/s, latency percentiles, errors and the server's
# peak RSS. See bench/README.md.
#
#   bench/web_load.sh [--tiny | --national] [--duration SECONDS] [--connections N]
#                     [--server-threads N] [--no-gzip] [--strict] [--no-build] [--verbose]
#
# Environment: BUILD_DIR (default build, relative to the repository), DURATION (10 s a page;
# 2 with --tiny), CONNECTIONS (100; 10 with --tiny), SERVER_THREADS (default: all cores),
# BENCH_DATA (--national's police.uk files: /tmp/scrutineer-bench/national, generated if missing).
# Exits non-zero if the server cannot be started or signed in to, if a page does not answer 200
# before and after its run, or if wrk reports a socket error or an error status (with --strict,
# on by --tiny: any status that is not 2xx). The timing targets are printed, not enforced.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib.sh"

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

tiny=0 national=0
for a in "$@"; do
    [[ $a == --tiny ]] && tiny=1
    [[ $a == --national ]] && national=1
done
if ((tiny && national)); then
    echo "web_load.sh: --tiny and --national do not go together" >&2; exit 2
fi
if ((tiny)); then
    # Seconds, for CI: every page answers, under a little concurrency.
    duration=2 connections=10 strict=1
else
    strict=0
    duration=${DURATION:-10} connections=${CONNECTIONS:-100}
fi
server_threads=${SERVER_THREADS:-} do_build=1 verbose=0 gzip=1

while (($#)); do
    case $1 in
        --tiny | --national) shift ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --server-threads) server_threads=$2; shift 2 ;;
        --strict) strict=1; shift ;;
        --no-build) do_build=0; shift ;;
        --verbose) verbose=1; shift ;;
        --no-gzip) gzip=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "web_load.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
# Bounded: at most a minute a page and 1,000 connections.
if ! [[ $duration =~ ^[0-9]+$ ]] || ((duration < 1 || duration > 60)); then
    echo "web_load.sh: --duration must be 1 to 60 seconds" >&2; exit 2
fi
if ! [[ $connections =~ ^[0-9]+$ ]] || ((connections < 2 || connections > 1000)); then
    echo "web_load.sh: --connections must be 2 to 1000" >&2; exit 2
fi
[[ -z $server_threads || $server_threads =~ ^[1-9][0-9]*$ ]] ||
    { echo "web_load.sh: --server-threads must be a positive number" >&2; exit 2; }
for tool in wrk curl; do
    command -v "$tool" >/dev/null || { echo "web_load.sh: $tool is missing (scripts/setup.sh)" >&2; exit 1; }
done
wrk_threads=2

build=${BUILD_DIR:-build}
[[ $build == /* ]] || build=$repo/$build

# The national data set: bench/national.sh's (same generator, same arguments, so either script
# reuses the other's files).
national_data=${BENCH_DATA:-/tmp/scrutineer-bench/national}
national_args=(--forces 40 --months 60 --first-month 2020-01 --rows 20000000 --seed 1)

# (1) Build. An existing build directory is used as configured; a new one is Release.
targets=(scrutineer_cli)
((national)) && targets+=(gen_police_uk)
if ((do_build)); then
    if [[ ! -f $build/CMakeCache.txt ]]; then
        cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    fi
    cmake --build "$build" --target "${targets[@]}" >/dev/null ||
        { echo "web_load.sh: build failed in $build" >&2; exit 1; }
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
scrutineer=$build/scrutineer
[[ -x $scrutineer ]] || { echo "web_load.sh: $scrutineer is missing: build first" >&2; exit 1; }

# (2) A throwaway demo database with an officer, in a directory removed at exit (the server's
# upload directory goes there too, through TMPDIR).
work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-web-load.XXXXXX")
server_pid=
stop_server_at_exit "$work"

if ((national)); then
    # 40 forces x 60 months of synthetic police.uk files (~4.4 GB, generated once, ~10 s) into
    # a store of every force and district they name, as `import --areas from-data` makes it.
    gen=$build/bench/gen_police_uk
    [[ -x $gen ]] || { echo "web_load.sh: $gen is missing: build first" >&2; exit 1; }
    echo "web_load.sh: the national data set in $national_data ..." >&2
    "$gen" --out "$national_data" "${national_args[@]}" >"$work/gen.log" 2>&1 ||
        { echo "web_load.sh: gen_police_uk failed:" >&2; cat "$work/gen.log" >&2; exit 1; }
    db=$work/national.db
    echo "web_load.sh: importing it into $db ..." >&2
    start=$(date +%s.%N)
    "$scrutineer" import --database "$db" --areas from-data \
        --police-uk "$national_data"/20[0-9][0-9]-[0-9][0-9] >"$work/import.log" 2>&1 ||
        { echo "web_load.sh: the import failed:" >&2; tail -n 20 "$work/import.log" >&2; exit 1; }
    import_seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
else
    db=$work/demo.db
    demo_store web_load.sh "$scrutineer" "$db" "$work"
fi
add_officer web_load.sh "$scrutineer" "$db" "$work"

# (3) The server, on a free loopback port, and the officer signed in.
thread_args=()
[[ -z $server_threads ]] || thread_args=(--threads "$server_threads")
serve_on_free_port web_load.sh "$scrutineer" "$db" "$work" "${thread_args[@]}"
base=http://127.0.0.1:$port
sign_in web_load.sh "$base" olivia "$password" "$work"

# (4) wrk on each page. Public pages go without cookies, as a first visit does.
if ((national)); then
    # A force and one of its districts, and the latest month, from the API's All crime rows
    # (level,area_code,area_name,indicator,period_end,...): the first force in table order and
    # its first district.
    curl -fsS --max-time 60 -o "$work/all-crime.csv" \
        "$base/api/v1/indicators?indicator=All%20crime&format=csv" ||
        { echo "web_load.sh: the API did not answer" >&2; exit 1; }
    read -r force district latest < <(awk -F, 'NR > 1 && $1 == "force" && !f { f = $2; m = $5 }
        NR > 1 && $1 == "district" && f && !d { d = $2 }
        END { print f, d, m }' "$work/all-crime.csv")
    if [[ -z $force || -z $district || -z $latest ]]; then
        echo "web_load.sh: no force or district in the national store" >&2; exit 1
    fi
    n_forces=$(awk -F, 'NR > 1 && $1 == "force"' "$work/all-crime.csv" | wc -l)
    n_areas=$(($(wc -l <"$work/all-crime.csv") - 1))
    pages=(
        /
        /areas
        "/areas/$force"
        "/areas/$district"
        /indicators
        "/indicators/Robbery?area=$district"
        "/api/v1/indicators?area=$force"
        '/api/v1/indicators?indicator=Robbery'
        "/api/v1/indicators?area=$district&indicator=Robbery"
        "/api/v1/indicators?month=$latest"
        /stylesheets/govuk-frontend.min.css
        /login
        /imports
    )
else
    pages=(
        /
        /areas
        /areas/E10000020
        /areas/E07000148
        /indicators
        '/indicators/Robbery?area=E07000148'
        '/api/v1/indicators?month=2025-12'
        /stylesheets/govuk-frontend.min.css
        /login
        /imports
    )
fi
signed_in=(/imports)
# As a browser does, wrk says it accepts gzip (the server sends kept answers and static files
# compressed then); --no-gzip leaves the header out, as curl and many API clients do.
encoding=()
((gzip)) && encoding=(-H "Accept-Encoding: gzip")

# One request with curl: its status, which must be 200 (before the run, it also warms the
# server: the first page loads the data set).
status_of() { # status_of PATH [CURL ARGS...]
    local path=$1
    shift
    curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$@" "$base$path" || true
}

declare -A result
fail=0
details=()
for p in "${pages[@]}"; do
    headers=() cookie=()
    label=$p
    if [[ " ${signed_in[*]} " == *" $p "* ]]; then
        headers=(-H "Cookie: scrutineer_session=$session")
        cookie=(-b "scrutineer_session=$session")
        label="$p (officer)"
    fi
    checks=0
    before=$(status_of "$p" "${cookie[@]}")
    [[ $before == 200 ]] || { checks=$((checks + 1)); details+=("$label: $before before the run"); }
    echo "web_load.sh: $label, ${duration} s ..." >&2
    WEB_LOAD_STRICT=$strict wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency \
        -s "$repo/bench/web_load.lua" "${headers[@]}" "${encoding[@]}" "$base$p" \
        >"$work/wrk.txt" 2>&1 || true
    ((verbose)) && cat "$work/wrk.txt" >&2
    after=$(status_of "$p" "${cookie[@]}")
    [[ $after == 200 ]] || { checks=$((checks + 1)); details+=("$label: $after after the run"); }
    line=$(grep '^web_load: ' "$work/wrk.txt" || true)
    if [[ -z $line ]]; then
        echo "web_load.sh: wrk failed on $p:" >&2
        cat "$work/wrk.txt" >&2
        result[$p]="$label - - - - - $((checks + 1)) - -"
        fail=1
        continue
    fi
    declare -A r=()
    # shellcheck disable=SC2086 # the key=value words of the Lua script's line
    for kv in ${line#web_load: }; do r[${kv%%=*}]=${kv#*=}; done
    socket=$((r[connect] + r[read] + r[write] + r[timeout]))
    errors=$((socket + r[non2xx] + checks))
    if ((socket + r[non2xx])); then
        what="status >= 400"
        ((r[strict])) && what="not 2xx"
        ((r[first_non2xx])) && what+=" (first: ${r[first_non2xx]})"
        details+=("$label: ${r[non2xx]} $what; socket errors: connect ${r[connect]}, read ${r[read]}, write ${r[write]}, timeout ${r[timeout]}")
    fi
    ((errors == 0)) || fail=1
    api=0
    [[ $p == /api/* ]] && api=1
    result[$p]=$(awk -v l="$label" -v n="${r[requests]}" -v d="${r[duration_us]}" \
        -v b="${r[bytes]}" -v p50="${r[p50_us]}" -v p90="${r[p90_us]}" -v p99="${r[p99_us]}" \
        -v e="$errors" -v api="$api" 'BEGIN {
        rps = d > 0 ? n / (d / 1e6) : 0
        rate = api ? (rps >= 5000 ? "yes" : "NO") : "-"
        printf "%s %.0f %.1f %.2f %.2f %.2f %d %s %s\n", l, rps, (n > 0 ? b / n / 1024 : 0),
               p50 / 1000, p90 / 1000, p99 / 1000, e, p99 <= 20000 ? "yes" : "NO", rate }')
    unset r
done

# Peak RSS of the server over the whole run, then stop it.
peak_rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status" 2>/dev/null || true)
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=

# (5) The table.
cores=$(nproc)
echo
if ((national)); then
    data_words="national synthetic data ($n_forces forces, $n_areas areas, imported in ${import_seconds} s, latest month $latest)"
else
    data_words="Norfolk demo data"
fi
echo "scrutineer serve, $data_words: wrk -t$wrk_threads -c$connections -d${duration}s, 127.0.0.1, $(
    ((gzip)) && echo "Accept-Encoding: gzip" || echo "no Accept-Encoding")$(
    ((strict)) && echo ", every status checked")"
echo "(build: ${build_type:-?}, $cores cores, server threads: ${server_threads:-all ($cores)})"
printf '%-54s %9s %8s %8s %8s %8s %7s %10s %12s\n' page requests/s "KB/resp" "p50 ms" "p90 ms" \
    "p99 ms" errors "p99<=20ms" "req/s>=5000"
met=1
for p in "${pages[@]}"; do
    # The label may hold a space ("/imports (officer)"): the last eight words are the figures.
    read -ra w <<<"${result[$p]}"
    n=${#w[@]}
    printf '%-54s %9s %8s %8s %8s %8s %7s %10s %12s\n' "${w[*]:0:n-8}" "${w[@]:n-8}"
    [[ ${w[n-2]} == yes && ${w[n-1]} != NO ]] || met=0
done
echo "server peak RSS (VmHWM): ${peak_rss:-?} MB"
if ((met)); then
    echo "targets (every page p99 <= 20 ms; the API >= 5,000 requests/s): met"
else
    echo "targets (every page p99 <= 20 ms; the API >= 5,000 requests/s): NOT met (see the NO above)"
fi
for d in "${details[@]}"; do echo "errors: $d"; done

if ((fail)); then
    echo "web_load.sh: wrk reported errors or responses that are not 2xx" >&2
    exit 1
fi
echo "web_load.sh: no errors (the timing targets are printed, not enforced)"
