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
