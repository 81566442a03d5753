#!/usr/bin/env bash
# Writes made while imports run (issue #18, "An import must never make another write fail"):
# `scrutineer serve` on a throwaway demo store; a command-line import of generated national-size
# police.uk months starts, and while it runs an officer uploads a police.uk archive on the
# Imports page and 20 members of the public (each from a loopback address of their own) send ASB
# Case Review applications, alternating with 20 action updates by the officer. Then the checks:
# every write answered 303 (none 5xx), every one in the store, both imports finished, the store
# whole. Prints the import's time, how many writes were made while it ran, and their times.
#
#   scripts/reliability/import_while_writing.sh [--tiny] [--no-build]
#
# Default: 12 months of 40 forces, 6,000,000 rows (about 1.1 GB, as a year of national files); --tiny:
# 4 forces, 2 months, 40,000 rows (CI). Environment: BUILD_DIR (default build). Exits non-zero if
# a check fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/bench/lib.sh"

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

forces=40 months=12 rows=6000000 do_build=1
while (($#)); do
    case $1 in
        --tiny) forces=4 months=2 rows=40000; shift ;;
        --no-build) do_build=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "import_while_writing.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
for tool in curl sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "import_while_writing.sh: $tool is missing (scripts/setup.sh)" >&2; exit 1; }
done
bench_build import_while_writing.sh "$do_build" scrutineer_cli gen_police_uk measure

work=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-import-while-writing.XXXXXX")
server_pid=
stop_server_at_exit "$work"

db=$work/demo.db
demo_store import_while_writing.sh "$scrutineer" "$db" "$work"
add_officer import_while_writing.sh "$scrutineer" "$db" "$work"
action=$(sqlite3 "$db" "SELECT id FROM actions WHERE visibility = 'public' ORDER BY id LIMIT 1")
district=$(sqlite3 "$db" "SELECT district_code FROM case_review_contacts ORDER BY district_code LIMIT 1")
[[ -n $action && -n $district ]] || { echo "import_while_writing.sh: the demo store has no action or no district contact" >&2; exit 1; }

# The months for the command line, and one more month, zipped as police.uk's archive is, to upload.
"$gen" --out "$work/gen" --forces "$forces" --months $((months + 1)) --rows "$rows" \
    --first-month 2020-01 >"$work/gen.log" 2>&1 ||
    { echo "import_while_writing.sh: gen_police_uk failed:" >&2; cat "$work/gen.log" >&2; exit 1; }
upload_month=$(ls "$work/gen" | grep -E '^[0-9]{4}-[0-9]{2}$' | sort | tail -1)
(cd "$work/gen" && python3 -c '
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(sys.argv[2])):
        z.write(os.path.join(sys.argv[2], name))
' "$work/upload.zip" "$upload_month")
cli_months=()
for m in $(ls "$work/gen" | grep -E '^[0-9]{4}-[0-9]{2}$' | sort | head -n "$months"); do
    cli_months+=("$work/gen/$m")
done
bytes=$(du -cb "${cli_months[@]}" | tail -1 | cut -f1)

serve_on_free_port import_while_writing.sh "$scrutineer" "$db" "$work"

python3 "$repo/scripts/reliability/import_while_writing.py" --port "$port" --username olivia \
    --password "$password" --action "$action" --district "$district" --upload "$work/upload.zip" \
    --import-log "$work/import.log" -- \
    "$scrutineer" import --database "$db" --areas from-data --police-uk "${cli_months[@]}" --quiet \
    >"$work/writes.json" || { echo "import_while_writing.sh: the writers failed" >&2; exit 1; }
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

applications=$(sqlite3 "$db" "SELECT COUNT(*) FROM case_review_cases WHERE summary LIKE 'import-while-writing application %'")
updates=$(sqlite3 "$db" "SELECT COUNT(*) FROM action_updates WHERE text LIKE 'import-while-writing update %'")
cli_files=$(find "${cli_months[@]}" -name '*.csv' | wc -l)
imported=$(sqlite3 "$db" "SELECT COUNT(*) FROM imports WHERE kind = 'police_uk' AND imported_by <> 'demo'")
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")

python3 - "$work/writes.json" "$bytes" "$applications" "$updates" "$cli_files" "$imported" \
    "$integrity" "$work/import.log" <<'PY'
import json, statistics, sys
w = json.load(open(sys.argv[1]))
size = int(sys.argv[2])
applications, updates, cli_files, imported = map(int, sys.argv[3:7])
integrity = sys.argv[7]
writes = w["writes"]
bad = [x for x in writes if x["status"] != 303]
during = sum(1 for x in writes if x["during_import"])
ms = sorted(x["ms"] for x in writes)
upload = w["upload"]
print(f"import_while_writing.sh: command-line import of {cli_files} files ({size / 1e6:.0f} MB) "
      f"took {w['import_seconds']:.1f} s; {len(writes)} writes, {during} of them while it ran; "
      f"write time median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms; "
      f"{len(bad)} not 303 ({sorted(set(x['status'] for x in bad))}); stored: "
      f"{applications} applications, {updates} updates; upload: "
      f"{'failed' if upload.get('failed') else 'imported' if upload.get('finished') else 'not finished'}; "
      f"integrity {integrity}")
ok = (not bad and applications == sum(1 for x in writes if x["kind"] == "application")
      and updates == sum(1 for x in writes if x["kind"] == "update")
      and upload.get("finished") and not upload.get("failed") and integrity == "ok"
      and imported >= cli_files and w["import_status"] == 0)
if not ok:
    print("import_while_writing.sh: FAILED", upload.get("lines"), open(sys.argv[8]).read(),
          file=sys.stderr)
sys.exit(0 if ok else 1)
PY
