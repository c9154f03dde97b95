#!/usr/bin/env bash
# Installs what vanthu needs from Debian 12 (apt only) and builds it into build/.
# Idempotent: packages already present are not reinstalled; the build is incremental (ccache).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  g++ cmake make pkg-config ccache libpoco-dev libicu-dev libxml2-dev libfreetype-dev zlib1g-dev
  libharfbuzz-dev libsqlite3-dev libpq-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  # the desk: Argon2id password hashes, templates that escape by default
  libargon2-dev libkainjow-mustache-dev
  # fonts: Liberation Serif stands in for Times New Roman (fonts/README.md)
  fonts-liberation2 fontconfig
  # the real clients the tests check our output with
  libxml2-utils unzip python3-docx poppler-utils qpdf libreoffice-writer-nogui
  # the desk's browser test (tests/desk/browser_test.py): a real headless Chromium
  chromium chromium-driver python3-selenium
  # the sRGB ICC profile of the PDF/A OutputIntent (/usr/share/color/icc/sRGB.icc)
  icc-profiles-free
  # the store suite runs on a real PostgreSQL too (scripts/with-postgres.sh); wrk for bench/
  postgresql wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build build -j"$(nproc)"
