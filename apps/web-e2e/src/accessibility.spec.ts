import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newClient, signInInBrowser, signOut } from './support/accounts';
import { AdminApi } from './support/admin-api';

const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const SIGNED_OUT = ['/', '/voip/auth', '/voip/forgot-password'];
const CLIENT = [
  '/voip/dashboard',
  '/voip/dialer',
  '/voip/calls',
  '/voip/numbers',
  '/voip/request-number',
  '/voip/api-keys',
  '/voip/settings',
  '/voip/contacts',
];
const ADMIN_PAGES = [
  '/voip/admin',
  '/voip/admin/users',
  '/voip/admin/numbers',
  '/voip/admin/requests',
  '/voip/admin/analytics',
  '/voip/admin/activity',
  '/voip/admin/recordings',
  '/voip/admin/mail',
];

/** Console errors and uncaught exceptions of the page, from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** axe-core's WCAG 2.x A/AA rules and best practices on the page as it stands; every violation, summarised. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.html.slice(0, 120))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

async function activeClient(request: APIRequestContext) {
  const client = newClient();
  expect((await request.post('/api/v1/auth/signup', { data: client })).status()).toBe(201);
  await (await AdminApi.signIn(request)).approveWithNumber(client.email);
  return client;
}

for (const viewport of VIEWPORTS) {
  test(`every page passes axe-core with no console errors at ${viewport.width}×${viewport.height}`, async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const errors = consoleErrors(page);
    const check = async (path: string) => {
      await page.goto(path);
      await expect(page.locator('main').first()).toBeVisible();
      // Lists load after the page: let them settle so that axe sees what people see.
      await page.waitForTimeout(700);
      expect.soft(await violations(page), `axe-core on ${path}`).toEqual([]);
    };

    for (const path of SIGNED_OUT) await check(path);

    const client = await activeClient(request);
    const admin = await (await AdminApi.signIn(request)).adminOfItsOwn();
    await signInInBrowser(page, client.email, client.password);
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    for (const path of CLIENT) await check(path);

    await signOut(page);
    await signInInBrowser(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/voip\/(dashboard|admin)/);
    for (const path of ADMIN_PAGES) await check(path);

    expect(errors).toEqual([]);
  });
}
