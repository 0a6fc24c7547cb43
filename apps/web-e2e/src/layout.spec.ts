import { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newClient, signInInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

/** The three screens of issue 14: a laptop, a desktop and a phone. */
const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 900 },
  { name: 'desktop', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const CLIENT_PAGES = [
  '/voip/calls',
  '/voip/numbers',
  '/voip/request-number',
  '/voip/api-keys',
  '/voip/contacts',
  '/voip/settings',
];
const ADMIN_PAGES = [
  '/voip/admin/users',
  '/voip/admin/numbers',
  '/voip/admin/requests',
  '/voip/admin/activity',
  '/voip/admin/recordings',
  '/voip/admin/mail',
];

interface Fit {
  pageOverflow: number;
  clipped: string[];
  tallestRow: number;
  rows: number;
}

/**
 * How the page's lists fit: how far the page scrolls sideways, the header cells or row actions that end outside
 * the viewport (or outside a table container that does not scroll), and the tallest body row.
 */
async function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped: string[] = [];
    let tallestRow = 0;
    let rows = 0;
    for (const table of Array.from(document.querySelectorAll('table'))) {
      if (table.closest('.cdk-visually-hidden, [hidden]') || table.getBoundingClientRect().width === 0) continue;
      const scroller = table.parentElement;
      const scrolls = !!scroller && scroller.scrollWidth > scroller.clientWidth + 1;
      const label = (cell: Element) => cell.textContent?.trim() || cell.getAttribute('aria-label') || cell.tagName;
      if (scrolls) {
        // A table may scroll inside its card only on a wide screen, and then its first column must stay in view.
        const first = table.querySelector('th');
        const sticky = !!first && getComputedStyle(first).position === 'sticky';
        if (width < 600 || !sticky) clipped.push(`${first ? label(first) : 'table'} (the table scrolls sideways)`);
      }
      for (const cell of Array.from(table.querySelectorAll('th, td button, td a'))) {
        const box = cell.getBoundingClientRect();
        if (box.width > 0 && !scrolls && box.right > width + 1) clipped.push(label(cell));
      }
      for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
        rows++;
        tallestRow = Math.max(tallestRow, row.getBoundingClientRect().height);
      }
    }
    return {
      pageOverflow: document.documentElement.scrollWidth - width,
      clipped,
      tallestRow: Math.round(tallestRow),
      rows,
    };
  });
}

async function seed(request: APIRequestContext) {
  const admin = await AdminApi.signIn(request);
  const client = newClient();
  const pending = newClient();
  for (const who of [client, pending]) {
    const res = await request.post('/api/v1/auth/signup', { data: who });
    expect(res.status()).toBe(201);
  }
  await admin.approveWithNumber(client.email);
  const login = await request.post('/api/v1/auth/login', { data: { email: client.email, password: client.password } });
  const auth = { Authorization: `Bearer ${(await login.json()).accessToken}` };
  // A few calls with notes, a request and a key, so that every list has rows.
  for (const [i, toNumber] of ['+15005550004', '+15005550005', '+12025550123'].entries()) {
    const res = await request.post('/api/v1/calls', {
      headers: { ...auth, 'Idempotency-Key': `layout-${Date.now()}-${i}` },
      data: { toNumber, notes: `Layout check call ${i} with a note long enough to need more than one line of text` },
    });
    expect(res.status()).toBe(201);
  }
  expect(
    (
      await request.post('/api/v1/number-requests', {
        headers: auth,
        data: { numberType: 'local', areaCode: '909', businessName: 'Harbor Tours', reason: 'Sales line' },
      })
    ).status(),
  ).toBe(201);
  expect((await request.post('/api/v1/api-keys', { headers: auth, data: { keyName: 'CRM sync' } })).status()).toBe(201);
  return { client, pending, admin: await admin.adminOfItsOwn() };
}

test.describe('every list fits the screen', () => {
  let accounts: Awaited<ReturnType<typeof seed>>;
  test.beforeAll(async ({ request }) => {
    accounts = await seed(request);
  });

  for (const viewport of VIEWPORTS) {
    test(`at ${viewport.width}×${viewport.height} (${viewport.name})`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const report: string[] = [];
      const check = async (path: string) => {
        await page.goto(path);
        await expect(page.locator('main')).toBeVisible();
        // The live stream keeps the network busy: wait for the list's rows instead.
        await page
          .locator('main table tbody tr')
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
        const fit = await measure(page);
        // Kept for whoever reviews the layout (issue 14 asks for the screenshots that were looked at).
        await page.screenshot({
          path: test.info().outputPath(`${viewport.name}${path.replace(/\//g, '-')}.png`),
          fullPage: true,
        });
        report.push(`${path}: overflow ${fit.pageOverflow}px, rows ${fit.rows}, tallest ${fit.tallestRow}px`);
        expect.soft(fit.pageOverflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
        expect.soft(fit.clipped, `${path} cuts columns`).toEqual([]);
        if (viewport.name !== 'phone') {
          expect.soft(fit.tallestRow, `${path} rows are taller than two lines`).toBeLessThanOrEqual(72);
        }
      };

      await signInInBrowser(page, accounts.client.email, accounts.client.password);
      await expect(page).toHaveURL(/\/voip\/dashboard$/);
      for (const path of CLIENT_PAGES) await check(path);

      await page.context().clearCookies();
      await signInInBrowser(page, accounts.admin.email, accounts.admin.password);
      await expect(page).toHaveURL(/\/voip\/(dashboard|admin)/);
      for (const path of ADMIN_PAGES) await check(path);

      // The admin sees whose account they approve: the first pending user's name and Approve, both on screen.
      await page.goto('/voip/admin/users?status=pending');
      const row = page.getByRole('row').filter({ hasText: accounts.pending.email }).first();
      await expect(row.getByText(accounts.pending.name)).toBeInViewport();
      const approve = row.getByRole('button', { name: /Approve/ });
      await expect(approve).toBeInViewport();
      // Within the table's visible part too, not scrolled out of its card.
      expect(
        await approve.evaluate((button) => {
          // All of the row's actions, not only the first.
          const box = (button.closest('hh-row-actions') ?? button).getBoundingClientRect();
          const card = button.closest('.table-scroll')?.getBoundingClientRect();
          return !!card && box.left >= card.left - 1 && box.right <= card.right + 1;
        }),
      ).toBe(true);

      test.info().annotations.push({ type: 'layout', description: report.join('; ') });
    });
  }
});
