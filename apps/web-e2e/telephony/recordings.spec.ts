import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhoneNumber, Recording } from '@hh/contracts';
import { expect, test } from '../src/support/fixtures';
import { FarEnd } from './support/baresip';
import { activeClient, callMatching, Client, dial, openDialer } from './support/portal';
import { bandRms, measureWav, RUN_DIR, SIP, toneFile, TONES, waitUntil } from './support/stack';

/** The far end's number: baresip answers it with a 1 kHz tone. */
const FAR_NUMBER = '+15005550004';

let farEnd: FarEnd;

test.beforeAll(async () => {
  farEnd = new FarEnd({
    name: 'trunk',
    sipPort: SIP.trunkPort,
    ctrlPort: 4602,
    wav: toneFile(TONES.farEnd, 8000),
    numbers: [FAR_NUMBER],
    outbound: `sip:127.0.0.1:${SIP.port}`,
  });
  await farEnd.start();
});

test.afterAll(async () => {
  await farEnd.stop();
});

async function recordCalls(request: Parameters<typeof activeClient>[0], client: Client): Promise<void> {
  const auth = { Authorization: `Bearer ${client.token}` };
  const numbers = (await (await request.get('/api/v1/numbers', { headers: auth })).json()).data as PhoneNumber[];
  const mine = numbers.find((n) => n.phoneNumber === client.number);
  expect(mine).toBeDefined();
  const res = await request.patch(`/api/v1/numbers/${mine?.id}`, { headers: auth, data: { recordCalls: true } });
  expect(res.status()).toBe(200);
}

test('a recorded real call: rtpengine captures both sides, and the portal plays them back as one WAV', async ({
  page,
  request,
}) => {
  const client = await activeClient(request);
  await recordCalls(request, client);
  await openDialer(page, client);

  await dial(page, FAR_NUMBER);
  const status = page.getByRole('status');
  await expect(status).toHaveText(/In progress/, { timeout: 15_000 });
  const answeredAt = Date.now();
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Hang up' }).click();
  const talkSeconds = (Date.now() - answeredAt) / 1000;
  await expect(status).toHaveText(/Completed/, { timeout: 10_000 });

  const call = await callMatching(request, client, (c) => c.toNumber === FAR_NUMBER && c.status === 'completed');
  expect(call.recorded).toBe(true);
  const auth = { Authorization: `Bearer ${client.token}` };
  let recording: Recording | undefined;
  await waitUntil(
    async () => {
      const res = await request.get(`/api/v1/calls/${call.id}/recordings`, { headers: auth });
      recording = ((await res.json()) as { data: Recording[] }).data[0];
      return recording?.status === 'completed';
    },
    30_000,
    'the recording to be rendered',
  );

  const media = await request.get(`/api/v1/recordings/${recording?.id}/media`, { headers: auth });
  expect(media.status()).toBe(200);
  expect(media.headers()['content-type']).toBe('audio/wav');
  const file = join(RUN_DIR, `recording-${recording?.id}.wav`);
  writeFileSync(file, await media.body());

  // As long as the call was answered, and both sides are in it: the browser's 440 Hz and the far end's 1 kHz.
  const whole = measureWav(file);
  expect(Math.abs(whole.seconds - talkSeconds)).toBeLessThanOrEqual(1.5);
  expect(Math.abs((recording?.durationSeconds ?? 0) - talkSeconds)).toBeLessThanOrEqual(1.5);
  const browserSide = bandRms(file, TONES.browserA);
  const farSide = bandRms(file, TONES.farEnd);
  const between = bandRms(file, 700);
  expect(browserSide).toBeGreaterThan(0.02);
  expect(farSide).toBeGreaterThan(0.02);
  expect(between).toBeLessThan(Math.min(browserSide, farSide) / 5);
  test.info().annotations.push({
    type: 'recording',
    description: `${whole.seconds} s (talked ${talkSeconds.toFixed(1)} s); RMS at 440 Hz ${browserSide}, at 1 kHz ${farSide}, at 700 Hz ${between}`,
  });

  // The call's details play it.
  await page.goto('/voip/calls');
  await page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ hasText: '555-0004' }).first().click();
  const player = page.getByRole('dialog', { name: 'Call details' }).getByTestId('recording-player');
  await player.getByRole('button', { name: 'Play recording' }).click();
  const audio = player.locator('audio');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0.2);
  expect(Math.abs((await audio.evaluate((el: HTMLAudioElement) => el.duration)) - whole.seconds)).toBeLessThan(0.5);
});
