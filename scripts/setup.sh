#!/usr/bin/env bash
# Installs what scrutineer needs to build, run and test on Debian 12. Safe to run again:
# it installs only what is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config clang-format
  libfmt-dev nlohmann-json3-dev libcli11-dev libzip-dev zlib1g-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libsqlitecpp-dev libpqxx-dev libpq-dev postgresql libsodium-dev
  libcrack2-dev cracklib-runtime
  libboost-dev libspdlog-dev libkainjow-mustache-dev
  libcairo2-dev libxlsxwriter-dev poppler-utils libreoffice-writer-nogui
  chromium wrk curl
  libssl-dev sqlite3 python3-pandas
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "All build dependencies are installed."
fi

# Front-end assets (GOV.UK Frontend) and browser-test tools from npm, as locked.
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.scrutineer-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.scrutineer-lock
fi
