import type { APIRequestContext, Response } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { AdminApi } from './support/admin-api';
import { newClient, signInInBrowser } from './support/accounts';

async function signUpByApi(request: APIRequestContext, client: ReturnType<typeof newClient>): Promise<void> {
  const res = await request.post('/api/v1/auth/signup', {
    data: client,
    headers: { 'X-Forwarded-For': `192.0.2.${(Date.now() % 250) + 1}` },
  });
  expect(res.status()).toBe(201);
}

/** The console's pages as the sidebar names them, each with the list it reads. */
const PAGES = [
  { link: 'Users', path: /\/voip\/admin\/users/, api: '/api/v1/admin/users' },
  { link: 'Number inventory', path: /\/voip\/admin\/numbers/, api: '/api/v1/admin/numbers' },
  { link: 'Number requests', path: /\/voip\/admin\/requests/, api: '/api/v1/admin/number-requests' },
  { link: 'Analytics', path: /\/voip\/admin\/analytics/, api: '/api/v1/admin/analytics' },
  { link: 'Activity log', path: /\/voip\/admin\/activity/, api: '/api/v1/admin/activity' },
  // Last: the walk starts on the dashboard, where an admin lands.
  { link: 'Admin dashboard', path: /\/voip\/admin$/, api: '/api/v1/admin/activity' },
] as const;

/** GET /api/v1/admin/users/<id>: how the console used to name each owner and author, one request per user. */
const PER_USER_LOOKUP = /\/api\/v1\/admin\/users\/\d+(\?|$)/;

test.describe('the admin console within its request budget', () => {
  test('walks every admin page twice within a minute: no 429, no per-user look-ups', async ({ page, request }) => {
    // Owners, callers and activity of several users, so that every list names people.
    const admin = await AdminApi.signIn(request);
    for (let i = 0; i < 3; i++) {
      const client = newClient();
      await signUpByApi(request, client);
      await admin.approveWithNumber(client.email);
    }
    await admin.addNumber(`+1951555${String(Date.now() % 10_000).padStart(4, '0')}`, 'Budget walk spare');
    // An admin of its own, so the budget (100 requests a minute per user) is this walk's alone.
    const walker = newClient();
    await signUpByApi(request, walker);
    await admin.promoteToAdmin(walker.email);

    const tooMany: string[] = [];
    const lookups: string[] = [];
    page.on('response', (response: Response) => {
      const url = new URL(response.url());
      if (response.status() === 429) tooMany.push(`${response.request().method()} ${url.pathname}${url.search}`);
      if (response.request().method() === 'GET' && PER_USER_LOOKUP.test(url.pathname)) lookups.push(url.pathname);
    });

    const started = Date.now();
    await signInInBrowser(page, walker.email, walker.password);
    await expect(page).toHaveURL(/\/voip\/admin$/);
    const sidebar = page.getByRole('navigation', { name: 'Portal' });
    for (let round = 1; round <= 2; round++) {
      for (const target of PAGES) {
        const loaded = page.waitForResponse(
          (response) => new URL(response.url()).pathname === target.api && response.request().method() === 'GET',
        );
        await sidebar.getByRole('link', { name: target.link, exact: true }).click();
        await expect(page).toHaveURL(target.path);
        expect((await loaded).status()).toBe(200);
        await expect(page.getByRole('alert')).toHaveCount(0);
      }
    }
    // The assign dialog's search: one request per pause in typing, and it finds the user.
    await sidebar.getByRole('link', { name: 'Number inventory', exact: true }).click();
    await page.getByLabel('Search').fill('Budget walk spare');
    await page
      .getByRole('table', { name: 'Phone numbers' })
      .getByRole('row')
      .filter({ hasText: 'Budget walk spare' })
      .getByRole('button', { name: /^Assign / })
      .click();
    const dialog = page.getByRole('dialog');
    const searches: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      const q = url.searchParams.get('q');
      if (url.pathname === '/api/v1/admin/users' && q) searches.push(q);
    });
    const searched = page.waitForResponse(
      (response) => new URL(response.url()).searchParams.get('q') === walker.email && response.status() === 200,
    );
    await dialog.getByLabel('Search active users').pressSequentially(walker.email, { delay: 20 });
    await searched;
    await expect(dialog.getByRole('radio')).toHaveCount(1);
    await expect(dialog.getByRole('radio', { name: new RegExp(walker.name) })).toBeVisible();
    expect(searches).toEqual([walker.email]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    expect(Date.now() - started).toBeLessThan(60_000);
    expect(tooMany).toEqual([]);
    expect(lookups).toEqual([]);
  });
});
