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

# The type check and the lint are single-threaded: on a 2-core machine they run side by side (the web
# build after the lint), each into its own log, printed whole when both are done.
background() {
  local name="$1"; shift
  (
    start=$SECONDS rc=0
    "$@" > "${logs}/${name}.log" 2>&1 || rc=$?
    echo "$rc $((SECONDS - start))" > "${logs}/${name}.status"
  ) &
}
settle() {
  local name="$1" rc elapsed
  wait
  read -r rc elapsed < "${logs}/${name}.status"
  echo "== ${name}"
  cat "${logs}/${name}.log"
  times+=("$(printf '%-12s %5d s' "${name}" "${elapsed}")$([ "$rc" -eq 0 ] || echo "  FAILED (exit ${rc})")")
  return "$rc"
}
background typecheck npm run --silent typecheck
# Layer rules (eslint.config.js).
static_rc=0
tier lint npm run --silent lint || static_rc=$?
[ "$static_rc" -ne 0 ] || tier web-build npm run --silent build:web || static_rc=$?
settle typecheck || exit $?
[ "$static_rc" -eq 0 ] || exit "$static_rc"
tier unit npx vitest run --project unit || exit $?
tier integration npx vitest run --project integration || exit $?
tier browser npx vitest run --project browser || exit $?
