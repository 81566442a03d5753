#!/usr/bin/env bash
# The main job, until the web application arrives: builds scrutineer and prints the indicator
# tables from the real police.uk data shipped in data/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release >/dev/null
echo "== Norfolk Constabulary, 12 months to December 2025 (police.uk; 12 months only, so no LTA yet)"
build/scrutineer indicators --areas norfolk --police-uk data/police-uk/norfolk-street-2025 --format table
echo
echo "== City of London Police, 12 months to December 2021 against the 3-year Long Term Average"
build/scrutineer indicators --areas city-of-london \
  --police-uk data/police-uk/city-of-london-street-2017-2021 --format table
