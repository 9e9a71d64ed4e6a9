#!/usr/bin/env bash
# The full test suite: type check, unit, integration (PGlite, plus PostgreSQL when
# TEST_DATABASE_URL is set) and browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL is not set: integration tests run on PGlite only." >&2
fi
bash scripts/ensure-chromium.sh

# Each tier runs on its own and is timed; the first failure stops the run. At the end: the time of
# each tier, then the summary lines of every vitest tier (the last lines printed); the exit code is
# the failed tier's, if any.
logs="$(mktemp -d)"
times=()
tier() {
  local name="$1"; shift
  local start=$SECONDS rc=0
  echo "== ${name}: $*"
  "$@" 2>&1 | tee "${logs}/${name}.log" || rc=$?
  times+=("$(printf '%-12s %5d s' "${name}" "$((SECONDS - start))")$([ "$rc" -eq 0 ] || echo "  FAILED (exit ${rc})")")
  return "$rc"
}
summary() {
  echo
  echo "Time per tier:"
  printf '  %s\n' "${times[@]}"
  for name in unit integration browser; do
    [ -f "${logs}/${name}.log" ] || continue
    echo
    echo "${name}:"
    sed 's/\x1b\[[0-9;]*m//g' "${logs}/${name}.log" | grep -E '^ *(Test Files|Tests|Errors|Start at|Duration) ' || true
  done
  # One plain closing line over every tier: "N passed, N failed, N skipped".
  sed 's/\x1b\[[0-9;]*m//g' "${logs}"/*.log 2>/dev/null | grep -E '^ *Tests ' | awk '
    { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^skipped/) s += $i } }
    END { printf "\nTotal: %d passed, %d failed, %d skipped\n", p, f, s }'
  rm -rf "${logs}"
}
trap summary EXIT

tier typecheck npm run --silent typecheck || exit $?
# Layer rules (eslint.config.js).
tier lint npm run --silent lint || exit $?
tier web-build npm run --silent build:web || exit $?
tier unit npx vitest run --project unit || exit $?
tier integration npx vitest run --project integration || exit $?
tier browser npx vitest run --project browser || exit $?
