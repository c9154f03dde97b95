#!/usr/bin/env bash
# The main job: set up, build, render every sample document into out/ (DOCX and PDF), then start
# the archive service on SQLite (var/vanthu.db) with the samples loaded. Prints the clerk's desk's
# address with a sign-in (a generated password), an API token and an example request; stop the
# service with Ctrl-C.
#   PORT=8080 (default)   VANTHU_DB=sqlite:var/vanthu.db (default) or postgresql://…
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
status=0
for f in samples/[0-9][0-9]-*.xml; do
  name=$(basename "$f" .xml)
  for fmt in docx pdf; do
    if ./build/vanthu render "$f" --format "$fmt" -o "out/$name.$fmt"; then
      echo "rendered out/$name.$fmt"
    else
      status=1
    fi
  done
done
[ "$status" -eq 0 ] || exit $status

DB="${VANTHU_DB:-sqlite:var/vanthu.db}"
PORT="${PORT:-8080}"
TOKEN=$(./build/vanthu user add --name "Quản trị (run.sh)" --role admin --organ BTP --organ-name "BỘ TƯ PHÁP" \
          --cleared --db "$DB" | tail -1)
# The desk's sign-in: the clerk "vanthu" of BỘ TƯ PHÁP (the organ of samples 01 and 03), with a
# fresh password each run; it goes through standard input, never the command line.
DESK_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-16)
if ! printf '%s\n' "$DESK_PASSWORD" | ./build/vanthu user add --name "Văn thư (run.sh)" --role clerk --organ BTP \
       --organ-name "BỘ TƯ PHÁP" --login vanthu --password-file - --db "$DB" >/dev/null 2>&1; then
  printf '%s\n' "$DESK_PASSWORD" | ./build/vanthu user passwd --login vanthu --password-file - --db "$DB" >/dev/null
fi
cat <<MSG

The clerk's desk (bàn làm việc văn thư): http://127.0.0.1:$PORT/
  Tên đăng nhập (login): vanthu
  Mật khẩu (password):   $DESK_PASSWORD

API token (admin, cleared for secret documents): $TOKEN
Example:
  curl -s -H 'Authorization: Bearer $TOKEN' 'http://127.0.0.1:$PORT/api/v1/search?q=ke+hoach+thi+hanh+phap+luat'
  curl -s -H 'Authorization: Bearer $TOKEN' 'http://127.0.0.1:$PORT/api/v1/search?code=1020+QD+BTP'
  curl -s http://127.0.0.1:$PORT/openapi.json
MSG
exec ./build/vanthu serve --db "$DB" --port "$PORT" --load-samples
