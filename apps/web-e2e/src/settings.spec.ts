import { expect, test } from './support/fixtures';
import { newClient, signInInBrowser, signOut, signUpInBrowser } from './support/accounts';

test('a client renames themselves, changes their password, signs out and signs in with the new one', async ({
  page,
}) => {
  const client = newClient();
  await signUpInBrowser(page, client);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);

  await page.goto('/voip/settings');
  const profile = page.locator('form', { has: page.getByRole('button', { name: /save/i }) });
  await profile.getByLabel('Name').fill('Casey Renamed');
  await profile.getByRole('button', { name: /save/i }).click();
  await expect(page.getByText(/saved|updated/i).first()).toBeVisible();

  const passwordForm = page.locator('form', { has: page.getByRole('button', { name: /change password/i }) });
  await passwordForm.getByLabel('Current password').fill('wrong-Passw0rd');
  await passwordForm.getByLabel('New password', { exact: true }).fill('Harbor-Finch-92');
  await passwordForm.getByLabel('Confirm new password').fill('Harbor-Finch-92');
  await passwordForm.getByRole('button', { name: /change password/i }).click();
  await expect(page.getByText(/incorrect/i)).toBeVisible();

  await passwordForm.getByLabel('Current password').fill(client.password);
  await passwordForm.getByRole('button', { name: /change password/i }).click();
  await expect(page.getByText(/password changed/i)).toBeVisible();

  await signOut(page);
  await signInInBrowser(page, client.email, 'Harbor-Finch-92');
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await expect(page.getByText('Casey Renamed').first()).toBeVisible();
});
