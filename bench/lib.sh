# Shared by the benchmark scripts (source it after setting `repo`).

# bench_build NAME DO_BUILD TARGET...: builds the targets in $BUILD_DIR (default build, relative
# to the repository; a new directory is configured Release, an existing one used as it is) unless
# DO_BUILD is 0, then sets build, build_type, scrutineer, measure and gen, and checks they exist.
bench_build() {
    local name=$1 do_build=$2
    shift 2
    build=${BUILD_DIR:-build}
    [[ $build == /* ]] || build=$repo/$build
    if ((do_build)); then
        if [[ ! -f $build/CMakeCache.txt ]]; then
            cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        fi
        cmake --build "$build" --target "$@" >/dev/null ||
            { echo "$name: build failed in $build" >&2; exit 1; }
    fi
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
    scrutineer=$build/scrutineer measure=$build/bench/measure gen=$build/bench/gen_police_uk
    local tool
    for tool in "$scrutineer" "$measure" "$gen"; do
        [[ -x $tool ]] || { echo "$name: $tool is missing: build first" >&2; exit 1; }
    done
}

# median_min_peak FILE: of lines "wall_seconds peak_rss_kb" (measure's), prints
# "median_s min_s peak_MB".
median_min_peak() {
    sort -n "$1" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
        END { med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
              printf "%.3f %.3f %.1f\n", med, t[1], m / 1024 }'
}

# serve_on_free_port NAME SCRUTINEER DB WORK [SERVE ARGS...]: starts `scrutineer serve` on DB on a
# free loopback port (a port nobody listens on, and another if the server could not bind it after
# all), its log in WORK/server.log and its uploads under WORK (TMPDIR); sets server_pid and port.
# The caller stops the server (kill $server_pid) at exit.
serve_on_free_port() {
    local name=$1 scrutineer=$2 db=$3 work=$4 candidate i
    shift 4
    port=
    for _ in 1 2 3 4 5; do
        candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if command -v ss >/dev/null && [[ -n $(ss -Htln "sport = :$candidate" 2>/dev/null) ]]; then
            continue
        fi
        TMPDIR=$work "$scrutineer" serve --database "$db" --address 127.0.0.1 \
            --port "$candidate" "$@" >"$work/server.log" 2>&1 &
        server_pid=$!
        for ((i = 0; i < 100; i++)); do
            kill -0 "$server_pid" 2>/dev/null || break
            if curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$candidate/healthz" 2>/dev/null; then
                port=$candidate
                break
            fi
            sleep 0.1
        done
        # Answered, and by our server (still running): serving.
        if [[ -n $port ]] && kill -0 "$server_pid" 2>/dev/null; then return 0; fi
        port=
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    done
    echo "$name: the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
}

# stop_server_at_exit WORK [PID_VARIABLE...]: at exit (or Ctrl-C), kills $server_pid and the
# processes whose ids the named variables hold, waits for the server, and removes WORK.
stop_server_at_exit() {
    cleanup_work=$1
    shift
    cleanup_pids=("$@")
    # shellcheck disable=SC2317  # run by the trap
    cleanup() {
        local v
        for v in "${cleanup_pids[@]}"; do
            [[ -z ${!v:-} ]] || kill "${!v}" 2>/dev/null || true
        done
        if [[ -n ${server_pid:-} ]] && kill -0 "$server_pid" 2>/dev/null; then
            kill "$server_pid" 2>/dev/null || true
            wait "$server_pid" 2>/dev/null || true
        fi
        rm -rf "$cleanup_work"
    }
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

# demo_store NAME SCRUTINEER DB WORK: makes DB a demo store (`scrutineer demo`), or exits.
demo_store() {
    "$2" demo --database "$3" >"$4/demo.log" 2>&1 ||
        { echo "$1: scrutineer demo failed:" >&2; cat "$4/demo.log" >&2; exit 1; }
}

# add_officer NAME SCRUTINEER DB WORK: adds the officer olivia to DB with a random password,
# which it sets in `password`; or exits.
add_officer() {
    password="$1 $(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    echo "$password" | "$2" user add --database "$3" --username olivia \
        --name "Olivia Officer" --role officer >"$4/user.log" 2>&1 ||
        { echo "$1: user add failed:" >&2; cat "$4/user.log" >&2; exit 1; }
}

# sign_in NAME BASE_URL USERNAME PASSWORD WORK: signs in through /login (the form's CSRF token
# and cookie, then POST /login); sets csrf and session, or exits.
sign_in() {
    local name=$1 base=$2 username=$3 password=$4 work=$5
    curl -fsS --max-time 5 -D "$work/login.headers" -o "$work/login.html" "$base/login"
    csrf=$(grep -o 'name="csrf_token" value="[0-9a-f]*"' "$work/login.html" | sed 's/.*value="//; s/"$//')
    curl -sS --max-time 10 -D "$work/session.headers" -o /dev/null -b "scrutineer_csrf=$csrf" \
        --data-urlencode "csrf_token=$csrf" --data-urlencode "username=$username" \
        --data-urlencode "password=$password" "$base/login"
    session=$(tr -d '\r' <"$work/session.headers" |
        sed -n 's/^[Ss]et-[Cc]ookie: scrutineer_session=\([^;]*\).*/\1/p' | head -n 1)
    if [[ -z $csrf || -z $session ]]; then
        echo "$name: could not sign in as $username:" >&2
        head -n 1 "$work/session.headers" >&2
        exit 1
    fi
}
