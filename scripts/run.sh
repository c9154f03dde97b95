#!/usr/bin/env bash
# The main job: set up, build, and render every sample document into out/ (DOCX).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
status=0
for f in samples/[0-9]*.xml; do  # document samples (NN-name.xml); agencies.xml is the directory
  name=$(basename "$f" .xml)
  if ./build/vanthu render "$f" --format docx -o "out/$name.docx"; then
    echo "rendered out/$name.docx"
  else
    status=1
  fi
done
exit $status
