import { expect, test } from './support/fixtures';
import { newClient, signUpInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

test.describe('calling from the browser', () => {
  test('dial 1 500 555 0004 on the keypad: ringing → in progress → completed, then find it in the history', async ({
    page,
    request,
  }) => {
    const client = newClient();
    await signUpInBrowser(page, client);
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await (await AdminApi.signIn(request)).approveWithNumber(client.email);

    await page.goto('/voip/dialer');
    const keypad = page.getByRole('group', { name: 'Keypad' });
    for (const digit of '15005550004') await keypad.getByRole('button', { name: digit, exact: true }).click();
    await expect(page.getByLabel('Phone number')).toHaveValue('1 (500) 555-0004');
    await page.getByRole('button', { name: 'Call', exact: true }).click();

    const status = page.getByRole('status');
    await expect(status).toHaveText(/Ringing/, { timeout: 10_000 });
    await expect(status).toHaveText(/In progress/, { timeout: 10_000 });
    await expect(page.getByRole('timer', { name: 'Call duration' })).toBeVisible();
    await expect(status).toHaveText('Completed · 0:30', { timeout: 45_000 });

    await page.getByRole('link', { name: 'View all calls' }).click();
    await expect(page).toHaveURL(/\/voip\/calls/);
    const row = page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ hasText: '555-0004' }).first();
    await expect(row).toContainText('Completed');
    await expect(row).toContainText(/0:30|30s/);
    await row.click();
    const details = page.getByRole('dialog', { name: 'Call details' });
    await expect(details).toContainText('$0.0200');
  });

  test('dial 1 500 555 0005, hang up, and see the duration', async ({ page, request }) => {
    const client = newClient();
    await signUpInBrowser(page, client);
    await (await AdminApi.signIn(request)).approveWithNumber(client.email);

    await page.goto('/voip/dialer');
    await expect(page.getByRole('combobox', { name: 'Caller ID' })).toBeVisible();
    // The keyboard dials too (focus outside any text field).
    await page.getByRole('heading', { name: 'Dialer' }).click();
    await page.keyboard.type('15005550005');
    await expect(page.getByLabel('Phone number')).toHaveValue('1 (500) 555-0005');
    await page.keyboard.press('Enter');
    const status = page.getByRole('status');
    await expect(status).toHaveText(/In progress/, { timeout: 15_000 });
    await page.getByRole('region', { name: 'In-call keypad' }).getByRole('button', { name: '1', exact: true }).click();
    await expect(page.getByText('Tones sent: 1')).toBeVisible();
    // Talk until the call's own timer has run 2 s (real time), then hang up.
    await expect(page.getByRole('timer', { name: 'Call duration' })).toHaveText(/^00:0[2-9]$/);
    await page.getByRole('button', { name: 'Hang up' }).click();
    // About 2 s of real time at the e2e server's 5× speed: about 10 simulated seconds.
    await expect(status).toHaveText(/^Completed · 0:(0[8-9]|1\d)$/, { timeout: 10_000 });
  });

  test('a client without a number is told so and sent to request one', async ({ page }) => {
    await signUpInBrowser(page, newClient());
    await page.goto('/voip/dialer');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText("You don't have a phone number yet");
    await expect(alert.getByRole('link', { name: 'Request a number' })).toHaveAttribute(
      'href',
      /\/voip\/request-number/,
    );
    await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeDisabled();
  });
});
