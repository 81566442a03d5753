#!/usr/bin/env bash
# Kill scrutineer with SIGKILL at random points and check that nothing is lost or half-done.
#
#   scripts/reliability/kill_import.sh [--count N] [--web-count N] [--tiny] [--keep] [BINARY]
#
# BINARY is the scrutineer command (default: build/scrutineer); this script builds nothing.
#
# 1. Imports. The police.uk month files shipped in data/police-uk (21 Norfolk months) are
#    imported into a fresh SQLite store in batches of one to three files (each batch is one
#    `scrutineer import`, one transaction). A clean run first records, after each batch, a dump
#    of every table (every column but the import and migration times) and the time the batch
#    took. Then each batch is started and SIGKILLed after a random delay, and started again
#    until it completes. One kill in five falls while the command starts and opens the store,
#    two anywhere after that (up to 1.2 times the time the batch took when it last ran to its
#    end), two from the earliest point (in proportion) a kill found an import inside its write
#    transaction. The import is stopped (SIGSTOP) at that point, an sqlite3 BEGIN IMMEDIATE
#    tells whether it holds the store's write lock (is inside its transaction), then it is
#    killed. After every kill and every completed batch: PRAGMA integrity_check is ok; `scrutineer imports` lists whole batches only, in order, and
#    at least every batch whose command finished; and every table equals the clean run's dump
#    after that many batches (so no row of an import that did not complete, and every row of
#    one that did). When all batches are in, the indicator tables (`scrutineer indicators
#    --format csv`, for the latest month and for 2019-02) equal the clean run's; then a new
#    round starts on a fresh store, until N kills (default 100) have been made.
# 2. Web edits. A store with the demo and an officer; `scrutineer serve` is started, the officer
#    signs in once, and two clients post action updates (POST /actions/ID/updates, each with its
#    own text), each one after another, while the server is SIGKILLed after a random delay (up
#    to 0.8 s). After each kill: integrity_check is ok, every update answered 303 is in the store
#    exactly once, every stored update has its audit row (the edit and its audit row are one
#    transaction), and of the updates not answered at most the two in flight are stored. The
#    session survives the restarts.
#
# --tiny: 10 kills of each kind (for CI). --keep: keep the work directory.
# Needs: bash, curl, sqlite3 (scripts/setup.sh installs them). Prints one summary line per part
# and exits non-zero if any check failed.
set -uo pipefail
export LC_ALL=C  # sort and comm agree with SQLite's ORDER BY

root=$(cd "$(dirname "$0")/../.." && pwd)
count=100
web_count=100
keep=0
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --web-count) web_count=$2; shift 2 ;;
    --tiny) count=10; web_count=10; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    -*) echo "kill_import.sh: unknown option $1" >&2; exit 2 ;;
    *) bin=$1; shift ;;
  esac
done
[ -n "$bin" ] || bin="$root/build/scrutineer"
[ -x "$bin" ] || { echo "kill_import.sh: $bin is not an executable (build it first, or give its path)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "kill_import.sh: $tool is needed (scripts/setup.sh installs it)" >&2; exit 2; }
done

failures=0
work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-kill.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  if [ "$keep" = 1 ] || [ "$failures" -gt 0 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

now_ms() { local t=${EPOCHREALTIME/./}; echo $((10#$t / 1000)); }

# A random number of milliseconds, 0..$1; milliseconds as seconds for sleep.
random_ms() { echo $(( (RANDOM * 32768 + RANDOM) % ($1 + 1) )); }
as_seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# Every table of an SQLite store, every row ordered by all its columns, without the columns
# that hold the time something was done.
dump_store() {
  local sql
  sql=$(sqlite3 -cmd '.timeout 10000' "$1" "SELECT '.print ## ' || m.name || char(10) || 'SELECT ' || group_concat('\"' || p.name || '\"', ',') || ' FROM \"' || m.name || '\" ORDER BY ' || group_concat('\"' || p.name || '\"', ',') || ';'
                FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND p.name NOT IN ('imported_at', 'applied_at')
                GROUP BY m.name ORDER BY m.name") || return 1
  sqlite3 -cmd '.timeout 10000' "$1" <<<"$sql"
}

integrity_ok() {
  [ "$(sqlite3 -cmd '.timeout 10000' "$1" 'PRAGMA integrity_check' 2>&1)" = "ok" ]
}

# ---- 1. Imports ------------------------------------------------------------------------------

files=()
for set in norfolk-street-2018-10_2019-02 norfolk-street-2024-01_2024-04 norfolk-street-2025; do
  for f in "$root/data/police-uk/$set"/*.csv.gz; do files+=("$f"); done  # (globs sort)
done
# Batches of 1, 2, 3, 1, 2, 3, ... files.
batches=()
i=0; size=1
while [ $i -lt ${#files[@]} ]; do
  batches+=("${files[*]:$i:$size}")
  i=$((i + size)); size=$(( size % 3 + 1 ))
done
nb=${#batches[@]}

import_batch() {  # store, batch index
  # shellcheck disable=SC2086
  exec "$bin" import --quiet --user kill-test --database "$1" --areas from-data --police-uk ${batches[$2]}
}

# The sources the import log lists, one per line, in order.
logged_sources() {
  "$bin" imports --database "$1" | tail -n +2 | cut -d, -f3
}

mkdir -p "$work/clean"
clean="$work/clean/store.db"
declare -a batch_ms
for ((b = 0; b < nb; b++)); do
  start=$(now_ms)
  ( import_batch "$clean" "$b" ) 2>"$work/clean/import.err" || { echo "kill_import.sh: the clean import of batch $b failed:" >&2; cat "$work/clean/import.err" >&2; exit 1; }
  batch_ms[b]=$(( $(now_ms) - start ))
  dump_store "$clean" >"$work/clean/dump.$((b + 1))"
done
# An empty store has the schema: the reference for "no batch" is a store that was only opened.
"$bin" imports --database "$work/clean/empty.db" >/dev/null
dump_store "$work/clean/empty.db" >"$work/clean/dump.0"
for month in "" 2019-02; do
  "$bin" indicators --database "$clean" --format csv ${month:+--month $month} >"$work/clean/indicators${month}.csv"
done
# The sources as the import log writes them (the path as given, or relative to where it ran).
logged_sources "$clean" >"$work/clean/sources"
if [ "$(wc -l <"$work/clean/sources")" -ne ${#files[@]} ]; then
  echo "kill_import.sh: the clean run logged $(wc -l <"$work/clean/sources") imports for ${#files[@]} files" >&2; exit 1
fi
total_ms=0; for t in "${batch_ms[@]}"; do total_ms=$((total_ms + t)); done
echo "clean run: ${#files[@]} files in $nb batches, $total_ms ms in all (batch times ${batch_ms[*]} ms)"

# The time a command takes to start and open the store (`scrutineer imports`, the quickest of
# three): one kill in five falls within it.
open_ms=1000000
for _ in 1 2 3; do
  start=$(now_ms); "$bin" imports --database "$clean" >/dev/null
  t=$(( $(now_ms) - start )); [ "$t" -lt "$open_ms" ] && open_ms=$t
done
tx_from_pct=""  # the earliest point, in percent of the batch's time, a kill found an import in its transaction
kills=0; mid_import=0; in_tx=0; lag=0; after_commit=0; finished_first=0; checks=0; passed=0; rounds=0
started=$(now_ms)
round_store=""
new_round() {
  rounds=$((rounds + 1))
  round_store="$work/round-$rounds.db"
  batch=0
}
new_round

# How many whole batches the import log holds (the log must be exactly such a prefix);
# -1 when it is not.
batches_logged() {
  local store=$1 logged n k
  logged=$(logged_sources "$store") || { echo -1; return 0; }
  n=$(printf '%s' "$logged" | grep -c '') || true
  for ((k = 0; k <= nb; k++)); do
    if [ "$(head -n "$(expected_count "$k")" "$work/clean/sources")" = "$logged" ] && [ "$(expected_count "$k")" -eq "$n" ]; then
      echo "$k"; return 0
    fi
  done
  echo -1
}
declare -a prefix_count
acc=0; prefix_count[0]=0
for ((k = 0; k < nb; k++)); do
  read -ra in_batch <<<"${batches[$k]}"
  acc=$((acc + ${#in_batch[@]})); prefix_count[k + 1]=$acc
done
expected_count() { echo "${prefix_count[$1]}"; }

while :; do
  if [ "$batch" -eq "$nb" ]; then
    # A round is complete: the figures must be the clean run's.
    for month in "" 2019-02; do
      checks=$((checks + 1))
      if "$bin" indicators --database "$round_store" --format csv ${month:+--month $month} | cmp -s - "$work/clean/indicators${month}.csv"; then
        passed=$((passed + 1))
      else
        fail "round $rounds: the indicator tables${month:+ for $month} differ from the clean run's"
      fi
    done
    [ "$kills" -ge "$count" ] && break
    new_round
  fi
  launched=$(now_ms)
  ( import_batch "$round_store" "$batch" ) 2>"$work/import.err" &
  pid=$!
  killed=0
  if [ "$kills" -lt "$count" ]; then
    # One kill in five while the command starts and opens the store; two anywhere after that,
    # up to 1.2 times the time the batch took when last run to its end; two from the earliest
    # point (in proportion to that time) a kill found an import inside its write transaction.
    pick=$((RANDOM % 5))
    until=$(( batch_ms[batch] * 6 / 5 ))
    from=$open_ms
    [ "$pick" -ge 3 ] && [ -n "$tx_from_pct" ] && from=$(( batch_ms[batch] * tx_from_pct / 100 ))
    if [ "$pick" -eq 0 ]; then
      delay=$(( (RANDOM * 32768 + RANDOM) % (open_ms + 1) ))
    else
      span=$(( until - from > 0 ? until - from : 1 ))
      delay=$(( from + (RANDOM * 32768 + RANDOM) % (span + 1) ))
    fi
    # Asked for less by the lag seen so far (starting sleep on a loaded machine takes time).
    asked=$(( delay - lag > 0 ? delay - lag : 0 ))
    printf -v asked_s '%d.%03d' $((asked / 1000)) $((asked % 1000))
    sleep "$asked_s" &
    sleeper=$!
    # Whichever ends first: the import (no kill), or the delay (kill it now).
    wait -n -p first "$pid" "$sleeper" 2>/dev/null; status=$?
    if [ "$first" = "$sleeper" ]; then
      # Stopped where it is; then whether it holds the store's write lock (is inside its
      # transaction: another writer cannot begin); then killed.
      kill -STOP "$pid" 2>/dev/null
      stopped=${EPOCHREALTIME/./}
      killed_at=$(( 10#$stopped / 1000 - launched ))
      lag=$(( (3 * lag + killed_at - asked) / 4 ))
      in_transaction=0
      if [ -f "$round_store" ] &&
        ! sqlite3 -cmd '.timeout 0' "$round_store" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; then
        in_transaction=1
        pct=$(( killed_at * 100 / batch_ms[batch] ))
        [ "$pct" -lt "${tx_from_pct:-100}" ] && tx_from_pct=$pct
      fi
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null; status=$?
      [ "$status" -eq 137 ] && killed=1  # 128 + SIGKILL; else it ended just before
    else
      kill "$sleeper" 2>/dev/null; wait "$sleeper" 2>/dev/null
    fi
  else
    wait "$pid"; status=$?  # enough kills: the rest of the round runs to its end
  fi
  # The batch's time as it runs now (the machine's load changes): the next kills' window.
  [ "$killed" = 0 ] && [ "$status" -eq 0 ] && batch_ms[batch]=$(( $(now_ms) - launched ))
  checks=$((checks + 1))
  ok=1
  integrity_ok "$round_store" || { ok=0; fail "round $rounds batch $batch: integrity_check: $(sqlite3 "$round_store" 'PRAGMA integrity_check' 2>&1 | head -3)"; }
  k=$(batches_logged "$round_store")
  if [ "$k" -lt 0 ]; then
    ok=0; fail "round $rounds batch $batch: the import log is not whole batches in order: $(logged_sources "$round_store" | tr '\n' ' ')"
  elif ! dump_store "$round_store" | cmp -s - "$work/clean/dump.$k"; then
    ok=0; fail "round $rounds batch $batch: the store after $k batches differs from the clean run's: $(dump_store "$round_store" | diff - "$work/clean/dump.$k" | head -5)"
  fi
  if [ "$killed" = 1 ]; then
    kills=$((kills + 1))
    if [ "$k" -eq "$batch" ]; then
      mid_import=$((mid_import + 1))
      [ "$in_transaction" = 1 ] && in_tx=$((in_tx + 1))
    elif [ "$k" -eq $((batch + 1)) ]; then after_commit=$((after_commit + 1))
    else ok=0; fail "round $rounds: killed during batch $batch, the log holds $k batches"; fi
  else
    [ "$kills" -lt "$count" ] && finished_first=$((finished_first + 1))
    if [ "$status" -ne 0 ]; then ok=0; fail "round $rounds batch $batch: the import failed: $(cat "$work/import.err")"; fi
    [ "$k" -eq $((batch + 1)) ] || { ok=0; fail "round $rounds: batch $batch finished but the log holds $k batches"; }
  fi
  [ "$ok" = 1 ] && passed=$((passed + 1))
  [ "$k" -gt "$batch" ] && batch=$k
done
import_s=$(( ($(now_ms) - started) / 1000 ))
echo "imports: $kills kills at random points: $mid_import mid-import, rolled back, nothing of the batch in the store ($in_tx inside the import's write transaction, $((mid_import - in_tx)) before it began); $after_commit after the commit, all of the batch in the store; $finished_first imports ran to the end before their kill time; $rounds rounds; $passed of $checks checks passed; ${import_s} s"

# ---- 2. Web edits ----------------------------------------------------------------------------

web="$work/web.db"
"$bin" demo --database "$web" >/dev/null 2>"$work/demo.err" || { echo "kill_import.sh: scrutineer demo failed:" >&2; cat "$work/demo.err" >&2; exit 1; }
password='kill test password, long enough'
echo "$password" | "$bin" user add --database "$web" --username killtest --name "Kill Test" --role officer 2>/dev/null \
  || { echo "kill_import.sh: user add failed" >&2; exit 1; }
action=$(sqlite3 "$web" "SELECT id FROM actions ORDER BY id LIMIT 1")
[ -n "$action" ] || { echo "kill_import.sh: the demo has no action to update" >&2; exit 1; }
jar="$work/cookies"
acked="$work/acked"
: >"$acked"
port=""

start_server() {
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    "$bin" serve --database "$web" --port "$port" --threads 2 >>"$work/serve.log" 2>&1 &
    server_pid=$!
    local wait_step
    for wait_step in $(seq 1 200); do
      if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; then return 0; fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.05
    done
    kill -KILL "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
  done
  echo "kill_import.sh: scrutineer serve did not start in $attempt attempts of $wait_step waits (see $work/serve.log)" >&2
  exit 1
}

csrf_of() { grep -o 'name="csrf_token" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

start_server
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | csrf_of)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf_token=$token" --data-urlencode "username=killtest" \
  --data-urlencode "password=$password" --data-urlencode "next=/" "http://127.0.0.1:$port/login")
[ "$code" = 303 ] || { echo "kill_import.sh: signing in answered $code" >&2; exit 1; }
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/actions/$action" | csrf_of)
[ -n "$token" ] || { echo "kill_import.sh: no CSRF token on /actions/$action" >&2; exit 1; }

# Posts updates until the server stops answering; each one answered 303 is written to $acked.
post_updates() {  # cycle
  local n=0 code text rc
  while :; do
    n=$((n + 1))
    text="kill-test edit $1-$n"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$jar" \
      --data-urlencode "csrf_token=$token" --data-urlencode "date=2025-01-15" \
      --data-urlencode "visibility=public" --data-urlencode "text=$text" \
      "http://127.0.0.1:$port/actions/$action/updates")
    rc=$?
    case "$code" in
      303) echo "$text" >>"$acked" ;;
      000)
        # 7: refused (killed between two edits); else the edit was in flight.
        [ "$rc" -ne 7 ] && echo "$text" >>"$work/in-flight"
        return 0 ;;
      *) echo "$text answered $code" >>"$work/web-errors" ;;
    esac
  done
}

web_kills=0; web_checks=0; web_passed=0; unacked_in_store=0
started=$(now_ms)
for ((cycle = 1; cycle <= web_count; cycle++)); do
  [ "$cycle" -gt 1 ] && start_server
  post_updates "$cycle-1" &
  client1=$!
  post_updates "$cycle-2" &
  client2=$!
  sleep "$(as_seconds "$(random_ms 800)")"
  kill -KILL "$server_pid" 2>/dev/null && web_kills=$((web_kills + 1))
  wait "$server_pid" 2>/dev/null
  server_pid=""
  wait "$client1" "$client2"
  web_checks=$((web_checks + 1))
  ok=1
  integrity_ok "$web" || { ok=0; fail "web cycle $cycle: integrity_check: $(sqlite3 "$web" 'PRAGMA integrity_check' 2>&1 | head -3)"; }
  sqlite3 "$web" "SELECT text FROM action_updates WHERE text LIKE 'kill-test edit %' ORDER BY text" >"$work/stored"
  sort "$acked" >"$work/acked.sorted"
  lost=$(comm -23 "$work/acked.sorted" "$work/stored" | head -3)
  [ -z "$lost" ] || { ok=0; fail "web cycle $cycle: acknowledged edits missing from the store: $lost"; }
  twice=$(uniq -d "$work/stored" | head -3)
  [ -z "$twice" ] || { ok=0; fail "web cycle $cycle: edits stored twice: $twice"; }
  extra=$(comm -13 "$work/acked.sorted" "$work/stored" | grep -c "^kill-test edit $cycle-" || true)
  [ "$extra" -le 2 ] || { ok=0; fail "web cycle $cycle: $extra unacknowledged edits stored (at most the two in flight)"; }
  unacked_in_store=$((unacked_in_store + extra))
  audits=$(sqlite3 "$web" "SELECT COUNT(*) FROM audit_log WHERE action = 'action update added' AND detail = 'action $action'" 2>/dev/null || echo "?")
  [ "$audits" = "$(wc -l <"$work/stored")" ] || { ok=0; fail "web cycle $cycle: $(wc -l <"$work/stored") updates but $audits audit rows"; }
  [ "$ok" = 1 ] && web_passed=$((web_passed + 1))
done
web_s=$(( ($(now_ms) - started) / 1000 ))
errors=0; [ -f "$work/web-errors" ] && errors=$(wc -l <"$work/web-errors")
[ "$errors" -eq 0 ] || fail "web: $errors edits answered other than 303: $(head -3 "$work/web-errors")"
in_flight=0; [ -f "$work/in-flight" ] && in_flight=$(wc -l <"$work/in-flight")
echo "web edits: $web_kills kills of the server ($in_flight with an edit in flight), $(wc -l <"$acked") edits acknowledged (303) and all of them in the store; $unacked_in_store edits in flight stored (committed, the answer lost with the kill), $((in_flight - unacked_in_store)) not (rolled back or never begun); $web_passed of $web_checks checks passed; ${web_s} s"

if [ "$failures" -gt 0 ]; then
  echo "kill_import.sh: $failures checks FAILED" >&2
  exit 1
fi
echo "kill_import.sh: all checks passed"
