// Prints one closing line for CI ("N passed, N failed") from the JSON reports that `npm test` leaves in
// dist/test-reports: the jest runs (unit, integration) and Playwright (e2e, and the real-call specs when they ran).
import { existsSync, readFileSync } from 'node:fs';

const reports = {
  unit: 'dist/test-reports/unit.json',
  integration: 'dist/test-reports/integration.json',
  e2e: 'dist/test-reports/e2e.json',
  telephony: 'dist/test-reports/telephony.json',
};
/** Reports a run may lack: the telephony specs run in CI and on demand (`npm run test:telephony`), not in npm test. */
const optional = new Set(process.argv.includes('--telephony') ? [] : ['telephony']);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, file] of Object.entries(reports)) {
  if (!existsSync(file)) {
    if (optional.has(name)) continue;
    console.error(`No ${name} test report at ${file}`);
    process.exitCode = 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats) {
    // Playwright
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    console.log(`${name}: ${report.stats.expected + report.stats.flaky} passed, ${report.stats.unexpected} failed`);
  } else {
    // jest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests;
    console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
