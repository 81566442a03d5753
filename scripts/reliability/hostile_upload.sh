#!/usr/bin/env bash
# A hostile police.uk upload: a small zip whose one entry expands to ~1 GB of valid rows. Measures
# the peak memory (resident set) and the time of importing it with the command line, which reads
# police.uk files as the web Imports page does.
#
#   scripts/reliability/hostile_upload.sh [--mb N] [--limit-mb N] [--tiny] [--keep] [BINARY]
#
# BINARY is the scrutineer command (default: build/scrutineer); this script builds nothing.
# --mb N: the entry's size in MB (default 1000; at most 1024, the most a police.uk file may
#   expand to). --limit-mb N: fail if the peak resident set is above N MB (default 400; reading
#   is streamed in 64 MB pieces, so it does not grow with the entry). --keep: keep the work
#   directory (the zip is made once and reused there with the same --mb). --tiny: a 200 MB
#   entry and a 300 MB limit (for scripts/test.sh; before reading was streamed, the import of
#   it took 400 MB).
# Runs `scrutineer indicators --areas from-data --police-uk bomb.zip`, then `scrutineer import`
# of it into a new store, each under /usr/bin/time -v and stopped after 600 s. Prints, for each,
# the zip's size, the entry's size, the wall time and the peak resident set, and exits non-zero
# if either failed, timed out or went over the limit.
# Needs: python3 (zipfile), GNU time (/usr/bin/time).
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
mb=1000
limit_mb=400
keep=0
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --limit-mb) limit_mb=$2; shift 2 ;;
    --tiny) mb=200; limit_mb=300; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    -*) echo "hostile_upload.sh: unknown option $1" >&2; exit 2 ;;
    *) bin=$1; shift ;;
  esac
done
[ -n "$bin" ] || bin="$root/build/scrutineer"
[ -x "$bin" ] || { echo "hostile_upload.sh: $bin is not an executable (build it first, or give its path)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "hostile_upload.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "hostile_upload.sh: python3 is needed" >&2; exit 2; }
[ "$mb" -ge 1 ] && [ "$mb" -le 1024 ] || { echo "hostile_upload.sh: --mb must be 1 to 1024" >&2; exit 2; }

work=${HOSTILE_UPLOAD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-hostile-XXXXXX")}
mkdir -p "$work"
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

zip="$work/bomb-$mb.zip"
if [ ! -s "$zip" ]; then
  rm -f "$zip.part"
  # Rows as police.uk writes them (one month, one force, varied ids, places and types), so the
  # entry is a valid street-level file all through and the whole of it is read and counted.
  timeout 600 python3 - "$zip.part" "$mb" <<'EOF' || { echo "hostile_upload.sh: making the zip failed" >&2; exit 1; }
import random, sys, zipfile
path, mb = sys.argv[1], int(sys.argv[2])
target = mb * 1000 * 1000
header = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
          "LSOA name,Crime type,Last outcome category,Context\n")
types = ["Anti-social behaviour", "Burglary", "Criminal damage and arson", "Drugs",
         "Other theft", "Public order", "Shoplifting", "Vehicle crime",
         "Violence and sexual offences"]
places = ["Norwich", "Broadland", "Breckland", "South Norfolk", "North Norfolk"]
rng = random.Random(1)
# 100 varied rows (~20 KB, inside deflate's 32 KB window), repeated: it compresses about 400
# times, as a hostile upload would.
block = "".join(
    "%016x,2024-01,Bomb Constabulary,Bomb Constabulary,1.29,52.63,On or near Park Lane,"
    "E0100%04d,%s %03d%s,%s,Under investigation,\n"
    % (rng.getrandbits(64), rng.randrange(10000), rng.choice(places), rng.randrange(100),
       "ABCD"[rng.randrange(4)], rng.choice(types))
    for _ in range(100)).encode()
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    with z.open("2024-01/2024-01-bomb-street.csv", "w", force_zip64=True) as f:
        f.write(header.encode())
        written = len(header)
        while written + len(block) <= target:
            f.write(block)
            written += len(block)
EOF
  mv "$zip.part" "$zip"
fi
zip_bytes=$(stat -c %s "$zip")
entry_bytes=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).infolist()[0].file_size)' "$zip")

# measure NAME ARGS...: runs scrutineer ARGS under GNU time; prints one line; sets failed=1 if it
# failed, timed out or went over the limit.
failed=0
measure() {
  local name=$1
  shift
  timeout 600 /usr/bin/time -v -o "$work/time.txt" "$bin" "$@" >"$work/out.txt" 2>"$work/err.txt"
  local rc=$? peak_kb wall
  peak_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  awk -v n="$name" -v z="$zip_bytes" -v e="$entry_bytes" -v rc="$rc" -v w="${wall:-?}" \
    -v p="${peak_kb:-0}" -v l="$limit_mb" 'BEGIN { printf "hostile upload (%s): zip %.1f MB, entry %.0f MB; exit %s in %s; peak resident set %.0f MB (limit %s MB)\n", n, z / 1e6, e / 1e6, rc, w, p / 1024, l }'
  if [ "$rc" != 0 ]; then
    echo "hostile_upload.sh: $name failed (exit $rc):" >&2
    head -5 "$work/err.txt" >&2
    failed=1
  elif [ "${peak_kb:-0}" -gt $((limit_mb * 1024)) ]; then
    echo "hostile_upload.sh: $name: peak resident set over the limit" >&2
    failed=1
  fi
}
# Counted for the tables (as `indicators` does), and imported into a new store (as the web
# Imports page does, on as many threads as there are cores).
measure indicators indicators --areas from-data --police-uk "$zip" --format csv --quiet
rm -f "$work/store.db"
measure import import --database "$work/store.db" --areas from-data --police-uk "$zip" --quiet
exit "$failed"
