import { expect, test } from './support/fixtures';
import { ADMIN, newClient, signInInBrowser, signOut, signUpInBrowser } from './support/accounts';

test.describe('accounts in the browser', () => {
  test('the landing page leads to the client portal', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Client Portal' }).click();
    await expect(page).toHaveURL(/\/voip\/auth$/);
    await expect(page.getByRole('tab', { name: 'Sign in' })).toBeVisible();
  });

  test('sign up → awaiting approval → sign out → sign in again', async ({ page }) => {
    const client = newClient();
    await signUpInBrowser(page, client);

    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await expect(page.getByRole('status').filter({ hasText: /awaiting approval/i })).toBeVisible();

    await signOut(page);
    await page.goto('/voip/dashboard');
    await expect(page).toHaveURL(/\/voip\/auth/);

    await signInInBrowser(page, client.email, client.password);
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await expect(page.getByText(client.name).first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /awaiting approval/i })).toBeVisible();
  });

  test('the session survives a reload', async ({ page }) => {
    await signUpInBrowser(page, newClient());
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await page.reload();
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await expect(page.getByRole('status').filter({ hasText: /awaiting approval/i })).toBeVisible();
  });

  test('sign-up shows the server refusal next to the email field', async ({ page, request }) => {
    const client = newClient();
    await request.post('/api/v1/auth/signup', { data: client });
    await signUpInBrowser(page, client, 409);
    await expect(page.getByText(/already registered/i)).toBeVisible();
    await expect(page).toHaveURL(/\/voip\/auth/);
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await signInInBrowser(page, ADMIN.email, 'Not-the-passw0rd');
    await expect(page.getByText('Invalid email or password')).toBeVisible();
    await expect(page).toHaveURL(/\/voip\/auth/);
  });

  test('an admin who signs in lands on /voip/admin', async ({ page }) => {
    await signInInBrowser(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/voip\/admin$/);
    await expect(page.getByRole('heading', { name: 'Admin dashboard' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Users', exact: true })).toBeVisible();
  });
});

test.describe('guards', () => {
  test('an unauthenticated visit to /voip/dashboard lands on /voip/auth', async ({ page }) => {
    await page.goto('/voip/dashboard');
    await expect(page).toHaveURL(/\/voip\/auth/);
  });

  test('a client visiting /voip/admin is turned away', async ({ page }) => {
    await signUpInBrowser(page, newClient());
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
    await page.goto('/voip/admin');
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    await page.goto('/voip/admin/users');
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
  });
});
