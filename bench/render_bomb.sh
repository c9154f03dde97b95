#!/usr/bin/env bash
# bench/render_bomb.sh [BINARY] [RUNS]: a draft of RUNS bold runs (default 59000, just under the
# render budget) posted to a fresh `vanthu serve`, then fetched as PDF by 8 clients at once.
# Prints the POST status, the wall time of the 8 fetches, the server's peak RSS (VmHWM) and its
# RSS afterwards. Issue 14: before the budget, 600000 runs gave 34 s and 5.2 GB peak.
set -euo pipefail
B=${1:-build/vanthu}
RUNS=${2:-59000}
WORK=$(mktemp -d -t vanthu-bomb.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { [ -n "${P:-}" ] && kill "$P" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
python3 - "$RUNS" "$WORK/bomb.xml" <<'PY'
import sys
runs = int(sys.argv[1])
body = "<b>x</b> " * (runs // 2)  # each bold word and the space after it are two runs
open(sys.argv[2], "w").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:vanthu:document:1" type="thong-bao">
  <code notation="TB-BTP"/>
  <issuer abbreviation="BTP">BỘ TƯ PHÁP</issuer>
  <place>Hà Nội</place>
  <subject>Thông báo thử tải</subject>
  <body><p>{body}</p></body>
  <signature><position>BỘ TRƯỞNG</position><name>Nguyễn Văn An</name></signature>
  <recipients><recipient>Các đơn vị thuộc Bộ</recipient><archive><unit>VT</unit></archive></recipients>
</document>
""")
PY
T=$("$B" user add --name "Chị Lan" --role clerk --organ BTP --db "sqlite:$WORK/b.db" | tail -1)
"$B" serve --db "sqlite:$WORK/b.db" --port "$PORT" > "$WORK/serve.log" 2>&1 & P=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -s -o "$WORK/post.json" -w "POST %{http_code}\n" -H "Authorization: Bearer $T" -H "Content-Type: application/xml" \
     --data-binary @"$WORK/bomb.xml" "http://127.0.0.1:$PORT/api/v1/documents"
start=$(date +%s.%N)
PIDS=""
for i in 1 2 3 4 5 6 7 8; do
  curl -s -o /dev/null -w "%{http_code} " -H "Authorization: Bearer $T" "http://127.0.0.1:$PORT/api/v1/documents/1.pdf" & PIDS="$PIDS $!"
done
wait $PIDS
end=$(date +%s.%N)
echo
echo "8 GETs: $(echo "$end - $start" | bc) s; $(grep VmHWM /proc/$P/status | tr -s ' \t' ' '); after: $(grep VmRSS /proc/$P/status | tr -s ' \t' ' ')"
