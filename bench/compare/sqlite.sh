#!/usr/bin/env bash
# SQLite's side of bench/compare.sh: the indicator tables from police.uk street-level files,
# written as the canonical CSV (see indicators.sql), with Debian's sqlite3 command-line shell.
#
#   bench/compare/sqlite.sh DATA_DIR OUT_CSV DATABASE
#
# What an analyst does with the shell: load every file into a table of a database file with
# .import, then query it. DATABASE is that file (removed first if it exists; the caller removes
# it after): the national set is 4.4 GB of text, more than one would load into :memory:. The
# load runs with the usual bulk-load settings (no rollback journal, no fsync), so it writes to
# the page cache. The shell has no CSV virtual table (the csv extension is not built in), and
# .import takes every column of a file, so the table has all 12; the query reads 4 of them.
set -euo pipefail

if (($# != 3)); then
    echo "usage: sqlite.sh DATA_DIR OUT_CSV DATABASE" >&2
    exit 2
fi
data=$1 out=$2 db=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -f "$db"

{
    cat <<'EOF'
.bail on
.output /dev/null
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE street (
    crime_id TEXT, month TEXT, reported_by TEXT, falls_within TEXT, longitude TEXT,
    latitude TEXT, location TEXT, lsoa_code TEXT, lsoa_name TEXT, crime_type TEXT,
    last_outcome_category TEXT, context TEXT
);
EOF
    # One .import per file, each skipping its header line. CSV quoting is handled by .import.
    for f in "$data"/*/*.csv; do
        printf '.import --csv --skip 1 "%s" street\n' "$f"
    done
    cat <<EOF
-- An empty field imports as '', as the query expects for a row without a location.
CREATE VIEW crimes AS
SELECT month, falls_within AS force, lsoa_name, crime_type FROM street;
.headers off
.mode list
.output '$out'
.read '$here/indicators.sql'
EOF
} | sqlite3 "$db"
