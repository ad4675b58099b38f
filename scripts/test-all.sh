#!/usr/bin/env bash
# `npm test`: type check, unit and contract tests (vitest), then end-to-end tests (Playwright).
# Installs nothing: it checks the prerequisites and says what is missing. Every stage runs even
# when an earlier one fails, so one run shows everything; the exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

die() { echo "npm test: $*" >&2; exit 2; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || die "node is not installed (Node 20 is needed)"
[ "$node_major" -ge 20 ] || die "Node $(node -v) is too old; Node 20 or newer is needed"
[ -d node_modules/next ] && [ -d node_modules/vitest ] && [ -d node_modules/@playwright/test ] || die "dependencies are missing: run npm ci first"
if [ -z "${BL_DATA_DIR:-}" ]; then
  echo "npm test: BL_DATA_DIR is not set: the tests that read the real BL data will say they are skipped (CI sets it)."
fi

passed=0
failed=0
status=0

echo
echo "== 1/3 type check (tsc --noEmit) =="
if npx tsc --noEmit; then
  echo "type check: no errors"
  tsc_result="ok"
  passed=$((passed + 1))
else
  tsc_result="FAILED"
  failed=$((failed + 1))
  status=1
fi

echo
echo "== 2/3 unit and engine contract tests (vitest run) =="
npx vitest run 2>&1 | tee "$logs/vitest.log"
vitest_status=${PIPESTATUS[0]}
# vitest's own summary line: "Tests  120 passed | 2 failed (122)" (ANSI colours stripped).
vitest_line="$(sed 's/\x1b\[[0-9;]*m//g' "$logs/vitest.log" | grep -E '^\s*Tests\s' | tail -1)"
v_passed="$(grep -oE '[0-9]+ passed' <<<"$vitest_line" | grep -oE '[0-9]+' || true)"
v_failed="$(grep -oE '[0-9]+ failed' <<<"$vitest_line" | grep -oE '[0-9]+' || true)"
v_passed=${v_passed:-0}
v_failed=${v_failed:-0}
if [ "$vitest_status" -ne 0 ]; then
  status=1
  [ "$v_failed" -eq 0 ] && v_failed=1 # e.g. a file that failed to load
fi
passed=$((passed + v_passed))
failed=$((failed + v_failed))

echo
echo "== 3/3 end-to-end tests (Playwright on the fixture collection) =="
npx playwright test 2>&1 | tee "$logs/playwright.log"
pw_status=${PIPESTATUS[0]}
pw_clean="$(sed 's/\x1b\[[0-9;]*m//g' "$logs/playwright.log")"
p_passed="$(grep -E '^\s+[0-9]+ passed' <<<"$pw_clean" | tail -1 | grep -oE '[0-9]+' | head -1 || true)"
p_failed="$(grep -E '^\s+[0-9]+ failed' <<<"$pw_clean" | tail -1 | grep -oE '[0-9]+' | head -1 || true)"
p_passed=${p_passed:-0}
p_failed=${p_failed:-0}
if [ "$pw_status" -ne 0 ]; then
  status=1
  [ "$p_failed" -eq 0 ] && p_failed=1 # e.g. no browser or the server did not start
fi
passed=$((passed + p_passed))
failed=$((failed + p_failed))

echo
echo "== summary =="
echo "type check: $tsc_result; vitest: $v_passed passed, $v_failed failed; playwright: $p_passed passed, $p_failed failed"
echo "$passed passed, $failed failed"
exit $status
