#!/usr/bin/env bash
# Every test: set up, build, then run the whole suite (unit tests, OOXML schema checks,
# python-docx and LibreOffice round trips on every sample). The store and server suites also run
# on an ephemeral PostgreSQL started for the run (scripts/with-postgres.sh; CI=true requires it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
bash ../scripts/with-postgres.sh ctest --output-on-failure -j"$(nproc)" "$@"
