#!/usr/bin/env bash
# The unit suite built with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/
# (-DVANTHU_SANITIZE=ON, the project's g++), then run by ctest on SQLite and an ephemeral
# PostgreSQL. Every report fails its test: UBSan and ASan abort (-fno-sanitize-recover=all),
# LeakSanitizer makes the process exit non-zero at its end, and a test whose child process
# (build/vanthu serve, …) dies of a report fails on that child's exit.
#
#   bash scripts/asan.sh                    # what CI runs (scripts/test.sh)
#   bash scripts/asan.sh -R EdxmlLarge      # extra arguments go to ctest
#   ASAN_MODULES="xml input" bash scripts/asan.sh   # only these modules' unit tests (CI's lane:
#                                           # scripts/test.sh; the whole suite does not fit there)
#
# Left out: the labels in ASAN_EXCLUDE_LABELS (default below), the real-client checks that
# spend their time in LibreOffice, python-docx or xmllint rather than in our code; the same
# renders of our code run sanitized in the docx, pdf, render and cli suites.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD="${ASAN_BUILD_DIR:-build-asan}"
EXCLUDE="${ASAN_EXCLUDE_LABELS-libreoffice|parity|python-docx|ooxml}"
export CCACHE_DIR="${CCACHE_DIR:-$ROOT/.ccache}"

started=$(date +%s)
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANTHU_SANITIZE=ON -DVANTHU_BUILD_BENCH=OFF >/dev/null
modules=(${ASAN_MODULES:-})
targets=()
for m in "${modules[@]}"; do targets+=(--target "${m}_tests"); done
cmake --build "$BUILD" -j"${ASAN_JOBS:-$(nproc)}" "${targets[@]}"
echo "asan: build took $(( $(date +%s) - started )) s"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/support/lsan.supp:print_suppressions=0}"
cd "$BUILD"
exclude=()
[ -n "$EXCLUDE" ] && exclude=(-LE "$EXCLUDE")
if ((${#modules[@]})); then
  only=$(IFS='|'; echo "${modules[*]}")
  exclude+=(-L "^(${only})\$")
fi
bash ../scripts/with-postgres.sh ctest --output-on-failure -j"${ASAN_TEST_JOBS:-$(nproc)}" "${exclude[@]}" "$@"
echo "asan: total $(( $(date +%s) - started )) s"
