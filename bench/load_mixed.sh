#!/usr/bin/env bash
# Mixed load: `scrutineer serve` on a throwaway demo database, many clients at once for a set
# time (bench/load_mixed.py: half of them signed-in officers who read pages, the API and
# downloads and add action updates; half visitors who read), the server's memory sampled every
# few seconds. Then the checks of docs/reliability.md's "Load": no errors, every update the
# server acknowledged is in the store, and no memory growth.
#
#   bench/load_mixed.sh [--tiny] [--seconds N] [--clients N] [--no-build]
#
# Default: 100 clients for 600 seconds; --tiny: 20 clients for 15 seconds (CI). Environment:
# BUILD_DIR (default build). Exits non-zero if a check fails.
#
# Memory growth: the server's heap (RssAnon: its resident memory less the pages of the store
# file SQLite maps) is sampled every 5 s (every second with --tiny). The run's writes make the
# pages it reads longer (an action's page lists its updates; /api/v1/plans holds them all), and
# a longer page takes more memory to write, so the memory at the end is compared with what a
# newly started server needs for the same store: after the run a fresh server on the final store
# gets the same clients for a fifth of the time (at least 10 s), with one write in fifty of an
# officer's requests (enough to keep the kept answers being replaced, so that pages are written
# afresh, and too few to lengthen them by much). The long-running server's heap (the median of
# the run's last fifth) must be under the fresh one's (the median of the second half of its
# samples) plus 10% plus 8 MB: a leak of a hundred bytes a request over ten minutes of this load
# is more than that. Its growth within the run is printed too.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$repo/bench/lib.sh"

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

seconds=600 clients=100 interval=5 do_build=1
while (($#)); do
    case $1 in
        --tiny) seconds=15 clients=20 interval=1; shift ;;
        --seconds) seconds=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "load_mixed.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $seconds =~ ^[0-9]+$ ]] && ((seconds >= 5 && seconds <= 7200)) ||
    { echo "load_mixed.sh: --seconds must be 5 to 7200" >&2; exit 2; }
[[ $clients =~ ^[0-9]+$ ]] && ((clients >= 2 && clients <= 1000)) ||
    { echo "load_mixed.sh: --clients must be 2 to 1000" >&2; exit 2; }
for tool in curl sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "load_mixed.sh: $tool is missing (scripts/setup.sh)" >&2; exit 1; }
done

build=${BUILD_DIR:-build}
[[ $build == /* ]] || build=$repo/$build
if ((do_build)); then
    [[ -f $build/CMakeCache.txt ]] ||
        cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target scrutineer_cli >/dev/null ||
        { echo "load_mixed.sh: build failed in $build" >&2; exit 1; }
fi
scrutineer=$build/scrutineer
[[ -x $scrutineer ]] || { echo "load_mixed.sh: $scrutineer is missing: build first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-load-mixed.XXXXXX")
server_pid= sampler_pid=
stop_server_at_exit "$work" sampler_pid

db=$work/demo.db
demo_store load_mixed.sh "$scrutineer" "$db" "$work"
add_officer load_mixed.sh "$scrutineer" "$db" "$work"
actions=$(sqlite3 "$db" "SELECT group_concat(id) FROM (SELECT id FROM actions ORDER BY id LIMIT 20)")
[[ -n $actions ]] || { echo "load_mixed.sh: the demo store has no actions" >&2; exit 1; }
updates_before=$(sqlite3 "$db" "SELECT COUNT(*) FROM action_updates")

serve_on_free_port load_mixed.sh "$scrutineer" "$db" "$work"

# sample_heap FILE: the server's heap (RssAnon, kB) every $interval seconds into FILE, in the
# background; sets sampler_pid.
sample_heap() {
    (while kill -0 "$server_pid" 2>/dev/null; do
        awk '/^RssAnon:/ { print $2 }' "/proc/$server_pid/status" 2>/dev/null || true
        sleep "$interval"
    done) >"$1" &
    sampler_pid=$!
}
sample_heap "$work/rss.kb"

echo "load_mixed.sh: $clients clients for $seconds s ($(nproc) cores) ..." >&2
run_id=$(date +%s)
python3 "$repo/bench/load_mixed.py" --port "$port" --username olivia --password "$password" \
    --actions "$actions" --clients "$clients" --seconds "$seconds" --run "$run_id" \
    --acked "$work/acked.txt" >"$work/summary.json" ||
    { echo "load_mixed.sh: the clients failed" >&2; exit 1; }
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=
kill -0 "$server_pid" 2>/dev/null || { echo "load_mixed.sh: the server died:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
peak_rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status")
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

# Every acknowledged update is in the store (read after the server stopped: what is on disk).
sqlite3 "$db" "SELECT text FROM action_updates WHERE text LIKE 'load-$run_id-%'" | sort >"$work/stored.txt"
sort "$work/acked.txt" >"$work/acked.sorted"
lost=$(comm -23 "$work/acked.sorted" "$work/stored.txt" | wc -l)
acked=$(wc -l <"$work/acked.sorted")
stored=$(wc -l <"$work/stored.txt")
updates_after=$(sqlite3 "$db" "SELECT COUNT(*) FROM action_updates")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")

read -r errors reads writes rps p50 p99 maxms < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(s["errors"], s["reads"], s["writes"], s["requests_per_second"], s["p50_ms"], s["p99_ms"], s["max_ms"])
' "$work/summary.json")

# The reference: a fresh server on the final store, the same clients, few writes.
ref_seconds=$((seconds / 5 > 10 ? seconds / 5 : 10))
echo "load_mixed.sh: a fresh server on the final store for $ref_seconds s (the memory reference) ..." >&2
serve_on_free_port load_mixed.sh "$scrutineer" "$db" "$work"
sample_heap "$work/rss-ref.kb"
python3 "$repo/bench/load_mixed.py" --port "$port" --username olivia --password "$password" \
    --actions "$actions" --clients "$clients" --seconds "$ref_seconds" --run "ref-$run_id" \
    --write-share 0.02 --acked "$work/acked-ref.txt" >"$work/summary-ref.json" ||
    { echo "load_mixed.sh: the reference clients failed" >&2; exit 1; }
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=
ref_errors=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["errors"])' "$work/summary-ref.json")

# Memory (MB): the run's second fifth and last fifth, and the reference's second half.
read -r rss_early rss_late rss_ref < <(python3 -c '
import statistics, sys
def samples(path):
    return [int(l) for l in open(path) if l.strip()]
v, r = samples(sys.argv[1]), samples(sys.argv[2])
n = len(v)
early = v[n // 5:max(n // 5 + 1, 2 * n // 5)]
late = v[4 * n // 5:]
ref = r[len(r) // 2:]
print("%.1f %.1f %.1f" % tuple(statistics.median(x) / 1024 for x in (early, late, ref)))
' "$work/rss.kb" "$work/rss-ref.kb")
growth=$(awk -v a="$rss_ref" -v b="$rss_late" 'BEGIN { printf "%.1f", b - a }')
allowed=$(awk -v a="$rss_ref" 'BEGIN { printf "%.1f", a * 0.10 + 8 }')

printf 'load_mixed: %s clients, %s s: %s reads + %s writes (%s req/s), p50 %s ms, p99 %s ms, max %s ms\n' \
    "$clients" "$seconds" "$reads" "$writes" "$rps" "$p50" "$p99" "$maxms"
printf 'load_mixed: errors %s; updates acknowledged %s, in the store %s, lost %s (store %s -> %s rows; integrity %s)\n' \
    "$errors" "$acked" "$stored" "$lost" "$updates_before" "$updates_after" "$integrity"
printf 'load_mixed: server heap %s MB after warm-up, %s MB at the end (store %s -> %s updates); a fresh server on the final store %s MB (over it %s MB, allowed %s); peak resident %s MB\n' \
    "$rss_early" "$rss_late" "$updates_before" "$updates_after" "$rss_ref" "$growth" "$allowed" "$peak_rss"

status=0
if ((errors > 0)); then
    echo "load_mixed.sh: FAILED: $errors errors; the first:" >&2
    python3 -c 'import json,sys; [print("  ", e) for e in json.load(open(sys.argv[1]))["first_errors"]]' "$work/summary.json" >&2
    status=1
fi
((lost == 0)) || { echo "load_mixed.sh: FAILED: $lost acknowledged updates are not in the store" >&2; status=1; }
((acked > 0)) || { echo "load_mixed.sh: FAILED: no update was acknowledged" >&2; status=1; }
[[ $integrity == ok ]] || { echo "load_mixed.sh: FAILED: integrity_check: $integrity" >&2; status=1; }
((ref_errors == 0)) || { echo "load_mixed.sh: FAILED: $ref_errors errors in the reference run" >&2; status=1; }
awk -v g="$growth" -v a="$allowed" 'BEGIN { exit !(g > a) }' &&
    { echo "load_mixed.sh: FAILED: the server's heap grew: $growth MB over a fresh server's on the same store" >&2; status=1; }
exit $status
