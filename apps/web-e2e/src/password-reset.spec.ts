import { E2E_SMTP_PORT } from '../playwright.config';
import { expect, test } from './support/fixtures';
import { linkIn, Mailbox } from './support/mailbox';
import { newClient, signInInBrowser, signOut, signUpInBrowser } from './support/accounts';

const mailbox = new Mailbox();

test.beforeAll(async () => {
  await mailbox.start(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await mailbox.stop();
});

test('a new client confirms their address from the mail, then resets a forgotten password from the mail and signs in', async ({
  page,
}) => {
  // A long journey (two mails through the outbox, two page loads from links): give it room on a busy machine.
  test.setTimeout(150_000);
  const client = newClient();
  await signUpInBrowser(page, client);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await expect(page.getByText(/Please confirm your e-mail address/)).toBeVisible();

  // The verification mail's link confirms the address; the banner goes away.
  const verification = await mailbox.waitFor(client.email, /Confirm your e-mail address/);
  await page.goto(linkIn(verification, '/voip/verify-email'));
  await expect(page.getByText('Your e-mail address is confirmed.', { exact: false })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the portal' }).click();
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await expect(page.getByText(/Please confirm your e-mail address/)).toHaveCount(0);
  await signOut(page);

  // Forgot password → the mail's link → a new password → sign in with it.
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/voip\/forgot-password$/);
  await page.getByLabel('Email').fill(client.email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText(/If an account uses this address/)).toBeVisible();

  const reset = await mailbox.waitFor(client.email, /Reset your Hardhat Hosting password/);
  const link = linkIn(reset, '/voip/reset-password');
  await page.goto(link);
  // The token leaves the address bar once read.
  await expect(page).toHaveURL(/\/voip\/reset-password$/);
  const newPassword = 'Harbor-Kestrel-58';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/Your password was changed/)).toBeVisible();
  await mailbox.waitFor(client.email, /password was reset/);

  // The link works once (a fresh load: the page is left first, as a hash change alone would not reload it).
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('Other-Kestrel-59');
  await page.getByLabel('Repeat the new password').fill('Other-Kestrel-59');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/invalid, already used or expired/)).toBeVisible();

  await signInInBrowser(page, client.email, newPassword);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
});
