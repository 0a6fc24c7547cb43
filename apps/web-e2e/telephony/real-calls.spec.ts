import { chromium } from '@playwright/test';
import { expect, test } from '../src/support/fixtures';
import { FarEnd } from './support/baresip';
import { activeClient, callMatching, dial, heard, openDialer } from './support/portal';
import { chromiumArgs, measureWav, SIP, toneFile, TONES } from './support/stack';

/** The far end's number: baresip, standing in for the trunk, answers it at once with a 1 kHz tone. */
const FAR_NUMBER = '+15005550004';

let farEnd: FarEnd;

test.beforeAll(async () => {
  farEnd = new FarEnd({
    name: 'trunk',
    sipPort: SIP.trunkPort,
    ctrlPort: 4601,
    wav: toneFile(TONES.farEnd, 8000),
    numbers: [FAR_NUMBER],
    outbound: `sip:127.0.0.1:${SIP.port}`,
  });
  await farEnd.start();
});

test.afterAll(async () => {
  await farEnd.stop();
});

/** Within a tone's tolerance: the analyser's bins are 5.9 Hz wide at 48 kHz, codecs and resampling shift a little. */
function near(hz: number, expected: number): boolean {
  return Math.abs(hz - expected) <= expected * 0.05;
}

test.describe('real calls through Kamailio and rtpengine', () => {
  test('a client calls the telephone network: each side hears the other, and the history has the real duration', async ({
    page,
    request,
  }) => {
    const client = await activeClient(request);
    await openDialer(page, client);
    const recordingsBefore = farEnd.heard().length;

    await dial(page, FAR_NUMBER);
    const status = page.getByRole('status');
    await expect(status).toHaveText(/In progress/, { timeout: 15_000 });
    const answeredAt = Date.now();

    const inBrowser = await heard(page);
    expect({ ...inBrowser, near: near(inBrowser.hz, TONES.farEnd) }).toMatchObject({ near: true });
    expect(inBrowser.db).toBeGreaterThan(-70);

    // DTMF travels in the audio as RFC 4733 events, which the far end decodes.
    await page.getByRole('region', { name: 'In-call keypad' }).getByRole('button', { name: '5', exact: true }).click();
    expect((await farEnd.waitForEvent('CALL_DTMF_START')).param).toBe('5');

    await page.waitForTimeout(Math.max(0, 4000 - (Date.now() - answeredAt)));
    await page.getByRole('button', { name: 'Hang up' }).click();
    const talkSeconds = (Date.now() - answeredAt) / 1000;
    await expect(status).toHaveText(/Completed/, { timeout: 10_000 });

    const call = await callMatching(request, client, (c) => c.toNumber === FAR_NUMBER && c.status === 'completed');
    expect(call.direction).toBe('outbound');
    expect(Math.abs(call.durationSeconds - talkSeconds)).toBeLessThanOrEqual(1);
    expect(call.cost).toBeGreaterThan(0);

    // What the far end heard: baresip's recording of the call, measured with sox.
    const recordings = farEnd.heard();
    expect(recordings.length).toBe(recordingsBefore + 1);
    const atFarEnd = measureWav(recordings[recordings.length - 1] as string);
    expect(atFarEnd.rms).toBeGreaterThan(0.01);
    expect({ ...atFarEnd, near: near(atFarEnd.hz, TONES.browserA) }).toMatchObject({ near: true });
    test.info().annotations.push({
      type: 'tones',
      description: `browser heard ${inBrowser.hz} Hz at ${inBrowser.db} dBFS; far end heard ${atFarEnd.hz} Hz (RMS ${atFarEnd.rms})`,
    });
  });

  test("one client calls another's number: it rings in the callee's browser, audio flows both ways, both histories show it", async ({
    page,
    request,
  }) => {
    const caller = await activeClient(request);
    const callee = await activeClient(request);
    await openDialer(page, caller);
    // The callee's browser has a microphone of its own, playing another tone.
    const calleeBrowser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs(toneFile(TONES.browserB)),
    });
    try {
      const calleeContext = await calleeBrowser.newContext({
        baseURL: test.info().project.use.baseURL,
        permissions: ['microphone', 'notifications'],
      });
      const calleePage = await calleeContext.newPage();
      await openDialer(calleePage, callee);
      // The incoming call rings on every page, not only the dialer.
      await calleePage.goto('/voip/calls');

      await dial(page, callee.number);
      const incoming = calleePage.getByTestId('incoming-call');
      await expect(incoming).toBeVisible({ timeout: 15_000 });
      await expect(calleePage.getByTestId('incoming-caller')).toContainText(caller.number.slice(-4));
      await expect(calleePage.getByTestId('incoming-called')).toContainText(callee.number.slice(-4));
      await expect(page.getByRole('status')).toHaveText(/Ringing/);

      await calleePage.getByTestId('incoming-accept').click();
      await expect(calleePage).toHaveURL(/\/voip\/dialer/);
      await expect(page.getByRole('status')).toHaveText(/In progress/, { timeout: 15_000 });
      const answeredAt = Date.now();

      const [callerHeard, calleeHeard] = await Promise.all([heard(page), heard(calleePage)]);
      expect({ ...callerHeard, near: near(callerHeard.hz, TONES.browserB) }).toMatchObject({ near: true });
      expect({ ...calleeHeard, near: near(calleeHeard.hz, TONES.browserA) }).toMatchObject({ near: true });

      // Mute acts on the real call: the callee hears silence, then the caller's tone again.
      await page.getByRole('button', { name: 'Mute' }).click();
      await expect(page.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(async () => (await heard(calleePage, 500)).db, { timeout: 5_000 }).toBeLessThan(-90);
      await page.getByRole('button', { name: 'Mute' }).click();
      await expect
        .poll(async () => near((await heard(calleePage, 500)).hz, TONES.browserA), { timeout: 5_000 })
        .toBe(true);

      await calleePage.waitForTimeout(Math.max(0, 3000 - (Date.now() - answeredAt)));
      await calleePage.getByRole('button', { name: 'Hang up' }).click();
      const talkSeconds = (Date.now() - answeredAt) / 1000;
      await expect(page.getByRole('status')).toHaveText(/Completed/, { timeout: 10_000 });

      const outbound = await callMatching(
        request,
        caller,
        (c) => c.toNumber === callee.number && c.status === 'completed',
      );
      const inbound = await callMatching(request, callee, (c) => c.direction === 'inbound' && c.status === 'completed');
      expect(outbound.direction).toBe('outbound');
      expect(inbound.fromNumber).toBe(caller.number);
      expect(inbound.toNumber).toBe(callee.number);
      for (const call of [outbound, inbound]) {
        expect(Math.abs(call.durationSeconds - talkSeconds)).toBeLessThanOrEqual(1);
        expect(call.cost).toBe(0);
      }
      test.info().annotations.push({
        type: 'tones',
        description: `caller heard ${callerHeard.hz} Hz (${callerHeard.db} dBFS); callee heard ${calleeHeard.hz} Hz (${calleeHeard.db} dBFS)`,
      });
    } finally {
      await calleeBrowser.close();
    }
  });

  test('the telephone network calls a client: declined is busy, unanswered is no answer after 25 s', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const client = await activeClient(request);
    await openDialer(page, client);
    const kamailio = `127.0.0.1:${SIP.port}`;

    await farEnd.dial(`sip:${client.number}@${kamailio}`);
    await expect(page.getByTestId('incoming-call')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('incoming-caller')).toContainText(FAR_NUMBER.slice(-4));
    await page.getByTestId('incoming-decline').click();
    await expect(page.getByTestId('incoming-call')).toBeHidden();
    const declined = await callMatching(request, client, (c) => c.direction === 'inbound' && c.status === 'busy');
    expect(declined.fromNumber).toBe(FAR_NUMBER);
    expect(declined.toNumber).toBe(client.number);

    const ringingFrom = Date.now();
    await farEnd.dial(`sip:${client.number}@${kamailio}`);
    await expect(page.getByTestId('incoming-call')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('incoming-call')).toBeHidden({ timeout: 40_000 });
    const missed = await callMatching(
      request,
      client,
      (c) => c.direction === 'inbound' && c.status === 'no_answer',
      10_000,
    );
    expect((Date.now() - ringingFrom) / 1000).toBeGreaterThanOrEqual(24);
    expect(missed.durationSeconds).toBe(0);
    expect(missed.cost).toBe(0);
  });
});
