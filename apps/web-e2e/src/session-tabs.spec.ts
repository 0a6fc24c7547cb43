import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { newClient, signUpInBrowser } from './support/accounts';

let contextNumber = 0;

/** A browser profile of its own (its own cookie jar and Web Locks), coming from its own client address. */
function newBrowserContext(browser: Browser): Promise<BrowserContext> {
  contextNumber += 1;
  const address = `198.18.${process.pid % 250}.${(contextNumber % 250) + 1}`;
  return browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': address } });
}

async function expectSignedIn(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible();
}

const refreshCookieOf = async (context: BrowserContext) =>
  (await context.cookies()).filter((cookie) => cookie.name === 'hh_refresh');

test.describe('one session in several tabs', () => {
  test('three tabs opened and reloaded together all stay signed in, and the session is not revoked', async ({
    browser,
  }) => {
    const context = await newBrowserContext(browser);
    const first = await context.newPage();
    await signUpInBrowser(first, newClient());
    await expectSignedIn(first);
    // Every refresh from here on presents a cookie of this session.
    const refreshes: number[] = [];
    context.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v1/auth/refresh') refreshes.push(response.status());
    });

    // Two more tabs open at the same moment; each restores the session from the shared refresh cookie on load.
    const tabs = [first, await context.newPage(), await context.newPage()];
    await Promise.all(tabs.slice(1).map((tab) => tab.goto('/voip/dashboard')));
    for (const tab of tabs) await expectSignedIn(tab);

    // Then all three reload together, twice: each refresh rotates the token the next one presents.
    for (let round = 0; round < 2; round++) {
      await Promise.all(tabs.map((tab) => tab.reload()));
      for (const tab of tabs) await expectSignedIn(tab);
    }

    // The rotations were all accepted (a reuse would have answered 401 and revoked the session)…
    expect(refreshes.length).toBeGreaterThanOrEqual(8);
    expect(refreshes.filter((status) => status !== 200)).toEqual([]);
    // …and the session lives on: one more reload still signs in.
    await first.reload();
    await expectSignedIn(first);
    await context.close();
  });

  test('a rotated refresh cookie replayed from another browser still ends the session everywhere', async ({
    browser,
  }) => {
    const mine = await newBrowserContext(browser);
    const page = await mine.newPage();
    await signUpInBrowser(page, newClient());
    await expectSignedIn(page);
    const stolen = await refreshCookieOf(mine);
    expect(stolen).toHaveLength(1);

    // A reload rotates the token: this browser now holds a newer cookie, the copied one is spent.
    await page.reload();
    await expectSignedIn(page);
    expect((await refreshCookieOf(mine))[0]?.value).not.toBe(stolen[0].value);

    // Someone else presents the spent cookie: that is theft, and the whole session is revoked.
    const thief = await newBrowserContext(browser);
    await thief.addCookies(stolen);
    // The thief copies the browser's storage too (its session hint: the app restores a session only when the
    // browser says it holds one).
    await thief.addInitScript(() => window.localStorage.setItem('hh.session', '1'));
    const theirs = await thief.newPage();
    await theirs.goto('/voip/dashboard');
    await expect(theirs).toHaveURL(/\/voip\/auth/);

    // Including here: the newest cookie no longer restores the session.
    await page.reload();
    await expect(page).toHaveURL(/\/voip\/auth/);
    await thief.close();
    await mine.close();
  });
});
