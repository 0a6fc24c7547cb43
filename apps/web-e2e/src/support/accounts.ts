import { expect, Page } from '@playwright/test';

export const ADMIN = { email: 'admin@hardhathosting.work', password: 'E2e-Admin-Passw0rd' };

let counter = 0;

export function newClient() {
  counter += 1;
  const stamp = `${Date.now()}${counter}`;
  return { name: `Casey Client ${counter}`, email: `casey.${stamp}@example.com`, password: 'Lantern-Osprey-7' };
}

/** Signs up through the form and waits for the API's answer: 201 unless the journey expects a refusal (409). */
export async function signUpInBrowser(
  page: Page,
  client: { name: string; email: string; password: string },
  expectedStatus = 201,
) {
  await page.goto('/voip/auth');
  await page.getByRole('tab', { name: 'Sign up' }).click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Create account' }) });
  await form.getByLabel('Name').fill(client.name);
  await form.getByLabel('Email').fill(client.email);
  await form.getByLabel('Password', { exact: true }).fill(client.password);
  // The account exists once the API has answered: callers go on to approve it through the admin API at once.
  const created = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/signup'));
  await form.getByRole('button', { name: 'Create account' }).click();
  expect((await created).status()).toBe(expectedStatus);
}

export async function signInInBrowser(page: Page, email: string, password: string) {
  await page.goto('/voip/auth');
  await page.getByRole('tab', { name: 'Sign in' }).click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Sign in' }) });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /account menu|user menu/i }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/voip\/auth/);
}
