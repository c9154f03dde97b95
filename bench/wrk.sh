#!/usr/bin/env bash
# Metadata reads per second over loopback with wrk (Debian package wrk):
#   bash bench/wrk.sh [DB_URL] [SECONDS]
# Starts `vanthu serve` on DB_URL (default: a fresh SQLite file with the samples), creates a viewer
# token, runs wrk against GET /api/v1/documents/1 with 2 threads and 16 connections, then stops
# the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-sqlite:var/bench/wrk.db}"
SECS="${2:-10}"
if [ "$DB" = "sqlite:var/bench/wrk.db" ]; then rm -f var/bench/wrk.db*; fi
mkdir -p var/bench
TOKEN=$(./build/vanthu user add --name wrk --role admin --organ BTP --db "$DB" | tail -1)
LOG=$(mktemp)
./build/vanthu serve --db "$DB" --port 0 --load-samples >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q listening "$LOG" && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/api/v1.*|\1|p' "$LOG")
wrk -t2 -c16 -d"${SECS}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/documents/1"
