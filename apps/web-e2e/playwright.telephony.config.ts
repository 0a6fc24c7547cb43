import { defineConfig } from '@playwright/test';
import { BASE_URL, chromiumArgs, toneFile, TONES } from './telephony/support/stack';

/**
 * Real calls (README "Real calls"): the production build with VOIP_PROVIDER=sip, Kamailio and rtpengine started by
 * telephony/scripts/telephony.mjs, baresip as the telephone network, and Chromium with a fake microphone. The
 * specs assert on the audio each side heard. `npm run test:telephony` (after `npm run build`).
 */
export default defineConfig({
  testDir: './telephony',
  outputDir: '../../dist/web-e2e/telephony-results',
  globalSetup: './telephony/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../dist/test-reports/telephony.json' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    permissions: ['microphone', 'notifications'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs(toneFile(TONES.browserA)),
    },
  },
});
