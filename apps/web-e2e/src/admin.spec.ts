import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { AdminApi } from './support/admin-api';
import { ADMIN, newClient, signInInBrowser } from './support/accounts';

/** Signs a client up outside the browser (its own cookie jar, so the admin's browser session stays the admin's). */
async function signUpByApi(request: APIRequestContext, client: ReturnType<typeof newClient>): Promise<void> {
  const res = await request.post('/api/v1/auth/signup', {
    data: client,
    headers: { 'X-Forwarded-For': `192.0.2.${(Date.now() % 250) + 1}` },
  });
  expect(res.status()).toBe(201);
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signInInBrowser(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/voip\/admin$/);
}

test.describe('the admin console', () => {
  test('approves a pending user from the Users page', async ({ page, request }) => {
    const client = newClient();
    await signUpByApi(request, client);
    await signInAsAdmin(page);

    await page.goto('/voip/admin/users');
    await page.getByLabel('Search users').fill(client.email);
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: client.email });
    await expect(row).toContainText(/pending/i);
    await row.getByRole('button', { name: `Approve ${client.name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText(`${client.name} is approved.`)).toBeVisible();
    await expect(row).toContainText(/active/i);

    // The admin cannot suspend themselves: the action is disabled, with the reason.
    await page.getByLabel('Search users').fill(ADMIN.email);
    const own = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: ADMIN.email });
    await expect(own.getByRole('button', { name: /^Make client/ })).toBeDisabled();
    await expect(page.locator('#self-guard-hint')).toContainText('You cannot suspend yourself');
  });

  test('adds a number and assigns it to an active user', async ({ page, request }) => {
    const client = newClient();
    await signUpByApi(request, client);
    await (await AdminApi.signIn(request)).approveUser(client.email);
    await signInAsAdmin(page);

    const subscriber = String(3000 + (Date.now() % 6000)).padStart(4, '0');
    await page.goto('/voip/admin/numbers');
    await page.getByRole('button', { name: 'Add number' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Phone number').fill(`(909) 555-${subscriber}`);
    await form.getByLabel('Friendly name').fill('E2E front desk');
    await form.getByRole('button', { name: 'Add number' }).click();
    await expect(form).toHaveCount(0);

    await page.getByLabel('Search').fill(subscriber);
    const row = page
      .getByRole('table', { name: 'Phone numbers' })
      .getByRole('row')
      .filter({ hasText: 'E2E front desk' });
    await expect(row).toContainText('Available');
    await row.getByRole('button', { name: `Assign (909) 555-${subscriber}` }).click();
    const assign = page.getByRole('dialog');
    await assign.getByLabel('Search active users').fill(client.email);
    await assign.getByRole('radio', { name: new RegExp(client.name) }).check();
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(row).toContainText('Assigned');
    await expect(row).toContainText(client.name);
  });

  test('approves a number request with the suggested match', async ({ page, request }) => {
    const client = newClient();
    await signUpByApi(request, client);
    const admin = await AdminApi.signIn(request);
    await admin.approveUser(client.email);
    await admin.addNumber(`+1909555${String(1000 + (Date.now() % 2000)).padStart(4, '0')}`, 'Queue match');
    const login = await request.post('/api/v1/auth/login', {
      data: { email: client.email, password: client.password },
      headers: { 'X-Forwarded-For': `192.0.2.${(Date.now() % 250) + 3}` },
    });
    const token = (await login.json()).accessToken;
    const created = await request.post('/api/v1/number-requests', {
      headers: { Authorization: `Bearer ${token}` },
      data: { numberType: 'local', areaCode: '909', businessName: 'Queue Test Co' },
    });
    expect(created.status()).toBe(201);
    const requestId = (await created.json()).id;

    await signInAsAdmin(page);
    await page.goto('/voip/admin/requests');
    await page.getByRole('button', { name: `Approve request ${requestId} from ${client.name}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Suggested match');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByText(`Request #${requestId} is fulfilled.`)).toBeVisible();

    const mine = await request.get('/api/v1/numbers', { headers: { Authorization: `Bearer ${token}` } });
    expect((await mine.json()).meta.total).toBe(1);
  });

  test('filters the activity log by action', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/voip/admin/activity');
    const table = page.getByRole('table', { name: 'Activity log' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'login', exact: true }).click();
    await expect(page).toHaveURL(/action=login/);
    const rows = table.locator('tr[data-activity-id]');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText('login');
    await expect(table).not.toContainText('signup');
  });
});
