#!/bin/sh
# require_tool.sh PROGRAM PACKAGE COMMAND...: runs COMMAND when PROGRAM is on PATH. Otherwise it
# skips visibly (exit 77, ctest's SKIP_RETURN_CODE for tests registered through it) or, under
# CI=true, fails: CI must never pass on a check it did not run. The shell twin of
# VANTHU_REQUIRE_PROGRAM (test_support.h) for tests that are plain commands.
program=$1 package=$2
shift 2
if ! command -v "$program" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL '$program' ($package) is missing (CI=true: a missing tool fails)" >&2
    exit 1
  fi
  echo "SKIP '$program' ($package) is missing (skipped; CI=true makes this a failure)" >&2
  exit 77
fi
exec "$@"
