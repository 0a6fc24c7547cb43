import { Secret, TOTP } from 'otpauth';
import { expect, test } from './support/fixtures';
import { newClient, signInInBrowser, signOut, signUpInBrowser } from './support/accounts';

/** The code an authenticator app would show for the secret it was given, computed here (RFC 6238). */
function codeFor(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });
}

test('a client turns on two-factor from the secret shown in Settings, signs out, and signs in with a code', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const client = newClient();
  await signUpInBrowser(page, client);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);

  await page.goto('/voip/settings');
  const security = page.locator('hh-two-factor-settings');
  await security.getByRole('button', { name: 'Set up two-factor' }).click();
  await expect(security.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await security.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // The previous step's code is accepted (one step either side), which leaves the current step for the sign-in; it
  // is typed early in a step, so the server still sees that step when the form arrives.
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 15_000) await page.waitForTimeout(left + 100);
  await security.getByLabel('Code from the app').fill(codeFor(secret, Date.now() - 30_000));
  await security.getByRole('button', { name: 'Turn on' }).click();
  const codes = security.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await security.getByRole('button', { name: 'I have saved them' }).click();
  await expect(security.getByText(/Two-factor is on/)).toBeVisible();
  await expect(security.getByText(/10 of 10 recovery codes left/)).toBeVisible();

  // The sessions list shows this browser as the current session.
  const sessions = page.locator('hh-sessions-card');
  await expect(sessions.locator('li.session.current')).toHaveCount(1);
  await expect(sessions.getByText('This device')).toBeVisible();

  await signOut(page);
  await signInInBrowser(page, client.email, client.password);
  const step = page.getByRole('form', { name: 'Two-factor verification' });
  await expect(step.getByLabel('Authentication code')).toBeVisible();
  await step.getByLabel('Authentication code').fill('000000' === codeFor(secret) ? '111111' : '000000');
  await step.getByRole('button', { name: 'Verify' }).click();
  await expect(step.getByText(/not the current code/i)).toBeVisible();

  await step.getByLabel('Authentication code').fill(codeFor(secret));
  await step.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
});
