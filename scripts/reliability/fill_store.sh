#!/usr/bin/env bash
# Try to fill the store through the forms anyone can send (issue 18, "Nobody can fill the
# store"), against a running `scrutineer serve` on a fresh demo store, and check that nothing of
# it is stored:
#   1. a 30 MB username at sign-in (once stored twice, in login_attempts and audit_log, and
#      echoed back): refused (413), no row, not echoed; a 201-character one: 400;
#   2. a 30,000,000-character summary on the public ASB Case Review form: refused (413); a
#      10,001-character one and a 201-character name: 400, the message beside the field;
#   3. NUL, ESC and bytes that are not UTF-8 in the public form: 400, naming the field;
#   4. applications from one address: the sixth in an hour is refused (429), the form kept.
# Prints each answer's status and time, the store's size before and after, and exits non-zero
# if any check failed.
#
#   scripts/reliability/fill_store.sh [BINARY]      (default build/scrutineer; builds nothing)
# Needs: bash, curl, sqlite3, python3.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/scrutineer}
[ -x "$bin" ] || { echo "fill_store.sh: $bin is not an executable (build it first)" >&2; exit 2; }
work=$(mktemp -d)
db="$work/store.db"
server_pid=""
failures=0
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
check() {  # check WHAT CONDITION...
  local what=$1; shift
  if "$@"; then echo "  ok: $what"; else echo "  FAILED: $what"; failures=$((failures + 1)); fi
}

"$bin" demo --database "$db" >/dev/null 2>&1 || { echo "fill_store.sh: demo failed" >&2; exit 2; }
port=$((20000 + RANDOM % 20000))
"$bin" serve --database "$db" --port "$port" --threads 2 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
base="http://127.0.0.1:$port"
size_before=$(stat -c %s "$db")
rows() { sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM login_attempts) || ' ' || (SELECT COUNT(*) FROM audit_log) || ' ' || (SELECT COUNT(*) FROM case_review_cases)"; }
rows_before=$(rows)

# A visitor: a cookie jar and the CSRF token of the form.
jar="$work/cookies"
token() { curl -s -c "$jar" -b "$jar" "$base$1" | sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
# post PATH BODYFILE: prints "status seconds", the answer in $work/answer.html
post() {
  curl -s -c "$jar" -b "$jar" -o "$work/answer.html" -w '%{http_code} %{time_total}' \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$2" "$base$1"
}
# A form body from NAME=VALUE pairs (values percent-encoded here; \0 and bytes as given).
form() { python3 - "$@" <<'PY'
import sys, urllib.parse
pairs = []
for a in sys.argv[1:]:
    k, v = a.split("=", 1)
    v = v.encode("utf-8", "surrogateescape")
    v = v.replace(b"\\0", b"\0").replace(b"\\e", b"\x1b").replace(b"\\xff", b"\xff")
    if v.startswith(b"*"):  # *N:c is N times c
        n, c = v[1:].split(b":", 1)
        v = c * int(n)
    pairs.append(urllib.parse.quote(k) + "=" + urllib.parse.quote_from_bytes(v))
sys.stdout.write("&".join(pairs))
PY
}

echo "1. sign-in"
t=$(token /login)
form csrf_token="$t" username='*30000000:u' password=whatever next=/ >"$work/body"
read -r status secs < <(post /login "$work/body")
echo "  30 MB username: $status in ${secs}s, answer $(stat -c %s "$work/answer.html") bytes"
check "a 30 MB username is refused" [ "$status" = 413 ]
check "and not echoed" bash -c "! grep -q uuuuuuuuuu '$work/answer.html'"
form csrf_token="$t" username='*201:u' password=whatever next=/ >"$work/body"
read -r status secs < <(post /login "$work/body")
echo "  201-character username: $status in ${secs}s"
check "a 201-character username is refused" [ "$status" = 400 ]
check "with the GOV.UK message" grep -q "Username must be 200 characters or less" "$work/answer.html"
check "and not echoed" bash -c "! grep -q uuuuuuuuuu '$work/answer.html'"

echo "2. the public ASB Case Review form"
y=$(date +%Y); m=$(date +%-m); d=$(date +%-d)
application() {  # extra NAME=VALUE pairs override the defaults
  local -A f=([action]=send [incidents]=1 [applicant-type]=victim [victim-name]="Val Quayle"
    [victim-address]="1 Elm Row" [district]=E07000148 [summary]="Stones at night"
    [incident-1-behaviour-day]=1 [incident-1-behaviour-month]=$m [incident-1-behaviour-year]=$y
    [incident-1-reported-day]=1 [incident-1-reported-month]=$m [incident-1-reported-year]=$y
    [incident-1-agency]=Police)
  local a
  for a in "$@"; do f[${a%%=*}]=${a#*=}; done
  local args=(csrf_token="$t")
  for a in "${!f[@]}"; do args+=("$a=${f[$a]}"); done
  form "${args[@]}"
}
t=$(token /asb-case-review/apply)
application summary='*30000000:s' >"$work/body"
read -r status secs < <(post /asb-case-review/apply "$work/body")
echo "  30,000,000-character summary: $status in ${secs}s"
check "a 30,000,000-character summary is refused" [ "$status" = 413 ]
application summary='*10001:s' victim-name='*201:v' >"$work/body"
read -r status secs < <(post /asb-case-review/apply "$work/body")
echo "  10,001-character summary and 201-character name: $status in ${secs}s"
check "refused" [ "$status" = 400 ]
check "Summary must be 10,000 characters or less, beside the field" grep -q 'id="summary-error"' "$work/answer.html"
check "Full name must be 200 characters or less" grep -q "Full name must be 200 characters or less" "$work/answer.html"

echo "3. bytes that are not text"
application victim-name='Val\0' summary='Noise \e[2J' victim-address='\xff' >"$work/body"
read -r status secs < <(post /asb-case-review/apply "$work/body")
echo "  NUL, ESC, 0xFF: $status"
check "refused" [ "$status" = 400 ]
check "naming the address" grep -q "Address must not contain bytes that are not UTF-8 text" "$work/answer.html"
check "naming the summary" grep -q "Summary must not contain control characters" "$work/answer.html"
check "no raw ESC served" bash -c "! grep -q $'\x1b' '$work/answer.html'"

rows_after=$(rows)
echo "  rows (login_attempts audit_log cases) before: $rows_before, after: $rows_after"
check "nothing stored" [ "$rows_before" = "$rows_after" ]

echo "4. applications from one address"
for i in 1 2 3 4 5 6; do
  application victim-name="Applicant $i" >"$work/body"
  read -r status secs < <(post /asb-case-review/apply "$work/body")
  echo "  application $i: $status"
done
check "the sixth is refused" [ "$status" = 429 ]
check "with the form kept" grep -q 'value="Applicant 6"' "$work/answer.html"
check "five stored" [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM case_review_cases')" = "$(( ${rows_before##* } + 5 ))" ]
echo "store: $size_before bytes before, $(stat -c %s "$db") after (+ WAL $(stat -c %s "$db-wal" 2>/dev/null || echo 0))"
echo "fill_store: $failures failed"
[ "$failures" = 0 ]
