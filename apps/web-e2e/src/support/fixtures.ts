import { test as base } from '@playwright/test';

let clientNumber = 0;

/**
 * Each test browses as its own client address (X-Forwarded-For, honoured because the e2e server runs with
 * TRUST_PROXY=true), as real users do: the per-IP sign-in limit (5 per 15 minutes) then counts one journey's
 * attempts, not the whole suite's.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    clientNumber += 1;
    const address = `198.51.100.${(process.pid + clientNumber) % 250 + 1}`;
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    await use(page);
  },
});

export { expect } from '@playwright/test';
