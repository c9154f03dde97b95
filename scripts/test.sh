#!/usr/bin/env bash
# Every test: set up, build, then run the whole suite (unit tests, OOXML schema checks,
# python-docx and LibreOffice round trips on every sample).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
