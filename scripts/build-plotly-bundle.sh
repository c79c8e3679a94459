#!/usr/bin/env bash
# Build dashboard/vendor/plotly-partial.min.js: plotly.js with only the trace types the dashboard
# draws (scripts/plotly-bundle/entry.js), served in place of Dash's full plotly.min.js
# (dashboard/app.py, _serve_plotly). Reproducible: plotly.js and esbuild at pinned versions, every
# dependency pinned by scripts/plotly-bundle/package-lock.json and installed with `npm ci` from the
# npm registry; no install scripts run. Two builds give the same bytes (the sha256 is committed
# beside the bundle and checked by tests/unit/test_plotly_bundle.py).
#
#   bash scripts/build-plotly-bundle.sh          # build and write the bundle and its .sha256
#   bash scripts/build-plotly-bundle.sh --check  # build, and fail if it differs from the committed one
#   bash scripts/build-plotly-bundle.sh --lock   # re-resolve package-lock.json (after a version change)
#
# Needs node and npm (Debian: apt-get install nodejs npm); plotly.js 4 asks for node >= 22 but
# builds with node 20 (npm warns).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
src="$here/plotly-bundle"
out="$root/dashboard/vendor/plotly-partial.min.js"
traces="bar, heatmap, choropleth, scattergeo (scatter in the core)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src/package.json" "$src/entry.js" "$work/"
cd "$work"

if [ "${1:-}" = "--lock" ]; then
  npm install --package-lock-only --no-audit --no-fund --ignore-scripts
  cp package-lock.json "$src/package-lock.json"
  echo "wrote $src/package-lock.json"
  exit 0
fi

cp "$src/package-lock.json" "$work/"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
version="$(node -p "require('plotly.js/package.json').version")"
# The options of plotly.js's own build (its esbuild-config.js) that matter for these traces:
# one IIFE that sets window.Plotly, `global` as window, no AMD.
node_modules/.bin/esbuild entry.js \
  --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
  --define:global=window --define:define.amd=false \
  --legal-comments=none --log-level=warning \
  --banner:js="/* plotly.js v$version (https://plot.ly/javascript/), partial bundle: $traces. Copyright 2012-2026, Plotly, Inc. Released under the MIT license. Built by scripts/build-plotly-bundle.sh */" \
  --outfile=bundle.min.js

if [ "${1:-}" = "--check" ]; then
  if cmp -s bundle.min.js "$out"; then
    echo "the committed bundle is what the script builds: $(sha256sum "$out" | cut -d' ' -f1)"
    exit 0
  fi
  echo "the committed bundle differs from a fresh build ($(sha256sum bundle.min.js | cut -d' ' -f1))" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
cp bundle.min.js "$out"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" > "$(basename "$out").sha256")
echo "wrote $out ($(wc -c < "$out") bytes): $(cut -d' ' -f1 "$out.sha256")"
