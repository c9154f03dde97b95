#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ into build-fuzz/ (clang, ASan + UBSan + coverage) and
# runs each one for SECONDS on its seed corpus (fuzz/README.md). Fails when any harness finds a
# crash, a sanitizer report, a leak, a timeout (> 10 s on one input) or an out-of-memory
# (> 2 GiB); the input is kept in build-fuzz/artifacts/<harness>/ and the command to replay it
# is printed. One harness at a time, on one core.
#
#   bash scripts/fuzz.sh              # 30 s per harness (what CI runs, via scripts/test.sh)
#   bash scripts/fuzz.sh 600          # a longer local run: 10 min per harness
#   bash scripts/fuzz.sh 60 edxml_reader zip_entry   # only these harnesses
#
# Environment: FUZZ_BUILD_DIR (build-fuzz), FUZZ_JOBS (compile jobs; nproc), FUZZ_BUILD_ONLY=1
# (build and replay the corpus, no fuzzing). A summary per harness (executions, edges covered,
# features, corpus size) is printed at the end and kept in build-fuzz/fuzz-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_HARNESS="${1:-30}"
shift || true
BUILD="${FUZZ_BUILD_DIR:-build-fuzz}"
export CCACHE_DIR="${CCACHE_DIR:-$ROOT/.ccache}"

# Debian's clang 14 with its libFuzzer runtime (libclang-rt-14-dev); FUZZ_CXX picks another.
CXX_FOR_FUZZ="${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}"
if [ -z "$CXX_FOR_FUZZ" ]; then
  echo "fuzz: clang++ missing (apt-get install clang libclang-rt-14-dev; scripts/setup.sh does)" >&2
  # CI must fuzz; a local run without clang says so and skips (exit 77, as a skipped test).
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi

started=$(date +%s)
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FOR_FUZZ" -DVANTHU_FUZZ=ON \
      -DVANTHU_BUILD_TESTS=OFF -DVANTHU_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j"${FUZZ_JOBS:-$(nproc)}" --target fuzzers
echo "fuzz: build took $(( $(date +%s) - started )) s"

harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
  for f in fuzz/*_fuzzer.cpp; do harnesses+=("$(basename "$f" _fuzzer.cpp)"); done
fi

# The seeds of one harness: what fuzz/corpus/<harness>/ commits (regressions among them), plus
# the samples and test inputs it reads; copied into the working corpus, which grows as it runs.
seed_corpus() {
  local h=$1 dir=$2
  mkdir -p "$dir"
  [ -d "fuzz/corpus/$h" ] && cp -f fuzz/corpus/"$h"/* "$dir"/ 2>/dev/null || true
  case "$h" in
    xml_parse) cp -f samples/*.xml tests/data/input/*.xml tests/golden/distribution/*.edxml "$dir"/ ;;
    document_xml) cp -f samples/[0-9]*.xml tests/data/input/*.xml "$dir"/ ;;
    edxml_reader) cp -f tests/golden/distribution/*.edxml "$dir"/ ;;
    agency_directory) cp -f samples/agencies.xml "$dir"/ ;;
    text_import) [ -d ../shared/seeds ] && cp -f ../shared/seeds/*.txt "$dir"/ 2>/dev/null || true ;;
  esac
}

# A libFuzzer dictionary from the element and attribute names of the XSD a harness reads.
dictionary_for() {
  local h=$1 out=$2 xsd=""
  case "$h" in
    document_xml | xml_parse) xsd=schemas/document.xsd ;;
    edxml_reader) xsd=schemas/edxml.xsd ;;
    agency_directory) xsd=schemas/agency-directory.xsd ;;
    *) return 1 ;;
  esac
  {
    # (a pattern facet's backslashes are not dictionary escapes: those values are left out)
    # (and libFuzzer takes printable ASCII only: the rare non-ASCII value is left out too)
    grep -oh -e 'name="[^"]*"' -e 'value="[^"\\]*"' "$xsd" | sed 's/^[a-z]*=//' | LC_ALL=C grep -v '[^ -~]' | sort -u
    printf '%s\n' '"<"' '"</"' '"/>"' '"=\""' '"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"' '"&amp;"' '"&#x"'
  } >"$out"
}

summary="$BUILD/fuzz-summary.txt"
printf '%-18s %8s %12s %8s %8s %8s %s\n' harness seconds executions edges features corpus result >"$summary"
failed=()
for h in "${harnesses[@]}"; do
  bin="$BUILD/fuzz/${h}_fuzzer"
  [ -x "$bin" ] || { echo "fuzz: $bin was not built (is $h in fuzz/CMakeLists.txt?)" >&2; failed+=("$h"); continue; }
  corpus="$BUILD/corpus/$h" artifacts="$BUILD/artifacts/$h" log="$BUILD/logs/$h.log"
  mkdir -p "$artifacts" "$(dirname "$log")"
  seed_corpus "$h" "$corpus"
  args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
  dictionary_for "$h" "$BUILD/$h.dict" && args+=(-dict="$BUILD/$h.dict")
  if [ "${FUZZ_BUILD_ONLY:-0}" = 1 ]; then args+=(-runs=0); else args+=(-max_total_time="$SECONDS_PER_HARNESS"); fi
  echo "fuzz: $h for ${SECONDS_PER_HARNESS} s (log $log)"
  result=ok
  if ! UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$bin" "${args[@]}" "$corpus" >"$log" 2>&1; then
    result=FAILED
    failed+=("$h")
    tail -n 60 "$log" >&2
    for a in "$artifacts"/*; do
      [ -e "$a" ] && echo "fuzz: $h: replay with: $bin $a" >&2
    done
  fi
  # libFuzzer's last status line ("#N DONE cov: E ft: F corp: C/…") and final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' || true)
  edges=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  printf '%-18s %8s %12s %8s %8s %8s %s\n' "$h" "$SECONDS_PER_HARNESS" "${execs:--}" "${edges:--}" "${features:--}" \
    "${corp:--}" "$result" >>"$summary"
done

cat "$summary"
echo "fuzz: total $(( $(date +%s) - started )) s"
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (each input is in $BUILD/artifacts/<harness>/; make it a regression test, fuzz/README.md)" >&2
  exit 1
fi
