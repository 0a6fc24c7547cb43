import { test as base } from '@playwright/test';

let clientNumber = 0;

/**
 * Each test browses as its own client address (X-Forwarded-For, honoured because the e2e server trusts the
 * loopback proxy, TRUST_PROXY=loopback, and Playwright connects from 127.0.0.1), as real users do: the per-IP sign-in limit (5 per 15 minutes) then counts one journey's
 * attempts, not the whole suite's. Every test also fails if the page broke the Content-Security-Policy
 * (a blocked stylesheet or script leaves the app unstyled or dead while the markup still looks fine).
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    clientNumber += 1;
    const address = `198.51.100.${((process.pid + clientNumber) % 250) + 1}`;
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(message.text()))
        violations.push(message.text());
    });
    await use(page);
    if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
  },
});

export { expect } from '@playwright/test';
