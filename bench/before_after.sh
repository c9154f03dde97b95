#!/usr/bin/env bash
# Before/after in one run: the same benchmarks of two Release builds, taken in turn (A B A B …)
# so that a busy machine weighs on both alike.
#
#   bash bench/before_after.sh OLD_TREE NEW_TREE [ROUNDS]      (ONLY=regex: some figures only)
#
# Each TREE is a source checkout with its Release build in TREE/build-release
# (cmake -S TREE -B TREE/build-release -DCMAKE_BUILD_TYPE=Release && make -C TREE/build-release
#  vanthu_bench vanthu_pdf_bench vanthu_store_bench vanthu_exchange_bench).
# The store and exchange benchmarks write under TREE/var/bench, so each runs from its own tree.
# Prints one line per figure and round, then the medians.
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); rounds=${3:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# name | binary | filter | the figure taken from the JSON (a counter, or cpu_time of the median)
figures=(
  "docx_model_to_bytes_us|vanthu_bench|^BM_ComposeAndRenderDocx$|cpu_time"
  "docx_composition_to_bytes_us|vanthu_bench|^BM_RenderDocx$|cpu_time"
  "pdf_composition_to_bytes_us|vanthu_pdf_bench|^BM_RenderPdfNoStats$|cpu_time"
  "http_issues_per_s|vanthu_store_bench|^BM_HttpIssue/|issues_per_s"
  "deliveries_per_s|vanthu_exchange_bench|^BM_DeliveriesBetweenTwoInstances/|items_per_second"
)

run() {  # tree label round name binary filter field
    local tree=$1 label=$2 round=$3 name=$4 bin=$5 filter=$6 field=$7
    local json="$out/$label-$name-$round.json"
    local reps=()
    [[ $field == cpu_time ]] && reps=(--benchmark_repetitions=5 --benchmark_report_aggregates_only=true)
    (cd "$tree" && VANTHU_BENCH_DELIVERIES=${VANTHU_BENCH_DELIVERIES:-1500} \
        "$tree/build-release/bench/$bin" --benchmark_filter="$filter" "${reps[@]}" \
        --benchmark_format=json >"$json" 2>"$out/stderr")
    python3 - "$json" "$field" <<'PY'
import json, sys
data = json.load(open(sys.argv[1])); field = sys.argv[2]
rows = [b for b in data["benchmarks"] if b.get("aggregate_name", "median") == "median"]
# a benchmark the older tree does not have yet prints "missing" rather than stopping the run
print(f'{rows[0][field]:.1f}' if rows and field in rows[0] else "missing")
PY
}

for f in "${figures[@]}"; do
    IFS='|' read -r name bin filter field <<<"$f"
    [[ $name =~ ${ONLY:-.} ]] || continue  # ONLY=regex picks figures by name
    for r in $(seq 1 "$rounds"); do
        a=$(run "$old" before "$r" "$name" "$bin" "$filter" "$field")
        b=$(run "$new" after "$r" "$name" "$bin" "$filter" "$field")
        echo "$name round $r: before $a after $b"
        echo "$name $a $b" >>"$out/all"
    done
done
echo "--- medians of $rounds rounds (µs: lower is better; per_s: higher is better)"
python3 - "$out/all" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(lambda: ([], []))
for line in open(sys.argv[1]):
    name, a, b = line.split()
    if "missing" in (a, b):
        continue
    rows[name][0].append(float(a)); rows[name][1].append(float(b))
for name, (a, b) in rows.items():
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:32s} before {ma:10.1f}  after {mb:10.1f}  after/before {mb / ma:.3f}")
PY
