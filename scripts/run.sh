#!/usr/bin/env bash
# The main job: set up, build, and render every sample document into out/ (DOCX and PDF).
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
exit $status
