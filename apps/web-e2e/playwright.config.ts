import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys in Chromium against the production build served by the API (`npm run build` first).
 * Debian's /usr/bin/chromium is used when present (browser downloads are not possible everywhere).
 */
const port = Number(process.env['E2E_PORT'] ?? 3310);
const baseURL = `http://127.0.0.1:${port}`;
const systemChromium = '/usr/bin/chromium';

export const E2E_ADMIN = { email: 'admin@hardhathosting.work', password: 'E2e-Admin-Passw0rd' };
/** Where the portal sends its mail: the mail journeys run an SMTP server here (src/support/mailbox.ts). */
export const E2E_SMTP_PORT = Number(process.env['E2E_SMTP_PORT'] ?? port + 25);

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: process.env['CI'] ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: '../../dist/test-reports/e2e.json' }],
    ['html', { open: 'never', outputFolder: '../../dist/web-e2e/report' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node apps/web-e2e/server.mjs',
    cwd: '../..',
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      E2E_PORT: String(port),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      APP_BASE_URL: baseURL,
    },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
