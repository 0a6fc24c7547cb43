import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newClient, signUpInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

/** A client signed up, approved with a number, and signed in in a browser context of its own. */
async function clientInOwnBrowser(browser: Browser, admin: AdminApi, baseURL: string, address: string) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': address } });
  const page = await context.newPage();
  const client = newClient();
  await signUpInBrowser(page, client);
  const number = await admin.approveWithNumber(client.email);
  // Signed in since sign-up; a fresh load reads the approved account.
  await page.goto('/voip/dashboard');
  await expect(page.getByRole('link', { name: 'Dialer', exact: true })).toBeVisible();
  return { page, client, number, close: () => context.close() };
}

async function dial(page: Page, number: string) {
  await page.goto('/voip/dialer');
  await page.getByLabel('Phone number').fill(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

test.describe('incoming calls in the mock', () => {
  test('B gets a call from A on the Call history page, accepts it in the panel, A hangs up: both histories show it', async ({
    browser,
    request,
    baseURL,
  }) => {
    const admin = await AdminApi.signIn(request);
    const a = await clientInOwnBrowser(browser, admin, baseURL as string, '198.51.100.201');
    const b = await clientInOwnBrowser(browser, admin, baseURL as string, '198.51.100.202');
    try {
      await b.page.goto('/voip/calls');
      await dial(a.page, b.number);

      const incoming = b.page.getByTestId('incoming-call');
      await expect(incoming).toBeVisible({ timeout: 15_000 });
      await expect(b.page.getByTestId('incoming-caller')).toContainText(a.number.slice(-4));
      await expect(b.page.getByTestId('incoming-called')).toContainText(b.number.slice(-4));
      await b.page.getByTestId('incoming-accept').click();
      await expect(b.page).toHaveURL(/\/voip\/dialer/);
      await expect(b.page.getByRole('status')).toHaveText(/In progress/);
      await expect(a.page.getByRole('status')).toHaveText(/In progress/);

      await expect(a.page.getByRole('timer', { name: 'Call duration' })).toHaveText(/^00:0[1-9]$/);
      await a.page.getByRole('button', { name: 'Hang up' }).click();
      await expect(a.page.getByRole('status')).toHaveText(/Completed/);
      await expect(b.page.getByRole('status')).toHaveText(/Completed/, { timeout: 10_000 });

      for (const [page, other] of [
        [a.page, b.number],
        [b.page, a.number],
      ] as const) {
        await page.goto('/voip/calls');
        const row = page
          .getByRole('table', { name: 'Calls' })
          .getByRole('row')
          .filter({ hasText: other.slice(-4) });
        await expect(row.first()).toContainText('Completed');
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a declined call shows as missed; an unanswered one also puts a badge on Call history until it is opened', async ({
    browser,
    request,
    baseURL,
  }) => {
    const admin = await AdminApi.signIn(request);
    const a = await clientInOwnBrowser(browser, admin, baseURL as string, '198.51.100.203');
    const b = await clientInOwnBrowser(browser, admin, baseURL as string, '198.51.100.204');
    try {
      await b.page.goto('/voip/numbers');
      await dial(a.page, b.number);
      await expect(b.page.getByTestId('incoming-call')).toBeVisible({ timeout: 15_000 });
      await b.page.getByTestId('incoming-decline').click();
      await expect(b.page.getByTestId('incoming-call')).toBeHidden();
      await expect(a.page.getByRole('status')).toHaveText(/Busy/, { timeout: 10_000 });

      // Not answered at all: 25 s of ringing (5 s at the e2e server's 5× speed), then a missed call.
      await dial(a.page, b.number);
      await expect(b.page.getByTestId('incoming-call')).toBeVisible({ timeout: 15_000 });
      await expect(b.page.getByTestId('incoming-call')).toBeHidden({ timeout: 20_000 });
      await expect(a.page.getByRole('status')).toHaveText(/No answer/, { timeout: 10_000 });
      const history = b.page.getByRole('link', { name: 'Call history, 1 missed call' });
      await expect(history).toBeVisible({ timeout: 10_000 });

      await history.click();
      await expect(b.page.getByRole('link', { name: 'Call history', exact: true })).toBeVisible();
      const rows = b.page
        .getByRole('table', { name: 'Calls' })
        .getByRole('row')
        .filter({ hasText: a.number.slice(-4) });
      await expect(rows).toHaveCount(2);
      for (const row of await rows.all()) await expect(row).toContainText('Missed');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
