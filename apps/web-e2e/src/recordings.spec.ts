import { expect, test } from './support/fixtures';
import { newClient, signUpInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

test('a recorded call plays in its details: play, seek and download', async ({ page, request }) => {
  const client = newClient();
  await signUpInBrowser(page, client);
  await (await AdminApi.signIn(request)).approveWithNumber(client.email);

  await page.goto('/voip/numbers');
  const recordCalls = page.getByRole('switch', { name: 'Record calls' });
  await recordCalls.click();
  await expect(recordCalls).toBeChecked();

  await page.goto('/voip/dialer');
  await page.getByLabel('Phone number').fill('+15005550004');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Completed · 0:30', { timeout: 45_000 });

  await page.goto('/voip/calls');
  const row = page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ hasText: '555-0004' }).first();
  await expect(row.getByRole('img', { name: 'Recorded' })).toBeVisible();
  await row.click();
  const details = page.getByRole('dialog', { name: 'Call details' });
  const player = details.getByTestId('recording-player');
  await expect(player).toBeVisible({ timeout: 15_000 });

  await player.getByRole('button', { name: 'Play recording' }).click();
  await expect(player.getByRole('button', { name: 'Pause recording' })).toBeVisible();
  const audio = player.locator('audio');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0.2);
  // The whole call was recorded: 30 s of audio, served with byte ranges so the browser can seek.
  expect(await audio.evaluate((el: HTMLAudioElement) => Math.round(el.duration))).toBe(30);

  const seek = player.getByRole('slider', { name: 'Seek' });
  await seek.evaluate((el: HTMLInputElement) => {
    el.value = '20';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThanOrEqual(20);

  const download = page.waitForEvent('download');
  await player.getByRole('button', { name: 'Download recording' }).click();
  expect((await download).suggestedFilename()).toMatch(/^call-\d+\.wav$/);
});
