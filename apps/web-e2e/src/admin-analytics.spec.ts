import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { AdminApi } from './support/admin-api';
import { ADMIN, newClient, signInInBrowser } from './support/accounts';

/** The parts of GET /admin/analytics this journey compares the pages with. */
interface SystemAnalytics {
  totals: { users: number; pendingUsers: number; calls: number; numbers: number };
  daily: { date: string; calls: number }[];
}

let address = 0;

/** Signs in (or up) through the API from an address of its own, so the per-IP sign-in limit counts this spec alone. */
async function tokenFor(
  request: APIRequestContext,
  path: '/api/v1/auth/login' | '/api/v1/auth/signup',
  data: object,
): Promise<string> {
  address += 1;
  const res = await request.post(path, {
    data,
    headers: { 'X-Forwarded-For': `198.18.${process.pid % 250}.${(address % 250) + 1}` },
  });
  expect(res.status()).toBe(path.endsWith('signup') ? 201 : 200);
  return (await res.json()).accessToken;
}

async function analytics(request: APIRequestContext, adminToken: string, query = ''): Promise<SystemAnalytics> {
  const res = await request.get(`/api/v1/admin/analytics${query}`, {
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

/** Whether anything was painted on the canvas (a blank one is all transparent pixels). */
async function painted(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext('2d');
    if (!context || element.width === 0 || element.height === 0) return false;
    return context.getImageData(0, 0, element.width, element.height).data.some((channel) => channel !== 0);
  });
}

const count = (value: number) => new Intl.NumberFormat('en-US').format(value);

test.describe('the admin dashboard and analytics', () => {
  test('figures and live activity on the dashboard, then charts, a preset and the CSV export', async ({
    page,
    request,
  }) => {
    const adminToken = await tokenFor(request, '/api/v1/auth/login', ADMIN);
    const baseline = await analytics(request, adminToken);

    // A customer with a number places two calls (one that fails, one that is answered).
    const caller = newClient();
    await tokenFor(request, '/api/v1/auth/signup', caller);
    await (await AdminApi.signIn(request)).approveWithNumber(caller.email);
    const callerToken = await tokenFor(request, '/api/v1/auth/login', {
      email: caller.email,
      password: caller.password,
    });
    for (const toNumber of ['+15005550001', '+15005550004']) {
      const res = await request.post('/api/v1/calls', {
        headers: { Authorization: `Bearer ${callerToken}` },
        data: { toNumber },
      });
      expect(res.status()).toBe(201);
    }
    const expected = await analytics(request, adminToken);
    expect(expected.totals.calls).toBe(baseline.totals.calls + 2);

    // The dashboard: the cards show the figures.
    await signInInBrowser(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/voip\/admin$/);
    const usersCard = page.getByRole('group', { name: 'Users' });
    const callsCard = page.getByRole('group', { name: 'Calls · last 30 days' });
    await expect(usersCard.locator('.stat-value')).toHaveText(count(expected.totals.users));
    await expect(usersCard).toContainText(`${count(expected.totals.pendingUsers)} pending`);
    await expect(callsCard.locator('.stat-value')).toHaveText(count(expected.totals.calls));
    await expect(callsCard).toContainText(`${count(expected.daily[expected.daily.length - 1].calls)} today (UTC)`);
    await expect(page.getByRole('group', { name: 'Numbers' }).locator('.stat-value')).toHaveText(
      count(expected.totals.numbers),
    );
    await expect(page.getByRole('img', { name: /^Calls per day over 30 days/ })).toBeVisible();

    // Someone signs up: the entry appears in the feed at once, and the Users card follows.
    const newcomer = newClient();
    await tokenFor(request, '/api/v1/auth/signup', newcomer);
    // (Among the newest: the calls placed above may end, and be listed, a moment later.)
    await expect(
      page
        .getByRole('list', { name: 'Recent activity' })
        .getByRole('listitem')
        .filter({ hasText: `User signup: ${newcomer.email}` }),
    ).toBeVisible();
    await expect(usersCard.locator('.stat-value')).toHaveText(count(expected.totals.users + 1));
    await expect(usersCard).toContainText(`${count(expected.totals.pendingUsers + 1)} pending`);

    // Analytics: the calls chart is drawn, and its summary counts the calls placed above.
    await page.getByRole('link', { name: 'Open analytics' }).click();
    await expect(page).toHaveURL(/\/voip\/admin\/analytics$/);
    const callsChart = page.getByRole('img', { name: /^Calls per day over 30 days: / });
    await expect(callsChart).toHaveAttribute('aria-label', new RegExp(`: ${expected.totals.calls} calls, `));
    const box = await callsChart.boundingBox();
    expect(box?.width).toBeGreaterThan(0);
    expect(box?.height).toBeGreaterThan(0);
    await expect.poll(() => painted(callsChart)).toBe(true);
    await expect(page.getByRole('img', { name: /^Talk minutes and cost per day over 30 days/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Calls by status: / })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Top users' })).toContainText(caller.email);

    // A preset: the URL keeps it, so a reload shows the same range.
    await page.getByRole('radio', { name: '7 days' }).click();
    await expect(page).toHaveURL(/\/voip\/admin\/analytics\?range=7d$/);
    const weekChart = page.getByRole('img', { name: /^Calls per day over 7 days: / });
    await expect(weekChart).toBeVisible();
    await page.reload();
    await expect(page.getByRole('radio', { name: '7 days' })).toHaveAttribute('aria-checked', 'true');
    await expect(weekChart).toBeVisible();

    // The CSV export of the week: a header and one row per day, today's with the calls counted.
    const today = new Date().toISOString().slice(0, 10);
    const week = await analytics(
      request,
      adminToken,
      `?to=${today}&from=${expected.daily[expected.daily.length - 7].date}`,
    );
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`analytics-${week.daily[0].date}-to-${today}.csv`);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe('date,calls,successful,failed,durationSeconds,cost');
    expect(lines).toHaveLength(8);
    const todayRow = lines.find((line) => line.startsWith(`${today},`));
    expect(todayRow?.split(',')[1]).toBe(String(week.daily[week.daily.length - 1].calls));
    expect(Number(todayRow?.split(',')[1])).toBeGreaterThanOrEqual(2);
  });
});
