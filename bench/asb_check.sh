#!/usr/bin/env bash
# `scrutineer asb check` on an application with many complaints: the qualifying-complaint rule
# must take time in proportion to them (it once compared each with every earlier one: 200,000
# took 30 s and more). Prints the time and peak memory for 20,000 and 200,000 complaints (each
# its own incident, the last a repeat of the first), and their ratio (about 10 when linear).
#
#   bench/asb_check.sh [--tiny] [--no-build]      --tiny: 2,000 and 20,000 (CI)
#
# Environment: BUILD_DIR (default build).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib.sh"
small=20000 large=200000 do_build=1
while (($#)); do
    case $1 in
        --tiny) small=2000 large=20000; shift ;;
        --no-build) do_build=0; shift ;;
        -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "asb_check.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
bench_build asb_check.sh "$do_build" scrutineer_cli gen_police_uk measure
work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-asb-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

declare -A seconds
for n in "$small" "$large"; do
    python3 - "$n" "$work/app-$n.json" <<'PY'
import json, sys
n = int(sys.argv[1])
complaints = [{"incident": f"incident {i % (n - 1)}", "reporter": "victim",
               "behaviour_date": "2024-03-01", "reported_date": "2024-03-10",
               "reported_to": "police"} for i in range(n)]
json.dump({"application_date": "2024-04-01", "complaints": complaints}, open(sys.argv[2], "w"))
PY
    "$measure" --out "$work/m-$n" -- "$scrutineer" asb check "$work/app-$n.json" >"$work/out-$n" ||
        { echo "asb_check.sh: asb check failed on $n complaints" >&2; exit 1; }
    grep -q "\"qualifying\": *$((n - 1))" "$work/out-$n" ||
        { echo "asb_check.sh: $n complaints: not $((n - 1)) qualifying" >&2; head -c 300 "$work/out-$n" >&2; exit 1; }
    read -r s kb <"$work/m-$n"
    seconds[$n]=$s
    awk -v n="$n" -v bytes="$(stat -c %s "$work/app-$n.json")" -v s="$s" -v kb="$kb" \
        'BEGIN { printf "asb_check.sh: %d complaints (%.1f MB): %.2f s, peak %.0f MB\n", n, bytes / 1e6, s, kb / 1024 }'
done
python3 -c 'import sys; a, b = map(float, sys.argv[1:3]); print(f"asb_check.sh: {sys.argv[3]}x the complaints took {b / max(a, 1e-3):.1f}x the time")' \
    "${seconds[$small]}" "${seconds[$large]}" "$((large / small))"
