#!/usr/bin/env bash
# `npm test`: every suite on real services (Vitest: unit and integration; Playwright: the
# browser), then one closing line with the runners' totals summed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-services.sh
rm -rf test-reports && mkdir -p test-reports artifacts

npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest-results.json
vitest_status=$?
npx --no-install playwright test
playwright_status=$?

node scripts/test-totals.mjs test-reports/vitest-results.json test-reports/e2e-results.json
totals_status=$?
if [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $totals_status -ne 0 ]; then exit 1; fi
