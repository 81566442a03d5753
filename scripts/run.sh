#!/usr/bin/env bash
# The main job: builds scrutineer and serves the web application at http://localhost:8080 on an
# embedded SQLite database (scrutineer.db), loaded with the Norfolk demo data the first time.
# Options are passed to `scrutineer serve` (e.g. --port 8081, --database other.db).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release >/dev/null
exec build/scrutineer serve --database scrutineer.db --demo --port 8080 "$@"
