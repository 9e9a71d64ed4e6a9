#!/usr/bin/env bash
# The full test suite: type check, unit, integration (PGlite, plus PostgreSQL when
# TEST_DATABASE_URL is set) and browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL is not set: integration tests run on PGlite only." >&2
fi
bash scripts/ensure-chromium.sh
echo "== type check (tsc)"
npm run --silent typecheck
echo "== lint: layer rules (eslint.config.js)"
npm run --silent lint
npm run --silent build:web
npx vitest run
