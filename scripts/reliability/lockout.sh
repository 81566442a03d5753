#!/usr/bin/env bash
# Try to lock real users out of a running `scrutineer serve`, and check that nobody is.
#
#   scripts/reliability/lockout.sh [--guesses N] [--keep] [BINARY]
#
# BINARY is the scrutineer command (default: build/scrutineer); this script builds nothing.
# A fresh SQLite store with one administrator (ada, the only one) and an officer (olivia) is
# served behind a pretend proxy (`--trusted-proxy 127.0.0.1`: each request says in
# X-Forwarded-For which client it is), and:
# 1. One address sends N (default 100) wrong passwords for ada as fast as it can. Every answer is
#    401 (checked) or 429 with Retry-After (slowed: answered at once, not checked); ada then signs
#    in from another address, and from the server's own peer address (no header), at once.
# 2. One address tries one password on N usernames (spraying). It is slowed as a whole; olivia,
#    who signed in from that address before, still signs in there; ada signs in elsewhere.
# 3. A second server without --trusted-proxy: a client writing a new X-Forwarded-For on every
#    request is still one address (the header is ignored), so its guesses are slowed after 3.
# Prints one line per part (counts of 401 and 429, the longest Retry-After, the slowest 429 in
# ms: a wait is never a server thread asleep) and exits non-zero if any check failed.
# Needs: bash, curl (scripts/setup.sh installs it).
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
guesses=100
keep=0
bin="$root/build/scrutineer"
while (($#)); do
  case "$1" in
    --guesses) guesses=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) bin=$1; shift ;;
  esac
done
[ -x "$bin" ] || { echo "lockout.sh: $bin is not a program (build it first)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  ((keep)) && echo "work directory kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

db="$work/store.db"
password='lockout test password'
for u in ada:administrator olivia:officer; do
  echo "$password" | "$bin" user add --database "$db" --username "${u%%:*}" \
    --name "${u%%:*} Example" --role "${u##*:}" 2>>"$work/setup.log" \
    || { echo "lockout.sh: user add failed:" >&2; cat "$work/setup.log" >&2; exit 1; }
done

start() {  # PORT_VARIABLE [serve options...]: starts a server, sets the port
  local var=$1 port step
  shift
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    "$bin" serve --database "$db" --port "$port" --threads 2 "$@" >>"$work/serve.log" 2>&1 &
    local pid=$!
    for step in $(seq 1 200); do
      if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; then
        pids+=("$pid")
        printf -v "$var" '%s' "$port"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  echo "lockout.sh: scrutineer serve did not start (see $work/serve.log)" >&2
  exit 1
}

failed=0
check() {  # WHAT CONDITION...
  local what=$1
  shift
  if ! "$@"; then echo "FAILED: $what" >&2; failed=1; fi
}

# sign_in PORT CLIENT_ADDRESS USER PASSWORD: prints "STATUS RETRY_AFTER MS"; an empty address
# sends no X-Forwarded-For. Each client address keeps its own cookie jar (its CSRF token).
sign_in() {
  local port=$1 from=$2 user=$3 pw=$4 jar="$work/jar-$1-${2:-direct}" head="$work/head" token
  local xff=()
  [ -n "$from" ] && xff=(-H "X-Forwarded-For: $from")
  token=$(curl -s -c "$jar" -b "$jar" "${xff[@]}" "http://127.0.0.1:$port/login" |
    grep -o 'name="csrf_token" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -D "$head" -w '%{http_code} %{time_total}' -c "$jar" -b "$jar" "${xff[@]}" \
    --data-urlencode "csrf_token=$token" --data-urlencode "username=$user" \
    --data-urlencode "password=$pw" --data-urlencode "next=/" \
    "http://127.0.0.1:$port/login" | {
    read -r code seconds
    retry=$(tr -d '\r' <"$head" | sed -n 's/^[Rr]etry-[Aa]fter: //p')
    echo "$code ${retry:-0} $(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000 }')"
  }
}

# guess PORT ADDRESS USER PASSWORD COUNT [ROTATE]: COUNT attempts; prints
# "401s 429s others longest-retry slowest-429-ms". ROTATE: a new address on every request.
guess() {
  local port=$1 from=$2 user=$3 pw=$4 n=$5 rotate=${6:-} c401=0 c429=0 other=0 retry=0 slow=0
  local i code r ms
  for ((i = 0; i < n; i++)); do
    [ -n "$rotate" ] && from="198.18.$((i / 250)).$((i % 250 + 1))"
    read -r code r ms < <(sign_in "$port" "$from" "${user/\#/$i}" "$pw")
    case "$code" in
      401) c401=$((c401 + 1)) ;;
      429) c429=$((c429 + 1)); ((r > retry)) && retry=$r; ((ms > slow)) && slow=$ms ;;
      *) other=$((other + 1)) ;;
    esac
  done
  echo "$c401 $c429 $other $retry $slow"
}

start proxied --trusted-proxy 127.0.0.1

# 1. A hundred wrong passwords for the only administrator from one address.
read -r c401 c429 other retry slow < <(guess "$proxied" 203.0.113.66 ada 'not the password' "$guesses")
read -r elsewhere _ _ < <(sign_in "$proxied" 198.51.100.7 ada "$password")
read -r direct _ _ < <(sign_in "$proxied" "" ada "$password")
check "part 1: every answer 401 or 429" test "$other" = 0
check "part 1: the guesser slowed (some 429)" test "$c429" -gt 0
check "part 1: a wait is at most 60 s" test "$retry" -le 60
check "part 1: ada signs in from another address (got $elsewhere)" test "$elsewhere" = 303
check "part 1: ada signs in from the peer address (got $direct)" test "$direct" = 303
echo "1. $guesses wrong passwords for ada from one address: $c401 checked (401), $c429 told to wait (429, longest Retry-After ${retry} s, slowest answer ${slow} ms); ada from another address: $elsewhere, from the peer address: $direct"

# 2. One password sprayed over many usernames from one (office) address.
read -r code _ _ < <(sign_in "$proxied" 203.0.113.9 olivia "$password")
check "part 2: olivia signs in first (got $code)" test "$code" = 303
read -r c401 c429 other retry slow < <(guess "$proxied" 203.0.113.9 'guess#' 'Summer2025!' "$guesses")
read -r colleague _ _ < <(sign_in "$proxied" 203.0.113.9 olivia "$password")
read -r ada_there _ _ < <(sign_in "$proxied" 203.0.113.9 ada "$password")
read -r ada_elsewhere _ _ < <(sign_in "$proxied" 198.51.100.8 ada "$password")
check "part 2: every answer 401 or 429" test "$other" = 0
check "part 2: the sprayer slowed (some 429)" test "$c429" -gt 0
check "part 2: olivia still signs in from that address (got $colleague)" test "$colleague" = 303
check "part 2: ada signs in elsewhere (got $ada_elsewhere)" test "$ada_elsewhere" = 303
echo "2. one password on $guesses usernames from one address: $c401 checked, $c429 told to wait (longest ${retry} s); olivia (signed in there before): $colleague; ada there: $ada_there (slowed or in), elsewhere: $ada_elsewhere"

# 3. Without --trusted-proxy the header is ignored: rotating it does not escape the throttle.
start plain
read -r c401 c429 other retry slow < <(guess "$plain" x olivia 'not the password' 20 rotate)
check "part 3: a few checked, the rest slowed (got $c401 and $c429)" test "$c401" -le 5 -a "$c429" -ge 10
echo "3. 20 wrong passwords for olivia, a new X-Forwarded-For on each, no trusted proxy: $c401 checked, $c429 told to wait"

exit "$failed"
