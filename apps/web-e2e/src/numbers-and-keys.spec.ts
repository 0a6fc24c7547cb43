import { expect, test } from './support/fixtures';
import { AdminApi } from './support/admin-api';
import { newClient, signUpInBrowser } from './support/accounts';

test.describe('numbers and API keys', () => {
  test('request a number → an admin approves it → it appears in My Numbers live → call from it', async ({
    page,
    request,
  }) => {
    const client = newClient();
    const admin = await AdminApi.signIn(request);
    const areaLine = `+1909555${String(2000 + (Date.now() % 7000)).padStart(4, '0')}`;
    await admin.addNumber(areaLine, 'Riverside office');

    await signUpInBrowser(page, client);
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await admin.approveUser(client.email);

    await page.goto('/voip/request-number');
    const form = page.getByRole('form', { name: 'New request' });
    await form.getByLabel('Area code').fill('909');
    await form.getByLabel('Business name').fill('Casey Roofing');
    await form.getByLabel('Reason').fill('A local line for the office');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByText(/Request submitted/)).toBeVisible();
    await expect(page.getByRole('article', { name: /Request #\d+/ }).first()).toContainText('Pending');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My numbers' }).click();
    await expect(page.getByRole('heading', { name: 'You have no numbers yet' })).toBeVisible();

    const decision = await admin.approvePendingRequestOf(client.email);
    expect(decision.status).toBe('fulfilled');

    // No reload: the fulfilment arrives over the live stream.
    const card = page.getByRole('article').filter({ hasText: 'Riverside office' });
    await expect(card).toBeVisible({ timeout: 10_000 });
    await card.getByRole('link', { name: 'Call from this number' }).click();
    await expect(page).toHaveURL(/\/voip\/dialer\?from=/);
    await expect(page.getByRole('combobox', { name: 'Caller ID' })).toContainText('Riverside office');

    const keypad = page.getByRole('group', { name: 'Keypad' });
    for (const digit of '15005550004') await keypad.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Completed · 0:30', { timeout: 45_000 });
  });

  test('create a key, see it once, use it from outside the browser, revoke it, see it refused', async ({
    page,
    request,
  }) => {
    const client = newClient();
    const admin = await AdminApi.signIn(request);
    await signUpInBrowser(page, client);
    await admin.approveUser(client.email);

    await page.goto('/voip/api-keys');
    await page.getByLabel('Key name').fill('CRM integration');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('It will not be shown again');
    const key = await dialog.getByLabel('Your new API key').inputValue();
    expect(key).toMatch(/^hh_live_[0-9A-Za-z]{32,}$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText(key)).toHaveCount(0);
    expect(await page.content()).not.toContain(key);

    // Outside the browser: a plain HTTP client with the key.
    const numbers = await request.get('/api/v1/numbers', { headers: { 'X-API-Key': key } });
    expect(numbers.status()).toBe(200);
    const bearer = await request.get('/api/v1/calls', { headers: { Authorization: `Bearer ${key}` } });
    expect(bearer.status()).toBe(200);

    await page.reload();
    const row = page.getByRole('table', { name: 'My API keys' }).getByRole('row', { name: /CRM integration/ });
    await expect(row).toContainText('Active');
    await expect(row).toContainText(key.slice(0, 12));
    // Uses (the sixth column): the two requests made with the key above.
    await expect(row.getByRole('cell').nth(5)).toHaveText('2');

    await row.getByRole('button', { name: 'Revoke CRM integration' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect(row).toContainText('Revoked');

    const refused = await request.get('/api/v1/numbers', { headers: { 'X-API-Key': key } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).detail).toMatch(/revoked/);
  });
});
