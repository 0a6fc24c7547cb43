import { APIRequestContext, expect, Page } from '@playwright/test';
import type { Call } from '@hh/contracts';
import { newClient, signInInBrowser } from '../../src/support/accounts';
import { AdminApi } from '../../src/support/admin-api';
import { waitUntil } from './stack';

let address = 0;

/** A distinct client address per sign-in, as real users have (the per-IP sign-in limit counts one journey). */
function nextAddress(): string {
  address += 1;
  return `192.0.2.${((process.pid + address) % 250) + 1}`;
}

export interface Client {
  name: string;
  email: string;
  password: string;
  /** The number assigned to the client. */
  number: string;
  userId: number;
  token: string;
}

/** A client signed up through the API, approved with a fresh number by the admin, with an API session of its own. */
export async function activeClient(request: APIRequestContext, options: { approve?: boolean } = {}): Promise<Client> {
  const client = newClient();
  const signup = await request.post('/api/v1/auth/signup', {
    data: client,
    headers: { 'X-Forwarded-For': nextAddress() },
  });
  expect(signup.status()).toBe(201);
  const admin = await AdminApi.signIn(request);
  const number = options.approve === false ? '' : await admin.approveWithNumber(client.email);
  const userId = await admin.userIdOf(client.email);
  return { ...client, number, userId, token: await signIn(request, client.email, client.password) };
}

export async function signIn(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', {
    data: { email, password },
    headers: { 'X-Forwarded-For': nextAddress() },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken;
}

/** Signs the client in in the browser, with the softphone's test hook on, and waits until the phone is online. */
export async function openDialer(page: Page, client: Client): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem('hh.e2e', '1'));
  await signInInBrowser(page, client.email, client.password);
  await expect(page).toHaveURL(/\/voip\/dashboard$/);
  await page.goto('/voip/dialer');
  await expect(page.getByText('Phone online')).toBeVisible({ timeout: 20_000 });
}

/** Types the number on the dialer and presses Call. */
export async function dial(page: Page, number: string): Promise<void> {
  await page.getByLabel('Phone number').fill(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

export async function calls(request: APIRequestContext, client: Client): Promise<Call[]> {
  const res = await request.get('/api/v1/calls?pageSize=100', { headers: { Authorization: `Bearer ${client.token}` } });
  expect(res.status()).toBe(200);
  return (await res.json()).data;
}

/** The client's call that satisfies `test`, once it does (the inbox applies Kamailio's events within a moment). */
export async function callMatching(
  request: APIRequestContext,
  client: Client,
  test: (call: Call) => boolean,
  ms = 15_000,
): Promise<Call> {
  let found: Call | undefined;
  await waitUntil(async () => !!(found = (await calls(request, client)).find(test)), ms, 'the call row');
  return found as Call;
}

/**
 * What the softphone hears: the dominant frequency and its level in the remote stream, from a WebAudio analyser
 * (Chrome's inbound-rtp audioLevel reads 0 in headless mode), over `ms` of audio.
 */
export async function heard(page: Page, ms = 1500): Promise<{ hz: number; db: number }> {
  return page.evaluate(async (ms) => {
    const hook = (window as unknown as { __hhSoftphone?: { remoteStream(): MediaStream | null } }).__hhSoftphone;
    const stream = hook?.remoteStream();
    if (!stream) throw new Error('the softphone has no remote stream');
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    context.createMediaStreamSource(stream).connect(analyser);
    await new Promise((r) => setTimeout(r, ms));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let peak = 0;
    for (let i = 1; i < bins.length; i++) if ((bins[i] as number) > (bins[peak] as number)) peak = i;
    const result = {
      hz: Math.round((peak * context.sampleRate) / analyser.fftSize),
      db: Math.round(bins[peak] as number),
    };
    await context.close();
    return result;
  }, ms);
}

/** The SIP Call-ID of the softphone's current (or last) call. */
export async function sipCallId(page: Page): Promise<string | null> {
  return page.evaluate(
    () => (window as unknown as { __hhSoftphone?: { callId(): string | null } }).__hhSoftphone?.callId() ?? null,
  );
}
