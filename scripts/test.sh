#!/usr/bin/env bash
# Every test: set up, build, then run the whole suite (unit tests, OOXML schema checks,
# python-docx and LibreOffice round trips on every sample). The store and server suites also run
# on an ephemeral PostgreSQL started for the run (scripts/with-postgres.sh; CI=true requires it).
#
# Beside the main suite, in the background, the sanitizer lane (fuzz/README.md, "CI lane", has
# its measured times): scripts/fuzz.sh (every libFuzzer harness for VANTHU_FUZZ_SECONDS, 30 by
# default) and then scripts/asan.sh on the unit tests of VANTHU_ASAN_MODULES under ASan + UBSan
# (the parsers' modules by default; "all" for the whole suite, which does not fit CI's budget on
# 2 cores). Much of the main suite waits on LibreOffice, servers and child processes, so the
# lane fills the idle core. Its logs are build/fuzz.log and build/asan.log; any failure there,
# a harness's finding, or clang missing under CI=true, fails this script. VANTHU_SANITIZERS=0
# leaves the lane out (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

lane=""
if [ "${VANTHU_SANITIZERS:-1}" != 0 ]; then
  (
    rc=0
    fuzz_rc=0
    bash scripts/fuzz.sh "${VANTHU_FUZZ_SECONDS:-30}" >build/fuzz.log 2>&1 || fuzz_rc=$?
    # 77: no clang outside CI (fuzz.sh said so in its log); under CI=true it exits 1 instead
    [ "$fuzz_rc" = 0 ] || [ "$fuzz_rc" = 77 ] || rc=1
    modules="${VANTHU_ASAN_MODULES-core text xml model input}"
    [ "$modules" = all ] && modules=""
    ASAN_MODULES="$modules" bash scripts/asan.sh >build/asan.log 2>&1 || rc=1
    exit "$rc"
  ) &
  lane=$!
fi

status=0
(cd build && bash ../scripts/with-postgres.sh ctest --output-on-failure -j"$(nproc)" "$@") || status=$?

if [ -n "$lane" ]; then
  lane_status=0
  wait "$lane" || lane_status=$?
  for log in build/fuzz.log build/asan.log; do
    echo "==== $log"
    cat "$log" 2>/dev/null || echo "(missing)"
  done
  if [ "$lane_status" != 0 ]; then
    echo "test: the sanitizer lane failed (build/fuzz.log, build/asan.log above)" >&2
    status=1
  fi
fi
exit "$status"
