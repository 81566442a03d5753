#!/usr/bin/env bash
# What a commit costs with each SQLite durability setting, on this machine's disk: COMMITS
# one-row transactions into a WAL database (as the store opens it) with synchronous = NORMAL and
# with FULL (what the store uses: docs/reliability.md). Prints a line per setting.
#
#   bench/sqlite_commit.sh [COMMITS]      (default 1000; the database goes in $TMPDIR)
set -euo pipefail
commits=${1:-1000}
command -v sqlite3 >/dev/null || { echo "sqlite_commit.sh: sqlite3 is missing (scripts/setup.sh)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%-12s %8s %10s %12s\n' synchronous commits seconds "ms/commit"
for mode in NORMAL FULL; do
    rm -f "$work"/s.db*
    sqlite3 "$work/s.db" "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);" >/dev/null
    { echo "PRAGMA synchronous = $mode;"
      for ((i = 1; i <= commits; i++)); do echo "BEGIN; INSERT INTO t VALUES ($i); COMMIT;"; done
    } >"$work/in.sql"
    start=$(date +%s.%N)
    sqlite3 "$work/s.db" <"$work/in.sql"
    end=$(date +%s.%N)
    awk -v m="$mode" -v n="$commits" -v s="$start" -v e="$end" \
        'BEGIN { printf "%-12s %8d %10.2f %12.3f\n", m, n, e - s, (e - s) * 1000 / n }'
done
