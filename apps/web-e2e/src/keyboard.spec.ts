import { expect, test } from './support/fixtures';
import { newClient, signInInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

test('on a phone the dialer shows the whole number, keeps the call controls on screen, and Escape hangs up', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const client = newClient();
  expect((await request.post('/api/v1/auth/signup', { data: client })).status()).toBe(201);
  await (await AdminApi.signIn(request)).approveWithNumber(client.email);
  await signInInBrowser(page, client.email, client.password);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await page.goto('/voip/dialer');

  const field = page.getByLabel('Phone number');
  await field.fill('+15005550004');
  // Not cut: the field's text fits its box (the font shrinks rather than scroll or clip a digit).
  await expect(field).toHaveValue('+1 500 555 0004');
  expect(await field.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);

  await field.press('Enter');
  const hangUp = page.getByRole('button', { name: 'Hang up' });
  await expect(hangUp).toBeVisible();
  await expect(hangUp).toHaveAttribute('aria-keyshortcuts', 'Escape');
  await expect(hangUp).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Mute' })).toBeInViewport();

  await page.keyboard.press('Escape');
  await expect(page.getByRole('status')).toHaveText(/Canceled|Completed/);
  // The keyboard is back in the number field, ready for the next number.
  await expect(field).toBeFocused();
});

test('approving by keyboard moves focus to the next account, and focus is always visible', async ({
  page,
  request,
}) => {
  const first = newClient();
  const second = newClient();
  for (const who of [first, second]) {
    expect((await request.post('/api/v1/auth/signup', { data: who })).status()).toBe(201);
  }
  const admin = await (await AdminApi.signIn(request)).adminOfItsOwn();
  await signInInBrowser(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/voip\/(dashboard|admin)/);
  await page.goto('/voip/admin/users?status=pending');

  // The newest sign-up is listed first: approve it, and the keyboard moves on to the one below.
  const approve = page.getByRole('button', { name: `Approve ${second.name}` });
  await approve.focus();
  // A ring, not a faint fill.
  expect(await approve.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(`${second.name} is approved.`)).toBeVisible();

  // Focus left the replaced button for the next row, not the page's body.
  const focusedRow = page.locator('tr:has(:focus)');
  await expect(focusedRow).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
  await expect(focusedRow).toContainText(first.email);

  // A nav link reached with Tab shows its ring too.
  const link = page.getByRole('link', { name: 'Number inventory' });
  await link.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
});
