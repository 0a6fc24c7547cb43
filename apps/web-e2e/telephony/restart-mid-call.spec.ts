import { expect, test } from '../src/support/fixtures';
import { FarEnd } from './support/baresip';
import { activeClient, callMatching, dial, heard, openDialer, sipCallId } from './support/portal';
import { killApi, SIP, startApi, startTelephony, stopTelephony, toneFile, TONES } from './support/stack';

const FAR_NUMBER = '+15005550005';

test('the API dies mid-call: the call goes on, and once the API is back the row reaches its true final status', async ({
  page,
  request,
}) => {
  const farEnd = new FarEnd({
    name: 'trunk-restart',
    sipPort: SIP.trunkPort,
    ctrlPort: 4602,
    wav: toneFile(TONES.farEnd, 8000),
    numbers: [FAR_NUMBER],
    outbound: `sip:127.0.0.1:${SIP.port}`,
  });
  await farEnd.start();
  try {
    const client = await activeClient(request);
    await openDialer(page, client);
    await dial(page, FAR_NUMBER);
    await expect(page.getByRole('status')).toHaveText(/In progress/, { timeout: 15_000 });
    const answeredAt = Date.now();
    const callId = await sipCallId(page);
    expect(callId).toBeTruthy();

    await killApi();
    // No API: the audio still flows through Kamailio and rtpengine.
    await page.waitForTimeout(1000);
    const duringOutage = await heard(page);
    expect(Math.abs(duringOutage.hz - TONES.farEnd)).toBeLessThanOrEqual(TONES.farEnd * 0.05);
    await page.waitForTimeout(Math.max(0, 4000 - (Date.now() - answeredAt)));
    await page.getByRole('button', { name: 'Hang up' }).click();
    const talkSeconds = (Date.now() - answeredAt) / 1000;
    await farEnd.waitForEvent('CALL_CLOSED');

    // The hang-up happened while the API was down; Kamailio recorded it. Back up, the API applies it with its time.
    await page.waitForTimeout(1500);
    await startApi();
    const call = await callMatching(request, client, (c) => c.callSid === callId && c.status === 'completed', 20_000);
    expect(Math.abs(call.durationSeconds - talkSeconds)).toBeLessThanOrEqual(1);
    expect(new Date(call.endTime as string).getTime()).toBeLessThan(Date.now() - 1000);
  } finally {
    await farEnd.stop();
  }
});

test('Kamailio restarts: the phone stops showing online, then registers again by itself', async ({ page, request }) => {
  const client = await activeClient(request);
  await openDialer(page, client);
  await page.getByLabel('Phone number').fill(FAR_NUMBER);
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeEnabled();
  await stopTelephony();
  // "Connecting…" while JsSIP retries, or "Phone offline": not online, and Call waits.
  await expect(page.getByTestId('phone-state')).not.toHaveText('Phone online', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeDisabled();
  await startTelephony();
  await expect(page.getByText('Phone online')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeEnabled();
});
