#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the tests: tests/pg_cluster.sh start|stop DIR
# It listens only on a Unix socket in DIR (no TCP), and `start` writes its URL to DIR/url.
# initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail
action=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_cluster.sh: PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir/sock"
    [ "$(id -u)" -ne 0 ] || chown -R postgres "$dir"
    user=$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un )
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    port=$((20000 + RANDOM % 20000))
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -k $dir/sock -p $port -c fsync=off -c max_connections=50" start >/dev/null
    echo "postgresql:///postgres?host=$dir/sock&port=$port&user=$user" >"$dir/url"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
